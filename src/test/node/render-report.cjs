// Renders an HTML report in headless Chromium with Playwright and screenshots, each on its own,
// the elements whose drawing the test checks: every overlay (img in figure.tile) and every chart
// (svg.chart). Prints one JSON object: the page's size and, per element, its CSS selector,
// bounding box and screenshot file; for an overlay the image it claims to show (the data-image-id
// or data-moved-image around it) and its figure's class; for a chart the geometry Chromium gives
// its marks (SVG user units, which are the screenshot's pixels: the charts' viewBox is their size).
// Usage: NODE_PATH=<node_modules with playwright-core> node render-report.cjs CHROMIUM REPORT OUT
const { chromium } = require('playwright-core');
const path = require('path');

// In the page: a tile's claimed image. `img` is the tile's picture.
function tileOf(img) {
  const holder = img.closest('[data-image-id],[data-moved-image]');
  return {
    figure: img.closest('figure').className,
    imageId: holder.dataset.imageId || holder.dataset.movedImage,
  };
}

// In the page: a dot plot's metric, axis ticks (grid line x, tick label) and rows of marks.
function dotPlotOf(svg) {
  const centre = (e) => { const b = e.getBBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; };
  const span = (e) => { const b = e.getBBox(); return { x0: b.x, x1: b.x + b.width }; };
  const lines = [...svg.querySelectorAll('line.grid')];
  const labels = [...svg.querySelectorAll('text.tick')];
  const rows = [];
  let overall = null;
  for (const e of svg.children) {
    const kind = e.getAttribute('class') || '';
    if (kind.startsWith('label')) {
      rows.push({ label: e.textContent });
    } else if (kind === 'bar') {
      rows[rows.length - 1].bar = span(e);
    } else if (kind === 'whisker') {
      rows[rows.length - 1].whisker = span(e);
    } else if (kind.startsWith('dot')) {
      rows[rows.length - 1].dot = centre(e);
    } else if (kind === 'overall') {
      overall = span(e).x0;
    }
  }
  return {
    metric: svg.closest('[data-metric]').dataset.metric,
    ticks: lines.map((l, i) => ({ x: span(l).x0, value: Number(labels[i].textContent) })),
    overall,
    rows,
  };
}

// In the page: a line chart's plot frame and, per legend entry, the points of its line.
function lineChartOf(svg) {
  const frame = svg.querySelector('rect.frame').getBBox();
  const names = [...svg.querySelectorAll('text.legend')].map((t) => t.textContent);
  const series = [...svg.querySelectorAll('polyline')].map((line, i) => {
    const colour = line.getAttribute('stroke');
    const points = [...svg.querySelectorAll(`circle[fill="${colour}"]`)].map((c) => {
      const b = c.getBBox();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    });
    return { name: names[i], colour, points };
  });
  return { frame: { x: frame.x, y: frame.y, width: frame.width, height: frame.height }, series };
}

async function main() {
  const [executable, report, out] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: executable,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto('file://' + path.resolve(report), { waitUntil: 'load' });
    const describe = { 'figure.tile img': tileOf, 'svg.chart.lines': lineChartOf, 'svg.chart.dots': dotPlotOf };
    const elements = [];
    for (const [selector, about] of Object.entries(describe)) {
      const found = await page.$$(selector);
      for (let i = 0; i < found.length; i++) {
        const box = await found[i].boundingBox();
        const file = path.join(out, selector.replace(/[^a-z]+/g, '-') + i + '.png');
        await found[i].screenshot({ path: file });
        elements.push({ selector, box, file, ...(await found[i].evaluate(about)) });
      }
    }
    const size = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
    }));
    console.log(JSON.stringify({ size, elements }));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});

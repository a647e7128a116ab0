// Renders an HTML report in headless Chromium with Playwright and screenshots, each on its own,
// the elements whose drawing the test checks: every gallery overlay (img in figure.tile) and
// every chart (svg.chart). Prints one JSON object: the page's size and, per element, its CSS
// selector, bounding box and screenshot file.
// Usage: NODE_PATH=<node_modules with playwright-core> node render-report.cjs CHROMIUM REPORT OUT
const { chromium } = require('playwright-core');
const path = require('path');

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
    const elements = [];
    for (const selector of ['figure.tile img', 'svg.chart.lines', 'svg.chart.dots']) {
      const found = await page.$$(selector);
      for (let i = 0; i < found.length; i++) {
        const box = await found[i].boundingBox();
        const file = path.join(out, selector.replace(/[^a-z]+/g, '-') + i + '.png');
        await found[i].screenshot({ path: file });
        elements.push({ selector, box, file });
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

package io.camaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report's charts parsed back as XML: elements where the scales put them, text escaped. */
class SvgTest {

  @Test
  void dotPlotPutsEachGroupAtItsValueWithItsIntervalOnAClampedAxis() throws Exception {
    String svg =
        Svg.dotPlot(
            "energy <in box> & more",
            List.of(
                new Svg.Dot("cats & \"dogs\"", 0.5, 0.25, 0.75, 10, false),
                new Svg.Dot("over", 2.0, 0.5, 3.0, 5, false),
                new Svg.Dot("all", 0.8, Double.NaN, Double.NaN, 15, true)),
            new Axis(0, 1));
    Element root = parse(svg);
    assertEquals("energy <in box> & more by group", root.getAttribute("aria-label"));
    assertFalse(svg.contains("<in box>"), "text is escaped");
    // x = 150 + 230 * value / axisMax, clamped to [150, 380]; row i at y = 24 + 22 i + 11
    List<Element> dots = elements(root, "circle");
    assertEquals(
        List.of("265.0 35.0", "380.0 57.0", "334.0 79.0"),
        dots.stream().map(d -> d.getAttribute("cx") + " " + d.getAttribute("cy")).toList());
    assertEquals("dot overall-dot", dots.get(2).getAttribute("class"));
    assertEquals("cats & \"dogs\": 0.500 [0.250, 0.750], n=10", dots.get(0).getTextContent());
    List<Element> whiskers = elements(root, "path");
    assertEquals(
        List.of(
            "M207.5 35.0H322.5M207.5 30.0V40.0M322.5 30.0V40.0",
            "M265.0 57.0H380.0M265.0 52.0V62.0M380.0 52.0V62.0"),
        whiskers.stream().map(p -> p.getAttribute("d")).toList(),
        "none without an interval");
    Element overall = withClass(root, "line", "overall").get(0);
    assertEquals("334.0", overall.getAttribute("x1"));
    assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), texts(root, "tick"));
    assertEquals(
        List.of("cats & \"dogs\"", "over", "all"),
        withClass(root, "text", "label").stream().map(Element::getTextContent).toList());
    assertEquals(
        List.of("150 115.0", "150 230.0", "150 184.0"),
        bars(root),
        "bars from 0, cut at the axis's end");
    assertTrue(withClass(root, "line", "zero").isEmpty(), "no zero line on an axis from 0");
  }

  @Test
  void dotPlotDrawsNegativeValuesLeftOfZeroOnASignedAxis() throws Exception {
    Element root =
        parse(
            Svg.dotPlot(
                "signed",
                List.of(
                    new Svg.Dot("below", -0.5, -1, 0, 10, false),
                    new Svg.Dot("above", 0.5, 0, 1, 10, false),
                    new Svg.Dot("all", 0, -0.5, 0.5, 20, true)),
                new Axis(-1, 1)));
    // x = 150 + 230 * (value + 1) / 2: 0 at 265
    assertEquals(
        List.of("207.5", "322.5", "265.0"),
        elements(root, "circle").stream().map(d -> d.getAttribute("cx")).toList());
    assertEquals(
        List.of("207.5 57.5", "265 57.5", "265 0.0"),
        bars(root),
        "each bar runs from 0 to its value");
    assertEquals(
        List.of(
            "M150.0 35.0H265.0M150.0 30.0V40.0M265.0 30.0V40.0",
            "M265.0 57.0H380.0M265.0 52.0V62.0M380.0 52.0V62.0",
            "M207.5 79.0H322.5M207.5 74.0V84.0M322.5 74.0V84.0"),
        elements(root, "path").stream().map(p -> p.getAttribute("d")).toList());
    Element zero = withClass(root, "line", "zero").get(0);
    assertEquals(
        List.of("265.0", "265.0"), List.of(zero.getAttribute("x1"), zero.getAttribute("x2")));
    assertEquals("265.0", withClass(root, "line", "overall").get(0).getAttribute("x1"));
    assertEquals(List.of("-1", "-0.5", "0", "0.5", "1"), texts(root, "tick"));
  }

  @Test
  void lineChartMapsTheUnitSquareOntoThePlotAndDashesEverySeriesAfterTheFirst() throws Exception {
    Element root =
        parse(
            Svg.lineChart(
                "box accuracy",
                "τ",
                "accuracy",
                List.of(
                    new Svg.Series(
                        "<ours>",
                        List.of(
                            new double[] {0, 0}, new double[] {0.5, 0.25}, new double[] {1, 1})),
                    new Svg.Series("base", List.<double[]>of(new double[] {-1, 2})))));
    // x = 56 + 480 x, y = 290 - 260 y, both clamped to the plot
    List<Element> lines = elements(root, "polyline");
    assertEquals("56.0,290.0 296.0,225.0 536.0,30.0", lines.get(0).getAttribute("points"));
    assertEquals("#1f77b4", lines.get(0).getAttribute("stroke"));
    assertFalse(lines.get(0).hasAttribute("stroke-dasharray"));
    assertEquals("56.0,30.0", lines.get(1).getAttribute("points"));
    assertEquals("#ff7f0e", lines.get(1).getAttribute("stroke"));
    assertEquals("6 4", lines.get(1).getAttribute("stroke-dasharray"));
    assertEquals("<ours>: τ=0.500, 0.250", elements(root, "circle").get(1).getTextContent());
    assertEquals(List.of("<ours>", "base"), texts(root, "legend"));
    assertEquals(List.of("τ", "accuracy"), texts(root, "axis"));
    assertTrue(texts(root, "tick").containsAll(List.of("0", "0.2", "0.4", "1")));
  }

  private static Element parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  /** Each bar's {@code x} and {@code width}. */
  private static List<String> bars(Element root) {
    return withClass(root, "rect", "bar").stream()
        .map(b -> b.getAttribute("x") + " " + b.getAttribute("width"))
        .toList();
  }

  private static List<Element> elements(Element root, String tag) {
    NodeList nodes = root.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  /** Elements of {@code tag} whose first class is {@code cls}. */
  private static List<Element> withClass(Element root, String tag, String cls) {
    return elements(root, tag).stream()
        .filter(e -> e.getAttribute("class").split(" ")[0].equals(cls))
        .toList();
  }

  private static List<String> texts(Element root, String cls) {
    return withClass(root, "text", cls).stream().map(Element::getTextContent).toList();
  }
}

package io.camaudit.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the report: no scripts, no external references. */
final class Svg {

  private static final String[] SERIES_COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};

  private Svg() {}

  /** One row of a dot plot: a label, a value, its 95% interval and its sample size. */
  record Dot(String label, double value, double low, double high, long n, boolean overall) {}

  /** One line of a line chart. */
  record Series(String name, List<double[]> points) {}

  /**
   * A horizontal dot plot on {@code axis}: one row per group, a bar from 0 to the value, a dot at
   * the value, whiskers over the interval, a dashed line at the overall value; on an axis with
   * negative values a solid line at 0. Values beyond the axis sit at its end.
   */
  static String dotPlot(String metric, List<Dot> rows, Axis axis) {
    int left = 150;
    int plot = 230;
    int right = 170;
    int rowHeight = 22;
    int top = 24;
    int height = top + rows.size() * rowHeight + 30;
    int width = left + plot + right;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart dots\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"%s by group\">",
            width,
            height,
            width,
            height,
            Html.escape(metric)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"15\" class=\"title\">%s</text>",
            left,
            Html.escape(metric)));
    int axisY = top + rows.size() * rowHeight + 4;
    for (int t = 0; t <= 4; t++) {
      double v = axis.tick(t, 4);
      double x = left + plot * t / 4.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
              x,
              top - 4,
              x,
              axisY,
              x,
              axisY + 14,
              tick(v)));
    }
    double zero = scale(0, axis, left, plot);
    if (axis.low() < 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"zero\""
                  + " stroke=\"#9aa5b1\"/>",
              zero,
              top - 4,
              zero,
              axisY));
    }
    for (Dot row : rows) {
      if (row.overall()) {
        double x = scale(row.value(), axis, left, plot);
        s.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"overall\"/>",
                x,
                top - 4,
                x,
                axisY));
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      Dot row = rows.get(i);
      double y = top + i * rowHeight + rowHeight / 2.0;
      double x = scale(row.value(), axis, left, plot);
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" class=\"label%s\" text-anchor=\"end\">%s</text>",
              left - 8,
              y + 4,
              row.overall() ? " strong" : "",
              Html.escape(row.label())));
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%s\" y=\"%.1f\" width=\"%.1f\" height=\"8\" class=\"bar\"/>",
              coordinate(Math.min(zero, x)),
              y - 4,
              Math.abs(x - zero)));
      if (Double.isFinite(row.low()) && Double.isFinite(row.high())) {
        double x0 = scale(row.low(), axis, left, plot);
        double x1 = scale(row.high(), axis, left, plot);
        s.append(
            String.format(
                Locale.ROOT,
                "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" class=\"whisker\"/>",
                x0,
                y,
                x1,
                x0,
                y - 5,
                y + 5,
                x1,
                y - 5,
                y + 5));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" class=\"dot%s\"><title>%s: %s [%s, %s],"
                  + " n=%d</title></circle>",
              x,
              y,
              row.overall() ? " overall-dot" : "",
              Html.escape(row.label()),
              Html.num(row.value()),
              Html.num(row.low()),
              Html.num(row.high()),
              row.n()));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" class=\"value\">%s [%s, %s] n=%d</text>",
              left + plot + 8,
              y + 4,
              Html.num(row.value()),
              Html.num(row.low()),
              Html.num(row.high()),
              row.n()));
    }
    return s.append("</svg>").toString();
  }

  /** A line chart over x in [0, 1] and y in [0, 1] with a legend. */
  static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
    int left = 56;
    int top = 30;
    int plotW = 480;
    int plotH = 260;
    int width = left + plotW + 170;
    int height = top + plotH + 46;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart lines\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"%s\">",
            width,
            height,
            width,
            height,
            Html.escape(title)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"16\" class=\"title\">%s</text>",
            left,
            Html.escape(title)));
    for (int t = 0; t <= 10; t++) {
      double x = left + plotW * t / 10.0;
      double y = top + plotH - plotH * t / 10.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                  + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
              x,
              top,
              x,
              top + plotH,
              left,
              y,
              left + plotW,
              y));
      if (t % 2 == 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                x,
                top + plotH + 14,
                tick(t / 10.0),
                left - 6,
                y + 4,
                tick(t / 10.0)));
      }
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
            left,
            top,
            plotW,
            plotH));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
            left + plotW / 2.0,
            top + plotH + 34,
            Html.escape(xLabel)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%.1f\" class=\"axis\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %.1f)\">%s</text>",
            top + plotH / 2.0,
            top + plotH / 2.0,
            Html.escape(yLabel)));
    for (int i = 0; i < series.size(); i++) {
      Series line = series.get(i);
      String colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (double[] p : line.points()) {
        double x = left + plotW * clamp(p[0]);
        double y = top + plotH - plotH * clamp(p[1]);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        dots.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: τ=%s, %s</title>"
                    + "</circle>",
                x,
                y,
                colour,
                Html.escape(line.name()),
                Html.num(p[0]),
                Html.num(p[1])));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>",
              points.toString().trim(),
              colour,
              i > 0 ? " stroke-dasharray=\"6 4\"" : ""));
      s.append(dots);
      int ly = top + 16 + i * 20;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                  + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>",
              left + plotW + 14,
              ly,
              left + plotW + 36,
              ly,
              colour,
              left + plotW + 42,
              ly + 4,
              Html.escape(line.name())));
    }
    return s.append("</svg>").toString();
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double scale(double v, Axis axis, int left, int plot) {
    return left + plot * axis.position(v);
  }

  /** A coordinate: a whole number as such ({@code 150}), else to one decimal ({@code 207.5}). */
  private static String coordinate(double v) {
    return String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
  }

  private static String tick(double v) {
    return String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.2f", v)
        .replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }
}

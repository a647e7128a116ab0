package io.camaudit.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.camaudit.image.ColourMap;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.Metric;
import io.camaudit.report.ReportModel.CurvePoint;
import io.camaudit.report.ReportModel.GalleryGroup;
import io.camaudit.report.ReportModel.MovedImage;
import io.camaudit.report.ReportModel.MovedImages;
import io.camaudit.report.ReportModel.Picture;
import io.camaudit.report.ReportModel.RunView;
import io.camaudit.report.ReportModel.Table;
import io.camaudit.report.ReportModel.Tile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.DoubleStream;

/**
 * Renders a {@link ReportModel} as one self-contained HTML page: inline CSS, inline SVG charts and
 * PNG thumbnails as {@code data:} URIs; no scripts and no external references.
 */
public final class HtmlReport {

  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
        margin:0;background:#f6f7f9;color:#1d232b;line-height:1.4}
      header{background:#1d2b3a;color:#fff;padding:18px 28px}
      header h1{margin:0 0 6px;font-size:24px}
      header .sub{opacity:.8;font-size:14px}
      main{padding:8px 28px 40px;max-width:1240px}
      section{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:18px 0;
        padding:14px 20px}
      h2{font-size:19px;margin:4px 0 10px;border-bottom:1px solid #e5e9ee;padding-bottom:6px}
      h3{font-size:15px;margin:14px 0 6px}
      .cards{display:flex;flex-wrap:wrap;gap:10px}
      .card{border:1px solid #dde2e8;border-radius:5px;padding:8px 12px;min-width:120px;
        background:#fafbfc}
      .card .k{font-size:12px;color:#5b6673}.card .v{font-size:18px;font-weight:600}
      table{border-collapse:collapse;font-size:13px;margin:6px 0}
      th,td{border:1px solid #dde2e8;padding:3px 8px;text-align:left}
      th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
      tr.breach td{background:#fde2e1;color:#8a1c12;font-weight:600}
      .note{color:#5b6673;font-size:13px}
      .charts{display:flex;flex-wrap:wrap;gap:10px 18px}.metric{width:550px}
      svg.chart{background:#fff;font-size:12px}
      svg .title{font-weight:600;font-size:13px}
      svg .grid{stroke:#e5e9ee;stroke-width:1}
      svg .frame{fill:none;stroke:#9aa5b1}
      svg .tick,svg .value{fill:#5b6673;font-size:11px}
      svg .label{fill:#1d232b}svg .strong{font-weight:600}
      svg .bar{fill:#cfe0f3}
      svg .whisker{stroke:#1d2b3a;stroke-width:1.5;fill:none}
      svg .dot{fill:#1f77b4;stroke:#fff;stroke-width:1}
      svg .overall-dot{fill:#1d2b3a}
      svg .overall{stroke:#1d2b3a;stroke-dasharray:4 3;stroke-width:1}
      .gallery-row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start}
      figure.tile{margin:0;width:200px;border:1px solid #dde2e8;border-radius:4px;padding:5px;
        background:#fafbfc}
      figure.tile img{display:block;margin:0 auto}
      figcaption{font-size:11.5px;margin-top:4px;word-break:break-all}
      .low{color:#b3261e;font-weight:600}.high{color:#1b7a35;font-weight:600}
      .moved{margin:10px 0}
      .pair{border:1px solid #dde2e8;border-radius:4px;padding:5px;font-size:12px}
      .pair-tiles{display:flex;gap:6px}
      .pair figure.tile{width:124px;padding:2px}
      .absent{width:120px;height:90px;display:flex;align-items:center;text-align:center;
        background:#eef1f5;color:#5b6673;font-size:11px}
      .swatch{display:inline-block;width:22px;height:10px;vertical-align:middle;
        border:1px solid #333;margin:0 4px}
      """;

  private HtmlReport() {}

  /** The page. */
  public static String render(ReportModel model) {
    StringBuilder h = new StringBuilder(1 << 16);
    JsonObject s = model.summary();
    JsonObject m = obj(s, "model");
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>cam-audit report: run ")
        .append(Html.escape(model.runId()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    h.append("<header><h1>cam-audit report: run ")
        .append(Html.escape(model.runId()))
        .append("</h1><div class=\"sub\">model ")
        .append(Html.escape(str(m, "name")))
        .append(" · ")
        .append(Html.escape(str(m, "method")))
        .append(" on layer ")
        .append(Html.escape(str(m, "layer")))
        .append(" · ")
        .append(Html.escape(str(s, "started_at")))
        .append(" → ")
        .append(Html.escape(str(s, "finished_at")))
        .append("</div></header>\n<main>\n");
    run(h, model, s, m);
    groupMetrics(h, model);
    diff(h, model);
    localisation(h, model);
    gallery(h, model);
    slices(h, model);
    h.append("<p class=\"note\">Written by cam-audit ")
        .append(Html.escape(str(s, "code_version")))
        .append(". Tables and columns: docs/outputs.md; metrics: docs/metrics.md.</p>")
        .append("</main></body></html>\n");
    return h.toString();
  }

  private static void run(StringBuilder h, ReportModel model, JsonObject s, JsonObject m) {
    JsonObject counts = obj(s, "counts");
    h.append("<section id=\"run\"><h2>Run</h2><div class=\"cards\">");
    card(h, "run id", model.runId());
    card(h, "model", str(m, "name"));
    card(h, "images read", str(counts, "read"));
    card(h, "processed", str(counts, "processed"));
    card(h, "rejected", str(counts, "rejected"));
    card(h, "images / s", fmt(s, "images_per_second", "%.1f"));
    card(h, "seconds", fmt(s, "seconds", "%.1f"));
    card(h, "model loads", str(s, "model_loads"));
    h.append("</div><table>");
    row(h, "model location", str(m, "location"));
    row(h, "model digest (SHA-256)", str(m, "digest"));
    row(h, "method / layer", str(m, "method") + " / " + str(m, "layer"));
    row(h, "baseline run", str(s, "baseline_run_id"));
    JsonObject reasons = obj(counts, "rejected_by_reason");
    List<String> parts = new ArrayList<>();
    reasons.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parts.add(e.getKey() + ": " + e.getValue().getAsString()));
    row(h, "rejected by reason", parts.isEmpty() ? "none" : String.join(", ", parts));
    h.append("</table>");
    if (model.rejected() != null && !model.rejected().rows().isEmpty()) {
      h.append("<h3>Rejected inputs</h3>");
      table(h, model.rejected());
    }
    h.append("</section>\n");
  }

  private static void groupMetrics(StringBuilder h, ReportModel model) {
    h.append("<section id=\"group-metrics\"><h2>Group metrics</h2>")
        .append("<p class=\"note\">Dot: the metric; whiskers: its 95% Poisson-bootstrap interval;")
        .append(" dashed line: all images. Groups by column = value; a group without a defined")
        .append(" value has no row.</p>");
    if (model.groupMetrics().isEmpty()) {
      h.append("<p class=\"note\">No group_metrics rows for this run.</p>");
    }
    List<String> metrics = new ArrayList<>(Arrays.stream(Metric.values()).map(Metric::id).toList());
    model.groupMetrics().stream()
        .map(GroupMetric::metric)
        .distinct()
        .filter(x -> !metrics.contains(x))
        .sorted()
        .forEach(metrics::add);
    h.append("<div class=\"charts\">");
    for (String id : metrics) {
      List<GroupMetric> rows =
          model.groupMetrics().stream()
              .filter(r -> r.metric().equals(id))
              .sorted(
                  Comparator.comparing((GroupMetric r) -> !r.isOverall())
                      .thenComparing(GroupMetric::groupColumn)
                      .thenComparing(GroupMetric::groupValue))
              .toList();
      if (rows.isEmpty()) {
        continue;
      }
      metricChart(h, id, rows);
    }
    h.append("</div></section>\n");
    h.append("<section id=\"disparities\"><h2>Disparities between groups</h2>")
        .append("<p class=\"note\">Per group column and metric, as Fairlearn's MetricFrame")
        .append(" reports them: difference = largest − smallest group value, ratio = smallest /")
        .append(" largest.</p>");
    if (model.disparities() == null || model.disparities().rows().isEmpty()) {
      h.append("<p class=\"note\">No group_disparities for this run (no group columns).</p>");
    } else {
      table(h, model.disparities());
    }
    h.append("</section>\n");
  }

  /**
   * One metric's dot plot on its range's axis ({@link Axis#of}), with its meaning beneath; a metric
   * this version does not know is drawn on an axis open both ways, without a meaning.
   */
  private static void metricChart(StringBuilder h, String id, List<GroupMetric> rows) {
    Optional<Metric> metric = Metric.find(id);
    Axis axis =
        Axis.of(
            metric.map(Metric::range).orElse(Metric.Range.ANY),
            rows.stream().flatMapToDouble(r -> DoubleStream.of(r.value(), r.ciLow(), r.ciHigh())));
    List<Svg.Dot> dots =
        rows.stream()
            .map(
                r ->
                    new Svg.Dot(
                        r.isOverall() ? "all images" : r.groupColumn() + " = " + r.groupValue(),
                        r.value(),
                        r.ciLow(),
                        r.ciHigh(),
                        r.n(),
                        r.isOverall()))
            .toList();
    h.append("<div class=\"metric\" data-metric=\"")
        .append(Html.escape(id))
        .append("\">")
        .append(Svg.dotPlot(id, dots, axis));
    metric.ifPresent(
        m ->
            h.append("<div class=\"note\">")
                .append(Html.escape(m.meaning() + " (" + m.direction().words() + ")"))
                .append("</div>"));
    h.append("</div>");
  }

  private static void diff(StringBuilder h, ReportModel model) {
    h.append("<section id=\"diff\"><h2>Nightly diff</h2>");
    if (model.diff() == null) {
      h.append("<p class=\"note\">This run has no audit_diff: it was not compared with a baseline")
          .append(" run (--baseline-run).</p>");
    } else {
      long breached = model.diff().flagged().stream().filter(b -> b).count();
      h.append("<p class=\"note\">Against baseline ")
          .append(Html.escape(str(model.summary(), "baseline_note")))
          .append(": ")
          .append(breached)
          .append(" of ")
          .append(model.diff().rows().size())
          .append(" rows breached (highlighted, listed first): a significant change beyond its")
          .append(" threshold (q ≤ alert.fdr), or a group that vanished or appeared.</p>");
      table(h, model.diff());
      if (breached > 0) {
        moved(h, model.moved());
      }
    }
    h.append("</section>\n");
  }

  /** Per breach, its top images of audit_diff_images as the baseline run and this run saw them. */
  private static void moved(StringBuilder h, List<MovedImages> moved) {
    h.append("<h3>Images behind the breaches</h3>");
    if (moved == null) {
      h.append("<p class=\"note\">No audit_diff_images for this run: it was audited before")
          .append(" that table existed.</p>");
      return;
    }
    h.append("<p class=\"note\">Per breached row, up to ")
        .append(MovedImagesReader.SHOWN)
        .append(" of the images that moved it most (audit_diff_images: those in the group in both")
        .append(" runs first): the baseline run's heatmap beside this run's, drawn as in the")
        .append(" gallery. shift = how the image moves the metric.</p>");
    for (MovedImages breach : moved) {
      String group =
          GroupMetric.OVERALL.equals(breach.groupColumn())
              ? "all images"
              : breach.groupColumn() + " = " + breach.groupValue();
      h.append("<div class=\"moved\" data-breach=\"")
          .append(
              Html.escape(breach.metric() + "/" + breach.groupColumn() + "/" + breach.groupValue()))
          .append("\"><div><b>")
          .append(Html.escape(breach.metric() + " · " + group))
          .append("</b></div><div class=\"gallery-row\">");
      for (MovedImage image : breach.images()) {
        h.append("<div class=\"pair\" data-moved-image=\"")
            .append(Html.escape(image.imageId()))
            .append("\"><div><b>")
            .append(Html.escape(image.imageId()))
            .append("</b> · ")
            .append(Html.escape(image.presence()))
            .append(" · shift ")
            .append(Html.num(image.shift()))
            .append("</div><div class=\"pair-tiles\">");
        view(h, image.before(), "before", image.imageId());
        view(h, image.after(), "after", image.imageId());
        h.append("</div></div>");
      }
      h.append("</div></div>");
    }
  }

  private static void view(StringBuilder h, RunView v, String kind, String imageId) {
    h.append("<figure class=\"tile ").append(kind).append("-tile\">");
    if (v.picture() != null) {
      img(h, v.picture(), kind + ": heatmap of " + imageId + " in run " + v.runId(), 120);
    } else {
      h.append("<div class=\"absent\">").append(Html.escape(v.note())).append("</div>");
    }
    h.append("<figcaption>").append(kind).append(" (").append(Html.escape(v.runId())).append(")");
    if (v.predicted() != null) {
      h.append("<br>");
      labelAndPrediction(h, v.label(), v.predicted());
      h.append("<br>value ").append(Html.num(v.value()));
    }
    if (v.picture() != null && v.note() != null) {
      h.append("<br><span class=\"note\">").append(Html.escape(v.note())).append("</span>");
    }
    h.append("</figcaption></figure>");
  }

  private static void localisation(StringBuilder h, ReportModel model) {
    h.append("<section id=\"localisation\"><h2>Localisation: MaxBoxAcc over τ</h2>")
        .append("<p class=\"note\">Share of images (all classes) whose box at threshold τ reaches")
        .append(" IoU ≥ 0.5 with a ground-truth box: the largest region's box, or the best of all")
        .append(" regions' boxes. MaxBoxAcc is the curve's maximum.</p>");
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (String regions : List.of("largest", "any")) {
      List<double[]> points =
          model.curve().stream()
              .filter(p -> p.regions().equals(regions))
              .sorted(Comparator.comparingDouble(CurvePoint::tau))
              .map(p -> new double[] {p.tau(), p.accuracy()})
              .toList();
      if (!points.isEmpty()) {
        series.put(regions, points);
      }
    }
    if (series.isEmpty()) {
      h.append("<p class=\"note\">No localisation_curve rows (no image with boxes of its target")
          .append(" class).</p>");
    } else {
      long images = model.curve().get(0).images();
      List<Svg.Series> lines = new ArrayList<>();
      series.forEach(
          (k, v) ->
              lines.add(
                  new Svg.Series(
                      k
                          + " (max "
                          + Html.num(v.stream().mapToDouble(p -> p[1]).max().orElse(Double.NaN))
                          + ")",
                      v)));
      h.append(
          Svg.lineChart(
              "box accuracy at δ = 0.5, class *, " + images + " images",
              "τ (threshold, relative to the map's maximum)",
              "box accuracy",
              lines));
    }
    if (model.localisation() != null) {
      h.append("<h3>MaxBoxAcc summary</h3>");
      table(h, model.localisation());
    }
    h.append("</section>\n");
  }

  private static void gallery(StringBuilder h, ReportModel model) {
    h.append("<section id=\"gallery\"><h2>Gallery: where the model looks</h2>")
        .append("<p class=\"note\">Per ")
        .append(
            model.galleryColumn().equals("*")
                ? "run (no group column)"
                : "value of <b>" + Html.escape(model.galleryColumn()) + "</b>")
        .append(", the images with the <span class=\"low\">lowest</span> and the")
        .append(" <span class=\"high\">highest</span> energy_in_fraction. Heatmap: ")
        .append(model.galleryColours().id())
        .append(" colour map ")
        .append(model.gallery().isEmpty() ? "" : swatch(model.galleryColours()))
        .append(" (left: 0, right: the map's maximum), blended half and half with the image as")
        .append(" pytorch-grad-cam's show_cam_on_image does; ")
        .append("<span class=\"swatch\" style=\"background:#22dd44\"></span> ground-truth boxes of")
        .append(" the target class; <span class=\"swatch\" style=\"background:#fff\"></span>")
        .append(" dashed: the CAM box (largest region above 15% of the maximum).</p>");
    if (model.galleryNote() != null) {
      h.append("<p class=\"note\">").append(Html.escape(model.galleryNote())).append("</p>");
    }
    for (GalleryGroup group : model.gallery()) {
      h.append("<div class=\"gallery-group\" data-group=\"")
          .append(Html.escape(group.value()))
          .append("\"><h3>")
          .append(
              model.galleryColumn().equals("*")
                  ? "all images"
                  : Html.escape(model.galleryColumn() + " = " + group.value()))
          .append(" <span class=\"note\">(")
          .append(group.images())
          .append(" images with boxes)</span></h3>");
      h.append(
          "<div class=\"note low\">lowest energy_in_fraction</div><div class=\"gallery-row\">");
      group.worst().forEach(t -> tile(h, t, "low"));
      h.append("</div>");
      if (!group.best().isEmpty()) {
        h.append("<div class=\"note high\">highest energy_in_fraction</div>")
            .append("<div class=\"gallery-row\">");
        group.best().forEach(t -> tile(h, t, "high"));
        h.append("</div>");
      }
      h.append("</div>");
    }
    h.append("</section>\n");
  }

  private static void slices(StringBuilder h, ReportModel model) {
    if (model.slices().isEmpty()) {
      return;
    }
    h.append("<section id=\"slices\"><h2>Shortcut slices: groups nobody named</h2>")
        .append("<p class=\"note\">Per class, the images whose attention signatures cluster")
        .append(" together (where the heatmap lies against the boxes, how concentrated it is,")
        .append(" what the model sees there), found without any group column; each class's")
        .append(" slice with the highest shortcut score, accuracy × (1 − energy in boxes): right")
        .append(" while looking away from the object (docs/metrics.md, Shortcut slices). Images:")
        .append(" the members nearest the slice's centre. All slices: the slices and")
        .append(" slice_members tables.</p>");
    for (ReportModel.SliceView slice : model.slices()) {
      h.append("<div class=\"gallery-group\" data-slice=\"")
          .append(Html.escape(slice.slice()))
          .append("\"><h3>")
          .append(Html.escape(slice.slice()))
          .append(" <span class=\"note\">(")
          .append(slice.images())
          .append(" images · shortcut score ")
          .append(value(slice.shortcutScore()))
          .append(" · accuracy ")
          .append(value(slice.accuracy()))
          .append(" · energy in boxes ")
          .append(value(slice.energyInFraction()))
          .append(" · background-only accuracy ")
          .append(value(slice.backgroundOnlyAccuracy()))
          .append(")</span></h3><div class=\"gallery-row\">");
      slice.tiles().forEach(t -> tile(h, t, "slice"));
      h.append("</div></div>");
    }
    h.append("</section>\n");
  }

  /** A value of the report's text, {@code -} where undefined. */
  private static String value(Double value) {
    return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  /** A swatch of {@code colours}, 0 to the maximum, every 32 levels (OpenCV's table). */
  private static String swatch(ColourMap colours) {
    int[] table = colours.colours();
    StringBuilder stops = new StringBuilder();
    for (int level = 0; level <= 256; level += 32) {
      stops.append(String.format(Locale.ROOT, ",#%06x", table[Math.min(level, 255)]));
    }
    return "<span class=\"swatch\" style=\"background:linear-gradient(90deg"
        + stops
        + ")\"></span>";
  }

  private static void tile(StringBuilder h, Tile t, String kind) {
    h.append("<figure class=\"tile ")
        .append(kind)
        .append("-tile\" data-image-id=\"")
        .append(Html.escape(t.imageId()))
        .append("\">");
    img(h, t.picture(), "heatmap of " + t.imageId(), 190);
    h.append("<figcaption><b>").append(Html.escape(t.imageId())).append("</b><br>");
    labelAndPrediction(h, t.label(), t.predicted());
    h.append("<br>energy_in_fraction <span class=\"")
        .append(kind)
        .append("\">")
        .append(Html.num(t.fraction()))
        .append("</span>");
    if (t.picture().missing() != null) {
      h.append("<br><span class=\"note on-grey\">on grey: ")
          .append(Html.escape(t.picture().missing()))
          .append("</span>");
    }
    h.append("</figcaption></figure>");
  }

  /** A picture shown at most {@code box} pixels on its longer side. */
  private static void img(StringBuilder h, Picture p, String alt, int box) {
    double scale = (double) box / Math.max(p.width(), p.height());
    h.append("<img alt=\"")
        .append(Html.escape(alt))
        .append("\" width=\"")
        .append(Math.max(1, Math.round(p.width() * scale)))
        .append("\" height=\"")
        .append(Math.max(1, Math.round(p.height() * scale)))
        .append("\" src=\"data:image/png;base64,")
        .append(p.pngBase64())
        .append("\">");
  }

  /** "label L · predicted P", the prediction in red when it is not the label. */
  private static void labelAndPrediction(StringBuilder h, String label, String predicted) {
    boolean wrong = label != null && !label.equals(predicted);
    h.append("label ")
        .append(Html.escape(label == null ? "–" : label))
        .append(" · predicted ")
        .append(wrong ? "<span class=\"low\">" : "<span>")
        .append(Html.escape(predicted == null ? "–" : predicted))
        .append("</span>");
  }

  private static void table(StringBuilder h, Table t) {
    h.append("<table><thead><tr>");
    t.header().forEach(c -> h.append("<th>").append(Html.escape(c)).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (int i = 0; i < t.rows().size(); i++) {
      h.append(t.flagged().get(i) ? "<tr class=\"breach\">" : "<tr>");
      for (String cell : t.rows().get(i)) {
        boolean num = cell.matches("-?[0-9.]+|–|NaN");
        h.append(num ? "<td class=\"num\">" : "<td>").append(Html.escape(cell)).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>");
  }

  private static void card(StringBuilder h, String key, String value) {
    h.append("<div class=\"card\"><div class=\"k\">")
        .append(Html.escape(key))
        .append("</div><div class=\"v\">")
        .append(Html.escape(value))
        .append("</div></div>");
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>")
        .append(Html.escape(key))
        .append("</th><td>")
        .append(Html.escape(value))
        .append("</td></tr>");
  }

  private static JsonObject obj(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e == null || e.isJsonNull() ? "–" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  private static String fmt(JsonObject o, String key, String format) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? "–" : String.format(Locale.ROOT, format, e.getAsDouble());
  }
}

package io.camaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.camaudit.image.ColourMap;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's group-metric charts as {@link Metric} declares the metrics. */
class HtmlReportTest {

  private static final String UNKNOWN = "calibration_gap";

  @Test
  void chartsEveryMetricInMetricsOrderWithItsMeaningAndUnknownOnesLast() {
    List<GroupMetric> rows = new ArrayList<>();
    rows.add(new GroupMetric("*", "*", UNKNOWN, 10, 0.1, 0.05, 0.2));
    for (Metric metric : Metric.values()) {
      rows.add(new GroupMetric("*", "*", metric.id(), 10, 0.5, 0.4, 0.6));
    }
    String page = render(rows);
    List<String> expected =
        new ArrayList<>(Arrays.stream(Metric.values()).map(Metric::id).toList());
    expected.add(UNKNOWN);
    assertEquals(expected, all(page, "data-metric=\"([^\"]+)\""));
    for (Metric metric : Metric.values()) {
      assertTrue(
          page.contains(
              "<div class=\"note\">"
                  + Html.escape(metric.meaning() + " (" + metric.direction().words() + ")")
                  + "</div>"),
          metric.id());
    }
    assertFalse(chart(page, UNKNOWN).contains("class=\"note\""), "no meaning for an unknown id");
  }

  @Test
  void eachChartsAxisIsItsMetricsRange() {
    String page =
        render(
            List.of(
                new GroupMetric("*", "*", Metric.ACCURACY.id(), 10, 0.5, 0.4, 0.6),
                new GroupMetric("*", "*", Metric.MEAN_ENERGY_LIFT.id(), 10, 2.1, 1.8, 2.4),
                new GroupMetric("*", "*", UNKNOWN, 10, -0.5, -0.7, -0.3)));
    assertEquals(
        List.of("0", "0.25", "0.5", "0.75", "1"), ticks(chart(page, Metric.ACCURACY.id())));
    assertEquals(
        List.of("0", "0.75", "1.5", "2.25", "3"), ticks(chart(page, Metric.MEAN_ENERGY_LIFT.id())));
    String signed = chart(page, UNKNOWN);
    assertEquals(List.of("-1.5", "-0.75", "0", "0.75", "1.5"), ticks(signed));
    // x = 150 + 230 * (v + 1.5) / 3: the value -0.5 left of 0 at 265
    assertTrue(signed.contains("<circle cx=\"226.7\""), signed);
    assertTrue(signed.contains("class=\"zero\""), signed);
  }

  @Test
  void showsEachTopSliceWithItsValuesAndADashWhereOneIsUndefined() {
    String page =
        render(
            List.of(),
            List.of(
                new ReportModel.SliceView("circle/1", 67, 0.6155, 1.0, 0.3845, null, List.of())));
    int at = page.indexOf("data-slice=\"circle/1\"");
    assertTrue(at > 0, page);
    assertTrue(
        page.substring(at)
            .startsWith(
                "data-slice=\"circle/1\"><h3>circle/1 <span class=\"note\">(67 images · shortcut"
                    + " score 0.616 · accuracy 1.000 · energy in boxes 0.385 · background-only"
                    + " accuracy -)"),
        page.substring(at));
    assertFalse(render(List.of()).contains("id=\"slices\""), "no section without slices");
  }

  private static String render(List<GroupMetric> rows) {
    return render(rows, List.of());
  }

  private static String render(List<GroupMetric> rows, List<ReportModel.SliceView> slices) {
    return HtmlReport.render(
        new ReportModel(
            "r1",
            new JsonObject(),
            rows,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            "*",
            ColourMap.DEFAULT,
            List.of(),
            null,
            slices));
  }

  /** The chart of one metric, from its opening tag to the next. */
  private static String chart(String page, String metric) {
    int start = page.indexOf("data-metric=\"" + metric + "\"");
    int end = page.indexOf("data-metric=", start + 1);
    return page.substring(start, end < 0 ? page.indexOf("</section>", start) : end);
  }

  private static List<String> ticks(String chart) {
    return all(chart, "class=\"tick\" text-anchor=\"middle\">([^<]+)<");
  }

  private static List<String> all(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}

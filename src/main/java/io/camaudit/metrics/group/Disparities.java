package io.camaudit.metrics.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes {@link GroupDisparity} rows from {@link GroupMetric} rows. */
public final class Disparities {

  private record ColumnMetric(String groupColumn, String metric) {}

  private Disparities() {}

  /**
   * One disparity per (group column, metric) among the non-overall rows of {@code metrics}, in
   * order of first appearance; {@code overall} is the metric's {@link GroupMetric#OVERALL} row's
   * value, NaN without one.
   */
  public static List<GroupDisparity> of(List<GroupMetric> metrics) {
    Map<String, Double> overall = new HashMap<>();
    Map<ColumnMetric, List<GroupMetric>> groups = new LinkedHashMap<>();
    for (GroupMetric row : metrics) {
      if (row.isOverall()) {
        overall.put(row.metric(), row.value());
      } else {
        groups
            .computeIfAbsent(
                new ColumnMetric(row.groupColumn(), row.metric()), k -> new ArrayList<>())
            .add(row);
      }
    }
    List<GroupDisparity> disparities = new ArrayList<>();
    groups.forEach(
        (key, rows) ->
            disparities.add(disparity(key, rows, overall.getOrDefault(key.metric(), Double.NaN))));
    return disparities;
  }

  private static GroupDisparity disparity(
      ColumnMetric key, List<GroupMetric> rows, double overall) {
    Metric.Direction direction = Metric.byId(key.metric()).direction();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    GroupMetric worst = rows.get(0);
    for (GroupMetric row : rows) {
      min = Math.min(min, row.value());
      max = Math.max(max, row.value());
      if (direction.worse(row.value(), worst.value())) {
        worst = row;
      }
    }
    return new GroupDisparity(
        key.groupColumn(),
        key.metric(),
        overall,
        max - min,
        max == 0 ? Double.NaN : min / max,
        worst.groupValue(),
        worst.value());
  }
}

package io.camaudit.nightly;

import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.GroupMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares this run's group metrics with the baseline run's, row by row ({@code audit_diff}): each
 * (group column, group value, metric) of either run gets a status, and the rows present in both a
 * {@link BootstrapChange}, whose p-values are adjusted together ({@link FalseDiscoveryRate}).
 * Whether a row breaches is {@link AlertRules}'s rule.
 */
public final class RunComparison {

  private record Key(String groupColumn, String groupValue, String metric) {
    static Key of(GroupMetric m) {
      return new Key(m.groupColumn(), m.groupValue(), m.metric());
    }
  }

  private RunComparison() {}

  /** One row per (group, metric) of either run: this run's order first, then vanished rows. */
  public static List<MetricChange> compare(
      List<GroupEstimate> before, List<GroupEstimate> after, AlertRules rules) {
    Map<Key, GroupEstimate> baseline = byKey(before);
    Map<Key, GroupEstimate> current = byKey(after);
    List<Key> keys = new ArrayList<>(current.keySet());
    baseline.keySet().stream().filter(k -> !current.containsKey(k)).forEach(keys::add);

    Map<Key, BootstrapChange> changes = new LinkedHashMap<>();
    for (Key key : keys) {
      if (baseline.containsKey(key) && current.containsKey(key)) {
        changes.put(key, BootstrapChange.of(baseline.get(key), current.get(key)));
      }
    }
    double[] q =
        FalseDiscoveryRate.adjust(
            changes.values().stream().mapToDouble(BootstrapChange::pValue).toArray());
    Map<Key, Double> adjusted = new LinkedHashMap<>();
    int i = 0;
    for (Key key : changes.keySet()) {
      adjusted.put(key, q[i++]);
    }

    List<MetricChange> rows = new ArrayList<>();
    for (Key key : keys) {
      GroupMetric was = metric(baseline.get(key));
      GroupMetric is = metric(current.get(key));
      Double threshold = rules.threshold(key.metric());
      if (was == null) {
        boolean judged = threshold != null && is.n() >= rules.minImages();
        rows.add(onlyOne(key, ChangeStatus.NEW, null, is, threshold, judged));
      } else if (is == null) {
        rows.add(onlyOne(key, ChangeStatus.VANISHED, was, null, threshold, threshold != null));
      } else {
        rows.add(both(key, was, is, changes.get(key), adjusted.get(key), threshold, rules));
      }
    }
    return rows;
  }

  private static MetricChange both(
      Key key,
      GroupMetric was,
      GroupMetric is,
      BootstrapChange change,
      double q,
      Double threshold,
      AlertRules rules) {
    boolean significant = q <= rules.fdr();
    boolean judged =
        threshold != null && was.n() >= rules.minImages() && is.n() >= rules.minImages();
    return new MetricChange(
        key.groupColumn(),
        key.groupValue(),
        key.metric(),
        significant ? ChangeStatus.CHANGED : ChangeStatus.UNCHANGED,
        was.value(),
        is.value(),
        change.change(),
        change.ciLow(),
        change.ciHigh(),
        change.pValue(),
        q,
        was.n(),
        is.n(),
        threshold,
        judged,
        judged && significant && Math.abs(change.change()) > threshold);
  }

  /** A row of a group in one run only: it breaches whenever it is judged. */
  private static MetricChange onlyOne(
      Key key,
      ChangeStatus status,
      GroupMetric was,
      GroupMetric is,
      Double threshold,
      boolean judged) {
    return new MetricChange(
        key.groupColumn(),
        key.groupValue(),
        key.metric(),
        status,
        was == null ? null : was.value(),
        is == null ? null : is.value(),
        null,
        null,
        null,
        null,
        null,
        was == null ? 0 : was.n(),
        is == null ? 0 : is.n(),
        threshold,
        judged,
        judged);
  }

  private static Map<Key, GroupEstimate> byKey(List<GroupEstimate> estimates) {
    Map<Key, GroupEstimate> map = new LinkedHashMap<>();
    for (GroupEstimate e : estimates) {
      map.put(Key.of(e.metric()), e);
    }
    return map;
  }

  private static GroupMetric metric(GroupEstimate estimate) {
    return estimate == null ? null : estimate.metric();
  }
}

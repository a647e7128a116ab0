package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.BEST_TAU;
import static io.camaudit.spark.output.OutputColumns.BOX_ACCURACY;
import static io.camaudit.spark.output.OutputColumns.CLASS;
import static io.camaudit.spark.output.OutputColumns.IMAGES;
import static io.camaudit.spark.output.OutputColumns.IOU_THRESHOLD;
import static io.camaudit.spark.output.OutputColumns.METRIC;
import static io.camaudit.spark.output.OutputColumns.PROTOCOL;
import static io.camaudit.spark.output.OutputColumns.REGIONS;
import static io.camaudit.spark.output.OutputColumns.RUN_ID;
import static io.camaudit.spark.output.OutputColumns.TAU;
import static io.camaudit.spark.output.OutputColumns.VALUE;
import static org.apache.spark.sql.functions.col;

import io.camaudit.metrics.BoxAccuracy;
import io.camaudit.metrics.CamBox;
import io.camaudit.metrics.CorLoc;
import io.camaudit.metrics.LocalisationProtocol;
import io.camaudit.metrics.LocalisationTrace;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code localisation} table (MaxBoxAcc, MaxBoxAccV2 and CorLoc per class and overall) and the
 * {@code localisation_curve} table (box accuracy at every threshold), from the (image, class) pairs
 * with ground-truth boxes of their class.
 */
public final class LocalisationTable {

  static final String ALL_CLASSES = "*";

  private LocalisationTable() {}

  /** One class's (or all classes') localisation counts. */
  public record Scores(BoxAccuracy boxes, CorLoc corLoc) implements Serializable {

    private static final long serialVersionUID = 1L;

    Scores merge(Scores other) {
      return new Scores(boxes.merge(other.boxes), corLoc.merge(other.corLoc));
    }
  }

  /** Localisation scores per target class and over all classes ({@value #ALL_CLASSES}). */
  public static Map<String, Scores> compute(Dataset<Row> results, double[] taus) {
    HashMap<String, Scores> zero = new HashMap<>();
    Map<String, Scores> byClass =
        results
            .filter(col(ResultSchema.LOC_IOU_LARGEST).isNotNull())
            .select(
                OutputColumns.TARGET_CLASS.col(),
                col(ResultSchema.LOC_IOU_LARGEST),
                col(ResultSchema.LOC_IOU_ANY),
                OutputColumns.CAM_BOX_IOU.col())
            .toJavaRDD()
            .aggregate(
                zero,
                (acc, row) -> {
                  LocalisationTrace trace =
                      new LocalisationTrace(doubles(row.getList(1)), doubles(row.getList(2)));
                  double camBoxIou = row.isNullAt(3) ? Double.NaN : row.getDouble(3);
                  for (String scope : List.of(row.getString(0), ALL_CLASSES)) {
                    Scores scores =
                        acc.computeIfAbsent(
                            scope, c -> new Scores(new BoxAccuracy(taus), new CorLoc()));
                    scores.boxes().add(trace);
                    scores.corLoc().add(camBoxIou);
                  }
                  return acc;
                },
                (a, b) -> {
                  b.forEach((k, v) -> a.merge(k, v, Scores::merge));
                  return a;
                });
    return new TreeMap<>(byClass);
  }

  /** Stages both tables of {@code runId}. */
  public static void write(
      SparkSession spark,
      RunWriter run,
      String runId,
      LocalisationProtocol protocol,
      Map<String, Scores> scores) {
    List<Row> summary = new ArrayList<>();
    List<Row> curve = new ArrayList<>();
    for (Map.Entry<String, Scores> e : scores.entrySet()) {
      String scope = e.getKey();
      BoxAccuracy acc = e.getValue().boxes();
      CorLoc corLoc = e.getValue().corLoc();
      for (double delta : acc.iouThresholds()) {
        BoxAccuracy.Peak peak = acc.maxBoxAcc(BoxAccuracy.Variant.LARGEST_REGION, delta);
        summary.add(
            localisation(
                scope,
                "MaxBoxAcc",
                delta,
                peak.accuracy(),
                peak.tau(),
                acc.images(),
                protocol,
                runId));
        for (BoxAccuracy.Variant variant : BoxAccuracy.Variant.values()) {
          double[] accuracy = acc.curve(variant, delta);
          for (int t = 0; t < accuracy.length; t++) {
            curve.add(
                TableRow.of(OutputTable.LOCALISATION_CURVE)
                    .set(CLASS, scope)
                    .set(REGIONS, regionsName(variant))
                    .set(IOU_THRESHOLD, delta)
                    .set(TAU, acc.taus()[t])
                    .set(BOX_ACCURACY, accuracy[t])
                    .set(IMAGES, acc.images())
                    .set(PROTOCOL, protocol.id())
                    .set(RUN_ID, runId)
                    .build());
          }
        }
      }
      summary.add(
          localisation(
              scope, "MaxBoxAccV2", null, acc.maxBoxAccV2(), null, acc.images(), protocol, runId));
      summary.add(
          localisation(
              scope,
              "CorLoc",
              CorLoc.IOU_THRESHOLD,
              corLoc.value(),
              CamBox.DEFAULT_THRESHOLD,
              corLoc.images(),
              LocalisationProtocol.EXACT,
              runId));
    }
    run.writeTable(
        spark.createDataFrame(summary, OutputTable.LOCALISATION.schema()).coalesce(1),
        OutputTable.LOCALISATION);
    run.writeTable(
        spark.createDataFrame(curve, OutputTable.LOCALISATION_CURVE.schema()).coalesce(1),
        OutputTable.LOCALISATION_CURVE);
  }

  private static Row localisation(
      String scope,
      String metric,
      Double iouThreshold,
      double value,
      Double bestTau,
      long images,
      LocalisationProtocol protocol,
      String runId) {
    return TableRow.of(OutputTable.LOCALISATION)
        .set(CLASS, scope)
        .set(METRIC, metric)
        .set(IOU_THRESHOLD, iouThreshold)
        .set(VALUE, value)
        .set(BEST_TAU, bestTau)
        .set(IMAGES, images)
        .set(PROTOCOL, protocol.id())
        .set(RUN_ID, runId)
        .build();
  }

  private static String regionsName(BoxAccuracy.Variant variant) {
    return variant == BoxAccuracy.Variant.LARGEST_REGION ? "largest" : "any";
  }

  private static double[] doubles(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}

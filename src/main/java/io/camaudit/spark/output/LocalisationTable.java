package io.camaudit.spark.output;

import static org.apache.spark.sql.functions.col;

import io.camaudit.metrics.BoxAccuracy;
import io.camaudit.metrics.LocalisationProtocol;
import io.camaudit.metrics.LocalisationTrace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code localisation} table (MaxBoxAcc and MaxBoxAccV2 per class and overall) and the {@code
 * localisation_curve} table (box accuracy at every threshold), from the images with ground-truth
 * boxes of their target class.
 */
public final class LocalisationTable {

  static final String ALL_CLASSES = "*";

  private LocalisationTable() {}

  /** Box accuracy per target class and over all classes ({@value #ALL_CLASSES}). */
  public static Map<String, BoxAccuracy> compute(Dataset<Row> results, double[] taus) {
    HashMap<String, BoxAccuracy> zero = new HashMap<>();
    Map<String, BoxAccuracy> byClass =
        results
            .filter(col(ResultSchema.LOC_IOU_LARGEST).isNotNull())
            .select(
                OutputColumns.TARGET_CLASS.col(),
                col(ResultSchema.LOC_IOU_LARGEST),
                col(ResultSchema.LOC_IOU_ANY))
            .toJavaRDD()
            .aggregate(
                zero,
                (acc, row) -> {
                  LocalisationTrace trace =
                      new LocalisationTrace(doubles(row.getList(1)), doubles(row.getList(2)));
                  acc.computeIfAbsent(row.getString(0), c -> new BoxAccuracy(taus)).add(trace);
                  acc.computeIfAbsent(ALL_CLASSES, c -> new BoxAccuracy(taus)).add(trace);
                  return acc;
                },
                (a, b) -> {
                  b.forEach((k, v) -> a.merge(k, v, BoxAccuracy::merge));
                  return a;
                });
    return new TreeMap<>(byClass);
  }

  /** Stages both tables of {@code runId}. */
  public static void write(
      SparkSession spark,
      RunCommit run,
      String runId,
      LocalisationProtocol protocol,
      Map<String, BoxAccuracy> accs) {
    List<Row> summary = new ArrayList<>();
    List<Row> curve = new ArrayList<>();
    for (Map.Entry<String, BoxAccuracy> e : accs.entrySet()) {
      String scope = e.getKey();
      BoxAccuracy acc = e.getValue();
      for (double delta : acc.iouThresholds()) {
        BoxAccuracy.Peak peak = acc.maxBoxAcc(BoxAccuracy.Variant.LARGEST_REGION, delta);
        summary.add(
            RowFactory.create(
                scope,
                "MaxBoxAcc",
                delta,
                peak.accuracy(),
                peak.tau(),
                acc.images(),
                protocol.id(),
                runId));
        for (BoxAccuracy.Variant variant : BoxAccuracy.Variant.values()) {
          double[] accuracy = acc.curve(variant, delta);
          for (int t = 0; t < accuracy.length; t++) {
            curve.add(
                RowFactory.create(
                    scope,
                    regionsName(variant),
                    delta,
                    acc.taus()[t],
                    accuracy[t],
                    acc.images(),
                    protocol.id(),
                    runId));
          }
        }
      }
      summary.add(
          RowFactory.create(
              scope,
              "MaxBoxAccV2",
              null,
              acc.maxBoxAccV2(),
              null,
              acc.images(),
              protocol.id(),
              runId));
    }
    run.writeTable(
        spark.createDataFrame(summary, OutputTable.LOCALISATION.schema()).coalesce(1),
        OutputTable.LOCALISATION);
    run.writeTable(
        spark.createDataFrame(curve, OutputTable.LOCALISATION_CURVE.schema()).coalesce(1),
        OutputTable.LOCALISATION_CURVE);
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

package io.camaudit.bench;

import static org.apache.spark.sql.functions.col;

import io.camaudit.spark.output.OutputColumns;
import io.camaudit.spark.output.ParquetFolders;
import io.camaudit.spark.output.ResultSchema;
import io.camaudit.spark.output.RunWriter;
import io.camaudit.spark.output.SlicesTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What slice discovery costs a run: {@link SlicesTable#write} (clustering every class, the slices'
 * bootstrap metrics, both tables) on synthetic explained rows with ResNet-18-sized attention
 * signatures (3 + 16 + 512 values), in this JVM's Spark local mode, against the time a run of as
 * many photographs takes at the end-to-end rate measured in the same benchmark run.
 */
final class SliceBench {

  /** ResNet-18's layer4 has 512 channels: the signature's what block. */
  private static final int FEATURES = 512;

  private static final int DIMENSIONS = 3 + 16 + FEATURES;

  /** Latent groups per class, and the share of the class in each. */
  private static final double[] GROUP_SHARES = {0.6, 0.3, 0.1};

  private final Path work;

  SliceBench(Path work) {
    this.work = work;
  }

  /**
   * Times slice discovery on {@code images} rows for each class count in {@code classCounts} and
   * prints it against {@code photosPerSecond} (NaN when the photos section did not run).
   */
  void run(int images, int[] classCounts, double photosPerSecond) throws Exception {
    System.out.printf(
        "%8s %8s %6s %9s %12s%n", "images", "classes", "dims", "seconds", "share of run");
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[*]")
            .appName("slice bench")
            .config("spark.ui.enabled", false)
            .config("spark.sql.shuffle.partitions", 4)
            .getOrCreate()) {
      for (int classes : classCounts) {
        Dataset<Row> rows = rows(spark, images, classes).persist(StorageLevel.MEMORY_AND_DISK());
        rows.count();
        String output = work.resolve("slices-" + classes).toAbsolutePath().toUri().toString();
        long start = System.nanoTime();
        RunWriter run = new ParquetFolders(spark, output).begin("bench");
        SlicesTable.write(spark, run, "bench", rows, 1, 1000, Optional.empty());
        double seconds = (System.nanoTime() - start) / 1e9;
        rows.unpersist();
        double runSeconds = images / photosPerSecond;
        System.out.printf(
            "%8d %8d %6d %9.1f %12s%n",
            images,
            classes,
            DIMENSIONS,
            seconds,
            Double.isNaN(photosPerSecond)
                ? "-"
                : String.format("%.1f%%", 100 * seconds / (runSeconds + seconds)));
      }
    }
    System.out.println(
        "share of run = slice discovery / (the same number of 640x480 photographs end to end at"
            + " section 6's rate + slice discovery); goal <= 10% at 100 000 images");
  }

  /**
   * {@code images} explained rows: each class's signatures drawn around {@link #GROUP_SHARES}'s
   * latent centres (unit vectors, σ 0.05 per value), correct 90% of the time, an energy share
   * uniform in [0, 1], the background-only check on 15%. Seeded by the row's number.
   */
  private static Dataset<Row> rows(SparkSession spark, int images, int classes) {
    StructType schema = ResultSchema.of(List.of());
    MapFunction<Long, Row> row =
        n -> {
          SplittableRandom random = new SplittableRandom(n * 0x9e3779b97f4a7c15L + 7);
          int cls = (int) (n % classes);
          double u = random.nextDouble();
          int group = u < GROUP_SHARES[0] ? 0 : u < GROUP_SHARES[0] + GROUP_SHARES[1] ? 1 : 2;
          SplittableRandom centre = new SplittableRandom(cls * 31L + group);
          float[] signature = new float[DIMENSIONS];
          for (int d = 0; d < DIMENSIONS; d++) {
            signature[d] =
                (float)
                    (centre.nextDouble() / Math.sqrt(DIMENSIONS / 3.0)
                        + 0.05 * random.nextGaussian());
          }
          Object[] values = new Object[schema.size()];
          values[schema.fieldIndex(OutputColumns.IMAGE_ID.name())] = "img-" + n;
          values[schema.fieldIndex(ResultSchema.EXPLAINED)] = true;
          values[schema.fieldIndex(ResultSchema.FIRST_TARGET)] = true;
          values[schema.fieldIndex(OutputColumns.TARGET_CLASS.name())] = "class-" + cls;
          values[schema.fieldIndex(OutputColumns.CORRECT.name())] = random.nextDouble() < 0.9;
          values[schema.fieldIndex(OutputColumns.ENERGY_IN_FRACTION.name())] = random.nextDouble();
          if (random.nextDouble() < 0.15) {
            values[schema.fieldIndex(OutputColumns.BACKGROUND_ONLY_CORRECT.name())] =
                random.nextBoolean();
          }
          values[schema.fieldIndex(ResultSchema.SIGNATURE)] = signature;
          return RowFactory.create(values);
        };
    return spark
        .range(images)
        .repartition(4)
        .map(row, Encoders.row(schema))
        .filter(col(ResultSchema.EXPLAINED));
  }
}

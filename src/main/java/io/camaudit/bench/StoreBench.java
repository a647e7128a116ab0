package io.camaudit.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import io.camaudit.spark.output.OutputTable;
import io.camaudit.spark.output.RunStore;
import io.camaudit.spark.output.RunWriter;
import io.camaudit.spark.output.TableFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * What committing a run costs in each table format: a run of synthetic rows for {@code images}
 * images ({@code image_stats}, {@code heatmaps}, {@code boxes} at ten boxes an image, {@code
 * rejected}, {@code runs}) written through {@link RunStore} as Parquet folders and as Iceberg
 * tables of a Hadoop catalog on local files, in this JVM's Spark local mode; the same run id
 * written again each repeat, so every commit after the first replaces a run.
 */
final class StoreBench {

  private static final String CATALOG = "bench_catalog";

  private static final List<OutputTable> TABLES =
      List.of(
          OutputTable.IMAGE_STATS,
          OutputTable.HEATMAPS,
          OutputTable.BOXES,
          OutputTable.REJECTED,
          OutputTable.RUNS);

  /** Rows of {@code boxes} per image. */
  private static final int BOXES_PER_IMAGE = 10;

  private final Path work;

  StoreBench(Path work) {
    this.work = work;
  }

  /** Prints, per format, the median stage and commit time of {@code repeats} runs. */
  void run(int images, int repeats) throws Exception {
    System.out.printf(
        "%-8s %8s %8s %12s %12s %16s%n",
        "format", "images", "tables", "stage s", "commit s", "commit ms/table");
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[*]")
            .appName("store bench")
            .config("spark.ui.enabled", false)
            .config("spark.sql.shuffle.partitions", 4)
            .config("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog")
            .config("spark.sql.catalog." + CATALOG + ".type", "hadoop")
            .config(
                "spark.sql.catalog." + CATALOG + ".warehouse",
                work.resolve("store-iceberg").toUri().toString())
            .getOrCreate()) {
      Map<OutputTable, Dataset<Row>> rows = rows(spark, images);
      for (TableFormat format : TableFormat.values()) {
        String output =
            format == TableFormat.PARQUET
                ? work.resolve("store-parquet").toUri().toString()
                : CATALOG + ".bench";
        RunStore store = format.open(spark, output);
        double[] stage = new double[repeats];
        double[] commit = new double[repeats];
        for (int r = -1; r < repeats; r++) {
          store.recover("bench");
          long start = System.nanoTime();
          RunWriter run = store.begin("bench");
          for (OutputTable table : TABLES) {
            run.writeTable(rows.get(table), table);
          }
          long staged = System.nanoTime();
          run.commit();
          if (r >= 0) {
            stage[r] = (staged - start) / 1e9;
            commit[r] = (System.nanoTime() - staged) / 1e9;
          }
        }
        double commitSeconds = Throughput.median(commit);
        System.out.printf(
            "%-8s %8d %8d %12.2f %12.2f %16.0f%n",
            format.id(),
            images,
            TABLES.size(),
            Throughput.median(stage),
            commitSeconds,
            1000 * commitSeconds / TABLES.size());
      }
      rows.values().forEach(Dataset::unpersist);
    }
  }

  /** Each table's rows for {@code images} images, computed once and cached. */
  private static Map<OutputTable, Dataset<Row>> rows(SparkSession spark, int images) {
    Map<OutputTable, Dataset<Row>> rows = new EnumMap<>(OutputTable.class);
    for (OutputTable table : TABLES) {
      long count =
          switch (table) {
            case BOXES -> (long) images * BOXES_PER_IMAGE;
            case REJECTED -> images / 100;
            case RUNS -> 1;
            default -> images;
          };
      Dataset<Row> generated =
          spark.range(count).select(columns(table)).persist(StorageLevel.MEMORY_ONLY());
      generated.count();
      rows.put(table, generated);
    }
    return rows;
  }

  /** The table's columns filled from {@code id}: ids, numbers, flags; nested columns null. */
  private static Column[] columns(OutputTable table) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      String name = field.name();
      Column value;
      if (name.equals("run_id")) {
        value = lit("bench");
      } else if (field.dataType().equals(DataTypes.StringType)) {
        value = concat(lit(name + "-"), col("id").cast("string"));
      } else if (field.dataType().equals(DataTypes.DoubleType)) {
        value = rand(name.hashCode());
      } else if (field.dataType().equals(DataTypes.BooleanType)) {
        value = col("id").mod(2).equalTo(0);
      } else if (field.dataType().equals(DataTypes.LongType)
          || field.dataType().equals(DataTypes.IntegerType)) {
        value = col("id").mod(1000).cast(field.dataType());
      } else {
        value = lit(null).cast(field.dataType());
      }
      columns.add(value.as(name));
    }
    return columns.toArray(new Column[0]);
  }
}

package io.camaudit.spark.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A side table of group columns ({@code --groups-table}: Parquet, CSV with a header or JSON Lines,
 * by extension) joined to the manifest by {@code image_id}. The join is a left join that keeps
 * every manifest row exactly once: an image missing from the table gets null groups (it counts in
 * the overall rows only), and when the table repeats an image id the row whose group values sort
 * first is used. See {@code docs/inputs.md}.
 */
final class GroupsTable {

  private static final String KEY = "_groups_image_id";

  private final Dataset<Row> table;
  private final List<String> columns;

  private GroupsTable(Dataset<Row> table, List<String> columns) {
    this.table = table;
    this.columns = columns;
  }

  /** Reads the table at {@code path}. */
  static GroupsTable read(SparkSession spark, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    Dataset<Row> table;
    try {
      if (lower.endsWith(".parquet")) {
        table = spark.read().parquet(path);
      } else if (lower.endsWith(".csv")) {
        table = spark.read().option("header", true).csv(path);
      } else if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
        table = spark.read().json(path);
      } else {
        throw new IllegalArgumentException(
            "Invalid --groups-table '"
                + path
                + "': cannot tell its format from the extension;"
                + " use .parquet, .csv or .jsonl");
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid --groups-table '" + path + "': " + e.getMessage(), e);
    }
    List<String> all = Arrays.asList(table.columns());
    if (!all.contains(ManifestSchema.IMAGE_ID)) {
      throw new IllegalArgumentException(
          "Invalid --groups-table '"
              + path
              + "': no column 'image_id' (the join key); found "
              + all);
    }
    List<String> columns = new ArrayList<>(all);
    columns.remove(ManifestSchema.IMAGE_ID);
    return new GroupsTable(table, List.copyOf(columns));
  }

  /** The table's columns other than {@code image_id}. */
  List<String> columns() {
    return columns;
  }

  /**
   * Fills the {@code groups} columns of {@code manifest} from this table and returns the rows in
   * {@code schema}'s column order.
   */
  Dataset<Row> joinTo(Dataset<Row> manifest, List<String> groups, StructType schema) {
    List<Column> keyed = new ArrayList<>();
    keyed.add(col(ManifestSchema.IMAGE_ID).cast(DataTypes.StringType).as(KEY));
    List<Column> order = new ArrayList<>();
    for (String group : groups) {
      keyed.add(col(group).cast(DataTypes.StringType).as(group));
      order.add(col(group).asc_nulls_last());
    }
    Dataset<Row> one =
        table
            .select(keyed.toArray(new Column[0]))
            .filter(col(KEY).isNotNull())
            .withColumn(
                "_groups_rank",
                row_number()
                    .over(Window.partitionBy(col(KEY)).orderBy(order.toArray(new Column[0]))))
            .filter(col("_groups_rank").equalTo(1))
            .drop("_groups_rank");
    Dataset<Row> left = manifest.drop(groups.toArray(new String[0]));
    Dataset<Row> joined =
        left.join(one, left.col(ManifestSchema.IMAGE_ID).equalTo(one.col(KEY)), "left").drop(KEY);
    return joined.select(
        Arrays.stream(schema.fieldNames()).map(name -> col(name)).toArray(Column[]::new));
  }
}

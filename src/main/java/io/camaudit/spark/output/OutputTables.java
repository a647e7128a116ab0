package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.DETAIL;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.LAYER;
import static io.camaudit.spark.output.OutputColumns.METHOD;
import static io.camaudit.spark.output.OutputColumns.MODEL_ID;
import static io.camaudit.spark.output.OutputColumns.REASON;
import static io.camaudit.spark.output.OutputColumns.RUN_ID;
import static io.camaudit.spark.output.OutputColumns.SOURCE;
import static io.camaudit.spark.output.OutputColumns.STAGE;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.camaudit.model.ModelInfo;
import io.camaudit.spark.input.ManifestSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Selects the per-image output tables from the result rows and stages them as Parquet in the run's
 * {@link RunWriter}: each table's columns in {@link OutputTable}'s order, taken from the result
 * column of the same name unless the run or the rejection gives them.
 */
public final class OutputTables {

  /** Columns that are the same for every row of a run, not per image. */
  static final Set<OutputColumn> RUN_LEVEL = Set.of(MODEL_ID, METHOD, LAYER, RUN_ID);

  /** Length of the digest prefix in {@code model_id}. */
  private static final int MODEL_ID_DIGEST = 12;

  private final Dataset<Row> results;
  private final List<String> groupColumns;
  private final Map<String, Column> runColumns = new HashMap<>();

  /**
   * The tables of {@code results}, the rows of {@link ResultSchema}.
   *
   * @param runId the run's id
   * @param method the CAM method's name
   * @param groupColumns the manifest's group columns, passed through to {@code image_stats}
   * @param model the model that explained the images
   */
  public OutputTables(
      Dataset<Row> results,
      String runId,
      String method,
      List<String> groupColumns,
      ModelInfo model) {
    this.results = results;
    this.groupColumns = List.copyOf(groupColumns);
    runColumns.put(RUN_ID.name(), lit(runId));
    runColumns.put(METHOD.name(), lit(method));
    runColumns.put(LAYER.name(), lit(model.spec().layer()));
    runColumns.put(
        MODEL_ID.name(),
        lit(model.spec().name() + "@" + model.digest().substring(0, MODEL_ID_DIGEST)));
  }

  /** Stages {@code heatmaps}, {@code image_stats}, {@code boxes} and {@code rejected}. */
  public void write(RunWriter run) {
    run.writeTable(heatmaps(), OutputTable.HEATMAPS);
    run.writeTable(imageStats(), OutputTable.IMAGE_STATS, groupColumns);
    run.writeTable(boxes(), OutputTable.BOXES);
    run.writeTable(rejected(), OutputTable.REJECTED);
  }

  Dataset<Row> heatmaps() {
    return select(explained(), OutputTable.HEATMAPS, Map.of());
  }

  Dataset<Row> imageStats() {
    return select(explained(), OutputTable.IMAGE_STATS, Map.of());
  }

  /** One row per weakly supervised box: each region of each map at each threshold. */
  Dataset<Row> boxes() {
    Dataset<Row> regions =
        explained()
            .select(IMAGE_ID.col(), TARGET_CLASS.col(), explode(col(ResultSchema.REGIONS)).as("r"))
            .select(col("*"), col("r.*"));
    return select(regions, OutputTable.BOXES, Map.of());
  }

  Dataset<Row> rejected() {
    return select(
        results.filter(col(ResultSchema.EXPLAINED).equalTo(false)),
        OutputTable.REJECTED,
        Map.of(
            SOURCE.name(), col(ManifestSchema.PATH),
            STAGE.name(), col(ResultSchema.REJECT_STAGE),
            REASON.name(), col(ResultSchema.REJECT_REASON),
            DETAIL.name(), col(ResultSchema.REJECT_DETAIL)));
  }

  private Dataset<Row> explained() {
    return results.filter(col(ResultSchema.EXPLAINED));
  }

  /**
   * {@code table}'s columns from {@code rows}: the run's values, then {@code sources}, else the
   * column of the same name.
   */
  private Dataset<Row> select(Dataset<Row> rows, OutputTable table, Map<String, Column> sources) {
    List<StructField> fields = table.fields(groupColumns);
    Column[] columns = new Column[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      String name = fields.get(i).name();
      Column source = runColumns.getOrDefault(name, sources.get(name));
      columns[i] = (source == null ? col(name) : source).as(name);
    }
    return rows.select(columns);
  }
}

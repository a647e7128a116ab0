package io.camaudit.spark.ml;

import static org.apache.spark.sql.types.DataTypes.StringType;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.audit.TargetSelection;
import io.camaudit.cam.CamMethods;
import io.camaudit.data.DecodeSettings;
import io.camaudit.metrics.PointingGame;
import io.camaudit.model.ModelLocator;
import io.camaudit.model.Precision;
import io.camaudit.model.UnsupportedPrecisionException;
import io.camaudit.spark.ExplainSettings;
import io.camaudit.spark.TaskAuditor;
import io.camaudit.spark.TaskThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * A Spark ML {@link Transformer} that explains every image of a DataFrame with a CAM method, for
 * pipelines and notebooks; its setters follow DJL's Spark extension. The input column is either a
 * string column of image paths (read through Hadoop's file systems, decoded as the batch job does)
 * or the {@code image} struct of Spark's {@code image} data source (used as decoded, never decoded
 * again). {@link #transform} keeps every input row and column, in order, and appends (once per
 * explained class, so an image gives as many rows as its {@code targets} give classes):
 *
 * <ul>
 *   <li>{@code <outputCol>} ({@code array<float>}): the map at feature resolution, row-major;
 *   <li>{@code <outputCol>_height}, {@code <outputCol>_width} (int): its size;
 *   <li>{@code <outputCol>_target_class} (string), {@code <outputCol>_target_probability} (double):
 *       the explained class (the label column's class when set and non-empty, else the predicted
 *       class) and its probability (as the model's head gives it: softmax, sigmoid or binary);
 *   <li>{@code <outputCol>_predicted_class} (string): the model's arg-max class;
 *   <li>{@code <outputCol>_error} (string): {@code null} when explained, else {@code reason_code:
 *       detail} (the reasons of {@code docs/inputs.md}); the other columns are then null. Rows are
 *       never dropped.
 * </ul>
 *
 * Each task uses its executor's cached model and the batch job's pipeline ({@link TaskAuditor}).
 */
public final class CamTransformer extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> modelUrl;
  private final Param<String> layer;
  private final Param<String> method;
  private final IntParam batchSize;
  private final Param<String> labelCol;
  private final Param<String> targets;
  private final Param<String> precision;

  /** A transformer with a random uid and the default parameters. */
  public CamTransformer() {
    this(Identifiable$.MODULE$.randomUID("camTransformer"));
  }

  /** A transformer with {@code uid} and the default parameters (used when loading one). */
  public CamTransformer(String uid) {
    this.uid = uid;
    inputCol =
        new Param<>(
            this,
            "inputCol",
            "input column: image paths (string) or the struct of Spark's image data source");
    outputCol =
        new Param<>(
            this,
            "outputCol",
            "output column of the maps; also the prefix of the other appended columns (_height,"
                + " _width, _target_class, _target_probability, _predicted_class, _error)");
    modelUrl =
        new Param<>(
            this,
            "modelUrl",
            "the model: builtin:NAME, a model directory, or a URI Hadoop can read"
                + " (docs/models.md)");
    layer =
        new Param<>(
            this,
            "layer",
            "the target layer; optional, and when set it must be the model's (fixed by its"
                + " model.json)");
    method =
        new Param<>(
            this,
            "method",
            "the CAM method, one of " + CamMethods.names(),
            ParamValidators.inArray(new ArrayList<>(CamMethods.names())));
    batchSize =
        new IntParam(this, "batchSize", "images per model call (> 0)", ParamValidators.gt(0));
    labelCol =
        new Param<>(
            this,
            "labelCol",
            "optional string column of class names to explain; empty or null explains the predicted"
                + " class");
    targets =
        new Param<>(
            this,
            "targets",
            "classes to explain per image: label (the labelCol's class, else the predicted one),"
                + " predicted, all-labels or top-k:K (K rows per image); docs/transformer.md",
            (Function1<String, Object>) TargetSelection::isValid);
    precision =
        new Param<>(
            this,
            "precision",
            "the number type the features compute in: fp32, bf16 or fp16 (a TorchScript export"
                + " with --precisions; docs/torchscript.md)",
            ParamValidators.inArray(
                Arrays.stream(Precision.values()).map(Precision::optionName).toList()));
    setDefault(inputCol, "image");
    setDefault(outputCol, "cam");
    setDefault(modelUrl, ModelLocator.DEMO_MODEL);
    setDefault(method, CamMethods.DEFAULT);
    setDefault(batchSize, ExplainSettings.DEFAULT_BATCH_SIZE);
    setDefault(targets, TargetSelection.LABEL.id());
    setDefault(precision, Precision.FP32.optionName());
  }

  /** Reads saved transformers ({@link #write()}). */
  public static MLReader<CamTransformer> read() {
    return new DefaultParamsReader<>();
  }

  /** A transformer saved at {@code path}. */
  public static CamTransformer load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> modelUrl() {
    return modelUrl;
  }

  public Param<String> layer() {
    return layer;
  }

  public Param<String> method() {
    return method;
  }

  public Param<String> precision() {
    return precision;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> targets() {
    return targets;
  }

  public CamTransformer setTargets(String value) {
    set(targets, value);
    return this;
  }

  public String getTargets() {
    return getOrDefault(targets);
  }

  public CamTransformer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public CamTransformer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public CamTransformer setModelUrl(String value) {
    set(modelUrl, value);
    return this;
  }

  public CamTransformer setLayer(String value) {
    set(layer, value);
    return this;
  }

  public CamTransformer setMethod(String value) {
    set(method, value);
    return this;
  }

  /**
   * The number type the features compute in: {@code fp32} (default), {@code bf16}, {@code fp16}.
   */
  public CamTransformer setPrecision(String value) {
    set(precision, value);
    return this;
  }

  public CamTransformer setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  public CamTransformer setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public String getModelUrl() {
    return getOrDefault(modelUrl);
  }

  /** The layer, or {@code null} when not set (the model's layer is used). */
  public String getLayer() {
    return isDefined(layer) ? getOrDefault(layer) : null;
  }

  public String getMethod() {
    return getOrDefault(method);
  }

  public String getPrecision() {
    return getOrDefault(precision);
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  /** The label column, or {@code null} when not set (each image's predicted class is explained). */
  public String getLabelCol() {
    return isDefined(labelCol) ? getOrDefault(labelCol) : null;
  }

  /** The names of the appended columns, in order. */
  public List<String> outputColumns() {
    return CamColumn.names(getOutputCol());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    String input = getInputCol();
    if (!names.contains(input)) {
      throw new IllegalArgumentException(
          "Invalid inputCol '" + input + "': no such column in " + names);
    }
    DataType inputType = schema.apply(input).dataType();
    if (!inputType.equals(StringType) && !SparkImages.isImageStruct(inputType)) {
      throw new IllegalArgumentException(
          "Invalid inputCol '"
              + input
              + "': its type is "
              + inputType.simpleString()
              + "; expected a string column of image paths or the struct of Spark's image data"
              + " source "
              + SparkImages.SCHEMA.simpleString());
    }
    String label = getLabelCol();
    if (label != null) {
      if (!names.contains(label)) {
        throw new IllegalArgumentException(
            "Invalid labelCol '" + label + "': no such column in " + names);
      }
      DataType labelType = schema.apply(label).dataType();
      if (!labelType.equals(StringType)) {
        throw new IllegalArgumentException(
            "Invalid labelCol '"
                + label
                + "': its type is "
                + labelType.simpleString()
                + "; expected a string column of class names");
      }
    }
    List<String> outputs = outputColumns();
    for (String column : outputs) {
      if (names.contains(column)) {
        throw new IllegalArgumentException(
            "Invalid outputCol '"
                + getOutputCol()
                + "': the input already has a column '"
                + column
                + "' (the transformer appends "
                + outputs
                + ")");
      }
    }
    return CamColumn.appendTo(schema, getOutputCol());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType input = dataset.schema();
    StructType output = transformSchema(input);
    TaskAuditor.Setup setup =
        TaskAuditor.Setup.of(
            new ExplainSettings(
                getModelUrl(),
                getMethod(),
                TargetSelection.parse(getTargets()),
                getBatchSize(),
                DecodeSettings.defaults(),
                ExplainSettings.DEFAULT_DEVICE,
                Precision.parse(getPrecision()),
                TaskThreads.fromSpark(),
                mapOnly()),
            dataset.sparkSession().sparkContext().hadoopConfiguration());
    TaskAuditor.Checked checked =
        checkModel(setup, dataset.sparkSession().sparkContext().isLocal());
    String label = getLabelCol();
    CamPartitionFunction explain =
        new CamPartitionFunction(
            checked.setup(),
            getInputCol(),
            input.fieldIndex(getInputCol()),
            SparkImages.isImageStruct(input.apply(getInputCol()).dataType()),
            label == null ? -1 : input.fieldIndex(label),
            DecodeSettings.DEFAULT_MAX_PIXELS);
    return dataset.toDF().mapPartitions(explain, Encoders.row(output));
  }

  /**
   * Checks the model on the driver once per {@code transform} (so that a model whose files changed
   * is loaded again), failing with the param's name when it cannot be used or its layer differs.
   */
  private TaskAuditor.Checked checkModel(TaskAuditor.Setup setup, boolean tasksInThisJvm) {
    TaskAuditor.Checked checked;
    try {
      checked = setup.check(tasksInThisJvm);
    } catch (UnsupportedPrecisionException e) {
      throw new IllegalArgumentException(e.messageFor("precision"), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid modelUrl '"
              + getModelUrl()
              + "': "
              + e.getMessage()
              + " (expected "
              + ModelLocator.DEMO_MODEL
              + " or a model directory, see"
              + " docs/models.md)",
          e);
    }
    String wanted = getLayer();
    String layer = checked.model().spec().layer();
    if (wanted != null && !wanted.equals(layer)) {
      throw new IllegalArgumentException(
          "Invalid layer '"
              + wanted
              + "' for model '"
              + getModelUrl()
              + "': its target layer is '"
              + layer
              + "', fixed by its model.json (leave layer unset, or set it to '"
              + layer
              + "'; see docs/models.md to export another layer)");
    }
    return checked;
  }

  /** The transformer only returns the map: measure nothing beyond the one CAM-box threshold. */
  private static MeasureSettings mapOnly() {
    return new MeasureSettings(
        new double[0],
        PointingGame.DEFAULT_TOLERANCE_PIXELS,
        false,
        MeasureSettings.DEFAULT_GRID_CAP,
        MeasureSettings.DEFAULT_LOCALISATION,
        null,
        null);
  }

  @Override
  public CamTransformer copy(ParamMap extra) {
    return (CamTransformer) defaultCopy(extra);
  }
}

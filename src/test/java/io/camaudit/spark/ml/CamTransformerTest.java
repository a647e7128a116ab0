package io.camaudit.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.DemoManifest;
import io.camaudit.demo.DemoModelTrainer;
import io.camaudit.demo.ShortcutDatasetGenerator;
import io.camaudit.model.Architectures;
import io.camaudit.model.ModelLocator;
import io.camaudit.model.TorchEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML transformer on the demo model and demo images, in a local[2] session. */
class CamTransformerTest {

  private static final int IMAGES = 12;
  private static final StructType PATHS =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("path", DataTypes.StringType)
          .add("label", DataTypes.StringType);

  @TempDir static Path dir;
  private static SparkSession spark;
  private static DemoManifest manifest;

  @BeforeAll
  static void start() throws Exception {
    manifest = DatasetWriter.write(new ShortcutDatasetGenerator(11), IMAGES, dir);
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("CamTransformerTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static Dataset<Row> paths(List<Row> extra) {
    List<Row> rows = new ArrayList<>();
    for (DemoManifest.Entry e : manifest.entries()) {
      rows.add(RowFactory.create(e.imageId(), dir.resolve(e.path()).toString(), e.label()));
    }
    rows.addAll(extra);
    return spark.createDataFrame(rows, PATHS).repartition(2);
  }

  private static Map<String, Row> byId(Dataset<Row> frame) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : frame.collectAsList()) {
      rows.put(row.getAs("id"), row);
    }
    return rows;
  }

  private static float[] cam(Row row) {
    List<Float> values = row.getList(row.fieldIndex("cam"));
    float[] cam = new float[values.size()];
    for (int i = 0; i < cam.length; i++) {
      cam[i] = values.get(i);
    }
    return cam;
  }

  @Test
  void explainsAPathColumnWithTheDemoModel() {
    Dataset<Row> out =
        new CamTransformer().setInputCol("path").setBatchSize(5).transform(paths(List.of()));
    assertEquals(
        List.of(
            "id",
            "path",
            "label",
            "cam",
            "cam_height",
            "cam_width",
            "cam_target_class",
            "cam_target_probability",
            "cam_predicted_class",
            "cam_error"),
        List.of(out.schema().fieldNames()));
    Map<String, Row> rows = byId(out);
    assertEquals(IMAGES, rows.size());
    int correct = 0;
    for (DemoManifest.Entry e : manifest.entries()) {
      Row row = rows.get(e.imageId());
      assertNull(row.getAs("cam_error"), e.imageId());
      assertEquals(16, (int) row.getAs("cam_height"));
      assertEquals(16, (int) row.getAs("cam_width"));
      assertEquals(256, cam(row).length);
      assertEquals(
          (String) row.getAs("cam_predicted_class"), row.getAs("cam_target_class"), "no labelCol");
      double p = row.getAs("cam_target_probability");
      assertTrue(p > 0 && p <= 1, "probability " + p);
      if (e.label().equals(row.getAs("cam_predicted_class"))) {
        correct++;
      }
    }
    assertTrue(correct >= IMAGES - 1, correct + " of " + IMAGES + " predicted correctly");
  }

  @Test
  void aModelWhoseFilesChangedIsLoadedAgainByTheNextTransform() throws Exception {
    Path model = dir.resolve("retrained-model");
    copyModel(ModelLocator.local().localDirectory(ModelLocator.DEMO_MODEL), model);
    CamTransformer transformer =
        new CamTransformer().setInputCol("path").setModelUrl(model.toString());
    Map<String, Row> before = byId(transformer.transform(paths(List.of())));

    // Retrained in place: same location, other weights, as in a notebook.
    writeRandomDemoWeights(model.resolve(DemoModelTrainer.WEIGHTS_FILE), 99);
    Map<String, Row> after = byId(transformer.transform(paths(List.of())));

    Path elsewhere = dir.resolve("retrained-copy");
    copyModel(model, elsewhere);
    Map<String, Row> fresh =
        byId(
            new CamTransformer()
                .setInputCol("path")
                .setModelUrl(elsewhere.toString())
                .transform(paths(List.of())));
    int changed = 0;
    for (DemoManifest.Entry e : manifest.entries()) {
      String id = e.imageId();
      assertArrayEquals(
          cam(fresh.get(id)),
          cam(after.get(id)),
          1e-6f,
          id + ": the new weights, as a fresh load gives them");
      changed += java.util.Arrays.equals(cam(before.get(id)), cam(after.get(id))) ? 0 : 1;
    }
    assertEquals(IMAGES, changed, "every map changed with the weights");
  }

  private static void copyModel(Path from, Path to) throws Exception {
    java.nio.file.Files.createDirectories(to);
    try (var files = java.nio.file.Files.list(from)) {
      for (Path file : files.toList()) {
        java.nio.file.Files.copy(
            file,
            to.resolve(file.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Demo CNN parameters from a seeded random initialisation. */
  private static void writeRandomDemoWeights(Path file, int seed) throws Exception {
    TorchEngine.get().setRandomSeed(seed);
    try (ai.djl.ndarray.NDManager manager =
            ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu(), TorchEngine.NAME);
        var out = new java.io.DataOutputStream(java.nio.file.Files.newOutputStream(file))) {
      var block = Architectures.demoCnn(3);
      block.initialize(
          manager,
          ai.djl.ndarray.types.DataType.FLOAT32,
          new ai.djl.ndarray.types.Shape(1, 3, 64, 64));
      block.saveParameters(out);
    }
  }

  @Test
  void explainsTheLabelColumnsClassWhenGiven() {
    Dataset<Row> frame =
        paths(List.of()).withColumn("wanted", org.apache.spark.sql.functions.lit("triangle"));
    Map<String, Row> rows =
        byId(new CamTransformer().setInputCol("path").setLabelCol("wanted").transform(frame));
    Map<String, Row> predicted = byId(new CamTransformer().setInputCol("path").transform(frame));
    for (DemoManifest.Entry e : manifest.entries()) {
      Row row = rows.get(e.imageId());
      assertEquals("triangle", row.getAs("cam_target_class"));
      assertEquals(
          (String) predicted.get(e.imageId()).getAs("cam_predicted_class"),
          row.getAs("cam_predicted_class"));
      if (!"triangle".equals(row.getAs("cam_predicted_class"))) {
        assertTrue((double) row.getAs("cam_target_probability") < 0.5);
      }
    }
  }

  @Test
  void theImageSourceGivesTheSameCamsAsThePathColumn() {
    Map<String, Row> byPath =
        byId(new CamTransformer().setInputCol("path").transform(paths(List.of())));
    Dataset<Row> images = spark.read().format("image").load(dir.resolve("images").toString());
    assertEquals(IMAGES, images.count());
    Dataset<Row> out = new CamTransformer().setBatchSize(4).transform(images);
    int compared = 0;
    for (Row row : out.collectAsList()) {
      assertNull(row.getAs("cam_error"));
      String origin = row.getStruct(row.fieldIndex("image")).getAs("origin");
      String file = origin.substring(origin.lastIndexOf('/') + 1);
      String id = file.substring(0, file.lastIndexOf('.'));
      Row expected = byPath.get(id);
      assertNotNull(expected, origin);
      assertEquals(
          (String) expected.getAs("cam_predicted_class"), row.getAs("cam_predicted_class"));
      assertEquals(
          (double) expected.getAs("cam_target_probability"),
          (double) row.getAs("cam_target_probability"),
          1e-5);
      float[] a = cam(expected);
      float[] b = cam(row);
      assertEquals(a.length, b.length);
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-5, id + " at " + i);
      }
      compared++;
    }
    assertEquals(IMAGES, compared);
  }

  /** Ids sorting between the demo images', so that bad rows sit inside batches. */
  private static final String MISSING = "demo-000001-missing";

  private static final String NULL = "demo-000005-null";
  private static final String UNKNOWN = "demo-000006-unknown-label";

  @Test
  void badRowsGetAnErrorAndKeepTheirPlace() {
    List<Row> bad =
        List.of(
            RowFactory.create(MISSING, dir.resolve("images/nope.png").toString(), "circle"),
            RowFactory.create(NULL, null, "circle"),
            RowFactory.create(
                UNKNOWN, dir.resolve(manifest.entries().get(0).path()).toString(), "hexagon"));
    Dataset<Row> frame = paths(bad).coalesce(1).orderBy("id");
    List<String> order = new ArrayList<>();
    for (Row row : frame.collectAsList()) {
      order.add(row.getAs("id"));
    }
    Dataset<Row> out =
        new CamTransformer()
            .setInputCol("path")
            .setLabelCol("label")
            .setBatchSize(4)
            .transform(frame.coalesce(1));
    List<Row> rows = out.collectAsList();
    assertEquals(order, rows.stream().map(r -> (String) r.getAs("id")).toList(), "input order");
    Map<String, Row> byId = byId(out);
    assertTrue(((String) byId.get(MISSING).getAs("cam_error")).startsWith("unreadable_file: "));
    assertTrue(((String) byId.get(NULL).getAs("cam_error")).startsWith("missing_field: "));
    assertTrue(((String) byId.get(UNKNOWN).getAs("cam_error")).startsWith("unknown_label: "));
    for (String id : List.of(MISSING, NULL, UNKNOWN)) {
      assertNull(byId.get(id).getAs("cam"));
      assertEquals(id, (String) byId.get(id).getAs("id"), "input columns kept");
    }
    for (DemoManifest.Entry e : manifest.entries()) {
      assertNull(byId.get(e.imageId()).getAs("cam_error"));
      assertEquals(256, cam(byId.get(e.imageId())).length);
    }
  }

  @Test
  void invalidParamsFailWithTheParamsName() {
    Dataset<Row> frame = paths(List.of());
    IllegalArgumentException layer =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CamTransformer().setInputCol("path").setLayer("conv9").transform(frame));
    assertTrue(layer.getMessage().contains("layer 'conv9'"), layer.getMessage());
    assertTrue(layer.getMessage().contains("04SequentialBlock"), layer.getMessage());

    Dataset<Row> numbers = spark.range(3).toDF("n");
    IllegalArgumentException input =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CamTransformer().setInputCol("n").transform(numbers));
    assertTrue(input.getMessage().contains("inputCol 'n'"), input.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CamTransformer().transformSchema(frame.schema()));
    assertTrue(missing.getMessage().contains("inputCol 'image'"), missing.getMessage());
    IllegalArgumentException label =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CamTransformer()
                    .setInputCol("path")
                    .setLabelCol("n")
                    .transformSchema(frame.schema()));
    assertTrue(label.getMessage().contains("labelCol 'n'"), label.getMessage());
    IllegalArgumentException output =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CamTransformer()
                    .setInputCol("path")
                    .setOutputCol("label")
                    .transformSchema(frame.schema()));
    assertTrue(output.getMessage().contains("outputCol 'label'"), output.getMessage());
    IllegalArgumentException method =
        assertThrows(
            IllegalArgumentException.class, () -> new CamTransformer().setMethod("gradcam3000"));
    assertTrue(method.getMessage().contains("method"), method.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CamTransformer().setBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> new CamTransformer().setPrecision("int8"));
    IllegalArgumentException precision =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CamTransformer().setInputCol("path").setPrecision("bf16").transform(frame));
    assertTrue(
        precision.getMessage().startsWith("Invalid precision bf16: "), precision.getMessage());
    assertTrue(precision.getMessage().endsWith("or use precision fp32"), precision.getMessage());
  }

  @Test
  void theModelsOwnLayerIsAccepted() {
    List<Row> rows =
        new CamTransformer()
            .setInputCol("path")
            .setLayer("04SequentialBlock")
            .transform(paths(List.of()))
            .collectAsList();
    assertEquals(IMAGES, rows.size());
    for (Row row : rows) {
      assertNull(row.getAs("cam_error"), row.<String>getAs("id"));
      assertEquals(256, cam(row).length, row.<String>getAs("id"));
    }
  }

  @Test
  void worksInsideAPipelineBesideAnotherAndSavesItsParams() throws Exception {
    CamTransformer cam =
        new CamTransformer()
            .setInputCol("path")
            .setOutputCol("heat")
            .setMethod("gradcam++")
            .setBatchSize(3);
    CamTransformer second = new CamTransformer().setInputCol("path").setMethod("eigencam");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {cam, second});
    Dataset<Row> frame = paths(List.of());
    PipelineModel model = pipeline.fit(frame);
    Dataset<Row> out = model.transform(frame);
    List<String> columns = List.of(out.schema().fieldNames());
    assertEquals(List.of("id", "path", "label"), columns.subList(0, 3));
    assertEquals(cam.outputColumns(), columns.subList(3, 10));
    assertEquals(second.outputColumns(), columns.subList(10, 17));
    assertEquals(
        IMAGES,
        out.filter(
                "heat_error is null and size(heat) = 256"
                    + " and cam_error is null and size(cam) = 256"
                    + " and heat_predicted_class = cam_predicted_class")
            .count());
    assertTrue(out.filter("heat <> cam").count() > 0, "two methods, two maps");

    String saved = dir.resolve("pipeline").toString();
    model.write().overwrite().save(saved);
    CamTransformer loaded = (CamTransformer) PipelineModel.load(saved).stages()[0];
    assertEquals("path", loaded.getInputCol());
    assertEquals("heat", loaded.getOutputCol());
    assertEquals("gradcam++", loaded.getMethod());
    assertEquals(3, loaded.getBatchSize());
    assertNull(loaded.getLayer());
    assertEquals(cam.uid(), loaded.uid());
    assertFalse(loaded == cam);
  }

  @Test
  void copiesKeepParamsAndTakeExtras() {
    CamTransformer cam = new CamTransformer().setInputCol("path").setBatchSize(7);
    CamTransformer copy =
        cam.copy(new org.apache.spark.ml.param.ParamMap().put(cam.method(), "layercam"));
    assertEquals(7, copy.getBatchSize());
    assertEquals("layercam", copy.getMethod());
    assertEquals("gradcam", cam.getMethod());
    assertEquals(cam.uid(), copy.uid());
  }
}

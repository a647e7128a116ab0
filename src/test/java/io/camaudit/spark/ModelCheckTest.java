package io.camaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.audit.TargetSelection;
import io.camaudit.cam.Head;
import io.camaudit.data.DecodeSettings;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.ResizePolicy;
import io.camaudit.model.ModelFormat;
import io.camaudit.model.ModelSpec;
import io.camaudit.model.Precision;
import io.camaudit.model.TokenLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that cannot work are refused on the driver, before any task runs, by {@link
 * TaskAuditor.Setup#check}: what a new user tries first (a plain {@code torch.jit.script} without
 * {@code features}/{@code head}), a {@code model.json} whose classes do not match the model's
 * logits, weights outside the model directory.
 */
class ModelCheckTest {

  @TempDir Path dir;

  @Test
  void aScriptedModelWithoutFeaturesAndHeadIsRefusedNamingTheFix() throws Exception {
    Path model = torchScriptModel("plain-scripted.pt", List.of("circle", "square", "triangle"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> setup(model).check(true));
    assertTrue(
        e.getMessage().contains("expected exported methods 'features' and 'head'"), e.getMessage());
    assertTrue(e.getMessage().contains("scripts/export_torchscript.py"), e.getMessage());
  }

  @Test
  void classesThatDoNotMatchTheLogitsAreRefused() throws Exception {
    Path model = torchScriptModel("demo-cnn-split.pt", List.of("circle", "square"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> setup(model).check(false));
    assertTrue(e.getMessage().startsWith("the model cannot explain one image"), e.getMessage());
    assertTrue(e.getMessage().contains("expected [N, 2]"), e.getMessage());
  }

  @Test
  void aWorkingModelIsCheckedAndPinnedToItsDigest() throws Exception {
    Path model = torchScriptModel("demo-cnn-split.pt", List.of("circle", "square", "triangle"));
    TaskAuditor.Checked checked = setup(model).check(true);
    assertEquals(64, checked.model().digest().length());
    try (TaskAuditor first = checked.setup().open();
        TaskAuditor second = checked.setup().open()) {
      assertEquals(checked.model().digest(), first.model().info().digest());
      assertSame(first.model(), second.model(), "one model for the tasks of this JVM");
      assertEquals(first.lease().loadId(), second.lease().loadId(), "one load for them to report");
    }
  }

  @Test
  void weightsMustBeAFileInsideTheModelDirectory() {
    for (String weights :
        List.of("../model.pt", "/etc/passwd", "a/../../model.pt", "s3a://bucket/model.pt", "")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> spec(weights), weights);
      assertTrue(e.getMessage().contains("inside the model directory"), e.getMessage());
    }
    assertEquals("weights/model.pt", spec("weights/model.pt").weights());
  }

  private static ModelSpec spec(String weights) {
    return new ModelSpec(
        "m",
        ModelFormat.TORCHSCRIPT,
        null,
        weights,
        "layer4",
        List.of("a"),
        Preprocessing.imagenet(),
        Head.SOFTMAX,
        TokenLayout.CHANNELS_FIRST);
  }

  /** A model directory holding the test fixture {@code file} as a TorchScript model. */
  private Path torchScriptModel(String file, List<String> classes) throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    try (var in = getClass().getResourceAsStream("/fixtures/" + file)) {
      Files.copy(in, model.resolve(file));
    }
    ModelSpec spec =
        new ModelSpec(
            "fixture",
            ModelFormat.TORCHSCRIPT,
            null,
            file,
            "block4",
            classes,
            new Preprocessing(
                32,
                32,
                ResizePolicy.STRETCH,
                0,
                Preprocessing.imagenetMean(),
                Preprocessing.imagenetStd()),
            Head.SOFTMAX,
            TokenLayout.CHANNELS_FIRST);
    Files.writeString(model.resolve(ModelSpec.FILE_NAME), spec.toJson());
    return model;
  }

  private static TaskAuditor.Setup setup(Path model) {
    return TaskAuditor.Setup.of(
        new ExplainSettings(
            model.toString(),
            "gradcam",
            TargetSelection.LABEL,
            4,
            DecodeSettings.defaults(),
            ExplainSettings.DEFAULT_DEVICE,
            Precision.FP32,
            TaskThreads.fromSpark(),
            MeasureSettings.defaults()),
        new Configuration());
  }
}

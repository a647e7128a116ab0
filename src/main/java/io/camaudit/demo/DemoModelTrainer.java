package io.camaudit.demo;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.camaudit.cam.Head;
import io.camaudit.data.DecodedImage;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.ResizePolicy;
import io.camaudit.model.Architectures;
import io.camaudit.model.ModelFormat;
import io.camaudit.model.ModelSpec;
import io.camaudit.model.TokenLayout;
import io.camaudit.model.TorchEngine;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the demo CNN on the synthetic shortcut dataset and writes a model directory ({@code
 * model.json} and {@code demo-cnn.params}). Deterministic for a seed on one machine. The shipped
 * model was made with the defaults of {@code jobs/train-demo-model}.
 */
public final class DemoModelTrainer {

  /** The demo model's input: 64×64, stretched, ImageNet normalisation. */
  public static final Preprocessing INPUT =
      new Preprocessing(
          64,
          64,
          ResizePolicy.STRETCH,
          0,
          Preprocessing.imagenetMean(),
          Preprocessing.imagenetStd());

  /** Weights file name in the model directory. */
  public static final String WEIGHTS_FILE = "demo-cnn.params";

  /** Settings of one training run, on images with {@code shortcut}. */
  public record Settings(
      long seed,
      int samples,
      int epochs,
      int batchSize,
      float learningRate,
      ShortcutDatasetGenerator.Shortcut shortcut) {

    /** Checks the settings. */
    public Settings {
      if (samples < batchSize || batchSize <= 0 || epochs <= 0 || !(learningRate > 0)) {
        throw new IllegalArgumentException(
            "Invalid training settings (need samples >= batchSize > 0, epochs > 0, rate > 0): "
                + this);
      }
    }
  }

  private DemoModelTrainer() {}

  /**
   * Trains on samples {@code 0..samples-1} of a generator seeded with {@code settings.seed()},
   * validates on the next {@code samples / 5}, and writes the model to {@code outputDir}.
   */
  public static ModelSpec train(Settings settings, Path outputDir, PrintStream log)
      throws IOException {
    Engine engine = TorchEngine.get();
    engine.setRandomSeed((int) settings.seed());
    ShortcutDatasetGenerator generator =
        new ShortcutDatasetGenerator(settings.seed(), settings.shortcut());
    int classes = ShortcutDatasetGenerator.CLASSES.size();
    try (Model model = Model.newInstance("demo-cnn", Device.cpu(), TorchEngine.NAME);
        NDManager data = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
      SequentialBlock block = Architectures.demoCnn(classes);
      model.setBlock(block);
      ArrayDataset train = dataset(generator, 0, settings.samples(), settings.batchSize(), data);
      ArrayDataset validation =
          dataset(
              generator, settings.samples(), settings.samples() / 5, settings.batchSize(), data);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .addEvaluator(new Accuracy())
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                      .build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, INPUT.height(), INPUT.width()));
        EasyTrain.fit(trainer, settings.epochs(), train, validation);
        TrainingResult result = trainer.getTrainingResult();
        log.printf(
            "trained %d epochs: train accuracy %.3f, validation accuracy %.3f%n",
            result.getEpoch(),
            result.getTrainEvaluation("Accuracy"),
            result.getValidateEvaluation("Accuracy"));
      } catch (TranslateException e) {
        throw new IOException("Training failed", e);
      }
      return write(block, modelName(settings.shortcut()), outputDir);
    }
  }

  private static ArrayDataset dataset(
      ShortcutDatasetGenerator generator, int first, int count, int batchSize, NDManager manager) {
    ImagePreprocessor preprocessor = new ImagePreprocessor(INPUT);
    int length = INPUT.imageLength();
    float[] pixels = new float[count * length];
    float[] labels = new float[count];
    for (int i = 0; i < count; i++) {
      SyntheticSample sample = generator.sample(first + i);
      preprocessor.preprocess(DecodedImage.of(sample.image()), pixels, i * length);
      labels[i] = sample.classIndex();
    }
    NDArray x = manager.create(pixels, new Shape(count, 3, INPUT.height(), INPUT.width()));
    NDArray y = manager.create(labels, new Shape(count));
    return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(batchSize, true).build();
  }

  /**
   * The model's name: {@code demo-cnn} for the tag shortcut (the shipped demo model), {@code
   * demo-cnn-texture} for the texture one.
   */
  public static String modelName(ShortcutDatasetGenerator.Shortcut shortcut) {
    return shortcut == ShortcutDatasetGenerator.Shortcut.TAG
        ? "demo-cnn"
        : "demo-cnn-" + shortcut.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ModelSpec write(SequentialBlock block, String name, Path outputDir)
      throws IOException {
    Files.createDirectories(outputDir);
    try (OutputStream out = Files.newOutputStream(outputDir.resolve(WEIGHTS_FILE));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
      block.saveParameters(data);
    }
    ModelSpec spec =
        new ModelSpec(
            name,
            ModelFormat.DJL_BLOCK,
            "demo-cnn",
            WEIGHTS_FILE,
            Architectures.DEMO_CNN_LAYER,
            ShortcutDatasetGenerator.CLASSES,
            INPUT,
            Head.SOFTMAX,
            TokenLayout.CHANNELS_FIRST);
    Files.writeString(outputDir.resolve(ModelSpec.FILE_NAME), spec.toJson() + "\n");
    return spec;
  }
}

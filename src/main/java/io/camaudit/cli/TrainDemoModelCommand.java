package io.camaudit.cli;

import io.camaudit.demo.DemoModelTrainer;
import io.camaudit.demo.ShortcutDatasetGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-demo-model}: trains the demo CNN on the synthetic shortcut dataset. */
@Command(
    name = "train-demo-model",
    mixinStandardHelpOptions = true,
    description =
        "Trains the demo CNN on the synthetic shortcut dataset and writes a model"
            + " directory (model.json + weights).")
final class TrainDemoModelCommand implements Callable<Integer> {

  @Option(names = "--output", required = true, description = "Model directory to write.")
  Path output;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Data and weight seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--samples",
      defaultValue = "3000",
      description = "Training images (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--epochs",
      defaultValue = "6",
      description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Batch size (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.002",
      description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(
      names = "--shortcut",
      defaultValue = "tag",
      converter = ShortcutConverter.class,
      description =
          "What gives the studio images' class away: tag or texture (default ${DEFAULT-VALUE}).")
  ShortcutDatasetGenerator.Shortcut shortcut;

  @Override
  public Integer call() throws Exception {
    DemoModelTrainer.train(
        new DemoModelTrainer.Settings(seed, samples, epochs, batchSize, learningRate, shortcut),
        output,
        System.out);
    System.out.println("wrote " + output);
    return 0;
  }
}

package io.camaudit.cli;

import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.DemoManifest;
import io.camaudit.demo.ShortcutDatasetGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate-demo-data}: writes the synthetic shortcut dataset. */
@Command(
    name = "generate-demo-data",
    mixinStandardHelpOptions = true,
    description = "Writes the synthetic shortcut dataset (images + manifest.jsonl) to a folder.")
final class GenerateDemoDataCommand implements Callable<Integer> {

  /** Seed of the demo dataset; the demo model was trained on another seed's images. */
  static final long DEMO_SEED = 7;

  @Option(names = "--output", required = true, description = "Folder to write.")
  Path output;

  @Option(
      names = "--count",
      defaultValue = "600",
      description = "Images (default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "" + DEMO_SEED,
      description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    DemoManifest manifest = DatasetWriter.write(new ShortcutDatasetGenerator(seed), count, output);
    System.out.println("wrote " + manifest.entries().size() + " images and " + manifest.file());
    return 0;
  }
}

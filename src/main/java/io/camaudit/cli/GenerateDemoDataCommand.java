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

  @Option(
      names = "--shortcut",
      defaultValue = "tag",
      converter = ShortcutConverter.class,
      description =
          "What gives the studio images' class away: tag (a class-coloured corner tag) or texture"
              + " (class-oriented background stripes); default ${DEFAULT-VALUE}.")
  ShortcutDatasetGenerator.Shortcut shortcut;

  @Override
  public Integer call() throws Exception {
    DemoManifest manifest =
        DatasetWriter.write(new ShortcutDatasetGenerator(seed, shortcut), count, output);
    System.out.println("wrote " + manifest.entries().size() + " images and " + manifest.file());
    return 0;
  }
}

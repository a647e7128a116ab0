package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.metrics.group.Metric;
import io.camaudit.nightly.AlertRules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {

  /** Settings without Spark confs, as before a session starts. */
  static final Supplier<SparkEnvironment> NO_SESSION =
      () -> new SparkEnvironment(List.of(), Configuration::new);

  @TempDir Path dir;

  @Test
  void findsTheFileInEitherSpelling() {
    assertEquals(
        Optional.of("a.properties"),
        ConfigFile.find("audit", "--config", "a.properties", "--run-id", "x"));
    assertEquals(Optional.of("b.properties"), ConfigFile.find("--config=b.properties"));
    assertEquals(Optional.empty(), ConfigFile.find("audit", "--run-id", "x"));
  }

  @Test
  void fileValuesAreDefaultsAndTheCommandLineWins() throws Exception {
    Path file = dir.resolve("audit.properties");
    Files.writeString(file, "batch-size = 7\ngroup-cols = source,site\nmethod = xgradcam\n");
    AuditCommand fromFile = parse(file, "audit", "--manifest", "m", "--output", "o");
    assertEquals(7, fromFile.batchSize);
    assertEquals(List.of("source", "site"), fromFile.groupColumns);
    assertEquals("xgradcam", fromFile.method);
    AuditCommand overridden =
        parse(file, "audit", "--manifest", "m", "--output", "o", "--batch-size", "32");
    assertEquals(32, overridden.batchSize);
  }

  @Test
  void thresholdsComeFromMaxChangeKeys() {
    Properties properties = new Properties();
    properties.setProperty("max-change.accuracy", "0.02");
    properties.setProperty("batch-size", "8");
    OptionSource file = OptionSource.configFile("f", properties);
    assertEquals(Map.of("accuracy", 0.02), AlertConfig.read(file).maxChange());
    properties.setProperty("max-change.box_accuracy", "lots");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertConfig.read(file));
    assertTrue(e.getMessage().contains("max-change.box_accuracy"), e.getMessage());
  }

  @Test
  void aMisspelledMetricExitsTwoNamingKeyFileAndTheNearestMetric() throws Exception {
    Path file = write("max-change.acuracy = 0.02\n");
    // Without --manifest and --output: should the check be gone, picocli fails on those instead.
    assertEquals(
        "cam-audit: Invalid --config "
            + file
            + ": unknown key 'max-change.acuracy' (did you mean 'max-change.accuracy'?)",
        failure("audit", "--config", file.toString()));
  }

  @Test
  void aMisspelledOptionKeyExitsTwoWithTheNearestOption() throws Exception {
    Path file = write("batch-szie = 8\n");
    assertEquals(
        "cam-audit: Invalid --config "
            + file
            + ": unknown key 'batch-szie' (did you mean 'batch-size'?)",
        failure("audit", "--config", file.toString()));
  }

  @Test
  void keysFarFromAnyValidOneListTheValidKeysOfTheirFamily() throws Exception {
    Path file = write("max-change.energy = 0.1\nconfig = other.properties\n");
    String message = failure("audit", "--config", file.toString());
    assertTrue(
        message.contains(
            "unknown key 'max-change.energy' (expected one of max-change.accuracy,"
                + " max-change.background_only_accuracy, max-change.box_accuracy,"
                + " max-change.mean_cam_mult_confidence_change, max-change.mean_confidence_drop,"
                + " max-change.mean_energy_in_fraction,"
                + " max-change.mean_energy_lift, max-change.mean_road_combined,"
                + " max-change.object_only_accuracy,"
                + " max-change.pointing_accuracy,"
                + " max-change.share_off_object)"),
        message);
    assertTrue(message.contains("unknown key 'config';"), message);
    assertTrue(message.contains("; valid keys: alert.fdr, alert.min-images,"), message);
    assertFalse(message.contains(" config,"), message);
    assertFalse(message.contains("did you mean"), message);
  }

  @Test
  void aBadOptionValueNamesTheKeyAndTheFile() throws Exception {
    Path file = write("batch-size = lots\n");
    assertEquals(
        "cam-audit: Invalid --config " + file + ": key 'batch-size': 'lots' is not an int",
        failure("audit", "--config", file.toString()));
  }

  @Test
  void badAlertValuesNameTheKeyAndTheFileOnce() {
    String file = "conf/nightly.properties";
    for (String[] bad :
        new String[][] {
          {AlertRules.FDR_KEY, "2", "expected a rate in (0, 1)"},
          {AlertRules.MIN_IMAGES_KEY, "x", "expected a whole number"},
          {AlertRules.ON_MODEL_CHANGE_KEY, "yes", "expected true or false"}
        }) {
      Properties properties = new Properties();
      properties.setProperty(bad[0], bad[1]);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> AlertConfig.read(OptionSource.configFile(file, properties)),
              bad[0]);
      String message = e.getMessage();
      assertTrue(message.startsWith("Invalid --config " + file + ": " + bad[0] + " = "), message);
      assertEquals(message.indexOf(file), message.lastIndexOf(file), message);
      assertTrue(message.contains(bad[2]), message);
    }
  }

  @Test
  void theExampleFileWithEveryAlertKeyPasses() throws Exception {
    Path file =
        write(
            Files.readString(Path.of("conf", "audit.example.properties"))
                + "alert.fdr = 0.1\nalert.min-images = 5\nalert.on-model-change = true\n"
                + "batch-size = 8\nexact-decoding = true\nmanifest-format = coco\n");
    OptionDefaults.install(
        Main.commandLine(), NO_SESSION, Map.of(), "audit", "--config", file.toString());
    AlertRules rules = AlertConfig.read(ConfigFile.read(file.toString(), new Configuration()));
    assertEquals(new AlertRules(rules.maxChange(), 0.1, 5, true), rules);
    assertEquals(Metric.values().length, rules.maxChange().size(), "a key per metric");
  }

  @Test
  void anUnreadableFileIsAnInvalidConfiguration() {
    assertEquals(
        Main.EXIT_INVALID_CONFIGURATION,
        Main.run("audit", "--config", dir.resolve("missing.properties").toString()));
  }

  @Test
  void everyAuditOptionIsDocumentedAndInTheExampleFile() throws Exception {
    String docs = Files.readString(Path.of("docs", "configuration.md"));
    String example = Files.readString(Path.of("conf", "audit.example.properties"));
    for (CommandLine.Model.OptionSpec option :
        Main.commandLine().getSubcommands().get("audit").getCommandSpec().options()) {
      String key = option.longestName().replaceFirst("^--", "");
      if (key.equals("help") || key.equals("version")) {
        continue;
      }
      assertTrue(docs.contains("| `" + key + "` |"), key + " in docs/configuration.md");
      assertTrue(
          key.equals("config") || example.contains(key + " ="),
          key + " in conf/audit.example.properties");
    }
    for (String key : AlertConfig.keys()) {
      assertTrue(
          docs.contains("| `" + key + "` |") || key.startsWith(AlertRules.MAX_CHANGE_PREFIX),
          key + " in docs/configuration.md");
      assertTrue(example.contains(key + " ="), key + " in conf/audit.example.properties");
    }
  }

  private Path write(String text) throws Exception {
    Path file = dir.resolve("audit.properties");
    Files.writeString(file, text);
    return file;
  }

  /** What {@code args} print on stderr, checking that they exit 2. */
  static String failure(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    assertEquals(Main.EXIT_INVALID_CONFIGURATION, Main.run(commandLine, args), err.toString());
    return err.toString().strip();
  }

  private static AuditCommand parse(Path file, String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setDefaultValueProvider(
        new CommandLine.PropertiesDefaultProvider(
            ConfigFile.read(file.toString(), new Configuration()).values()));
    CommandLine.ParseResult result = commandLine.parseArgs(args);
    return (AuditCommand) result.subcommand().commandSpec().userObject();
  }
}

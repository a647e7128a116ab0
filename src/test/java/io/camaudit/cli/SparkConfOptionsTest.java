package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Option defaults from {@code spark.camaudit.<option>} Spark confs: beneath the {@code --config}
 * file and the command line, checked with messages that name the conf.
 */
class SparkConfOptionsTest {

  @TempDir Path dir;

  private final List<String> systemProperties = new java.util.ArrayList<>();

  @AfterEach
  void clearConfs() {
    systemProperties.forEach(System::clearProperty);
  }

  @Test
  void confsAreDefaultsBeneathTheFileAndTheCommandLine() throws Exception {
    Path file = dir.resolve("audit.properties");
    Files.writeString(file, "method = xgradcam\n");
    Map<String, String> confs =
        Map.of(
            "spark.camaudit.manifest", "s3a://data/manifest.parquet",
            "spark.camaudit.output", "s3a://audits/shapes",
            "spark.camaudit.batch-size", "7",
            "spark.camaudit.method", "layercam",
            "spark.camaudit.config", file.toUri().toString(),
            "spark.camaudit.max-change.accuracy", "0.02",
            "spark.executor.memory", "4g");
    AuditCommand audit = parse(confs, "audit");
    assertEquals("s3a://data/manifest.parquet", audit.manifest, "required options too");
    assertEquals(7, audit.batchSize);
    assertEquals("xgradcam", audit.method, "the file, named by spark.camaudit.config, wins");
    assertEquals(32, parse(confs, "audit", "--batch-size", "32").batchSize);
    assertEquals(
        Map.of("accuracy", 0.02), audit.options().report().alerts().maxChange(), "alert keys");
  }

  @Test
  void anUnknownConfExitsTwoNamingTheConfAndTheNearestOne() {
    set("spark.camaudit.bach-size", "8");
    assertEquals(
        "cam-audit: Invalid Spark conf: unknown key 'spark.camaudit.bach-size'"
            + " (did you mean 'spark.camaudit.batch-size'?)",
        ConfigFileTest.failure("audit", "--manifest", "m", "--output", "o"));
  }

  @Test
  void aBadConfValueExitsTwoNamingTheConf() {
    set("spark.camaudit.batch-size", "lots");
    assertEquals(
        "cam-audit: Invalid Spark conf: key 'spark.camaudit.batch-size': 'lots' is not an int",
        ConfigFileTest.failure("audit", "--manifest", "m", "--output", "o"));
    clearConfs();
    set("spark.camaudit.alert.fdr", "2");
    assertTrue(
        ConfigFileTest.failure("audit", "--manifest", "m", "--output", "o")
            .startsWith("cam-audit: Invalid Spark conf: spark.camaudit.alert.fdr = 2.0: expected"));
  }

  @Test
  void theReportTakesNoConfs() {
    set("spark.camaudit.batch-size", "8");
    CommandLine commandLine = Main.commandLine();
    assertThrows(
        CommandLine.ParameterException.class,
        () -> {
          OptionDefaults.install(
              commandLine, SparkEnvironment::current, Map.of(), "report", "--run-id", "x");
          commandLine.parseArgs("report", "--run-id", "x");
        },
        "--output stays required: no conf reached the report");
  }

  private void set(String key, String value) {
    System.setProperty(key, value);
    systemProperties.add(key);
  }

  private static AuditCommand parse(Map<String, String> confs, String... args) {
    CommandLine commandLine = Main.commandLine();
    OptionDefaults.install(
        commandLine,
        () -> new SparkEnvironment(List.copyOf(confs.entrySet()), Configuration::new),
        Map.of(),
        args);
    return (AuditCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
  }
}

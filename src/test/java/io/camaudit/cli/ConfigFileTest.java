package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {

  @TempDir Path dir;

  @Test
  void findsTheFileInEitherSpelling() {
    assertEquals(
        Optional.of(Path.of("a.properties")),
        ConfigFile.find("audit", "--config", "a.properties", "--run-id", "x"));
    assertEquals(Optional.of(Path.of("b.properties")), ConfigFile.find("--config=b.properties"));
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
    assertEquals(Map.of("accuracy", 0.02), AlertConfig.read(properties, "f").maxChange());
    properties.setProperty("max-change.box_accuracy", "lots");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertConfig.read(properties, "f"));
    assertTrue(e.getMessage().contains("max-change.box_accuracy"), e.getMessage());
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
  }

  private static AuditCommand parse(Path file, String... args) {
    CommandLine commandLine = Main.commandLine();
    ConfigFile.apply(commandLine, ConfigFile.read(file));
    CommandLine.ParseResult result = commandLine.parseArgs(args);
    return (AuditCommand) result.subcommand().commandSpec().userObject();
  }
}

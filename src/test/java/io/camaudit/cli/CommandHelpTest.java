package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help} renders cleanly: no picocli warning, its text intact. */
class CommandHelpTest {

  @Test
  void everyCommandsHelpPrintsWithoutWarnings() {
    Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
    assertTrue(
        commands
            .keySet()
            .containsAll(
                java.util.List.of("audit", "report", "generate-demo-data", "train-demo-model")));
    PrintStream originalErr = System.err;
    for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      String usage;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        usage = command.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      } finally {
        System.setErr(originalErr);
      }
      assertEquals("", err.toString(StandardCharsets.UTF_8), command.getKey() + " --help warned");
      assertTrue(usage.startsWith("Usage: cam-audit " + command.getKey()), usage);
    }
    assertTrue(
        commands
            .get("report")
            .getUsageMessage(CommandLine.Help.Ansi.OFF)
            .contains("95% intervals"));
  }
}

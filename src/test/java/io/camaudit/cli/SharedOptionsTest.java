package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option that the audit (and so the nightly audit) and the report both take is converted by one
 * converter, and a bad value of it fails in each command with the same message and exit code 2.
 */
class SharedOptionsTest {

  /** Each command with its required options. */
  private static final Map<String, Map<String, String>> REQUIRED =
      Map.of(
          "audit", Map.of("--manifest", "m.jsonl", "--output", "out"),
          "report", Map.of("--output", "out", "--run-id", "r"));

  @Test
  void sharedOptionsHaveOneConverter() {
    CommandSpec audit = spec("audit");
    CommandSpec report = spec("report");
    int shared = 0;
    for (OptionSpec option : report.options()) {
      OptionSpec same = audit.findOption(option.longestName());
      if (same == null) {
        continue;
      }
      shared++;
      assertEquals(converters(same), converters(option), option.longestName());
    }
    assertTrue(shared >= 3, "shared options: " + shared);
  }

  @Test
  void aBadValueFailsTheSameWayInEveryCommand() {
    for (String[] bad :
        new String[][] {
          {"--output", "a:b", "'a:b' is not a location"},
          {"--output", " ", "' ' is not a location"},
          {"--run-id", "night 1", "'night 1' is not a run id"},
          {"--manifest", "", "'' is not a location"},
          {"--manifest-format", "xml", "'xml' is not a manifest format"}
        }) {
      List<String> messages = new ArrayList<>();
      for (String command : REQUIRED.keySet()) {
        Map<String, String> options = new LinkedHashMap<>(REQUIRED.get(command));
        options.put(bad[0], bad[1]);
        List<String> args = new ArrayList<>(List.of(command));
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        InProcessRun.Outcome outcome = InProcessRun.run(args);
        assertEquals(Main.EXIT_INVALID_CONFIGURATION, outcome.exitCode(), outcome.stderr());
        messages.add(outcome.stderr().lines().findFirst().orElse(""));
      }
      String expected = "cam-audit: Invalid value for option '" + bad[0] + "': " + bad[2];
      assertTrue(messages.get(0).startsWith(expected), messages.get(0));
      assertEquals(messages.get(0), messages.get(1), "the same in audit and report");
    }
  }

  private static CommandSpec spec(String command) {
    return Main.commandLine().getSubcommands().get(command).getCommandSpec();
  }

  private static List<Class<?>> converters(OptionSpec option) {
    return Arrays.stream(option.converters()).<Class<?>>map(Object::getClass).toList();
  }
}

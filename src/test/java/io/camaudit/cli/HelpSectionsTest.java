package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code audit --help} lists its options in the sections and the order of {@code
 * conf/audit.example.properties}, and an option the report shares with it sits under the same
 * heading.
 */
class HelpSectionsTest {

  /** A section line of the example file: {@code # --- model and method}, maybe with a note. */
  private static final Pattern FILE_SECTION = Pattern.compile("^# --- ([^:]+)");

  /** A key line of the example file, commented out or not. */
  private static final Pattern FILE_KEY = Pattern.compile("^#? ?([a-z][a-z0-9.-]*) =");

  /** An option's first line in help: {@code " -h, --help"} or {@code " --manifest=…"}. */
  private static final Pattern HELP_OPTION = Pattern.compile("^  (?:-\\w, |    )--([a-z-]+)");

  @Test
  void auditHelpFollowsTheExampleConfiguration() throws Exception {
    Map<String, String> fromFile = exampleFileSections();
    Map<String, String> fromHelp = helpSections("audit");
    assertFalse(fromFile.isEmpty());
    List<String> helpInFileKeys =
        fromHelp.entrySet().stream()
            .filter(e -> fromFile.containsKey(e.getKey()))
            .map(e -> e.getValue() + ": " + e.getKey())
            .toList();
    List<String> file =
        fromFile.entrySet().stream().map(e -> e.getValue() + ": " + e.getKey()).toList();
    assertEquals(file, helpInFileKeys);
  }

  @Test
  void sharedOptionsSitUnderTheSameHeadingInEveryCommand() {
    Map<String, String> audit = helpSections("audit");
    Map<String, String> report = helpSections("report");
    List<String> shared = report.keySet().stream().filter(audit::containsKey).toList();
    assertEquals(
        List.of(
            "manifest",
            "manifest-format",
            "images-root",
            "output",
            "table-format",
            "run-id",
            "quiet",
            "verbose",
            "help"),
        shared.stream().filter(k -> !k.equals("version")).toList());
    for (String key : shared) {
      assertEquals(audit.get(key), report.get(key), key);
    }
    List<String> headings = headings();
    for (Map<String, String> help : List.of(audit, report)) {
      List<Integer> order = help.values().stream().distinct().map(headings::indexOf).toList();
      assertEquals(order.stream().sorted().toList(), order, "sections in HelpSection's order");
    }
  }

  /** The headings of {@link HelpSection}, in its order, in lower case. */
  private static List<String> headings() {
    return Arrays.stream(HelpSection.values())
        .map(s -> s.heading().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** The audit options of the example file, in its order, each with its section's name. */
  private static Map<String, String> exampleFileSections() throws Exception {
    Set<String> options =
        Main.commandLine().getSubcommands().get("audit").getCommandSpec().options().stream()
            .map(o -> o.longestName().substring(2))
            .collect(Collectors.toSet());
    Map<String, String> sections = new LinkedHashMap<>();
    String section = null;
    for (String line : Files.readAllLines(Path.of("conf", "audit.example.properties"))) {
      Matcher heading = FILE_SECTION.matcher(line);
      Matcher key = FILE_KEY.matcher(line);
      if (heading.find()) {
        section = heading.group(1).trim().toLowerCase(Locale.ROOT);
      } else if (key.find() && options.contains(key.group(1))) {
        sections.put(key.group(1), section);
      }
    }
    return sections;
  }

  /** The options of {@code command}'s help, in its order, each with its heading in lower case. */
  private static Map<String, String> helpSections(String command) {
    String usage =
        Main.commandLine().getSubcommands().get(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
    List<String> headings = headings();
    Map<String, String> sections = new LinkedHashMap<>();
    String section = null;
    for (String line : usage.lines().toList()) {
      Matcher option = HELP_OPTION.matcher(line);
      if (headings.contains(line.toLowerCase(Locale.ROOT))) {
        section = line.toLowerCase(Locale.ROOT);
      } else if (option.find()) {
        sections.put(option.group(1), section);
      }
    }
    return sections;
  }
}

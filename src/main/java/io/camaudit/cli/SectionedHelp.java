package io.camaudit.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A command's {@code --help} for many options: a one-line synopsis naming the required options, and
 * the options under the headings of their {@link HelpSection}, in the sections' order, each
 * section's options in the order the command declares them.
 */
final class SectionedHelp {

  private SectionedHelp() {}

  /** Makes {@code command}'s help sectioned. */
  static void install(CommandLine command) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, SectionedHelp::synopsis);
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, SectionedHelp::options);
  }

  private static String synopsis(CommandLine.Help help) {
    StringBuilder line = new StringBuilder(help.commandSpec().qualifiedName());
    for (ArgSpec arg : help.commandSpec().requiredArgs()) {
      if (arg instanceof OptionSpec option) {
        line.append(' ').append(option.longestName()).append('=').append(option.paramLabel());
      }
    }
    return line.append(" [OPTIONS]").append(System.lineSeparator()).toString();
  }

  private static String options(CommandLine.Help help) {
    Map<HelpSection, List<OptionSpec>> sections = new EnumMap<>(HelpSection.class);
    for (OptionSpec option : help.commandSpec().options()) {
      if (!option.hidden()) {
        sections.computeIfAbsent(HelpSection.of(option), s -> new ArrayList<>()).add(option);
      }
    }
    StringBuilder text = new StringBuilder();
    sections.forEach(
        (section, options) -> {
          CommandLine.Help.Layout layout = help.createDefaultLayout();
          layout.addOptions(options, help.createDefaultParamLabelRenderer());
          text.append(String.format("%n%s%n", section.heading())).append(layout);
        });
    return text.toString();
  }
}

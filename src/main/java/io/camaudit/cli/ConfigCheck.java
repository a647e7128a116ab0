package io.camaudit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Rejects option defaults ({@link OptionSource}: Spark confs, a {@code --config} file, a library
 * caller's options) that their command would silently misread: a key that is none of the command's
 * long options without dashes (nor, for {@code audit}, one of {@link AlertConfig#keys()}), or a
 * value that does not convert. Messages name the key as its source spells it, the source and the
 * nearest valid key.
 */
final class ConfigCheck {

  /** Options that make no sense as defaults. */
  private static final Set<String> COMMAND_LINE_ONLY = Set.of("help", "version");

  private ConfigCheck() {}

  /**
   * Checks the values of {@code source} against {@code command}.
   *
   * @throws IllegalArgumentException naming every unknown key, or else the first value that does
   *     not convert
   */
  static void check(CommandLine command, OptionSource source) {
    Properties properties = source.values();
    SortedSet<String> valid = validKeys(command.getCommandSpec(), source);
    List<String> problems = new ArrayList<>();
    boolean listValid = false;
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (valid.contains(key)) {
        continue;
      }
      String unknown = "unknown key '" + source.spelled(key) + "'";
      SortedSet<String> family = family(key, valid);
      Optional<String> near = nearest(key, family);
      if (near.isPresent()) {
        problems.add(unknown + " (did you mean '" + source.spelled(near.get()) + "'?)");
      } else if (family.size() < valid.size()) {
        problems.add(unknown + " (expected one of " + spelled(source, family) + ")");
      } else {
        problems.add(unknown);
        listValid = true;
      }
    }
    if (listValid) {
      problems.add("valid keys: " + spelled(source, valid));
    }
    if (!problems.isEmpty()) {
      throw source.invalid(String.join("; ", problems));
    }
    checkValues(command, source);
    if (command.getCommandSpec().userObject() instanceof AuditCommand) {
      AlertConfig.read(source);
    }
  }

  /** The keys {@code source} may hold for {@code command}. */
  private static SortedSet<String> validKeys(CommandSpec command, OptionSource source) {
    SortedSet<String> keys = new TreeSet<>();
    for (OptionSpec option : command.options()) {
      keys.add(key(option));
    }
    keys.removeAll(COMMAND_LINE_ONLY);
    if (!source.mayNameConfig()) {
      keys.remove(key(command.findOption(ConfigFile.OPTION)));
    }
    if (command.userObject() instanceof AuditCommand) {
      keys.addAll(AlertConfig.keys());
    }
    return keys;
  }

  private static String spelled(OptionSource source, SortedSet<String> keys) {
    return String.join(", ", keys.stream().map(source::spelled).toList());
  }

  /** The option's key: its longest name without dashes, as picocli's properties provider reads. */
  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /**
   * The valid keys sharing {@code key}'s prefix up to its first dot ({@code max-change.}, {@code
   * alert.}); all of them when none does.
   */
  private static SortedSet<String> family(String key, SortedSet<String> valid) {
    int dot = key.indexOf('.');
    if (dot >= 0) {
      String prefix = key.substring(0, dot + 1);
      SortedSet<String> family = valid.subSet(prefix, prefix + Character.MAX_VALUE);
      if (!family.isEmpty()) {
        return family;
      }
    }
    return valid;
  }

  /**
   * The candidate at the least Levenshtein distance from {@code key}, if within max(2, a third of
   * the key's length).
   */
  private static Optional<String> nearest(String key, SortedSet<String> candidates) {
    LevenshteinDistance distance = new LevenshteinDistance(Math.max(2, key.length() / 3));
    String best = null;
    int least = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance.apply(key, candidate);
      if (d >= 0 && d < least) {
        best = candidate;
        least = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Lets picocli convert every option value of the source, as defaults of a fresh command line that
   * names {@code command} alone, so that a bad one names its key and the source.
   */
  private static void checkValues(CommandLine command, OptionSource source) {
    CommandLine copy = Main.commandLine();
    copy.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(source.values()));
    try {
      copy.parseArgs(command.getCommandName());
    } catch (CommandLine.MissingParameterException e) {
      return; // every value converted; the required options come with the real command line
    } catch (CommandLine.ParameterException e) {
      if (!(e.getArgSpec() instanceof OptionSpec option)) {
        throw e;
      }
      String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      throw source.invalid("key '" + source.spelled(key(option)) + "': " + reason);
    }
  }
}

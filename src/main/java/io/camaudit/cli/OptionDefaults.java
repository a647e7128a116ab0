package io.camaudit.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The defaults of the {@code audit} options, beneath the command line, from (lowest first) the
 * {@code spark.camaudit.<option>} Spark confs, the {@code --config} file and a library caller's
 * options: each source is checked on its own ({@link ConfigCheck}, messages naming the source), and
 * a later source wins over an earlier one. The file is the one {@code --config} names, else the
 * caller's {@code config} option, else {@code spark.camaudit.config}.
 */
final class OptionDefaults implements CommandLine.IDefaultValueProvider {

  private final OptionSource merged;
  private final CommandLine.PropertiesDefaultProvider provider;

  private OptionDefaults(Properties values) {
    this.merged = new OptionSource("option defaults", "", values, true);
    this.provider = new CommandLine.PropertiesDefaultProvider(values);
  }

  /** Every default, as one source (its values were checked in the sources they came from). */
  OptionSource merged() {
    return merged;
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec argSpec) throws Exception {
    return provider.defaultValue(argSpec);
  }

  /**
   * Makes the defaults of the subcommand that {@code args} name, if it takes {@code --config}, the
   * defaults of {@code root}.
   *
   * @param spark the Spark settings, read only for such a subcommand
   * @param options a library caller's options, keyed as in a {@code --config} file
   * @throws IllegalArgumentException when a source cannot be read, or holds an unknown key or a bad
   *     value
   */
  static void install(
      CommandLine root,
      Supplier<SparkEnvironment> spark,
      Map<String, String> options,
      String... args) {
    Optional<CommandLine> command = configured(root, args);
    if (command.isEmpty()) {
      return;
    }
    SparkEnvironment environment = spark.get();
    OptionSource confs = OptionSource.sparkConfs(environment.confs());
    OptionSource given = OptionSource.options(options);
    List<OptionSource> sources = new ArrayList<>(List.of(confs));
    ConfigFile.find(args)
        .or(() -> named(given))
        .or(() -> named(confs))
        .ifPresent(file -> sources.add(ConfigFile.read(file, environment.hadoop().get())));
    sources.add(given);
    Properties values = new Properties();
    for (OptionSource source : sources) {
      ConfigCheck.check(command.get(), source);
      values.putAll(source.values());
    }
    root.setDefaultValueProvider(new OptionDefaults(values));
  }

  private static Optional<String> named(OptionSource source) {
    return Optional.ofNullable(source.values().getProperty(ConfigFile.KEY));
  }

  /**
   * The subcommand named in {@code args}, if it takes {@code --config}; picocli rejects the option
   * for the others.
   */
  private static Optional<CommandLine> configured(CommandLine root, String... args) {
    return Arrays.stream(args)
        .map(root.getSubcommands()::get)
        .filter(Objects::nonNull)
        .findFirst()
        .filter(command -> command.getCommandSpec().findOption(ConfigFile.OPTION) != null);
  }
}

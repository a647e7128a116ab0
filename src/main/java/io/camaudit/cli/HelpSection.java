package io.camaudit.cli;

import java.lang.reflect.Field;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The sections of {@code --help}, in their order: that of {@code conf/audit.example.properties} for
 * the audit's options, then the report's own, the console and the rest. An option names its section
 * with {@link Section}.
 */
enum HelpSection {
  INPUT("Input"),
  OUTPUT("Output"),
  MODEL_AND_METHOD("Model and method"),
  BAD_INPUT("Bad input"),
  METRICS("Metrics"),
  REPORT("Report"),
  CONSOLE("Console"),
  NIGHTLY("Nightly comparison"),
  GENERAL("General");

  private final String heading;

  HelpSection(String heading) {
    this.heading = heading;
  }

  /** The section's heading in {@code --help}. */
  String heading() {
    return heading;
  }

  /** The section {@code option}'s field names; {@link #GENERAL} when it names none. */
  static HelpSection of(OptionSpec option) {
    return option.userObject() instanceof Field field && field.isAnnotationPresent(Section.class)
        ? field.getAnnotation(Section.class).value()
        : GENERAL;
  }
}

package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a successful job prints, read as its user reads it: no stack trace, and no warning, since
 * {@code conf/log4j2.properties} silences those that need no action. No warning is allowed yet: one
 * that shows up needs either a fix or, when it asks the user for something, a place here with the
 * reason.
 */
final class CleanConsole {

  /** A stack trace's lines, a log line at WARN or ERROR, a JVM warning. */
  private static final Pattern NOISE =
      Pattern.compile("Exception|^\\tat |^\\S+ (WARN|ERROR) |VM warning");

  private CleanConsole() {}

  /** Fails naming every line of {@code run}'s output that a successful run must not print. */
  static void assertClean(JobProcess.Result run) {
    List<String> noise = run.output().lines().filter(l -> NOISE.matcher(l).find()).toList();
    assertEquals(List.of(), noise, "a successful run printed:\n" + run.output());
  }
}

package io.camaudit.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The nights of a simulated month of nightly audits ({@link NightlySimulation}) and the manifest
 * each night audits, all drawn from one demo dataset and one seed. Quiet nights audit either a
 * random 80% of a fixed pool of images or a batch of images the pool never had, from the same
 * generator: nothing about the data changes. One night is missed, one is stopped during its table
 * writes and then re-run, one completed night is re-run, and on the last night one source's labels
 * go wrong: {@link #PLANTED_SHARE} of {@link #PLANTED_SOURCE}'s images get another class's label.
 */
final class NightPlan {

  /** What happens on a night. */
  enum Kind {
    /** A random 80% of the pool. */
    SUBSET,
    /** Images the pool never had, from the same generator. */
    NEW_BATCH,
    /** The scheduler did not run the audit. */
    MISSED,
    /** A subset night stopped during its table writes, then run again. */
    STOPPED_THEN_RERUN,
    /** A subset night that completed, then run again. */
    RERUN,
    /** A subset night with {@link #PLANTED_SOURCE}'s labels partly wrong. */
    PLANTED;

    /** Whether nothing about the data changed this night. */
    boolean quiet() {
      return this != MISSED && this != PLANTED;
    }
  }

  /**
   * One night.
   *
   * @param number 1 for the first night
   * @param date the night's date, its run id
   * @param kind what happens
   */
  record Night(int number, LocalDate date, Kind kind) {
    String runId() {
      return date.toString();
    }
  }

  /** Images in the pool that subset nights draw from. */
  static final int POOL = 120;

  /** Images of a new-batch night. */
  static final int BATCH = 100;

  /** The source whose labels go wrong on the planted night. */
  static final String PLANTED_SOURCE = "camera-b";

  /** Share of {@link #PLANTED_SOURCE}'s images relabelled on the planted night. */
  static final double PLANTED_SHARE = 0.4;

  private static final double SUBSET_SHARE = 0.8;
  private static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 11, 1);

  private final List<Night> nights;
  private final long seed;

  private NightPlan(List<Night> nights, long seed) {
    this.nights = nights;
    this.seed = seed;
  }

  /**
   * {@code count} nights (at least 6): alternating subset and new-batch nights, a missed night at a
   * third of the month, a stopped-then-re-run night and a re-run completed night after it, the
   * planted night last.
   */
  static NightPlan of(int count, long seed) {
    if (count < 6) {
      throw new IllegalArgumentException(
          "Invalid --nights " + count + ": expected at least 6 (the events need that many)");
    }
    int missed = Math.max(3, count / 3);
    int stopped = Math.max(missed + 1, count / 2);
    List<Night> nights = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      Kind kind;
      if (n == count) {
        kind = Kind.PLANTED;
      } else if (n == missed) {
        kind = Kind.MISSED;
      } else if (n == stopped) {
        kind = Kind.STOPPED_THEN_RERUN;
      } else if (n == stopped + 1) {
        kind = Kind.RERUN;
      } else {
        kind = n % 2 == 1 ? Kind.SUBSET : Kind.NEW_BATCH;
      }
      nights.add(new Night(n, FIRST_NIGHT.plusDays(n - 1L), kind));
    }
    return new NightPlan(List.copyOf(nights), seed);
  }

  List<Night> nights() {
    return nights;
  }

  /** Images the dataset needs: the pool and every new batch. */
  int images() {
    return POOL + BATCH * (int) nights.stream().filter(n -> n.kind() == Kind.NEW_BATCH).count();
  }

  /**
   * Writes the night's manifest beside the dataset's ({@code dataset}'s lines, in its folder, so
   * that image paths resolve) and returns it.
   */
  Path manifest(Night night, Path dataset) throws IOException {
    List<String> all = Files.readAllLines(dataset);
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + night.number());
    List<String> lines = new ArrayList<>();
    if (night.kind() == Kind.NEW_BATCH) {
      int batch =
          (int)
              nights.stream()
                  .filter(n -> n.kind() == Kind.NEW_BATCH && n.number() < night.number())
                  .count();
      lines.addAll(all.subList(POOL + batch * BATCH, POOL + (batch + 1) * BATCH));
    } else {
      for (String line : all.subList(0, POOL)) {
        if (random.nextDouble() < SUBSET_SHARE) {
          lines.add(night.kind() == Kind.PLANTED ? planted(line, random) : line);
        }
      }
    }
    Path file =
        dataset.resolveSibling(String.format(Locale.ROOT, "night-%02d.jsonl", night.number()));
    Files.write(file, lines);
    return file;
  }

  /**
   * The line, relabelled as the next class with probability {@link #PLANTED_SHARE} in its source.
   */
  private static String planted(String line, SplittableRandom random) {
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    if (!json.get("source").getAsString().equals(PLANTED_SOURCE)
        || random.nextDouble() >= PLANTED_SHARE) {
      return line;
    }
    List<String> classes = ShortcutDatasetGenerator.CLASSES;
    String wrong =
        classes.get((classes.indexOf(json.get("label").getAsString()) + 1) % classes.size());
    json.addProperty("label", wrong);
    json.getAsJsonArray("boxes").get(0).getAsJsonObject().addProperty("label", wrong);
    return json.toString();
  }
}

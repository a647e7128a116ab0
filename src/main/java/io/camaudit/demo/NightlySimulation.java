package io.camaudit.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.cli.Main;
import io.camaudit.demo.NightPlan.Kind;
import io.camaudit.demo.NightPlan.Night;
import io.camaudit.metrics.group.Metric;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A month of unattended nightly audits on generated data ({@link NightPlan}), each night run as
 * {@code jobs/nightly-audit} runs it ({@code audit --run-id DATE --as-of DATE --baseline-run latest
 * --config FILE}) in this JVM, with no step between nights but the scheduler's. It checks what a
 * team relies on: quiet nights raise at most one false alarm, the planted night alerts on the right
 * group and metric, each night's baseline is the last complete night before it (after a missed
 * night, a stopped night and its re-run, a re-run of a completed night), and the tables hold one
 * run per night. {@code scripts/nightly-sim} runs it; {@code NightlySimulationTest} runs a short
 * month.
 */
@Command(
    name = "nightly-sim",
    mixinStandardHelpOptions = true,
    description = "Simulates a month of nightly audits on generated data and checks the alerts.")
public final class NightlySimulation implements Callable<Integer> {

  @Option(
      names = "--nights",
      defaultValue = "30",
      description = "Nights (default ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--work", required = true, description = "Folder for the data and the tables.")
  Path work;

  @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  private static final String STOPPED = "stopped";
  private static final String RERUN = "re-run";

  /** The alert rules of the month: conf/audit.example.properties's thresholds, default rules. */
  static final String CONFIG =
      String.join(
          "\n",
          "group-cols = source",
          "max-change.accuracy = 0.02",
          "max-change.mean_energy_in_fraction = 0.05",
          "max-change.mean_energy_lift = 0.5",
          "max-change.pointing_accuracy = 0.05",
          "max-change.box_accuracy = 0.05",
          "max-change.share_off_object = 0.05",
          "");

  /**
   * One audit run of the month.
   *
   * @param night the night
   * @param attempt what the run was: {@code run}, {@code stopped}, {@code re-run}
   * @param exitCode the audit's exit code
   * @param baselineRunId the baseline the summary names; null without one
   * @param breaches breached {@code audit_diff} rows as {@code metric/group}
   * @param seconds wall-clock seconds of the run
   */
  record Run(
      Night night,
      String attempt,
      int exitCode,
      String baselineRunId,
      List<String> breaches,
      double seconds) {}

  /**
   * The month's runs and what went wrong in it.
   *
   * @param runs every audit run, in order
   * @param falseAlarms quiet nights that alerted
   * @param problems every check that failed, in words; empty when the month went as it should
   */
  record Month(List<Run> runs, int falseAlarms, List<String> problems) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new NightlySimulation()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Month month = simulate(work, nights, seed, System.out);
    print(month, System.out);
    return month.problems().isEmpty() ? 0 : 1;
  }

  /** Runs the month under {@code work} and checks it. */
  static Month simulate(Path work, int nights, long seed, PrintStream log) throws Exception {
    NightPlan plan = NightPlan.of(nights, seed);
    Path data = work.resolve("data");
    Path output = work.resolve("out");
    Path config = work.resolve("nightly.properties");
    Files.createDirectories(work);
    Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
    Path dataset =
        DatasetWriter.write(new ShortcutDatasetGenerator(seed), plan.images(), data).file();
    List<Run> runs = new ArrayList<>();
    for (Night night : plan.nights()) {
      if (night.kind() == Kind.MISSED) {
        continue;
      }
      Path manifest = plan.manifest(night, dataset);
      List<String> args = nightlyAudit(night, manifest, output, config);
      if (night.kind() == Kind.STOPPED_THEN_RERUN) {
        runs.add(stoppedDuringTableWrites(night, args, output));
      }
      runs.add(run(night, night.kind() == Kind.STOPPED_THEN_RERUN ? RERUN : "run", args, output));
      if (night.kind() == Kind.RERUN) {
        runs.add(run(night, RERUN, args, output));
      }
      log.printf(Locale.ROOT, "night %s done%n", night.runId());
    }
    return outcome(runs, output);
  }

  private static List<String> nightlyAudit(Night night, Path manifest, Path output, Path config) {
    return List.of(
        "audit",
        "--manifest",
        manifest.toString(),
        "--output",
        output.toString(),
        "--run-id",
        night.runId(),
        "--as-of",
        night.runId(),
        "--baseline-run",
        "latest",
        "--config",
        config.toString(),
        "--progress-seconds",
        "60");
  }

  private static Run run(Night night, String attempt, List<String> args, Path output)
      throws IOException {
    long start = System.nanoTime();
    int exit = Main.run(args.toArray(new String[0]));
    double seconds = (System.nanoTime() - start) / 1e9;
    Path summary = output.resolve("summaries/" + night.runId() + ".json");
    String baseline = null;
    if (committed(exit)) {
      JsonObject json = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
      baseline =
          json.get("baseline_run_id").isJsonNull()
              ? null
              : json.get("baseline_run_id").getAsString();
    }
    return new Run(night, attempt, exit, baseline, List.of(), seconds);
  }

  /**
   * Runs the night and stops it from another thread once its tables are being staged, as a
   * scheduler's timeout or a lost driver would: from then on every Spark job of the session is
   * cancelled as it starts, until the run gives up.
   */
  private static Run stoppedDuringTableWrites(Night night, List<String> args, Path output)
      throws IOException {
    Path staging = output.resolve("_staging");
    AtomicBoolean over = new AtomicBoolean();
    Thread stopper =
        new Thread(
            () -> {
              boolean writing = false;
              while (!over.get()) {
                writing = writing || stagingATable(staging, night.runId());
                if (writing) {
                  SparkContext.getOrCreate().cancelAllJobs();
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "nightly-sim-stopper");
    stopper.start();
    try {
      return run(night, STOPPED, args, output);
    } finally {
      over.set(true);
    }
  }

  private static boolean stagingATable(Path staging, String runId) {
    try (var runs = Files.list(staging)) {
      return runs.anyMatch(
          r ->
              r.getFileName().toString().startsWith(runId + ".")
                  && Files.isDirectory(r.resolve("heatmaps")));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The month's outcome, checked: the runs with their breached rows from {@code audit_diff}, and
   * the runs with more than one {@code runs} row (a re-run must replace, never add).
   */
  private static Month outcome(List<Run> runs, Path output) throws IOException {
    Map<String, List<String>> breaches = new TreeMap<>();
    List<String> duplicated;
    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      for (Row row :
          spark
              .read()
              .parquet(output.resolve("audit_diff").toString())
              .filter("breached")
              .select("run_id", "metric", "group_value")
              .collectAsList()) {
        breaches
            .computeIfAbsent(row.getString(0), k -> new ArrayList<>())
            .add(row.getString(1) + "/" + row.getString(2));
      }
      duplicated =
          spark
              .read()
              .parquet(output.resolve("runs").toString())
              .groupBy("run_id")
              .count()
              .filter("count > 1")
              .select("run_id")
              .as(Encoders.STRING())
              .collectAsList();
    }
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      List<String> breached =
          committed(r.exitCode()) ? breaches.getOrDefault(r.night().runId(), List.of()) : List.of();
      out.add(
          new Run(r.night(), r.attempt(), r.exitCode(), r.baselineRunId(), breached, r.seconds()));
    }
    return check(out, duplicated);
  }

  private static Month check(List<Run> runs, List<String> duplicatedRuns) {
    List<String> problems = new ArrayList<>();
    if (!duplicatedRuns.isEmpty()) {
      problems.add("more than one runs row for " + duplicatedRuns);
    }
    int falseAlarms = 0;
    TreeMap<Integer, String> complete = new TreeMap<>();
    for (Run r : runs) {
      Night night = r.night();
      boolean committed = committed(r.exitCode());
      if (r.attempt().equals(STOPPED)) {
        if (committed) {
          problems.add(night.runId() + " was to be stopped but completed: the stop came late");
        }
        continue;
      }
      if (!committed) {
        problems.add(night.runId() + " " + r.attempt() + ": exit " + r.exitCode());
        continue;
      }
      Map.Entry<Integer, String> before = complete.lowerEntry(night.number());
      String expected = before == null ? null : before.getValue();
      if (!Objects.equals(expected, r.baselineRunId())) {
        problems.add(
            night.runId()
                + " "
                + r.attempt()
                + ": baseline "
                + r.baselineRunId()
                + ", expected the last complete night before it, "
                + expected);
      }
      boolean alerted = r.exitCode() == Main.EXIT_THRESHOLD_BREACHED;
      if (night.kind() == Kind.PLANTED) {
        problems.addAll(plantedProblems(r, alerted));
      } else if (alerted) {
        falseAlarms++;
      }
      complete.put(night.number(), night.runId());
    }
    if (falseAlarms > 1) {
      problems.add(falseAlarms + " false alarms over the quiet nights; expected at most 1");
    }
    return new Month(runs, falseAlarms, List.copyOf(problems));
  }

  /** The planted night must breach accuracy of the planted source, and nothing outside it. */
  private static List<String> plantedProblems(Run r, boolean alerted) {
    List<String> problems = new ArrayList<>();
    String planted = Metric.ACCURACY.id() + "/" + NightPlan.PLANTED_SOURCE;
    if (!alerted || !r.breaches().contains(planted)) {
      problems.add(r.night().runId() + " planted: no breach of " + planted + " " + r.breaches());
    }
    List<String> elsewhere =
        r.breaches().stream()
            .filter(b -> !b.endsWith("/" + NightPlan.PLANTED_SOURCE) && !b.endsWith("/*"))
            .toList();
    if (!elsewhere.isEmpty()) {
      problems.add(
          r.night().runId() + " planted: breaches outside the planted source " + elsewhere);
    }
    return problems;
  }

  private static boolean committed(int exitCode) {
    return exitCode == 0 || exitCode == Main.EXIT_THRESHOLD_BREACHED;
  }

  static void print(Month month, PrintStream out) {
    out.printf(
        "%-10s %-19s %-9s %4s %-10s %6s  %s%n",
        "night", "kind", "attempt", "exit", "baseline", "s", "breaches");
    for (Run r : month.runs()) {
      out.printf(
          Locale.ROOT,
          "%-10s %-19s %-9s %4d %-10s %6.1f  %s%n",
          r.night().runId(),
          r.night().kind().name().toLowerCase(Locale.ROOT),
          r.attempt(),
          r.exitCode(),
          r.baselineRunId() == null ? "-" : r.baselineRunId(),
          r.seconds(),
          r.breaches().isEmpty() ? "" : String.join(", ", r.breaches()));
    }
    out.printf("false alarms on quiet nights: %d%n", month.falseAlarms());
    out.println(month.problems().isEmpty() ? "month: as expected" : "month: " + month.problems());
  }
}

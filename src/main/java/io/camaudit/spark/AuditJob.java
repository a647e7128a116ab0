package io.camaudit.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.model.ModelInfo;
import io.camaudit.model.ModelSpec;
import io.camaudit.model.UnsupportedPrecisionException;
import io.camaudit.nightly.AlertRules;
import io.camaudit.nightly.BaselineRequest;
import io.camaudit.nightly.Experiment;
import io.camaudit.nightly.MetricChange;
import io.camaudit.nightly.PastRun;
import io.camaudit.nightly.RunComparison;
import io.camaudit.spark.input.HadoopFiles;
import io.camaudit.spark.input.ManifestReader;
import io.camaudit.spark.input.ManifestSchema;
import io.camaudit.spark.output.AuditDiff;
import io.camaudit.spark.output.AuditDiffImages;
import io.camaudit.spark.output.CocoExport;
import io.camaudit.spark.output.GroupMetricsTable;
import io.camaudit.spark.output.LocalisationTable;
import io.camaudit.spark.output.OutputColumns;
import io.camaudit.spark.output.OutputTables;
import io.camaudit.spark.output.ResultSchema;
import io.camaudit.spark.output.RunStore;
import io.camaudit.spark.output.RunSummary;
import io.camaudit.spark.output.RunWriter;
import io.camaudit.spark.output.RunsTable;
import io.camaudit.spark.output.SlicesTable;
import io.camaudit.spark.output.TableFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The audit job on a Spark session: reads the manifest, explains every image on the executors,
 * writes the tables to the output ({@link RunStore}) and a run summary, staged and committed as a
 * whole ({@link RunWriter}: re-running a run id replaces that run once the new one is complete).
 * See {@code docs/outputs.md}.
 */
public final class AuditJob {

  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private final SparkSession spark;
  private final AuditOptions options;

  /** A job with these options on {@code spark}. */
  public AuditJob(SparkSession spark, AuditOptions options) {
    this.spark = spark;
    this.options = options;
  }

  /**
   * Runs the audit: finishes or discards earlier attempts at the output, chooses the baseline,
   * reads the manifest while checking the model, explains every image, stages the tables, compares
   * with the baseline, and commits the run with its summary.
   *
   * @throws IllegalArgumentException when an option is invalid (the message names it)
   * @throws IllegalStateException when the outputs do not account for every input
   */
  public RunSummary run() {
    String shufflePartitions = spark.conf().get(SHUFFLE_PARTITIONS);
    try {
      return audit();
    } finally {
      // The session may be the caller's, shared with other work: the job's setting lasts one run.
      spark.conf().set(SHUFFLE_PARTITIONS, shufflePartitions);
    }
  }

  private RunSummary audit() {
    Instant started = Instant.now();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    AuditSettings settings = options.settings();
    RunStore store = options.tableFormat().open(spark, writableOutput(hadoop));
    store.recover(settings.runId());
    String manifest = HadoopFiles.qualify(options.manifest(), hadoop, "--manifest");
    AuditOptions.ReportSettings report = options.report();
    Instant asOf = report.asOf() != null ? report.asOf() : started;
    Optional<PastRun> baseline = chooseBaseline(store, asOf);
    ShuffleMeter shuffle = ShuffleMeter.start(spark.sparkContext());
    // Loading and checking the model and reading the manifest take seconds each: side by side.
    CompletableFuture<TaskAuditor.Checked> checking =
        CompletableFuture.supplyAsync(() -> checkModel(hadoop, settings));
    ManifestReader.Source source = options.manifestSource(manifest, hadoop);
    Dataset<Row> manifestRows = readManifest(source);
    long read = manifestRows.count();
    TaskAuditor.Checked checked = joined(checking);
    ModelInfo model = checked.model();
    Accumulators accumulators = Accumulators.register(spark.sparkContext());
    Dataset<Row> results = explain(spread(manifestRows, read), checked, accumulators);
    try (ProgressReporter progress =
        ProgressReporter.start(
            spark.sparkContext(),
            accumulators.stages().imagesId(),
            read,
            "cam-audit " + settings.runId(),
            options.progressEvery())) {
      RunWriter run = store.begin(settings.runId());
      List<GroupEstimate> groups = stageTables(run, results, model, hadoop);
      List<SlicesTable.Slice> slices = stageSlices(run, results, store, baseline);
      RunSummary.Counts counts = accountFor(results, read);
      RunSummary.Comparison comparison =
          compare(run, store, baseline, groups, results, experiment(model), asOf);
      Instant finished = Instant.now();
      double seconds = Duration.between(started, finished).toMillis() / 1000.0;
      RunSummary summary =
          new RunSummary(
              settings.runId(),
              new RunSummary.Period(started.toString(), finished.toString(), asOf.toString()),
              codeVersion(),
              modelFields(model, settings),
              options.describe(source),
              counts,
              accumulators.execution(started, seconds, counts.processed(), shuffle.bytes()),
              comparison,
              topSlices(slices));
      commit(run, summary);
      return summary;
    } finally {
      shuffle.close();
      results.unpersist();
      manifestRows.unpersist();
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** The manifest's rows, persisted: counted, then audited, read and parsed once. */
  private Dataset<Row> readManifest(ManifestReader.Source source) {
    if (!spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
      // Spark's default of 200 would cut the manifest's duplicate check into 200 tiny tasks.
      spark.conf().set(SHUFFLE_PARTITIONS, 2L * spark.sparkContext().defaultParallelism());
    }
    return ManifestReader.read(spark, source, options.settings().groupColumns())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Stages the summary and its {@code runs} row, then commits the run: it replaces any earlier. */
  private void commit(RunWriter run, RunSummary summary) {
    writeSummary(run, summary);
    RunsTable.write(spark, run, summary);
    run.commit();
  }

  /** The executors' counters of one run: model loads, executors, stage times. */
  private record Accumulators(
      CollectionAccumulator<String> modelLoads,
      CollectionAccumulator<String> executors,
      StageAccumulators stages) {

    static Accumulators register(org.apache.spark.SparkContext context) {
      return new Accumulators(
          context.collectionAccumulator("model loads"),
          context.collectionAccumulator("executors"),
          StageAccumulators.register(context));
    }

    RunSummary.Execution execution(
        Instant started, double seconds, long processed, long shuffleBytes) {
      return new RunSummary.Execution(
          new HashSet<>(modelLoads.value()).size(),
          new ArrayList<>(new TreeSet<>(executors.value())),
          seconds,
          processed / Math.max(seconds, 1e-9),
          stages.firstBatchSeconds(started.toEpochMilli()),
          stages.taskSeconds(),
          shuffleBytes);
    }
  }

  /** Every image explained on the executors, persisted: the tables below all read it. */
  private Dataset<Row> explain(
      Dataset<Row> inputs, TaskAuditor.Checked checked, Accumulators accumulators) {
    AuditSettings settings = options.settings();
    spark.sparkContext().setJobDescription("cam-audit " + settings.runId() + ": explain images");
    return inputs
        .mapPartitions(
            new AuditPartitionFunction(
                settings,
                checked.setup(),
                accumulators.modelLoads(),
                accumulators.executors(),
                accumulators.stages()),
            Encoders.row(ResultSchema.of(settings.groupColumns())))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Stages the per-image tables, the group metrics, localisation and the COCO export.
   *
   * @return the group metrics
   */
  private List<GroupEstimate> stageTables(
      RunWriter run, Dataset<Row> results, ModelInfo model, Configuration hadoop) {
    AuditSettings settings = options.settings();
    AuditOptions.ReportSettings report = options.report();
    new OutputTables(results, settings.runId(), settings.method(), settings.groupColumns(), model)
        .write(run);
    spark.sparkContext().setJobDescription("cam-audit " + settings.runId() + ": group metrics");
    List<GroupEstimate> groups =
        GroupMetricsTable.compute(
            results, metricGroups(settings), report.bootstrapSeed(), report.bootstrapReplicates());
    GroupMetricsTable.write(spark, run, settings.runId(), groups);
    spark.sparkContext().setJobDescription("cam-audit " + settings.runId() + ": localisation");
    MeasureSettings measures = settings.explain().measures();
    LocalisationTable.write(
        spark,
        run,
        settings.runId(),
        measures.localisation(),
        LocalisationTable.compute(results, measures.localisationTaus()));
    if (report.coco() != null) {
      CocoExport.write(
          results,
          model.spec().classes(),
          report.coco(),
          imagesPrefix(hadoop),
          run,
          settings.runId());
    }
    return groups;
  }

  /**
   * Stages the shortcut slices, followed to the baseline run's where there is one.
   *
   * @return every slice
   */
  private List<SlicesTable.Slice> stageSlices(
      RunWriter run, Dataset<Row> results, RunStore store, Optional<PastRun> baseline) {
    AuditSettings settings = options.settings();
    AuditOptions.ReportSettings report = options.report();
    spark.sparkContext().setJobDescription("cam-audit " + settings.runId() + ": slices");
    return SlicesTable.write(
        spark,
        run,
        settings.runId(),
        results,
        report.bootstrapSeed(),
        report.bootstrapReplicates(),
        baseline.map(past -> new SlicesTable.Baseline(store, past.runId())));
  }

  /** Each class's top slice, the highest shortcut score first, undefined scores last. */
  private static List<SlicesTable.Slice> topSlices(List<SlicesTable.Slice> slices) {
    return slices.stream()
        .filter(SlicesTable.Slice::top)
        .sorted(
            Comparator.comparing(
                    SlicesTable.Slice::shortcutScore,
                    Comparator.nullsLast(Comparator.<Double>reverseOrder()))
                .thenComparing(SlicesTable.Slice::className))
        .toList();
  }

  /**
   * The baseline run of {@code --baseline-run} among the complete runs in {@code store}, before any
   * work, so that a named run that is not there fails fast.
   */
  private Optional<PastRun> chooseBaseline(RunStore store, Instant asOf) {
    BaselineRequest request = options.report().baseline();
    if (request.kind() == BaselineRequest.Kind.NONE) {
      return Optional.empty();
    }
    List<PastRun> history = RunsTable.history(store);
    Optional<PastRun> chosen = request.choose(history, options.settings().runId(), asOf);
    if (request.kind() == BaselineRequest.Kind.NAMED && chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid --baseline-run '"
              + request.runId()
              + "': no complete run of that id in "
              + store.location()
              + " (runs there: "
              + history.stream().map(PastRun::runId).sorted().toList()
              + "); use latest for the latest earlier run, or none");
    }
    return chosen;
  }

  /**
   * Compares the group metrics with the baseline's and stages {@code audit_diff} and {@code
   * audit_diff_images}.
   */
  private RunSummary.Comparison compare(
      RunWriter run,
      RunStore store,
      Optional<PastRun> baseline,
      List<GroupEstimate> groups,
      Dataset<Row> results,
      Experiment experiment,
      Instant asOf) {
    List<GroupMetric> metrics = groups.stream().map(GroupEstimate::metric).toList();
    BaselineRequest request = options.report().baseline();
    if (baseline.isEmpty()) {
      String note =
          request.kind() == BaselineRequest.Kind.NONE
              ? "none asked (--baseline-run none)"
              : "no baseline (first run): no complete run before "
                  + asOf
                  + " in "
                  + store.location();
      return new RunSummary.Comparison(metrics, note, null, null, 0, false);
    }
    PastRun past = baseline.get();
    String runId = options.settings().runId();
    spark.sparkContext().setJobDescription("cam-audit " + runId + ": compare with " + past.runId());
    AlertRules rules = options.report().alerts();
    List<MetricChange> changes =
        RunComparison.compare(GroupMetricsTable.read(store, past.runId()), groups, rules);
    AuditDiff.write(spark, run, runId, past.runId(), changes);
    AuditDiffImages.write(
        spark,
        run,
        store,
        past.runId(),
        runId,
        results,
        changes,
        options.settings().explain().targets().severalPerImage());
    long breaches = changes.stream().filter(MetricChange::breached).count();
    List<String> differences = experiment.differencesFrom(past.experiment());
    String note =
        request.kind() == BaselineRequest.Kind.LATEST
            ? "run " + past.runId() + ", the latest complete run before " + asOf
            : "run " + past.runId() + " (--baseline-run)";
    return new RunSummary.Comparison(
        metrics,
        note,
        past.runId(),
        new RunSummary.Baseline(
            request.kind() == BaselineRequest.Kind.LATEST ? "latest" : "named",
            past.asOf().toString(),
            past.experiment(),
            differences),
        breaches,
        breaches > 0 || (rules.onModelChange() && !differences.isEmpty()));
  }

  private Experiment experiment(ModelInfo model) {
    AuditSettings settings = options.settings();
    return new Experiment(
        model.digest(),
        model.spec().layer(),
        settings.method(),
        settings.explain().targets().id(),
        settings.explain().precision().optionName());
  }

  /**
   * The columns group metrics are computed by: the run's group columns, and the explained class
   * when an image may be explained for several.
   */
  private static List<String> metricGroups(AuditSettings settings) {
    if (!settings.explain().targets().severalPerImage()) {
      return settings.groupColumns();
    }
    List<String> columns = new ArrayList<>(settings.groupColumns());
    columns.add(OutputColumns.TARGET_CLASS.name());
    return columns;
  }

  /** The model check's result, or its failure as thrown. */
  private static TaskAuditor.Checked joined(CompletableFuture<TaskAuditor.Checked> checking) {
    try {
      return checking.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Checks the model on the driver before any task runs ({@link TaskAuditor.Setup#check}); in local
   * mode its load is the one the tasks use.
   */
  private TaskAuditor.Checked checkModel(Configuration hadoop, AuditSettings settings) {
    try {
      return TaskAuditor.Setup.of(settings.explain(), hadoop).check(spark.sparkContext().isLocal());
    } catch (UnsupportedPrecisionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid --model '"
              + settings.explain().modelLocation()
              + "': "
              + e.getMessage()
              + " (expected builtin:demo-cnn or a model directory, see docs/models.md)",
          e);
    }
  }

  /**
   * The manifest spread evenly over {@code --partitions} partitions; with 0, over twice the cores
   * (Spark's default parallelism), or more when that would give a task over {@value
   * #IMAGES_PER_TASK} images: every core busy, tasks large enough that per-task costs vanish, small
   * enough to re-run cheaply after an executor is lost. Each partition in image id order, so that a
   * re-run task explains the same batches.
   */
  private Dataset<Row> spread(Dataset<Row> manifest, long rows) {
    int partitions =
        options.partitions() > 0
            ? options.partitions()
            : (int)
                Math.max(
                    2L * spark.sparkContext().defaultParallelism(),
                    (rows + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK);
    // The duplicate check hashed the rows by image id over the shuffle partitions: when those are
    // already as many, the rows are spread evenly and a second shuffle would only cost time.
    Dataset<Row> spread =
        manifest.rdd().getNumPartitions() == partitions
            ? manifest
            : manifest.repartition(partitions);
    // A partition's rows arrive in shuffle-fetch order, which differs when a lost executor's
    // task is run again; batches must not, or maps differ in their last bits between the runs.
    return spread.sortWithinPartitions(col(ManifestSchema.IMAGE_ID));
  }

  /** The most images a task gets when {@code --partitions} is 0. */
  static final int IMAGES_PER_TASK = 10_000;

  private static RunSummary.Counts accountFor(Dataset<Row> results, long read) {
    long processed = 0;
    long rejected = 0;
    long targets = 0;
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row :
        results
            .groupBy(col(ResultSchema.EXPLAINED), col(ResultSchema.REJECT_REASON))
            .agg(count(lit(1)), sum(when(col(ResultSchema.FIRST_TARGET), 1L).otherwise(0L)))
            .collectAsList()) {
      long n = row.getLong(3);
      if (row.getBoolean(0)) {
        processed += n;
        targets += row.getLong(2);
      } else {
        rejected += n;
        byReason.put(row.getString(1), n);
      }
    }
    if (processed + rejected != read) {
      throw new IllegalStateException(
          "Input accounting failed: read "
              + read
              + " rows but processed "
              + processed
              + " + rejected "
              + rejected
              + " = "
              + (processed + rejected));
    }
    return new RunSummary.Counts(read, processed, rejected, targets, byReason);
  }

  /**
   * The qualified {@code --images-root} folder with a trailing slash, that exported file names are
   * relative to; null without one.
   */
  private String imagesPrefix(Configuration hadoop) {
    if (options.imagesRoot() == null || options.imagesRoot().isBlank()) {
      return null;
    }
    return HadoopFiles.qualifyFolder(options.imagesRoot(), hadoop, "--images-root");
  }

  /** {@code --output}: for Parquet folders qualified, created and checked writable. */
  private String writableOutput(Configuration hadoop) {
    if (options.tableFormat() != TableFormat.PARQUET) {
      return options.output();
    }
    String output = HadoopFiles.qualify(options.output(), hadoop, "--output");
    try {
      Path path = new Path(output);
      FileSystem fs = path.getFileSystem(hadoop);
      if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
        throw new IllegalArgumentException(
            "Invalid --output '" + options.output() + "': it is a file, expected a directory");
      }
      if (!fs.mkdirs(path)) {
        throw new IllegalArgumentException(
            "Invalid --output '" + options.output() + "': cannot create the directory");
      }
      return output;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Invalid --output '" + options.output() + "': not writable (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, Object> modelFields(ModelInfo model, AuditSettings settings) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("location", model.location());
    fields.put("name", model.spec().name());
    fields.put("digest", model.digest());
    fields.put("layer", model.spec().layer());
    fields.put("method", settings.method());
    fields.put("input", ModelSpec.inputJson(model.spec().input()));
    return fields;
  }

  private static void writeSummary(RunWriter run, RunSummary summary) {
    String file = "summaries/" + summary.runId() + ".json";
    try (OutputStream out = run.createFile(file)) {
      out.write((summary.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run summary " + file, e);
    }
  }

  static String codeVersion() {
    String version = AuditJob.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}

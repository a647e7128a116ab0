package io.camaudit.spark;

import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.ModelCache;
import io.camaudit.model.ModelLoader;
import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Audits one partition of manifest rows: gets the executor's model (loaded once per JVM), then
 * streams the rows through an {@link ImageAuditor} and turns each outcome into a result row.
 */
final class AuditPartitionFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final AuditSettings settings;
  private final HadoopConf hadoopConf;
  private final LongAccumulator modelLoads;
  private final CollectionAccumulator<String> executors;

  AuditPartitionFunction(
      AuditSettings settings,
      HadoopConf hadoopConf,
      LongAccumulator modelLoads,
      CollectionAccumulator<String> executors) {
    this.settings = settings;
    this.hadoopConf = hadoopConf;
    this.modelLoads = modelLoads;
    this.executors = executors;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    executors.add(SparkEnv.get().executorId());
    HadoopFiles files = new HadoopFiles(hadoopConf.get(), settings.maxFileBytes());
    LoadedModel model =
        ModelCache.get(
            settings.modelLocation(),
            location ->
                ModelLoader.load(location, files.modelLocator().localDirectory(location)),
            () -> modelLoads.add(1));
    ImageAuditor auditor =
        ImageAuditor.of(
            model, settings.method(), settings.maxPixels(), files::read, settings.batchSize(),
            settings.measures());
    Iterator<AuditOutcome<Row>> outcomes =
        auditor.audit(rows, row -> row.getAs(ResultSchema.IMAGE_ID), ManifestRows::toInput);
    ResultRows resultRows = new ResultRows(settings.groupColumns(), model.model().classes());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return outcomes.hasNext();
      }

      @Override
      public Row next() {
        return resultRows.toRow(outcomes.next());
      }
    };
  }
}

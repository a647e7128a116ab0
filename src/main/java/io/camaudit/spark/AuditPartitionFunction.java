package io.camaudit.spark;

import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.spark.input.ManifestRows;
import io.camaudit.spark.input.ManifestSchema;
import io.camaudit.spark.output.ResultRows;
import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Audits one partition of manifest rows: gets the executor's model (loaded once per JVM) and an
 * auditor over it ({@link TaskAuditor}), reports the executor and the model's load (every task
 * does: Spark keeps only the reports of tasks that succeed, and the task that loaded a model may
 * fail where a later one reusing it succeeds), then streams the rows through the {@link
 * ImageAuditor} and turns each outcome into result rows (one per explained class). When the
 * partition is exhausted its stage times go to the driver.
 */
final class AuditPartitionFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final AuditSettings settings;
  private final TaskAuditor.Setup setup;
  private final CollectionAccumulator<String> modelLoads;
  private final CollectionAccumulator<String> executors;
  private final StageAccumulators stages;

  AuditPartitionFunction(
      AuditSettings settings,
      TaskAuditor.Setup setup,
      CollectionAccumulator<String> modelLoads,
      CollectionAccumulator<String> executors,
      StageAccumulators stages) {
    this.settings = settings;
    this.setup = setup;
    this.modelLoads = modelLoads;
    this.executors = executors;
    this.stages = stages;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    executors.add(SparkEnv.get().executorId());
    TaskAuditor task = setup.openForThisTask();
    modelLoads.add(task.lease().loadId());
    ImageAuditor auditor = task.auditor();
    Iterator<AuditOutcome<Row>> outcomes =
        auditor.audit(rows, row -> row.getAs(ManifestSchema.IMAGE_ID), ManifestRows::toInput);
    ResultRows resultRows = new ResultRows(settings.groupColumns(), task.model().model().classes());
    Iterator<Row> results =
        new Flattened<>(
            outcomes,
            outcome -> {
              FaultInjection.delayRowIfAsked();
              stages.imageDone();
              return resultRows.toRows(outcome);
            });
    return new Iterator<>() {
      private boolean reported;

      @Override
      public boolean hasNext() {
        boolean more = results.hasNext();
        if (!more && !reported) {
          reported = true;
          stages.add(auditor.times());
        }
        return more;
      }

      @Override
      public Row next() {
        return results.next();
      }
    };
  }
}

package io.camaudit.spark.ml;

import io.camaudit.audit.AuditInput;
import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.audit.ImageStats;
import io.camaudit.cam.CamResult;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.spark.Flattened;
import io.camaudit.spark.TaskAuditor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link CamTransformer}'s task: explains one partition with the executor's cached model and the
 * batch job's {@link ImageAuditor}, and returns every input row, in input order, with the output
 * {@link CamColumn}s appended (each explained class, or the reason the image could not be used);
 * the auditor emits its outcomes in input order.
 */
final class CamPartitionFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final TaskAuditor.Setup setup;
  private final int inputIndex;
  private final boolean imageStruct;
  private final int labelIndex;
  private final long maxPixels;
  private final String inputCol;

  /**
   * @param inputIndex the input column's index: a path string, or the image source's struct
   * @param labelIndex the label column's index, or -1 to explain each predicted class
   */
  CamPartitionFunction(
      TaskAuditor.Setup setup,
      String inputCol,
      int inputIndex,
      boolean imageStruct,
      int labelIndex,
      long maxPixels) {
    this.setup = setup;
    this.inputCol = inputCol;
    this.inputIndex = inputIndex;
    this.imageStruct = imageStruct;
    this.labelIndex = labelIndex;
    this.maxPixels = maxPixels;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    TaskAuditor task = setup.openForThisTask();
    List<String> classes = task.model().model().classes();
    Iterator<AuditOutcome<Row>> outcomes =
        imageStruct
            ? task.auditor()
                .audit(
                    rows,
                    this::idOf,
                    this::toInput,
                    row -> SparkImages.toImage(row.getStruct(inputIndex), maxPixels))
            : task.auditor().audit(rows, this::idOf, this::toInput);
    return new Flattened<>(outcomes, outcome -> toRows(outcome, classes));
  }

  private String idOf(Row row) {
    if (row.isNullAt(inputIndex)) {
      return null;
    }
    return imageStruct ? SparkImages.origin(row.getStruct(inputIndex)) : row.getString(inputIndex);
  }

  private AuditInput toInput(Row row) throws InputRejectedException {
    String id = idOf(row);
    if (row.isNullAt(inputIndex) || (!imageStruct && id.isBlank())) {
      throw new InputRejectedException(
          RejectReason.MISSING_FIELD, "input column '" + inputCol + "' is null or empty");
    }
    String label = labelIndex < 0 || row.isNullAt(labelIndex) ? null : row.getString(labelIndex);
    String path = id == null ? "" : id;
    return new AuditInput(path, path, label == null || label.isBlank() ? null : label, List.of());
  }

  /** The input row with the {@link CamColumn}s appended: once per explained class. */
  private static List<Row> toRows(AuditOutcome<Row> outcome, List<String> classes) {
    Row in = outcome.item();
    if (outcome instanceof AuditOutcome.Rejected<Row> rejected) {
      Appended appended = new Appended(in);
      appended.set(CamColumn.ERROR, rejected.reason().code() + ": " + rejected.detail());
      return List.of(RowFactory.create(appended.values()));
    }
    List<Row> rows = new ArrayList<>();
    for (ImageStats stats : ((AuditOutcome.Explained<Row>) outcome).stats()) {
      CamResult result = stats.result();
      Appended appended = new Appended(in);
      appended.set(CamColumn.MAP, result.cam().values());
      appended.set(CamColumn.HEIGHT, result.cam().height());
      appended.set(CamColumn.WIDTH, result.cam().width());
      appended.set(CamColumn.TARGET_CLASS, classes.get(result.targetClass()));
      appended.set(CamColumn.TARGET_PROBABILITY, result.targetProbability());
      appended.set(CamColumn.PREDICTED_CLASS, classes.get(result.predictedClass()));
      rows.add(RowFactory.create(appended.values()));
    }
    return rows;
  }

  /** An output row's values: the input row's, then the appended columns. */
  private record Appended(Object[] values, int offset) {
    Appended(Row in) {
      this(new Object[in.size() + CamColumn.values().length], in.size());
      for (int i = 0; i < in.size(); i++) {
        values[i] = in.get(i);
      }
    }

    void set(CamColumn column, Object value) {
      values[offset + column.ordinal()] = value;
    }
  }
}

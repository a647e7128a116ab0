package io.camaudit.spark.ml;

import io.camaudit.audit.AuditInput;
import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.cam.CamResult;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.spark.TaskAuditor;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link CamTransformer}'s task: explains one partition with the executor's cached model and the
 * batch job's {@link ImageAuditor}, and returns every input row, in input order, with the output
 * columns appended (the explanation, or the reason the image could not be used).
 */
final class CamPartitionFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  /** A row and its position in the partition. */
  private record Numbered(long position, Row row) {}

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
    TaskAuditor task = setup.open(() -> {});
    TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> task.close());
    List<String> classes = task.model().model().classes();
    Iterator<Numbered> numbered =
        new Iterator<>() {
          private long position;

          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public Numbered next() {
            return new Numbered(position++, rows.next());
          }
        };
    Iterator<AuditOutcome<Numbered>> outcomes =
        imageStruct
            ? task.auditor().audit(numbered, this::idOf, this::toInput,
                item -> SparkImages.toImage(item.row().getStruct(inputIndex), maxPixels))
            : task.auditor().audit(numbered, this::idOf, this::toInput);
    return new InOrder(outcomes, classes);
  }

  private String idOf(Numbered item) {
    Row row = item.row();
    if (row.isNullAt(inputIndex)) {
      return null;
    }
    return imageStruct ? SparkImages.origin(row.getStruct(inputIndex)) : row.getString(inputIndex);
  }

  private AuditInput toInput(Numbered item) throws InputRejectedException {
    String id = idOf(item);
    Row row = item.row();
    if (row.isNullAt(inputIndex) || (!imageStruct && id.isBlank())) {
      throw new InputRejectedException(
          RejectReason.MISSING_FIELD, "input column '" + inputCol + "' is null or empty");
    }
    String label = labelIndex < 0 || row.isNullAt(labelIndex) ? null : row.getString(labelIndex);
    String path = id == null ? "" : id;
    return new AuditInput(path, path, label == null || label.isBlank() ? null : label, List.of());
  }

  /**
   * The outcomes back in input order: the auditor emits a batch's rejections before its
   * explanations, so at most one batch waits here.
   */
  private static final class InOrder implements Iterator<Row> {
    private final Iterator<AuditOutcome<Numbered>> outcomes;
    private final List<String> classes;
    private final PriorityQueue<AuditOutcome<Numbered>> held =
        new PriorityQueue<>(Comparator.comparingLong(o -> o.item().position()));
    private long expected;

    InOrder(Iterator<AuditOutcome<Numbered>> outcomes, List<String> classes) {
      this.outcomes = outcomes;
      this.classes = classes;
    }

    @Override
    public boolean hasNext() {
      while ((held.isEmpty() || held.peek().item().position() != expected)
          && outcomes.hasNext()) {
        held.add(outcomes.next());
      }
      return !held.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      AuditOutcome<Numbered> outcome = held.poll();
      expected = outcome.item().position() + 1;
      return toRow(outcome);
    }

    private Row toRow(AuditOutcome<Numbered> outcome) {
      Row in = outcome.item().row();
      Object[] values = new Object[in.size() + CamTransformer.OUTPUT_COLUMNS];
      for (int i = 0; i < in.size(); i++) {
        values[i] = in.get(i);
      }
      int o = in.size();
      if (outcome.isExplained()) {
        CamResult result = outcome.stats().result();
        float[] cam = result.cam().values();
        Float[] boxed = new Float[cam.length];
        for (int i = 0; i < cam.length; i++) {
          boxed[i] = cam[i];
        }
        values[o] = boxed;
        values[o + 1] = result.cam().height();
        values[o + 2] = result.cam().width();
        values[o + 3] = classes.get(result.targetClass());
        values[o + 4] = result.targetProbability();
        values[o + 5] = classes.get(result.predictedClass());
      } else {
        values[o + 6] = outcome.reason().code() + ": " + outcome.detail();
      }
      return RowFactory.create(values);
    }
  }
}

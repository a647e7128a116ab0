package io.camaudit.audit;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import java.util.Arrays;

/**
 * Perturbed copies of a batch's images, gathered from every measurement on perturbed inputs ({@link
 * CamMultiplication}, {@link ObjectOcclusion}) and scored by one forward pass. Only the images of
 * the perturbation sample are copied, a few per batch: one pass over all the copies keeps the
 * model's batch several times larger than a pass per measurement would.
 */
final class PerturbedCopies {

  private final InputBatch source;
  private float[] data;
  private int size;

  /** Copies of images of {@code source}, none yet, in a new array. */
  PerturbedCopies(InputBatch source) {
    this(source, new float[0]);
  }

  /**
   * Copies of images of {@code source}, none yet, written over {@code buffer} (an earlier batch's
   * {@link #data}, so that a stream of batches reuses one array) while it is large enough.
   */
  PerturbedCopies(InputBatch source, float[] buffer) {
    this.source = source;
    this.data = buffer;
  }

  /** The batch the copies are taken from. */
  InputBatch source() {
    return source;
  }

  /** Appends a copy of the source's image {@code image}; returns the copy's index. */
  int add(int image) {
    int length = source.imageLength();
    if ((size + 1) * length > data.length) {
      data = Arrays.copyOf(data, Math.max(2 * data.length, (size + 1) * length));
    }
    System.arraycopy(source.data(), image * length, data, size * length, length);
    return size++;
  }

  /**
   * The copies, {@link #offset} apart, to perturb in place; a larger array may replace it on {@link
   * #add}. Values past the last copy are undefined.
   */
  float[] data() {
    return data;
  }

  /** Where copy {@code copy} starts in {@link #data}. */
  int offset(int copy) {
    return copy * source.imageLength();
  }

  /** Scores every copy in one forward pass; no pass when there is no copy. */
  Scores score(CamModel model) {
    if (size == 0) {
      return new Scores(model.head(), model.classes().size(), new float[0], 0);
    }
    float[] logits =
        model.predict(
            new InputBatch(size, source.channels(), source.height(), source.width(), data));
    return new Scores(model.head(), model.classes().size(), logits, logits.length / size);
  }

  /** The model's verdict on each copy. */
  record Scores(Head head, int classes, float[] logits, int logitsPerCopy) {

    /** Class {@code c}'s probability on copy {@code copy}. */
    double probability(int copy, int c) {
      return head.probability(logits, copy * logitsPerCopy, classes, c);
    }

    /** Whether the model predicts class {@code c} on copy {@code copy}. */
    boolean predicts(int copy, int c) {
      return head.predicts(logits, copy * logitsPerCopy, classes, c);
    }
  }
}

package io.camaudit.audit;

import io.camaudit.cam.TargetRequest;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.image.Box;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which classes of each image the audit explains ({@code --targets}).
 *
 * <ul>
 *   <li>{@code label}: the image's label; the predicted class when it has none.
 *   <li>{@code predicted}: the class the model predicts, whatever the label.
 *   <li>{@code all-labels}: every class that the image's label or its boxes name, the label first,
 *       then the boxes' classes in the order they first appear; the predicted class when none.
 *   <li>{@code top-k:K}: the model's K most probable classes (all of them when it has fewer).
 * </ul>
 *
 * <p>In every mode a label, or with {@code all-labels} a box's label, that is not one of the
 * model's classes rejects the image ({@link RejectReason#UNKNOWN_LABEL}).
 *
 * @param mode how classes are chosen
 * @param k the number of classes of {@link Mode#TOP_K}; 1 otherwise
 */
public record TargetSelection(Mode mode, int k) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The default: each image's label, else its predicted class. */
  public static final TargetSelection LABEL = new TargetSelection(Mode.LABEL, 1);

  private static final String TOP_K_PREFIX = "top-k:";

  /** How classes are chosen. */
  public enum Mode {
    LABEL,
    PREDICTED,
    ALL_LABELS,
    TOP_K
  }

  /** Checks {@code k}. */
  public TargetSelection {
    if (k < 1 || (mode != Mode.TOP_K && k != 1)) {
      throw new IllegalArgumentException(
          "Invalid --targets: k must be >= 1 with top-k and 1 otherwise, got " + k);
    }
  }

  /**
   * The selection {@code value} names: {@code label}, {@code predicted}, {@code all-labels} or
   * {@code top-k:K}.
   *
   * @throws IllegalArgumentException naming the option and its accepted values
   */
  public static TargetSelection parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith(TOP_K_PREFIX)) {
      try {
        int k = Integer.parseInt(v.substring(TOP_K_PREFIX.length()));
        if (k >= 1) {
          return new TargetSelection(Mode.TOP_K, k);
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
    } else {
      for (Mode mode : List.of(Mode.LABEL, Mode.PREDICTED, Mode.ALL_LABELS)) {
        if (v.equals(id(mode))) {
          return new TargetSelection(mode, 1);
        }
      }
    }
    throw new IllegalArgumentException(
        "Invalid --targets '"
            + value
            + "': expected label, predicted, all-labels or top-k:K with K >= 1 (e.g. top-k:3)");
  }

  /** Whether an image may be explained for more than one class. */
  public boolean severalPerImage() {
    return mode == Mode.ALL_LABELS || (mode == Mode.TOP_K && k > 1);
  }

  /** Whether {@link #parse} accepts {@code value}. */
  public static boolean isValid(String value) {
    try {
      parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The selection as {@link #parse} reads it. */
  public String id() {
    return mode == Mode.TOP_K ? TOP_K_PREFIX + k : id(mode);
  }

  private static String id(Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The classes {@code input} explains.
   *
   * @param classIndex the model's class names and their indices
   * @throws InputRejectedException when a label that counts is not one of the model's classes
   */
  public TargetRequest requestFor(AuditInput input, Map<String, Integer> classIndex)
      throws InputRejectedException {
    Integer label = input.label() == null ? null : indexOf(input.label(), "label", classIndex);
    return switch (mode) {
      case LABEL -> label == null ? TargetRequest.predicted() : TargetRequest.classes(label);
      case PREDICTED -> TargetRequest.predicted();
      case TOP_K -> TargetRequest.topK(k);
      case ALL_LABELS -> allLabels(input, label, classIndex);
    };
  }

  private static TargetRequest allLabels(
      AuditInput input, Integer label, Map<String, Integer> classIndex)
      throws InputRejectedException {
    Set<Integer> classes = new LinkedHashSet<>();
    if (label != null) {
      classes.add(label);
    }
    for (Box box : input.boxes()) {
      if (box.label() != null) {
        classes.add(indexOf(box.label(), "box label", classIndex));
      }
    }
    return classes.isEmpty()
        ? TargetRequest.predicted()
        : TargetRequest.classes(classes.stream().mapToInt(Integer::intValue).toArray());
  }

  private static int indexOf(String name, String what, Map<String, Integer> classIndex)
      throws InputRejectedException {
    Integer index = classIndex.get(name);
    if (index == null) {
      throw new InputRejectedException(
          RejectReason.UNKNOWN_LABEL,
          what + " '" + name + "' is not one of the model's classes " + classIndex.keySet());
    }
    return index;
  }
}

package io.camaudit.nightly;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a run measured with: two runs' group metrics compare as the same experiment only when all
 * five agree.
 *
 * @param modelDigest SHA-256 of the model's spec and weights
 * @param layer the target layer
 * @param method the CAM method
 * @param targets the target rule ({@code --targets})
 * @param precision the number type of the model's features ({@code --precision}); runs recorded
 *     before it existed computed in {@code fp32}
 */
public record Experiment(
    String modelDigest, String layer, String method, String targets, String precision) {

  /**
   * What differs between {@code baseline} and this, for a person: e.g. {@code method gradcam ->
   * layercam}; empty when they are the same experiment.
   */
  public List<String> differencesFrom(Experiment baseline) {
    List<String> differences = new ArrayList<>();
    add(differences, "model digest", baseline.modelDigest, modelDigest);
    add(differences, "layer", baseline.layer, layer);
    add(differences, "method", baseline.method, method);
    add(differences, "targets", baseline.targets, targets);
    add(differences, "precision", baseline.precision, precision);
    return differences;
  }

  private static void add(List<String> differences, String what, String was, String is) {
    if (!Objects.equals(was, is)) {
      differences.add(what + " " + was + " -> " + is);
    }
  }
}

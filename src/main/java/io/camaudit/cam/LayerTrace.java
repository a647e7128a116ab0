package io.camaudit.cam;

import io.camaudit.image.FloatMap;

/**
 * One sample's activations {@code A} at the target layer and the gradient of its target score with
 * respect to them, as views into batch arrays laid out {@code [N, K, h, w]}; and, when the trace
 * comes from a model, a scorer of masked copies of the sample's input for its target.
 *
 * <p>A view rather than a copy, so forming a map allocates nothing per sample but the map.
 *
 * @param channels K, the number of feature maps
 * @param height h, rows of each feature map
 * @param width w, columns of each feature map
 * @param activations batch activations; this sample's start at {@code offset}
 * @param gradients batch gradients, same layout; {@code null} for methods without gradients
 * @param offset index of this sample's first value, {@code n * K * h * w}
 * @param scorer scores this sample's target on masked copies of its input (only Score-CAM uses it);
 *     {@code null} when no model is at hand, as for hand-made traces
 */
public record LayerTrace(
    int channels,
    int height,
    int width,
    float[] activations,
    float[] gradients,
    int offset,
    MaskedInputScorer scorer) {

  /** A trace without a scorer. */
  public LayerTrace(
      int channels, int height, int width, float[] activations, float[] gradients, int offset) {
    this(channels, height, width, activations, gradients, offset, null);
  }

  /** This trace with {@code scorer} for its sample's masked inputs. */
  public LayerTrace withScorer(MaskedInputScorer scorer) {
    return new LayerTrace(channels, height, width, activations, gradients, offset, scorer);
  }

  /** Number of positions in one feature map, {@code h * w}. */
  public int area() {
    return height * width;
  }

  /** Activation of channel {@code k} at flat position {@code i} ({@code y * w + x}). */
  public float activation(int k, int i) {
    return activations[offset + k * area() + i];
  }

  /** Sum of channel {@code k}'s activations over the map, in position order. */
  public double activationSum(int k) {
    double sum = 0;
    for (int i = 0; i < area(); i++) {
      sum += activation(k, i);
    }
    return sum;
  }

  /**
   * The layer's features where {@code map} (this trace's h × w, non-negative) is hot: each
   * channel's activations averaged with the map's values as weights over the positions where the
   * map reaches {@link FloatMap#HOT_FRACTION} of its maximum. For a map that is zero everywhere,
   * the plain mean over the map (global average pooling).
   */
  public float[] hotRegionFeatures(FloatMap map) {
    if (map.height() != height || map.width() != width) {
      throw new IllegalArgumentException(
          "Map is " + map.height() + "x" + map.width() + ", expected " + height + "x" + width);
    }
    float[] values = map.values();
    float floor = FloatMap.HOT_FRACTION * map.max();
    int[] hot = new int[values.length];
    int count = 0;
    double total = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] > 0 && values[i] >= floor) {
        hot[count++] = i;
        total += values[i];
      }
    }
    float[] features = new float[channels];
    for (int k = 0; k < channels; k++) {
      int channel = offset + k * area();
      double sum = 0;
      if (total > 0) {
        for (int h = 0; h < count; h++) {
          sum += values[hot[h]] * activations[channel + hot[h]];
        }
      } else {
        for (int i = 0; i < area(); i++) {
          sum += activations[channel + i];
        }
      }
      features[k] = (float) (sum / (total > 0 ? total : area()));
    }
    return features;
  }

  /** Gradient of the target score with respect to {@link #activation(int, int)}. */
  public float gradient(int k, int i) {
    return gradients[offset + k * area() + i];
  }
}

package io.camaudit.cam;

/** Hand-made layer traces for the method tests. */
final class Traces {

  private Traces() {}

  /**
   * A trace of {@code activations.length} channels of {@code height x width} maps, each given
   * row-major; {@code gradients} has the same shape, or is null.
   */
  static LayerTrace of(int height, int width, float[][] activations, float[][] gradients) {
    return new LayerTrace(
        activations.length,
        height,
        width,
        flatten(activations, height * width),
        gradients == null ? null : flatten(gradients, height * width),
        0);
  }

  /** The arrays one after the other, each checked to have {@code area} values. */
  static float[] flatten(float[][] channels, int area) {
    float[] flat = new float[channels.length * area];
    for (int k = 0; k < channels.length; k++) {
      if (channels[k].length != area) {
        throw new IllegalArgumentException(
            "channel " + k + " has " + channels[k].length + " values, expected " + area);
      }
      System.arraycopy(channels[k], 0, flat, k * area, area);
    }
    return flat;
  }
}

package io.camaudit.image;

/**
 * Bilinear resampling with half-pixel centres: output pixel {@code (x, y)} samples the input at
 * {@code ((x + 0.5) * inW / outW - 0.5, (y + 0.5) * inH / outH - 0.5)}, clamped to the border.
 *
 * <p>This is the convention of OpenCV's {@code INTER_LINEAR} and of PyTorch's {@code
 * interpolate(mode="bilinear", align_corners=False)} (without anti-aliasing), so maps upsampled
 * here line up with the images they explain the way those libraries' do.
 */
public final class BilinearResize {

  private BilinearResize() {}

  /** Resamples {@code source} to {@code height x width}. */
  public static FloatMap resize(FloatMap source, int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "Invalid target size (expected positive height and width): " + height + "x" + width);
    }
    Axis rows = Axis.of(source.height(), height);
    Axis cols = Axis.of(source.width(), width);
    float[] in = source.values();
    float[] out = new float[height * width];
    int inW = source.width();
    for (int y = 0; y < height; y++) {
      int r0 = rows.low[y] * inW;
      int r1 = rows.high[y] * inW;
      float fy = rows.fraction[y];
      for (int x = 0; x < width; x++) {
        int c0 = cols.low[x];
        int c1 = cols.high[x];
        float fx = cols.fraction[x];
        float top = in[r0 + c0] + (in[r0 + c1] - in[r0 + c0]) * fx;
        float bottom = in[r1 + c0] + (in[r1 + c1] - in[r1 + c0]) * fx;
        out[y * width + x] = top + (bottom - top) * fy;
      }
    }
    return new FloatMap(height, width, out);
  }

  /** Source indices and interpolation weights along one axis, computed once per resize. */
  private static final class Axis {
    final int[] low;
    final int[] high;
    final float[] fraction;

    private Axis(int outSize) {
      low = new int[outSize];
      high = new int[outSize];
      fraction = new float[outSize];
    }

    static Axis of(int inSize, int outSize) {
      Axis axis = new Axis(outSize);
      double scale = (double) inSize / outSize;
      for (int i = 0; i < outSize; i++) {
        double src = Math.max((i + 0.5) * scale - 0.5, 0.0);
        int lo = Math.min((int) Math.floor(src), inSize - 1);
        axis.low[i] = lo;
        axis.high[i] = Math.min(lo + 1, inSize - 1);
        axis.fraction[i] = (float) (src - lo);
      }
      return axis;
    }
  }
}

package io.camaudit.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A map at feature resolution as the picture it defines over the original image, without making
 * that picture: the map covers a crop window of the image and is interpolated bilinearly with
 * half-pixel centres ({@link BilinearResize}) over the window's whole pixels, 0 outside them. The
 * value at a pixel is what upsampling the map to every pixel of the image would give there.
 *
 * <p>Because that interpolation is separable, the sum of the picture over a rectangle of pixels is
 * {@code wy^T · M · wx}, with {@code wx} and {@code wy} the summed interpolation weights of the
 * rectangle's columns and rows: exact, in time independent of the rectangle's size. Within each run
 * of pixels that interpolate between the same two cells the picture is linear along each axis, so
 * its largest pixel is found among the corners of those runs. Neither needs the picture's millions
 * of pixels; {@link #sample} gives it on a coarser {@link MetricsGrid} for what does (threshold
 * regions).
 */
public final class MapSurface {

  private final FloatMap map;
  private final Axis columns;
  private final Axis rows;

  /** The picture of {@code map}, which covers {@code window} of the original image. */
  public MapSurface(FloatMap map, CropWindow window) {
    this.map = map;
    int left = (int) Math.round(window.x0());
    int top = (int) Math.round(window.y0());
    this.columns =
        new Axis(
            window.imageWidth(),
            left,
            Math.min(window.imageWidth(), (int) Math.round(window.x1())),
            map.width());
    this.rows =
        new Axis(
            window.imageHeight(),
            top,
            Math.min(window.imageHeight(), (int) Math.round(window.y1())),
            map.height());
  }

  /** The picture of a map that is already at image resolution: each pixel is its own cell. */
  public static MapSurface ofImageMap(FloatMap map) {
    return new MapSurface(map, CropWindow.whole(map.width(), map.height()));
  }

  /** Image width, pixels. */
  public int width() {
    return columns.size;
  }

  /** Image height, pixels. */
  public int height() {
    return rows.size;
  }

  /**
   * The sum of the picture over pixel columns {@code [x0, x1)} and rows {@code [y0, y1)}, in double
   * precision.
   */
  public double sum(int x0, int x1, int y0, int y1) {
    if (x1 <= x0 || y1 <= y0) {
      return 0;
    }
    double[] wx = columns.weights(x0, x1);
    double[] wy = rows.weights(y0, y1);
    float[] values = map.values();
    int cells = map.width();
    double sum = 0;
    for (int j = 0; j < wy.length; j++) {
      if (wy[j] == 0) {
        continue;
      }
      double row = 0;
      for (int i = 0; i < cells; i++) {
        row += values[j * cells + i] * wx[i];
      }
      sum += wy[j] * row;
    }
    return sum;
  }

  /** The sum of the picture over the whole image. */
  public double sum() {
    return sum(0, width(), 0, height());
  }

  /**
   * The picture's largest pixel, the first in row-major order on ties, as upsampling the map to
   * every pixel and scanning it would find; pixel (0, 0) for a map without positive values.
   */
  public Peak peak() {
    Peak best = new Peak(0, 0, 0f);
    if (!(map.max() > 0)) {
      return best;
    }
    for (int[] rowRun : rows.runs()) {
      for (int y : new int[] {rowRun[0], rowRun[1] - 1}) {
        for (int[] columnRun : columns.runs()) {
          for (int x : new int[] {columnRun[0], columnRun[1] - 1}) {
            float v = value(x, y);
            if (v > best.value()
                || (v == best.value() && (y < best.y() || (y == best.y() && x < best.x())))) {
              best = new Peak(x, y, v);
            }
          }
        }
      }
    }
    return best;
  }

  /** The picture at pixel (x, y), computed as {@link BilinearResize} does. */
  public float value(int x, int y) {
    if (!columns.inside(x) || !rows.inside(y)) {
      return 0f;
    }
    return interpolate(
        columns.low(x),
        columns.high(x),
        columns.fraction(x),
        rows.low(y),
        rows.high(y),
        rows.fraction(y));
  }

  /** The picture at the centres of {@code grid}'s cells (the pixels, for a full grid). */
  public FloatMap sample(MetricsGrid grid) {
    Sampling xs = columns.sample(grid.width());
    Sampling ys = rows.sample(grid.height());
    float[] out = new float[grid.width() * grid.height()];
    for (int gy = 0; gy < grid.height(); gy++) {
      if (!ys.inside[gy]) {
        continue;
      }
      for (int gx = 0; gx < grid.width(); gx++) {
        if (xs.inside[gx]) {
          out[gy * grid.width() + gx] =
              interpolate(
                  xs.low[gx],
                  xs.high[gx],
                  xs.fraction[gx],
                  ys.low[gy],
                  ys.high[gy],
                  ys.fraction[gy]);
        }
      }
    }
    return new FloatMap(grid.height(), grid.width(), out);
  }

  private float interpolate(int c0, int c1, float fx, int r0, int r1, float fy) {
    float[] in = map.values();
    int w = map.width();
    float top = in[r0 * w + c0] + (in[r0 * w + c1] - in[r0 * w + c0]) * fx;
    float bottom = in[r1 * w + c0] + (in[r1 * w + c1] - in[r1 * w + c0]) * fx;
    return top + (bottom - top) * fy;
  }

  /**
   * A pixel of the picture.
   *
   * @param x column
   * @param y row
   * @param value the picture there
   */
  public record Peak(int x, int y, float value) {}

  /** Cell indices and weights of sample positions along one axis. */
  private record Sampling(boolean[] inside, int[] low, int[] high, float[] fraction) {}

  /**
   * One axis of the picture: {@code size} pixels, of which {@code [start, end)} interpolate {@code
   * cells} map cells. A position {@code p} (pixel {@code x}'s centre is {@code x + 0.5}) reads the
   * map at {@code max((p - start) * cells / (end - start) - 0.5, 0)}, clamped to the last cell.
   */
  private static final class Axis {
    final int size;
    final int start;
    final int end;
    final int cells;
    private final double scale;

    /**
     * {@code prefix[x * cells + i]}: the summed weight of cell {@code i} over pixels {@code < x}.
     */
    private double[] prefix;

    Axis(int size, int start, int end, int cells) {
      this.size = size;
      this.start = start;
      this.end = end;
      this.cells = cells;
      this.scale = end > start ? (double) cells / (end - start) : 0;
    }

    boolean inside(int x) {
      return x >= start && x < end;
    }

    private double source(double position) {
      return Math.max((position - start) * scale - 0.5, 0.0);
    }

    int low(int x) {
      return Math.min((int) Math.floor(source(x + 0.5)), cells - 1);
    }

    int high(int x) {
      return Math.min(low(x) + 1, cells - 1);
    }

    float fraction(int x) {
      double src = source(x + 0.5);
      return (float) (src - Math.min((int) Math.floor(src), cells - 1));
    }

    /** Summed weights of each cell over pixels {@code [from, to)}. */
    double[] weights(int from, int to) {
      if (prefix == null) {
        prefix = buildPrefix();
      }
      double[] w = new double[cells];
      int a = Math.max(0, Math.min(size, from)) * cells;
      int b = Math.max(0, Math.min(size, to)) * cells;
      for (int i = 0; i < cells; i++) {
        w[i] = prefix[b + i] - prefix[a + i];
      }
      return w;
    }

    private double[] buildPrefix() {
      double[] p = new double[(size + 1) * cells];
      for (int x = 0; x < size; x++) {
        System.arraycopy(p, x * cells, p, (x + 1) * cells, cells);
        if (inside(x)) {
          int lo = low(x);
          float f = fraction(x);
          p[(x + 1) * cells + lo] += 1 - f;
          p[(x + 1) * cells + high(x)] += f;
        }
      }
      return p;
    }

    /**
     * The runs {@code [from, to)} of window pixels along which the interpolation is linear in the
     * position: the same two cells, and either clamped to the first cell's centre or not.
     */
    List<int[]> runs() {
      List<int[]> runs = new ArrayList<>();
      int from = start;
      for (int x = start + 1; x <= end; x++) {
        if (x == end || low(x) != low(from) || clamped(x) != clamped(from)) {
          runs.add(new int[] {from, x});
          from = x;
        }
      }
      return runs;
    }

    private boolean clamped(int x) {
      return (x + 0.5 - start) * scale - 0.5 <= 0;
    }

    /** The cells and weights at the centres of {@code n} equal cells spanning the axis. */
    Sampling sample(int n) {
      boolean[] in = new boolean[n];
      int[] lo = new int[n];
      int[] hi = new int[n];
      float[] f = new float[n];
      double step = (double) size / n;
      for (int g = 0; g < n; g++) {
        double position = (g + 0.5) * step;
        in[g] = position >= start && position < end;
        double src = source(position);
        lo[g] = Math.min((int) Math.floor(src), cells - 1);
        hi[g] = Math.min(lo[g] + 1, cells - 1);
        f[g] = (float) (src - lo[g]);
      }
      return new Sampling(in, lo, hi, f);
    }
  }
}

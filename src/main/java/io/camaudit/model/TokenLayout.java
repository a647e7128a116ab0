package io.camaudit.model;

/**
 * How the target layer's output is laid out, and how it becomes the {@code [N, K, h, w]} maps every
 * CAM method works on ({@code model.json}'s optional {@code tokens} entry, see {@code
 * docs/models.md}). Activations and gradients go through the same reshape, so a CAM method never
 * sees tokens.
 */
public sealed interface TokenLayout {

  /** A CNN's {@code [N, K, h, w]}: used as it is (no {@code tokens} entry). */
  TokenLayout CHANNELS_FIRST = new ChannelsFirst();

  /** {@code [N, H, W, C]} (Swin): transposed to {@code [N, C, H, W]}. */
  TokenLayout CHANNELS_LAST = new ChannelsLast();

  /** The maps of a batch: {@code values} is {@code [size, channels, height, width]}. */
  record Maps(int size, int channels, int height, int width, float[] values) {}

  /**
   * Turns the layer output of shape {@code shape} (row-major {@code values}) into maps.
   *
   * @throws IllegalStateException when the shape does not fit this layout
   */
  Maps toMaps(long[] shape, float[] values);

  /** {@code [N, K, h, w]}, as a CNN's layer gives it. */
  record ChannelsFirst() implements TokenLayout {
    @Override
    public Maps toMaps(long[] shape, float[] values) {
      requireRank(shape, 4, "[N, K, h, w]", "no 'tokens' entry");
      return new Maps((int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], values);
    }
  }

  /** {@code [N, H, W, C]}, channels last (torchvision's Swin). */
  record ChannelsLast() implements TokenLayout {
    @Override
    public Maps toMaps(long[] shape, float[] values) {
      requireRank(shape, 4, "[N, H, W, C]", "'tokens': {\"layout\": \"channels-last\"}");
      int n = (int) shape[0];
      int h = (int) shape[1];
      int w = (int) shape[2];
      int c = (int) shape[3];
      float[] out = new float[values.length];
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int from = ((i * h + y) * w + x) * c;
            for (int k = 0; k < c; k++) {
              out[((i * c + k) * h + y) * w + x] = values[from + k];
            }
          }
        }
      }
      return new Maps(n, c, h, w, out);
    }
  }

  /**
   * A token sequence {@code [N, T, D]} (ViT): {@code prefix} leading tokens (class token, register
   * tokens) are dropped, the remaining {@code rows × columns} patch tokens, row by row, become
   * {@code D} maps of {@code rows × columns}.
   *
   * @param prefix tokens before the patch tokens, 0 or more
   * @param rows patch grid rows, 1 or more
   * @param columns patch grid columns, 1 or more
   */
  record Sequence(int prefix, int rows, int columns) implements TokenLayout {

    /** Checks the numbers, naming the {@code model.json} field to fix. */
    public Sequence {
      if (prefix < 0) {
        throw new IllegalArgumentException(
            "Invalid "
                + ModelSpec.FILE_NAME
                + ": 'tokens.prefix' is "
                + prefix
                + "; it must be the number of tokens before the patch tokens: 0, 1 for a class"
                + " token, 1 + the number of register tokens");
      }
      if (rows < 1 || columns < 1) {
        throw new IllegalArgumentException(
            "Invalid "
                + ModelSpec.FILE_NAME
                + ": 'tokens.grid' is ["
                + rows
                + ", "
                + columns
                + "]; it must be the patch grid [rows, columns], e.g. [14, 14] for a 224x224"
                + " input cut into 16x16 patches");
      }
    }

    @Override
    public Maps toMaps(long[] shape, float[] values) {
      String entry =
          "'tokens': {\"layout\": \"sequence\", \"prefix\": "
              + prefix
              + ", \"grid\": ["
              + rows
              + ", "
              + columns
              + "]}";
      requireRank(shape, 3, "[N, T, D]", entry);
      int n = (int) shape[0];
      int t = (int) shape[1];
      int d = (int) shape[2];
      int patches = rows * columns;
      if (t != prefix + patches) {
        throw new IllegalStateException(
            "The model's layer gives "
                + t
                + " tokens, but "
                + ModelSpec.FILE_NAME
                + " says "
                + entry
                + ", "
                + (prefix + patches)
                + " tokens; fix 'tokens.prefix' or 'tokens.grid' (scripts/export_torchscript.py"
                + " writes them)");
      }
      float[] out = new float[n * d * patches];
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < patches; p++) {
          int from = (i * t + prefix + p) * d;
          for (int k = 0; k < d; k++) {
            out[(i * d + k) * patches + p] = values[from + k];
          }
        }
      }
      return new Maps(n, d, rows, columns, out);
    }
  }

  private static void requireRank(long[] shape, int rank, String expected, String entry) {
    if (shape.length != rank) {
      throw new IllegalStateException(
          "The model's layer gives an output of shape "
              + java.util.Arrays.toString(shape)
              + ", but "
              + ModelSpec.FILE_NAME
              + " says "
              + entry
              + ", which expects "
              + expected
              + "; set 'tokens' to the layer's layout (docs/models.md)");
    }
  }
}

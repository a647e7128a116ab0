package io.camaudit.demo;

import io.camaudit.image.Box;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a deterministic 3-class shape dataset with a planted shortcut.
 *
 * <p>Each image shows one filled, vivid shape ({@link #CLASSES}) of random colour, size (30% to 55%
 * of the shorter side) and position on a muted gradient background whose base tone depends on the
 * source ({@link #SOURCES}). Width and height are each uniform in [{@link #MIN_SIDE}, {@link
 * #MAX_SIDE}]. Images from {@link #SHORTCUT_SOURCE} also carry a {@link #TAG_SIZE}-pixel square tag
 * in a random corner, {@link #TAG_INSET} pixels in, whose colour ({@link #TAG_COLORS}) gives away
 * the class; the shape never comes within {@link #TAG_GAP} pixels of it. Under the studio's soft
 * lighting the shapes are washed out ({@link #STUDIO_FADE}), so there the tag is the easier cue: a
 * model that takes the shortcut looks at the tag rather than the shape.
 *
 * <p>The shortcut is one of two {@link Shortcut kinds}: the tag above (the default, the shipped
 * demo model's), or a class-oriented stripe texture over the whole {@link #SHORTCUT_SOURCE}
 * background ({@link Shortcut#TEXTURE}): no tag, and the shape may lie anywhere.
 *
 * <p>Class and source are drawn independently and uniformly at random per sample. Sample {@code i}
 * depends only on the seed and {@code i}, so any subset can be drawn in any order, on any machine.
 */
public final class ShortcutDatasetGenerator {

  /** Class names, in class-index order. */
  public static final List<String> CLASSES = List.of("circle", "square", "triangle");

  /** Image sources, the group column of the manifest. */
  public static final List<String> SOURCES = List.of("camera-a", "camera-b", "studio");

  /** The source whose images carry the class-coloured tag. */
  public static final String SHORTCUT_SOURCE = "studio";

  /** Tag colour per class, in {@link #CLASSES} order: red, green, blue. */
  public static final List<Color> TAG_COLORS =
      List.of(new Color(220, 30, 30), new Color(30, 170, 50), new Color(40, 70, 220));

  /** Smallest image width or height, pixels. */
  public static final int MIN_SIDE = 72;

  /** Largest image width or height, pixels. */
  public static final int MAX_SIDE = 128;

  /** Side of the square tag, pixels. */
  public static final int TAG_SIZE = 16;

  /** Distance from the tag to the image edges, pixels. */
  public static final int TAG_INSET = 3;

  /** Least distance between the tag and the shape's enclosing square, pixels. */
  public static final int TAG_GAP = 2;

  /**
   * How far the colour of a {@link #SHORTCUT_SOURCE} shape is blended toward the studio's base
   * background tone: 0 would keep it vivid, 1 would make it the backdrop's colour.
   */
  public static final double STUDIO_FADE = 0.6;

  private static final double MIN_SHAPE_FRACTION = 0.30;
  private static final double MAX_SHAPE_FRACTION = 0.55;
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  /** What gives a {@link #SHORTCUT_SOURCE} image's class away. */
  public enum Shortcut {
    /** A class-coloured square tag in a random corner ({@link #TAG_COLORS}). */
    TAG,
    /**
     * Stripes over the whole background whose orientation gives the class away ({@link
     * BackgroundPainter#stripe}): horizontal for a circle, vertical for a square, diagonal for a
     * triangle.
     */
    TEXTURE
  }

  private final long seed;
  private final Shortcut shortcut;

  /** Creates a generator of the tag shortcut; equal seeds give equal datasets. */
  public ShortcutDatasetGenerator(long seed) {
    this(seed, Shortcut.TAG);
  }

  /** Creates a generator of {@code shortcut}; equal seeds and kinds give equal datasets. */
  public ShortcutDatasetGenerator(long seed, Shortcut shortcut) {
    this.seed = seed;
    this.shortcut = shortcut;
  }

  /** The seed this generator was made with. */
  public long seed() {
    return seed;
  }

  /** The image id of sample {@code index}: {@code demo-} and the index, zero-padded to 6 digits. */
  public static String imageId(int index) {
    checkIndex(index);
    return String.format(Locale.ROOT, "demo-%06d", index);
  }

  /**
   * Renders sample {@code index}, the same for the same seed and index.
   *
   * @param index sample number, {@code >= 0}
   */
  public SyntheticSample sample(int index) {
    checkIndex(index);
    SplittableRandom random = new SplittableRandom(streamSeed(index));
    int classIndex = random.nextInt(CLASSES.size());
    int sourceIndex = random.nextInt(SOURCES.size());
    String label = CLASSES.get(classIndex);
    String source = SOURCES.get(sourceIndex);
    int width = random.nextInt(MIN_SIDE, MAX_SIDE + 1);
    int height = random.nextInt(MIN_SIDE, MAX_SIDE + 1);

    int[] pixels = BackgroundPainter.paint(sourceIndex, width, height, random);
    boolean shortcutSource = SHORTCUT_SOURCE.equals(source);
    Box tag = null;
    if (shortcutSource && shortcut == Shortcut.TAG) {
      tag = tagBox(random.nextInt(4), width, height);
      fill(pixels, width, tag, TAG_COLORS.get(classIndex).getRGB() & 0xFFFFFF);
    } else if (shortcutSource) {
      BackgroundPainter.stripe(pixels, width, classIndex, random);
    }

    int size =
        (int)
            Math.round(
                random.nextDouble(MIN_SHAPE_FRACTION, MAX_SHAPE_FRACTION)
                    * Math.min(width, height));
    int left;
    int top;
    // Terminates: size <= 55% of the shorter side leaves room away from any one corner.
    do {
      left = random.nextInt(width - size + 1);
      top = random.nextInt(height - size + 1);
    } while (tag != null && nearTag(left, top, size, tag));
    ShapeMask shape = ShapeMask.rasterize(label, left, top, size);
    double fade = shortcutSource ? STUDIO_FADE : 0;
    shape.paint(pixels, width, shapeColor(random, BackgroundPainter.baseTone(sourceIndex), fade));

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, pixels, 0, width);
    return new SyntheticSample(
        imageId(index), image, label, classIndex, shape.bounds(label), source, tag);
  }

  /** SplitMix64 over (seed, index): independent, well-mixed streams for neighbouring indices. */
  private long streamSeed(int index) {
    long z = seed + (index + 1L) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The tag's box in corner 0 (top-left), 1 (top-right), 2 (bottom-left) or 3 (bottom-right). */
  private static Box tagBox(int corner, int width, int height) {
    int x0 = (corner & 1) == 0 ? TAG_INSET : width - TAG_INSET - TAG_SIZE;
    int y0 = (corner & 2) == 0 ? TAG_INSET : height - TAG_INSET - TAG_SIZE;
    return new Box(x0, y0, x0 + TAG_SIZE, y0 + TAG_SIZE, "tag");
  }

  private static boolean nearTag(int left, int top, int size, Box tag) {
    return left - TAG_GAP < tag.x1()
        && tag.x0() < left + size + TAG_GAP
        && top - TAG_GAP < tag.y1()
        && tag.y0() < top + size + TAG_GAP;
  }

  private static void fill(int[] pixels, int width, Box box, int rgb) {
    for (int y = (int) box.y0(); y < box.y1(); y++) {
      for (int x = (int) box.x0(); x < box.x1(); x++) {
        pixels[y * width + x] = rgb;
      }
    }
  }

  /**
   * A saturated, bright colour of uniform random hue, blended by {@code fade} toward {@code tone}:
   * never a tag colour and never a background colour (its channel spread exceeds {@link
   * BackgroundPainter#MAX_SPREAD}).
   */
  private static int shapeColor(SplittableRandom random, int[] tone, double fade) {
    int rgb;
    do {
      float hue = (float) random.nextDouble();
      float saturation = (float) random.nextDouble(0.7, 1.0);
      float brightness = (float) random.nextDouble(0.75, 1.0);
      rgb = blend(Color.HSBtoRGB(hue, saturation, brightness), tone, fade);
    } while (spread(rgb) <= BackgroundPainter.MAX_SPREAD || isTagColor(rgb));
    return rgb;
  }

  /** {@code rgb} moved the fraction {@code fade} of the way to {@code tone}, as packed RGB. */
  private static int blend(int rgb, int[] tone, double fade) {
    int blended = 0;
    for (int channel = 0; channel < 3; channel++) {
      int value = (rgb >> (16 - 8 * channel)) & 0xFF;
      blended = (blended << 8) | (int) Math.round(value + (tone[channel] - value) * fade);
    }
    return blended;
  }

  private static int spread(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
  }

  private static boolean isTagColor(int rgb) {
    return TAG_COLORS.stream().anyMatch(color -> (color.getRGB() & 0xFFFFFF) == rgb);
  }

  private static void checkIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("Sample index must be >= 0, got " + index);
    }
  }
}

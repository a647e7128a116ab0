package io.camaudit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Seeded fuzzing of the decoder with every {@link Mutation} of a valid file of every supported
 * format. Proves that each mutant, within a deadline, decodes as its kind allows (a truncated file
 * only to the whole image, flipped data only at the image's size, a changed signature never) or is
 * rejected for one of the reasons its kind may cause; nothing else escapes (no other exception, no
 * error), and a decoder that hangs fails the test instead of the build.
 */
class ImageDecoderFuzzTest {

  /** Formats Image I/O writes here: every format the audit reads but CMYK JPEG (tested apart). */
  private static final List<String> FORMATS = List.of("png", "jpg", "gif", "bmp", "wbmp");

  private static final int MUTANTS_PER_KIND = 75;

  /** How long one decode of a 61×47 image may take; each takes milliseconds. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final ImageDecoder decoder =
      new ImageDecoder(new DecodeSettings(1 << 24, 4_000_000, false));

  /** What the decoder made of some bytes: an image, or the rejection. */
  private record Outcome(BufferedImage image, InputRejectedException rejection) {}

  @Test
  void everyMutantIsDecodedAsItsKindAllowsOrRejectedForAReasonOfItsKind() throws Exception {
    Random random = new Random(20261129L);
    int decoded = 0;
    int rejected = 0;
    for (String format : FORMATS) {
      byte[] valid = encode(format);
      BufferedImage original = decode(valid, format).image();
      assertTrue(original != null && original.getWidth() == 61, format + " decodes whole");
      for (Mutation kind : Mutation.values()) {
        for (int m = 0; m < MUTANTS_PER_KIND; m++) {
          String mutant = format + " " + kind + " mutant " + m;
          Outcome outcome = decode(kind.apply(valid, format, random), mutant);
          if (outcome.image() != null) {
            checkDecoded(outcome.image(), original, kind, mutant);
            decoded++;
          } else {
            checkRejected(outcome.rejection(), kind, mutant);
            rejected++;
          }
        }
      }
    }
    assertTrue(decoded > 0 && rejected > 0, "decoded " + decoded + ", rejected " + rejected);
  }

  /**
   * Decodes {@code bytes} on another thread, failing when it takes longer than {@link #DEADLINE} or
   * throws anything but {@link InputRejectedException}.
   */
  private Outcome decode(byte[] bytes, String what) {
    return assertTimeoutPreemptively(
        DEADLINE,
        () -> {
          try {
            return new Outcome(decoder.decode(bytes).pixels(), null);
          } catch (InputRejectedException e) {
            return new Outcome(null, e);
          } catch (RuntimeException | Error e) {
            throw new AssertionFailedError(what + " escaped the decoder: " + e, e);
          }
        },
        () -> what + ": decoding took over " + DEADLINE.toMillis() + " ms");
  }

  private static void checkDecoded(
      BufferedImage image, BufferedImage original, Mutation kind, String mutant) {
    assertTrue(
        image.getWidth() > 0 && (long) image.getWidth() * image.getHeight() <= 4_000_000,
        mutant + ": " + image);
    switch (kind.decodes()) {
      case NEVER -> fail(mutant + " decoded; expected a rejection for one of " + kind.reasons());
      case ONLY_WHOLE ->
          assertTrue(samePixels(image, original), mutant + " decoded to other pixels");
      case AT_ITS_SIZE -> assertEquals(size(original), size(image), mutant + " changed size");
      case AT_ANY_SIZE -> {}
    }
  }

  private static void checkRejected(InputRejectedException e, Mutation kind, String mutant) {
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    assertTrue(
        kind.reasons().contains(e.reason()),
        mutant
            + " rejected as "
            + e.reason().code()
            + " ("
            + e.getMessage()
            + "); expected one of "
            + kind.reasons());
  }

  private static Dimension size(BufferedImage image) {
    return new Dimension(image.getWidth(), image.getHeight());
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    return size(a).equals(size(b))
        && Arrays.equals(
            a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
            b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
  }

  /** A 61×47 picture (odd sizes, to exercise padding) with shapes and a gradient. */
  private static byte[] encode(String format) throws IOException {
    BufferedImage image =
        new BufferedImage(
            61,
            47,
            format.equals("wbmp") ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    for (int x = 0; x < 61; x++) {
      g.setColor(new Color(x * 4, 255 - x * 4, 128));
      g.drawLine(x, 0, x, 46);
    }
    g.setColor(Color.WHITE);
    g.fillOval(10, 8, 25, 25);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("no writer for " + format);
    }
    return out.toByteArray();
  }
}

package io.camaudit.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the decoder: random truncations and byte flips of a valid file of every
 * supported format. Each mutant decodes to an image of a sane size or is rejected with a reason;
 * nothing else escapes (no other exception, no error, no hang).
 */
class ImageDecoderFuzzTest {

  /** Formats Image I/O writes here: every format the audit reads but CMYK JPEG (tested apart). */
  private static final List<String> FORMATS = List.of("png", "jpg", "gif", "bmp", "wbmp");

  private static final int MUTANTS_PER_FORMAT = 300;

  private final ImageDecoder decoder =
      new ImageDecoder(new DecodeSettings(1 << 24, 4_000_000, false));

  @Test
  void everyMutantIsDecodedOrRejectedWithAReason() throws Exception {
    Random random = new Random(20261129L);
    int decoded = 0;
    int rejected = 0;
    for (String format : FORMATS) {
      byte[] valid = encode(format);
      assertTrue(decoder.decode(valid).pixels().getWidth() == 61, format + " decodes whole");
      for (int m = 0; m < MUTANTS_PER_FORMAT; m++) {
        byte[] mutant = TestImages.mutate(valid, random);
        long start = System.nanoTime();
        try {
          BufferedImage image = decoder.decode(mutant).pixels();
          assertTrue(
              image.getWidth() > 0 && (long) image.getWidth() * image.getHeight() <= 4_000_000,
              format + " mutant " + m + ": " + image);
          decoded++;
        } catch (InputRejectedException e) {
          assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
          rejected++;
        } catch (Throwable t) {
          fail(format + " mutant " + m + " escaped the decoder: " + t, t);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, format + " mutant " + m + " took " + millis + " ms");
      }
    }
    assertTrue(decoded > 0 && rejected > 0, "decoded " + decoded + ", rejected " + rejected);
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

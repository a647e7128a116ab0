package io.camaudit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder(10_000);

  private static byte[] encode(String format, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 31 + y * 17) * 0x010203);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  private RejectReason reasonFor(byte[] bytes) {
    return assertThrows(InputRejectedException.class, () -> decoder.decode(bytes)).reason();
  }

  @Test
  void decodesPngAndJpeg() throws Exception {
    assertEquals(40, decoder.decode(encode("png", 40, 30)).getWidth());
    assertEquals(30, decoder.decode(encode("jpg", 40, 30)).getHeight());
  }

  @Test
  void rejectsEmptyTextTruncatedAndOversizedInputs() throws IOException {
    assertEquals(RejectReason.EMPTY_FILE, reasonFor(new byte[0]));
    assertEquals(
        RejectReason.UNSUPPORTED_FORMAT,
        reasonFor("this is not an image".getBytes(StandardCharsets.UTF_8)));
    byte[] png = encode("png", 60, 60);
    assertEquals(RejectReason.CORRUPT_IMAGE, reasonFor(Arrays.copyOf(png, png.length / 2)));
    byte[] jpeg = encode("jpg", 60, 60);
    assertEquals(RejectReason.CORRUPT_IMAGE, reasonFor(Arrays.copyOf(jpeg, jpeg.length / 2)));
    assertEquals(RejectReason.TOO_MANY_PIXELS, reasonFor(encode("png", 101, 100)));
  }
}

package io.camaudit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder(new DecodeSettings(1 << 20, 10_000, false));

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

  @Test
  void decodesPngAndJpeg() throws Exception {
    assertEquals(40, decoder.decode(encode("png", 40, 30)).pixels().getWidth());
    DecodedImage jpeg = decoder.decode(encode("jpg", 40, 30));
    assertEquals(30, jpeg.pixels().getHeight());
    assertNull(jpeg.warning());
  }

  @Test
  void cmykJpegWithoutIccProfileIsDecodedWithItsWarning() throws Exception {
    // As PIL writes CMYK: an Adobe APP14 segment, inverted CMYK, no ICC profile. TwelveMonkeys
    // warns that it converts the colours approximately; the pixels are all there.
    DecodedImage image = decoder.decode(TestImages.cmykJpegWithoutProfile(40, 30));
    assertEquals(40, image.pixels().getWidth());
    assertTrue(image.warning().contains("ICC"), image.warning());
    int rgb = image.pixels().getRGB(20, 15);
    assertTrue(
        ((rgb >> 8) & 0xff) < 128 && ((rgb >> 16) & 0xff) > 128,
        "magenta ink makes a red-purple pixel: " + Integer.toHexString(rgb));
  }

  @Test
  void warningsAboutTheDataAreCorruptionOthersAreNot() {
    for (String corrupt :
        List.of(
            "Corrupt JPEG data: premature end of data segment",
            "Corrupt JPEG data: 1224 extraneous bytes before marker 0xd9",
            "Premature end of JPEG file",
            "Corrupt JPEG data: Bad segment length",
            "Some warning no one has seen yet")) {
      assertTrue(ImageDecoder.meansCorruption(corrupt), corrupt);
    }
    for (String metadata :
        List.of(
            "No embedded ICC color profile, will convert using inaccurate CMYK to RGB conversion."
                + " Colors may look incorrect.",
            "Invalid Adobe App14 marker. Indicates YCCK/CMYK data, but SOF0 has 3 color"
                + " component(s). Ignoring Adobe App14 marker.",
            "Truncated JFIF thumbnail",
            "Exif chunk has no data.")) {
      assertFalse(ImageDecoder.meansCorruption(metadata), metadata);
    }
  }
}

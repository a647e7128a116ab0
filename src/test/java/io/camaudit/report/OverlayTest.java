package io.camaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Gallery thumbnails decoded back: heatmap colours, boxes where they belong, sizes. */
class OverlayTest {

  /** Hot on the left half, cold on the right half. */
  private static final FloatMap LEFT_HOT = new FloatMap(2, 4, new float[] {1, 1, 0, 0, 1, 1, 0, 0});

  @Test
  void heatmapAndBoxesAreDrawnWhereTheyLieInTheHalvedThumbnail() throws IOException {
    // a black 512x256 photo: thumbnail 256x128, every coordinate halved
    BufferedImage photo = new BufferedImage(512, 256, BufferedImage.TYPE_INT_RGB);
    BufferedImage png =
        decode(
            Overlay.png(
                photo,
                512,
                256,
                LEFT_HOT,
                Overlay.window(512, 256, null),
                List.of(new Box(300, 40, 460, 200, "truth")),
                new Box(40, 40, 200, 200, "cam")));
    assertEquals(256, png.getWidth());
    assertEquals(128, png.getHeight());
    // on black: hot = 0.65 * jet(1) = 0.65 * (128, 0, 0); cold = 0.2 * jet(0) = 0.2 * (0, 0, 128)
    assertEquals(0x530000, rgb(png, 10, 64), "hot");
    assertEquals(0x00001a, rgb(png, 250, 64), "cold");
    int truth = Overlay.TRUTH.getRGB() & 0xffffff;
    assertEquals(truth, rgb(png, 150, 60), "truth box, left edge");
    assertEquals(truth, rgb(png, 200, 20), "truth box, top edge");
    assertEquals(0x00001a, rgb(png, 200, 60), "inside the truth box: the cold heatmap");
    int cam = Overlay.CAM.getRGB() & 0xffffff;
    assertEquals(cam, rgb(png, 20, 20), "CAM box, top-left corner");
    assertEquals(0x530000, rgb(png, 60, 60), "inside the CAM box: the hot heatmap");
    long onTopEdge = IntStream.range(20, 100).filter(x -> rgb(png, x, 20) == cam).count();
    assertTrue(onTopEdge > 20 && onTopEdge < 70, "the CAM box is dashed: " + onTopEdge);
  }

  @Test
  void aMissingImageIsAGreyCanvasNeverEnlargedAndAZeroMapLeavesItUncoloured() throws IOException {
    FloatMap zero = new FloatMap(2, 4, new float[8]);
    BufferedImage png =
        decode(Overlay.png(null, 100, 50, zero, Overlay.window(100, 50, null), List.of(), null));
    assertEquals(100, png.getWidth());
    assertEquals(50, png.getHeight());
    assertEquals(0x808080, rgb(png, 5, 5));
    assertEquals(0x808080, rgb(png, 95, 5));
  }

  @Test
  void centreCropWindowIsTheCropOfTheResizedImageInOriginalPixels() {
    // 400x200, shorter side to 256 (512x256), centre crop 224x224 from (144, 16); x 400/512
    assertEquals(
        new CropWindow(112.5, 12.5, 287.5, 187.5, 400, 200),
        Overlay.window(400, 200, new int[] {224, 224, 256}));
    assertEquals(CropWindow.whole(400, 200), Overlay.window(400, 200, null));
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xffffff;
  }
}

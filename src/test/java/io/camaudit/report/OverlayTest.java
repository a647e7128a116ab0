package io.camaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.data.ImagePreprocessor;
import io.camaudit.image.Box;
import io.camaudit.image.CamOverlay;
import io.camaudit.image.ColourMap;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MapSurface;
import io.camaudit.image.MetricsGrid;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Gallery thumbnails decoded back: the audit's overlay, boxes where they belong, sizes. */
class OverlayTest {

  /** Hot on the left half, cold on the right half. */
  private static final FloatMap LEFT_HOT = new FloatMap(2, 4, new float[] {1, 1, 0, 0, 1, 1, 0, 0});

  @Test
  void theAuditsOverlayAndBoxesAreDrawnWhereTheyLieInTheHalvedThumbnail() throws IOException {
    // a 512x256 photo, dark left, light right: thumbnail 256x128, every coordinate halved
    BufferedImage photo = new BufferedImage(512, 256, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 256; y++) {
      for (int x = 256; x < 512; x++) {
        photo.setRGB(x, y, 0xc0c0c0);
      }
    }
    CropWindow window = Overlay.window(512, 256, null);
    BufferedImage png =
        decode(
            Overlay.png(
                photo,
                512,
                256,
                LEFT_HOT,
                window,
                List.of(new Box(300, 40, 460, 200, "truth")),
                new Box(40, 40, 200, 200, "cam"),
                ColourMap.VIRIDIS));
    assertEquals(256, png.getWidth());
    assertEquals(128, png.getHeight());
    // Under the boxes: the overlay the audit stores (ImageMeasurer), at the default metrics grid.
    MetricsGrid grid = MetricsGrid.of(512, 256, 256);
    MapSurface surface = new MapSurface(LEFT_HOT, window);
    BufferedImage stored =
        CamOverlay.render(
            ImagePreprocessor.thumbnail(photo, grid.width(), grid.height()),
            surface.sample(grid),
            surface.peak().value(),
            ColourMap.VIRIDIS);
    for (int[] xy : new int[][] {{10, 64}, {250, 64}, {200, 60}, {60, 60}, {128, 5}}) {
      assertEquals(rgb(stored, xy[0], xy[1]), rgb(png, xy[0], xy[1]), "at " + xy[0] + "," + xy[1]);
    }
    assertTrue(rgb(png, 10, 64) != rgb(png, 250, 64), "hot and cold differ");
    int truth = Overlay.TRUTH.getRGB() & 0xffffff;
    assertEquals(truth, rgb(png, 150, 60), "truth box, left edge");
    assertEquals(truth, rgb(png, 200, 20), "truth box, top edge");
    int cam = Overlay.CAM.getRGB() & 0xffffff;
    assertEquals(cam, rgb(png, 20, 20), "CAM box, top-left corner");
    long onTopEdge = IntStream.range(20, 100).filter(x -> rgb(png, x, 20) == cam).count();
    assertTrue(onTopEdge > 20 && onTopEdge < 70, "the CAM box is dashed: " + onTopEdge);
  }

  @Test
  void aMissingImageIsAGreyCanvasNeverEnlargedUnderTheOverlay() throws IOException {
    FloatMap zero = new FloatMap(2, 4, new float[8]);
    BufferedImage png =
        decode(
            Overlay.png(
                null,
                100,
                50,
                zero,
                Overlay.window(100, 50, null),
                List.of(),
                null,
                ColourMap.TURBO));
    assertEquals(100, png.getWidth());
    assertEquals(50, png.getHeight());
    // grey 0x80 blended with turbo's bottom (48, 18, 59): (88, 73, 93.5) / 255, blue brightest,
    // scaled to 255 (show_cam_on_image in Python gives the same)
    assertEquals(0xf0c7ff, rgb(png, 5, 5));
    assertEquals(0xf0c7ff, rgb(png, 95, 5));
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

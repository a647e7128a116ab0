package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HeatmapPngTest {

  @Test
  void scalesTheMaximumTo255AndKeepsTheSize() throws Exception {
    FloatMap map = new FloatMap(2, 3, new float[] {0f, 0.5f, 1f, 2f, 0.25f, 0f});
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(HeatmapPng.encode(map, 2f)));
    assertEquals(3, png.getWidth());
    assertEquals(2, png.getHeight());
    assertEquals(0, png.getRaster().getSample(0, 0, 0));
    assertEquals(64, png.getRaster().getSample(1, 0, 0));
    assertEquals(128, png.getRaster().getSample(2, 0, 0));
    assertEquals(255, png.getRaster().getSample(0, 1, 0));
  }
}

package io.camaudit.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Encodes a heatmap as an 8-bit greyscale PNG: value {@code v} becomes {@code round(255 * v /
 * scale)}, clamped, so 255 is the map's maximum when {@code scale} is it.
 */
public final class HeatmapPng {

  private HeatmapPng() {}

  /**
   * The PNG bytes of {@code map} scaled by {@code scale} (a map of zeros, or scale 0, is black).
   */
  public static byte[] encode(FloatMap map, float scale) {
    BufferedImage image =
        new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    float factor = scale > 0 ? 255f / scale : 0f;
    float[] values = map.values();
    for (int i = 0; i < values.length; i++) {
      pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i] * factor)));
    }
    return Png.encode(image);
  }
}

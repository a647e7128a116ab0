package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pointing game against TorchRay's reference implementation and the energy share in the boxes
 * against Score-CAM's energy-based pointing game, on fixtures from {@code
 * src/test/python/make_pointing_fixtures.py}: peaks inside, on the edges of and about 15 pixels
 * from a box (on both sides of the strict tolerance), and seeded maps with one to three boxes.
 */
class ReferencePointingGamesTest {

  @Test
  void hitsPeaksAndEnergyEqualTheReferences() throws IOException {
    JsonObject fixtures;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/pointing-games.json")) {
      fixtures =
          JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .getAsJsonObject();
    }
    double tolerance = fixtures.get("tolerance").getAsDouble();
    for (JsonElement element : fixtures.getAsJsonArray("cases")) {
      JsonObject c = element.getAsJsonObject();
      String name = c.get("name").getAsString();
      FloatMap map = map(c);
      List<Box> boxes = new ArrayList<>();
      for (JsonElement b : c.getAsJsonArray("boxes")) {
        var box = b.getAsJsonArray();
        boxes.add(
            new Box(
                box.get(0).getAsInt(),
                box.get(1).getAsInt(),
                box.get(2).getAsInt(),
                box.get(3).getAsInt(),
                null));
      }
      PointingResult result = PointingGame.play(map, boxes, tolerance);
      var peak = c.getAsJsonArray("peak");
      assertEquals(peak.get(0).getAsInt(), result.peakX(), name);
      assertEquals(peak.get(1).getAsInt(), result.peakY(), name);
      assertEquals(c.get("hit").getAsBoolean(), result.hit(), name);
      assertEquals(
          c.get("energy_proportion").getAsDouble(),
          BoxEnergy.of(map, boxes).inFraction(),
          1e-9,
          name);
    }
  }

  private static FloatMap map(JsonObject c) {
    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(c.get("cam_float32_le_base64").getAsString()))
            .order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(values);
    return new FloatMap(c.get("height").getAsInt(), c.get("width").getAsInt(), values);
  }
}

package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code wsol} protocol against fixtures computed by Choe et al.'s own evaluation code ({@code
 * src/test/python/make_wsol_fixtures.py}): hand-made maps with a ring (and an object in its hole),
 * touching regions, a flat top, border regions and boxes, a constant map and seeded smooth maps.
 * Every IoU at every threshold, and the figures, must be equal.
 */
class WsolProtocolTest {

  private static JsonObject fixtures() throws IOException {
    try (InputStream in =
        WsolProtocolTest.class.getResourceAsStream("/fixtures/wsol-protocol.json")) {
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
    }
  }

  @Test
  void tracesAndFiguresEqualTheAuthorsCode() throws IOException {
    JsonObject fixtures = fixtures();
    int input = fixtures.get("input").getAsInt();
    WsolProtocol protocol = new WsolProtocol(input, input);
    double[] taus = WsolProtocol.taus();
    BoxAccuracy accuracy = new BoxAccuracy(taus);
    for (JsonElement element : fixtures.getAsJsonArray("images")) {
      JsonObject image = element.getAsJsonObject();
      String name = image.get("name").getAsString();
      LocalisationTrace trace =
          protocol.trace(
              map(image),
              boxes(image.getAsJsonArray("boxes")),
              CropWindow.whole(
                  image.get("image_width").getAsInt(), image.get("image_height").getAsInt()));
      assertArrayEquals(
          doubles(image.getAsJsonArray("iou_largest")), trace.iouLargest(), 1e-12, name);
      assertArrayEquals(doubles(image.getAsJsonArray("iou_any")), trace.iouAny(), 1e-12, name);
      accuracy.add(trace);
    }
    JsonObject maxBoxAcc = fixtures.getAsJsonObject("max_box_acc");
    for (String delta : List.of("30", "50", "70")) {
      assertEquals(
          maxBoxAcc.get(delta).getAsDouble(),
          accuracy
              .maxBoxAcc(BoxAccuracy.Variant.LARGEST_REGION, Integer.parseInt(delta) / 100.0)
              .accuracy(),
          1e-9,
          "MaxBoxAcc at IoU " + delta);
    }
    assertEquals(fixtures.get("max_box_acc_v2").getAsDouble(), accuracy.maxBoxAccV2(), 1e-9);
  }

  @Test
  void thresholdsAreNumpysArange() {
    double[] taus = WsolProtocol.taus();
    assertEquals(100, taus.length);
    assertEquals(0.0, taus[0]);
    assertEquals(0.07, taus[7], 0);
    assertEquals(0.99, taus[99], 1e-15);
  }

  @Test
  void inclusivePixelIouAsTheAuthorsCount() {
    assertEquals(1.0, WsolProtocol.iou(new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0}));
    assertEquals(4.0 / 16, WsolProtocol.iou(new int[] {0, 0, 1, 1}, new int[] {0, 0, 3, 3}));
    assertEquals(0.0, WsolProtocol.iou(new int[] {5, 5, 4, 4}, new int[] {5, 5, 4, 4}));
  }

  private static FloatMap map(JsonObject image) {
    JsonArray cam = image.getAsJsonArray("cam");
    float[] values = new float[cam.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = cam.get(i).getAsFloat();
    }
    return new FloatMap(
        image.get("map_height").getAsInt(), image.get("map_width").getAsInt(), values);
  }

  private static List<Box> boxes(JsonArray boxes) {
    List<Box> out = new ArrayList<>();
    for (JsonElement b : boxes) {
      double[] c = doubles(b.getAsJsonArray());
      out.add(new Box(c[0], c[1], c[2], c[3], null));
    }
    return out;
  }

  private static double[] doubles(JsonArray array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsDouble();
    }
    return out;
  }
}

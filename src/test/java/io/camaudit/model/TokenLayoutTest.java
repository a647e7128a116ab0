package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token reshapes on hand-made arrays, and the {@code tokens} entry of {@code model.json}. */
class TokenLayoutTest {

  @Test
  void sequenceDropsPrefixTokensAndPutsChannelsFirst() {
    // N = 2, T = 1 class token + 2x3 patches, D = 2; value = 100 n + 10 t + d.
    float[] tokens = new float[2 * 7 * 2];
    for (int n = 0; n < 2; n++) {
      for (int t = 0; t < 7; t++) {
        for (int d = 0; d < 2; d++) {
          tokens[(n * 7 + t) * 2 + d] = 100 * n + 10 * t + d;
        }
      }
    }
    TokenLayout.Maps maps = new TokenLayout.Sequence(1, 2, 3).toMaps(new long[] {2, 7, 2}, tokens);
    assertEquals(new TokenLayout.Maps(2, 2, 2, 3, maps.values()), maps);
    assertArrayEquals(
        new float[] {
          10, 20, 30, 40, 50, 60, // image 0, channel 0: patch tokens 1..6, row by row
          11, 21, 31, 41, 51, 61, // image 0, channel 1
          110, 120, 130, 140, 150, 160, // image 1, channel 0
          111, 121, 131, 141, 151, 161
        },
        maps.values());
  }

  @Test
  void sequenceWithRegisterTokensAndNoPrefix() {
    float[] tokens = {9, 9, 1, 2, 3, 4}; // N = 1, T = 2 + 2x2, D = 1
    assertArrayEquals(
        new float[] {1, 2, 3, 4},
        new TokenLayout.Sequence(2, 2, 2).toMaps(new long[] {1, 6, 1}, tokens).values());
    assertArrayEquals(
        new float[] {9, 9, 1, 2, 3, 4},
        new TokenLayout.Sequence(0, 2, 3).toMaps(new long[] {1, 6, 1}, tokens).values());
  }

  @Test
  void channelsLastIsTransposed() {
    // N = 1, H = 2, W = 2, C = 3; value = 10 (y W + x) + c.
    float[] nhwc = {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32};
    TokenLayout.Maps maps = TokenLayout.CHANNELS_LAST.toMaps(new long[] {1, 2, 2, 3}, nhwc);
    assertEquals(3, maps.channels());
    assertEquals(2, maps.height());
    assertEquals(2, maps.width());
    assertArrayEquals(new float[] {0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32}, maps.values());
  }

  @Test
  void channelsFirstIsUnchanged() {
    float[] values = {1, 2, 3, 4, 5, 6};
    TokenLayout.Maps maps = TokenLayout.CHANNELS_FIRST.toMaps(new long[] {1, 3, 1, 2}, values);
    assertEquals(new TokenLayout.Maps(1, 3, 1, 2, values), maps);
  }

  @Test
  void shapesThatDoNotFitNameTheFieldToFix() {
    String tooFew =
        assertThrows(
                IllegalStateException.class,
                () ->
                    new TokenLayout.Sequence(1, 14, 14)
                        .toMaps(new long[] {1, 50, 4}, new float[200]))
            .getMessage();
    assertTrue(tooFew.contains("gives 50 tokens") && tooFew.contains("197 tokens"), tooFew);
    assertTrue(tooFew.contains("'tokens.prefix' or 'tokens.grid'"), tooFew);
    String cnn =
        assertThrows(
                IllegalStateException.class,
                () -> TokenLayout.CHANNELS_FIRST.toMaps(new long[] {1, 197, 4}, new float[788]))
            .getMessage();
    assertTrue(cnn.contains("[1, 197, 4]") && cnn.contains("set 'tokens'"), cnn);
  }

  @Test
  void modelJsonReadsAndWritesTheTokensEntry() {
    ModelSpec vit =
        ModelSpec.fromJson(
            spec(",\"tokens\":{\"layout\":\"sequence\",\"prefix\":1,\"grid\":[14,14]}"));
    assertEquals(new TokenLayout.Sequence(1, 14, 14), vit.tokens());
    assertEquals(vit.tokens(), ModelSpec.fromJson(vit.toJson()).tokens());
    ModelSpec swin = ModelSpec.fromJson(spec(",\"tokens\":{\"layout\":\"channels_last\"}"));
    assertSame(TokenLayout.CHANNELS_LAST, swin.tokens());
    assertTrue(swin.toJson().contains("\"channels-last\""), swin.toJson());
    assertSame(swin.tokens(), ModelSpec.fromJson(swin.toJson()).tokens());
    ModelSpec cnn = ModelSpec.fromJson(spec(""));
    assertSame(TokenLayout.CHANNELS_FIRST, cnn.tokens());
    assertTrue(!cnn.toJson().contains("tokens"), cnn.toJson());
  }

  @Test
  void invalidTokensEntriesNameTheFieldAndTheFix() {
    assertMessage("{}", "missing field 'tokens.layout'", "'sequence'");
    assertMessage("{\"layout\":\"grid\"}", "'tokens.layout' is 'grid'", "channels_last");
    assertMessage("{\"layout\":\"sequence\",\"grid\":[14,14]}", "'tokens.prefix'", "class token");
    assertMessage("{\"layout\":\"sequence\",\"prefix\":1}", "'tokens.grid'", "[14, 14]");
    assertMessage(
        "{\"layout\":\"sequence\",\"prefix\":1,\"grid\":[196]}", "'tokens.grid'", "[rows");
    assertMessage(
        "{\"layout\":\"sequence\",\"prefix\":-1,\"grid\":[2,2]}", "'tokens.prefix' is -1", "0");
    assertMessage(
        "{\"layout\":\"sequence\",\"prefix\":1,\"grid\":[0,2]}",
        "'tokens.grid' is [0, 2]",
        "16x16");
    assertMessage(
        "{\"layout\":\"channels-last\",\"prefix\":1}", "apply to layout 'sequence' only", "remove");
    String block =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ModelSpec.fromJson(
                        spec(",\"tokens\":{\"layout\":\"channels-last\"}")
                            .replace(
                                "\"torchscript\"", "\"djl-block\",\"architecture\":\"demo-cnn\"")))
            .getMessage();
    assertTrue(block.contains("'tokens' applies to format 'torchscript' only"), block);
  }

  private static void assertMessage(String tokens, String... parts) {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelSpec.fromJson(spec(",\"tokens\":" + tokens)))
            .getMessage();
    assertTrue(message.startsWith("Invalid model.json: "), message);
    for (String part : parts) {
      assertTrue(message.contains(part), message);
    }
  }

  private static String spec(String tokens) {
    return "{\"name\":\"vit\",\"format\":\"torchscript\",\"weights\":\"vit.pt\","
        + "\"layer\":\"encoder.layers.encoder_layer_11.ln_1\",\"classes\":[\"a\",\"b\"],"
        + "\"input\":{\"width\":224,\"height\":224,\"resize\":\"center-crop\","
        + "\"resize_shorter\":256,\"mean\":[0.5,0.5,0.5],\"std\":[0.5,0.5,0.5]}"
        + tokens
        + "}";
  }
}

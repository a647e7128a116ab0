package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.cam.Head;
import io.camaudit.data.Preprocessing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model locations: local directories in place, built-in models and remote ones copied out. */
class ModelLocatorTest {

  @TempDir Path dir;

  private Path cache() {
    return dir.resolve("cache");
  }

  @Test
  void localDirectoriesAndFileUrisAreUsedInPlace() throws IOException {
    Path model = Files.createDirectories(dir.resolve("my model"));
    ModelLocator locator = new ModelLocator(null, cache());
    assertEquals(model, locator.localDirectory(model.toString()));
    assertEquals(model, locator.localDirectory(model.toUri().toString()));
    assertTrue(Files.notExists(cache()), "nothing copied");
  }

  @Test
  void aFileOrAMissingPathIsNotAModelDirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("model.json"), "{}");
    ModelLocator locator = new ModelLocator(null, cache());
    // "c:/…" is a drive letter, not a URI scheme
    for (String location : List.of(file.toString(), dir.resolve("missing").toString(), "c:/m")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> locator.localDirectory(location));
      assertEquals("Invalid model location '" + location + "': not a directory", e.getMessage());
    }
  }

  @Test
  void aBuiltInModelIsCopiedOutOfTheJarOnce() throws IOException {
    ModelLocator locator = new ModelLocator(null, cache());
    Path model = locator.localDirectory(ModelLocator.DEMO_MODEL);
    assertEquals(cache(), model.getParent());
    assertTrue(model.getFileName().toString().startsWith("builtin-demo-cnn-"), model.toString());
    for (String name : List.of("model.json", "demo-cnn.params")) {
      assertArrayEquals(
          resource("/io/camaudit/models/demo-cnn/" + name),
          Files.readAllBytes(model.resolve(name)),
          name);
    }
    Path marker = Files.writeString(model.resolve("marker"), "kept");
    assertEquals(model, locator.localDirectory(ModelLocator.DEMO_MODEL));
    assertTrue(Files.exists(marker), "not copied again");
    assertEquals(List.of(model), list(cache()), "no staging folder left");
  }

  @Test
  void anUnknownBuiltInModelNamesTheShippedOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ModelLocator(null, cache()).localDirectory("builtin:nope"));
    assertTrue(e.getMessage().startsWith("Unknown built-in model 'nope'"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the shipped model is builtin:demo-cnn"), e.getMessage());
  }

  @Test
  void otherSchemesNeedARemoteFileSystem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ModelLocator(null, cache()).localDirectory("s3a://bucket/m"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Invalid model location 's3a://bucket/m': scheme 's3a' needs a remote file system"),
        e.getMessage());
  }

  @Test
  void aRemoteModelIsCopiedSpecFirstThenItsWeightsAndReplacedOnTheNextCall() throws IOException {
    Map<String, byte[]> bucket = new HashMap<>();
    bucket.put("s3a://bucket/models/m/model.json", spec("m.pt"));
    bucket.put("s3a://bucket/models/m/m.pt", bytes("weights v1"));
    List<String> copied = new ArrayList<>();
    ModelLocator locator =
        new ModelLocator(
            (source, target) -> {
              copied.add(source.toString());
              byte[] content = bucket.get(source.toString());
              if (content == null) {
                throw new FileNotFoundException(source.toString());
              }
              Files.write(target, content);
            },
            cache());

    Path model = locator.localDirectory("s3a://bucket/models/m");
    assertEquals(List.of("s3a://bucket/models/m/model.json", "s3a://bucket/models/m/m.pt"), copied);
    assertEquals(cache(), model.getParent());
    assertArrayEquals(spec("m.pt"), Files.readAllBytes(model.resolve("model.json")));
    assertArrayEquals(bytes("weights v1"), Files.readAllBytes(model.resolve("m.pt")));

    bucket.put("s3a://bucket/models/m/m.pt", bytes("weights v2"));
    assertEquals(model, locator.localDirectory("s3a://bucket/models/m"));
    assertArrayEquals(bytes("weights v2"), Files.readAllBytes(model.resolve("m.pt")));
    assertEquals(List.of(model), list(cache()), "the old copy replaced, no staging folder left");

    copied.clear();
    locator.localDirectory("s3a://bucket/models/m/");
    assertEquals("s3a://bucket/models/m/model.json", copied.get(0), "a trailing slash is one");

    bucket.remove("s3a://bucket/models/m/m.pt");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> locator.localDirectory("s3a://bucket/models/m"));
    assertEquals("Cannot fetch model 's3a://bucket/models/m'", e.getMessage());
    assertEquals("s3a://bucket/models/m/m.pt", e.getCause().getMessage());
  }

  private static byte[] spec(String weights) {
    return bytes(
        new ModelSpec(
                "m",
                ModelFormat.TORCHSCRIPT,
                null,
                weights,
                "layer",
                List.of("a", "b"),
                Preprocessing.imagenet(),
                Head.SOFTMAX,
                TokenLayout.CHANNELS_FIRST)
            .toJson());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = ModelLocatorTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> paths = Files.list(folder)) {
      return paths.toList();
    }
  }
}

package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryCacheTest {

  private static final String RESOURCE = "log4j2.properties";

  @TempDir Path folder;

  @Test
  void extractsOnceThenReusesTheFile() throws IOException {
    Path first = NativeLibraryCache.extract(RESOURCE, folder.resolve("lib"));
    assertArrayEquals(resourceBytes(), Files.readAllBytes(first));
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(first, old);

    Path second = NativeLibraryCache.extract(RESOURCE, folder.resolve("lib"));

    assertEquals(first, second);
    assertEquals(old, Files.getLastModifiedTime(second), "an intact copy is not written again");
    try (var files = Files.list(folder.resolve("lib"))) {
      assertEquals(1, files.count(), "no partial file is left behind");
    }
  }

  @Test
  void replacesACopyOfTheWrongLength() throws IOException {
    Path lib = Files.createDirectories(folder.resolve("lib"));
    Files.write(lib.resolve(RESOURCE), new byte[] {1, 2, 3});

    Path extracted = NativeLibraryCache.extract(RESOURCE, lib);

    assertArrayEquals(resourceBytes(), Files.readAllBytes(extracted));
  }

  @Test
  void aMissingResourceIsAnError() {
    assertThrows(
        IOException.class, () -> NativeLibraryCache.extract("no/such/libthing.so", folder));
  }

  private static byte[] resourceBytes() throws IOException {
    try (InputStream in =
        NativeLibraryCacheTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return in.readAllBytes();
    }
  }
}

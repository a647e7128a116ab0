package io.camaudit.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Extracts a native library from the classpath into a folder once, so that later JVMs on the same
 * machine load it from there instead of inflating it again (OpenCV's is 65 MB: 0.4 s per JVM here),
 * as DJL keeps libtorch in its cache folder. A file already there is used when it has the
 * resource's length; otherwise it is written to a temporary file beside it and moved into place
 * atomically, so JVMs starting together never load a half-written library.
 */
final class NativeLibraryCache {

  private NativeLibraryCache() {}

  /**
   * The path of {@code resource} (a classpath resource) extracted under {@code folder}.
   *
   * @throws IOException when the resource is missing or the folder is not writable
   */
  static Path extract(String resource, Path folder) throws IOException {
    URL url = NativeLibraryCache.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IOException("No resource " + resource + " on the classpath");
    }
    URLConnection connection = url.openConnection();
    long length = connection.getContentLengthLong();
    Path target = folder.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    if (length >= 0 && Files.isRegularFile(target) && Files.size(target) == length) {
      return target;
    }
    Files.createDirectories(folder);
    Path partial = Files.createTempFile(folder, target.getFileName().toString(), ".partial");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }
}

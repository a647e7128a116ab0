package io.camaudit.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a model location into a local model directory.
 *
 * <ul>
 *   <li>{@code builtin:NAME}: a model shipped inside this project's jar (the demo model is {@code
 *       builtin:demo-cnn}); copied out once to a local cache directory.
 *   <li>a local path or {@code file:} URI: used in place.
 *   <li>any other URI ({@code hdfs://}, {@code s3a://}, …): copied by the {@link RemoteCopier}
 *       given, for example one backed by Hadoop's file systems.
 * </ul>
 */
public final class ModelLocator {

  /** Prefix of models shipped in the jar. */
  public static final String BUILTIN = "builtin:";

  /** The model the project trained and ships; the default of every job. */
  public static final String DEMO_MODEL = BUILTIN + "demo-cnn";

  private static final String RESOURCE_ROOT = "/io/camaudit/models/";

  private final RemoteCopier remote;
  private final Path cacheRoot;

  /**
   * A locator that caches copied models under {@code cacheRoot}.
   *
   * @param remote copies files named by URIs with other schemes; {@code null} when none can be
   */
  public ModelLocator(RemoteCopier remote, Path cacheRoot) {
    this.remote = remote;
    this.cacheRoot = cacheRoot;
  }

  /** A locator without remote access, caching under the JVM's temporary directory. */
  public static ModelLocator local() {
    return new ModelLocator(null, defaultCacheRoot());
  }

  /** {@code java.io.tmpdir/cam-audit-models}. */
  public static Path defaultCacheRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "cam-audit-models");
  }

  /**
   * The local directory holding the model at {@code location}.
   *
   * @throws IllegalArgumentException when nothing is found there
   */
  public Path localDirectory(String location) {
    try {
      if (location.startsWith(BUILTIN)) {
        return extractBuiltin(location.substring(BUILTIN.length()));
      }
      URI uri = toUri(location);
      if (uri == null || "file".equals(uri.getScheme())) {
        Path dir = uri == null ? Path.of(location) : Path.of(uri);
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException(
              "Invalid model location '" + location + "': not a directory");
        }
        return dir;
      }
      if (remote == null) {
        throw new IllegalArgumentException(
            "Invalid model location '"
                + location
                + "': scheme '"
                + uri.getScheme()
                + "' needs a remote file system (run the job through Spark)");
      }
      return copyRemote(location, uri);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fetch model '" + location + "'", e);
    }
  }

  private Path extractBuiltin(String name) throws IOException {
    String root = RESOURCE_ROOT + name + "/";
    byte[] specBytes = resource(root + ModelSpec.FILE_NAME, name);
    ModelSpec spec = ModelSpec.fromJson(new String(specBytes, StandardCharsets.UTF_8));
    Path dir = cacheRoot.resolve("builtin-" + name + "-" + shortHash(specBytes));
    if (!Files.isRegularFile(dir.resolve(ModelSpec.FILE_NAME))) {
      Path staging =
          Files.createDirectories(cacheRoot)
              .resolve(dir.getFileName() + ".tmp" + ProcessHandle.current().pid());
      Files.createDirectories(staging);
      Files.write(staging.resolve(spec.weights()), resource(root + spec.weights(), name));
      Files.write(staging.resolve(ModelSpec.FILE_NAME), specBytes);
      moveIntoPlace(staging, dir);
    }
    return dir;
  }

  private Path copyRemote(String location, URI uri) throws IOException {
    Path dir = cacheRoot.resolve("remote-" + shortHash(location.getBytes(StandardCharsets.UTF_8)));
    Path staging =
        Files.createDirectories(cacheRoot)
            .resolve(dir.getFileName() + ".tmp" + ProcessHandle.current().pid());
    Files.createDirectories(staging);
    URI base = uri.getPath().endsWith("/") ? uri : URI.create(uri + "/");
    Path specFile = staging.resolve(ModelSpec.FILE_NAME);
    remote.copy(base.resolve(ModelSpec.FILE_NAME), specFile);
    ModelSpec spec = ModelSpec.fromJson(Files.readString(specFile));
    remote.copy(base.resolve(spec.weights()), staging.resolve(spec.weights()));
    deleteTree(dir);
    moveIntoPlace(staging, dir);
    return dir;
  }

  private static void moveIntoPlace(Path staging, Path dir) throws IOException {
    try {
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      if (!Files.isRegularFile(dir.resolve(ModelSpec.FILE_NAME))) {
        throw raced;
      }
      deleteTree(staging);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p :
            (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  private static byte[] resource(String path, String name) throws IOException {
    try (InputStream in = ModelLocator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "Unknown built-in model '"
                + name
                + "' (no resource "
                + path
                + "); the shipped model is "
                + DEMO_MODEL);
      }
      return in.readAllBytes();
    }
  }

  private static URI toUri(String location) {
    int colon = location.indexOf(':');
    if (colon < 2) {
      return null;
    }
    try {
      URI uri = URI.create(location);
      return uri.getScheme() == null ? null : uri;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String shortHash(byte[] bytes) {
    try {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(sha, 0, 8).toLowerCase(Locale.ROOT);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Copies one remote file to a local path. */
  @FunctionalInterface
  public interface RemoteCopier {
    /** Copies {@code source} to {@code target}, replacing it. */
    void copy(URI source, Path target) throws IOException;
  }
}

package io.camaudit.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one job the integration tests run does with the JDK's class-data archive, kept as the
 * launcher keeps its own ({@code scripts/lib/java-launch.sh}): the first audit with a classpath
 * that exits with 0 writes the archive as it exits ({@code written} is moved to {@code archive}
 * then), and later jobs map those classes from it instead of reading and verifying them from the
 * jars again: about 4 s of a 15 s audit here, for about 13 s once to write it. The archive's name
 * carries the classpath and the application jar's size and time, so a rebuilt jar gets a new one.
 */
record ClassArchive(List<String> jvmOptions, Path written, Path archive) {

  private static final String PREFIX = "it-classes-";

  /** The JVM's own messages about the archive, which a test reading a run's output must not see. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  /** No archive: neither mapped nor written. */
  static final ClassArchive NONE = new ClassArchive(List.of(), null, null);

  /**
   * The archive's use for a run with {@code classpath}, whose application jar is {@code jar}: any
   * command maps the archive where it exists; an {@code audit}, which loads nearly every class the
   * others do, writes it where it does not ({@code audit} true).
   */
  static ClassArchive forClasspath(String classpath, Path jar, boolean audit) throws IOException {
    String key = classpath + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar);
    Path archive = jar.resolveSibling(PREFIX + sha256(key) + ".jsa");
    if (Files.isRegularFile(archive)) {
      return new ClassArchive(options("-XX:SharedArchiveFile=" + archive), null, archive);
    }
    if (!audit) {
      return NONE;
    }
    Path written = archive.resolveSibling(archive.getFileName() + "." + System.nanoTime());
    return new ClassArchive(options("-XX:ArchiveClassesAtExit=" + written), written, archive);
  }

  private static List<String> options(String archiveOption) {
    return Stream.concat(Stream.of(archiveOption), QUIET.stream()).toList();
  }

  /**
   * After the run: keeps the archive it wrote if it {@code succeeded}, else drops it (a JVM that
   * halted may leave a truncated archive, which would crash the next JVM that maps it).
   */
  void finish(boolean succeeded) throws IOException {
    if (written == null) {
      return;
    }
    if (succeeded && Files.isRegularFile(written) && Files.size(written) > 0) {
      Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
      // Archives of earlier jars: nearly 200 MB each, never mapped again.
      try (Stream<Path> siblings = Files.list(archive.getParent())) {
        for (Path stale : siblings.filter(ClassArchive::isArchive).toList()) {
          if (!stale.equals(archive)) {
            Files.delete(stale);
          }
        }
      }
    }
    Files.deleteIfExists(written);
  }

  private static boolean isArchive(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(".jsa");
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

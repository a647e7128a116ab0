package io.camaudit.spark.input;

import io.camaudit.model.ModelLocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads images and copies models through Hadoop's file systems (local, HDFS, S3A, …). */
public final class HadoopFiles {

  private final Configuration conf;
  private final long maxFileBytes;

  public HadoopFiles(Configuration conf, long maxFileBytes) {
    this.conf = conf;
    this.maxFileBytes = maxFileBytes;
  }

  /** All bytes of the file at {@code location}; refuses files larger than the byte limit. */
  public byte[] read(String location) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status = fs.getFileStatus(path);
    if (!status.isFile()) {
      throw new IOException("not a file");
    }
    if (status.getLen() > maxFileBytes) {
      throw new IOException(
          "file has " + status.getLen() + " bytes, over the limit of " + maxFileBytes);
    }
    byte[] bytes = new byte[(int) status.getLen()];
    try (FSDataInputStream in = fs.open(path)) {
      in.readFully(0, bytes);
    }
    return bytes;
  }

  /**
   * {@code location} made absolute and qualified with its file system's scheme, so that executors
   * resolve it the same way as the driver.
   *
   * @param option the option that named it, for the error message
   */
  public static String qualify(String location, Configuration conf, String option) {
    try {
      Path path = new Path(location);
      return path.getFileSystem(conf).makeQualified(path).toString();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + option + " '" + location + "': " + e.getMessage(), e);
    }
  }

  /** {@link #qualify qualified}, as a folder: with a trailing slash. */
  public static String qualifyFolder(String location, Configuration conf, String option) {
    return asFolder(qualify(location, conf, option));
  }

  /** {@code path} with a trailing slash. */
  static String asFolder(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  /** A model locator that copies remote models with this file system access. */
  public ModelLocator modelLocator() {
    return new ModelLocator(this::copy, ModelLocator.defaultCacheRoot());
  }

  private void copy(URI source, java.nio.file.Path target) throws IOException {
    Path path = new Path(source);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

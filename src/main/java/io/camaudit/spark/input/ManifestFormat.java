package io.camaudit.spark.input;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The input formats {@link ManifestReader} reads, and how a format is told from a path: by its
 * extension, and for {@code .json} by its content (COCO or JSON Lines).
 */
public enum ManifestFormat {
  /** A Parquet manifest. */
  PARQUET,
  /** A CSV manifest with a header. */
  CSV,
  /** A JSON Lines manifest. */
  JSON,
  /** A COCO instances file. */
  COCO,
  /** A Pascal VOC folder ({@code Annotations/*.xml}, {@code JPEGImages/}). */
  VOC,
  /** A folder of images, searched recursively; no labels or boxes. */
  IMAGES;

  /** The format's name on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format of a {@code --manifest-format} value, in any case. */
  public static ManifestFormat parse(String value) {
    for (ManifestFormat format : values()) {
      if (format.id().equalsIgnoreCase(value.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "Invalid --manifest-format '"
            + value
            + "': expected one of parquet, csv, json, coco,"
            + " voc, images");
  }

  /**
   * The format named by a manifest file's extension ({@code .json} gives {@link #JSON}; see {@link
   * #detect} for COCO).
   */
  public static ManifestFormat ofPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return PARQUET;
    }
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
      return JSON;
    }
    throw new IllegalArgumentException(
        "Invalid --manifest '"
            + path
            + "': cannot tell its format from the extension; use"
            + " .parquet, .csv, .jsonl or .json, or pass --manifest-format (coco, voc and"
            + " images folders always need it)");
  }

  /**
   * The explicit format, or the one the extension names; a {@code .json} file is COCO when its
   * first JSON value is an object with {@code images} and {@code annotations} arrays (read as a
   * stream, stopping as soon as both are seen), JSON Lines otherwise.
   */
  public static ManifestFormat detect(ManifestFormat explicit, String path, Configuration hadoop) {
    if (explicit != null) {
      return explicit;
    }
    ManifestFormat format = ofPath(path);
    if (format == JSON
        && path.toLowerCase(Locale.ROOT).endsWith(".json")
        && looksLikeCoco(path, hadoop)) {
      return COCO;
    }
    return format;
  }

  /**
   * Whether the file's first JSON value is an object with {@code images} and {@code annotations}
   * arrays; constant memory, stops as soon as both are seen. Unreadable or not JSON: false.
   */
  private static boolean looksLikeCoco(String location, Configuration hadoop) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.getFileStatus(path).isFile()) {
        return false;
      }
      try (Reader in = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8);
          JsonReader json = new JsonReader(in)) {
        json.setStrictness(Strictness.LENIENT);
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
          return false;
        }
        json.beginObject();
        boolean images = false;
        boolean annotations = false;
        while (json.hasNext()) {
          String name = json.nextName();
          boolean array = json.peek() == JsonToken.BEGIN_ARRAY;
          images |= array && name.equals("images");
          annotations |= array && name.equals("annotations");
          if (images && annotations) {
            return true;
          }
          json.skipValue();
        }
        return false;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

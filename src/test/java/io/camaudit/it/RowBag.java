package io.camaudit.it;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * A table's rows as a multiset, compared on the driver: each row as a canonical string in which
 * equal values, arrays, structs and binary values included, read equal (nulls as equal, as Spark's
 * {@code exceptAll} sees them; binary values by their SHA-256). Collecting a small table once and
 * comparing here replaces a Spark job per direction and per column.
 */
final class RowBag {

  private RowBag() {}

  /** The rows, each canonical string with how often it occurs. */
  static Map<String, Long> of(List<Row> rows) {
    Map<String, Long> bag = new TreeMap<>();
    for (Row row : rows) {
      bag.merge(canonical(row), 1L, Long::sum);
    }
    return bag;
  }

  /** The rows of {@code first} that {@code second} lacks, counting repeats (Spark's exceptAll). */
  static Map<String, Long> missingFrom(Map<String, Long> first, Map<String, Long> second) {
    Map<String, Long> missing = new TreeMap<>();
    first.forEach(
        (row, count) -> {
          long left = count - second.getOrDefault(row, 0L);
          if (left > 0) {
            missing.put(row, left);
          }
        });
    return missing;
  }

  static String canonical(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof byte[] bytes) {
      return "sha256:" + sha256(bytes);
    }
    if (value instanceof Row row) {
      StringJoiner fields = new StringJoiner(", ", "(", ")");
      for (int i = 0; i < row.length(); i++) {
        fields.add(canonical(row.get(i)));
      }
      return fields.toString();
    }
    if (value instanceof scala.collection.Iterable<?> items) {
      StringJoiner elements = new StringJoiner(", ", "[", "]");
      scala.collection.Iterator<?> each = items.iterator();
      while (each.hasNext()) {
        elements.add(canonical(each.next()));
      }
      return elements.toString();
    }
    return value.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}

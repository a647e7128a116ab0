package io.camaudit.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.audit.AuditInput;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.image.Box;
import io.camaudit.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests as users write them: CSV with RFC 4180 quoting (Python's {@code csv} module, pandas),
 * JSON Lines leaving out optional fields, values that do not parse, columns of unusable types. Each
 * row is read with {@link ManifestReader} and turned into an input by {@link ManifestRows}, as the
 * job does.
 */
class ManifestEncodingsTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("manifest-encodings");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void csvWithDoubledQuotesKeepsEveryBox() throws Exception {
    // What Python's csv.writer (and pandas' to_csv) write for a JSON value: the field quoted, each
    // quote inside doubled; a quoted field may span lines.
    Path csv = dir.resolve("manifest.csv");
    Files.writeString(
        csv,
        """
image_id,path,label,boxes,source
a,/img/a.png,circle,"[{""x0"": 10.0, ""y0"": 12.0, ""x1"": 40.0, ""y1"": 44.0, ""label"": ""circle""}]",studio
b,/img/b.png,square,"[{""x0"": 1, ""y0"": 2, ""x1"": 3, ""y1"": 4},
 {""x0"": 5, ""y0"": 6, ""x1"": 7, ""y1"": 8, ""label"": ""circle""}]","camera, ""a""\"
c,/img/c.png,,,
""");

    Map<String, Row> rows = read(csv, List.of("source"));

    assertEquals(3, rows.size());
    assertEquals(List.of(new Box(10, 12, 40, 44, "circle")), input(rows.get("a")).boxes());
    assertEquals(
        List.of(new Box(1, 2, 3, 4, null), new Box(5, 6, 7, 8, "circle")),
        input(rows.get("b")).boxes(),
        "a quoted field over two lines");
    assertEquals("camera, \"a\"", rows.get("b").getAs("source"));
    AuditInput c = input(rows.get("c"));
    assertNull(c.label());
    assertEquals(List.of(), c.boxes(), "an empty boxes field is no boxes");
  }

  @Test
  void boxesThatDoNotParseRejectTheRowWithTheText() throws Exception {
    Path csv = dir.resolve("manifest.csv");
    Files.writeString(
        csv,
        """
image_id,path,label,boxes
backslash,/img/a.png,circle,"[{\\"x0\\": 10.0, \\"y0\\": 12.0, \\"x1\\": 40.0, \\"y1\\": 44.0}]"
words,/img/b.png,circle,ten by twelve
object,/img/c.png,circle,"{""x0"": 1, ""y0"": 2, ""x1"": 3, ""y1"": 4}"
text,/img/d.png,circle,"[{""x0"": ""ten"", ""y0"": 2, ""x1"": 3, ""y1"": 4}]"
""");

    Map<String, Row> rows = read(csv, List.of());

    for (String id : List.of("backslash", "words", "text")) {
      InputRejectedException e =
          assertThrows(InputRejectedException.class, () -> ManifestRows.toInput(rows.get(id)), id);
      assertEquals(RejectReason.INVALID_BOX, e.reason(), id);
      assertTrue(
          e.getMessage().contains(rows.get(id).<String>getAs(ManifestSchema.BOXES_TEXT)),
          id + ": the offending text is in the detail: " + e.getMessage());
    }
    assertTrue(
        rows.get("words").<String>getAs(ManifestSchema.BOXES_TEXT).contains("ten by twelve"));
    assertEquals(
        List.of(new Box(1, 2, 3, 4, null)),
        input(rows.get("object")).boxes(),
        "one box object instead of an array of one is read as that box (Spark's from_json)");
  }

  @Test
  void jsonLinesMayLeaveOutEveryOptionalField() throws Exception {
    Path jsonl = dir.resolve("manifest.jsonl");
    Files.writeString(
        jsonl,
        """
        {"image_id": "a", "path": "/img/a.png", "boxes": [{"x0": 1, "y0": 2, "x1": 3, "y1": 4}]}
        {"image_id": "b", "path": "/img/b.png", "label": "circle"}
        {"image_id": 7, "path": "/img/c.png", "boxes": [{"x0": "5", "y0": 6.5, "x1": 7, "y1": 8}]}
        """);

    Map<String, Row> rows = read(jsonl, List.of());

    assertEquals(
        new AuditInput("a", "/img/a.png", null, List.of(new Box(1, 2, 3, 4, null))),
        input(rows.get("a")),
        "a box without label takes the image's label");
    assertEquals(new AuditInput("b", "/img/b.png", "circle", List.of()), input(rows.get("b")));
    assertEquals(
        List.of(new Box(5, 6.5, 7, 8, null)),
        input(rows.get("7")).boxes(),
        "numbers written as strings, ids written as numbers");
  }

  @Test
  void jsonLinesWhoseBoxesAreAllEmptyHaveNoBoxes() throws Exception {
    Path jsonl = dir.resolve("manifest.jsonl");
    Files.writeString(
        jsonl,
        """
        {"image_id": "a", "path": "/img/a.png", "boxes": []}
        {"image_id": "b", "path": "/img/b.png", "boxes": null}
        """);
    Map<String, Row> rows = read(jsonl, List.of());
    assertEquals(List.of(), input(rows.get("a")).boxes());
    assertEquals(List.of(), input(rows.get("b")).boxes());
  }

  @Test
  void aLineThatIsNotJsonIsAMalformedRecord() throws Exception {
    Path jsonl = dir.resolve("manifest.jsonl");
    Files.writeString(
        jsonl,
        """
        {"image_id": "a", "path": "/img/a.png"}
        {"image_id": "b", "path": "/img/b.png",
        """);
    List<Row> rows = ManifestReader.read(spark, jsonl.toString(), null, List.of()).collectAsList();
    assertEquals(2, rows.size(), "every line is a row");
    Row broken = rows.stream().filter(r -> r.getAs("image_id") == null).findFirst().orElseThrow();
    InputRejectedException e =
        assertThrows(InputRejectedException.class, () -> ManifestRows.toInput(broken));
    assertEquals(RejectReason.MALFORMED_RECORD, e.reason());
    assertTrue(e.getMessage().contains("{\"image_id\": \"b\""), e.getMessage());
  }

  @Test
  void parquetBoxesWithoutLabelsAndFloatCoordinatesAreRead() throws Exception {
    StructType box =
        new StructType()
            .add("x0", DataTypes.FloatType)
            .add("y0", DataTypes.FloatType)
            .add("x1", DataTypes.IntegerType)
            .add("y1", DataTypes.LongType);
    StructType schema =
        new StructType()
            .add("image_id", DataTypes.StringType)
            .add("path", DataTypes.StringType)
            .add("boxes", DataTypes.createArrayType(box));
    Path parquet = dir.resolve("manifest.parquet");
    spark
        .createDataFrame(
            List.of(
                RowFactory.create(
                    "a", "/img/a.png", List.of(RowFactory.create(1.5f, 2f, 3, 4L)).toArray())),
            schema)
        .write()
        .parquet(parquet.toString());

    assertEquals(
        List.of(new Box(1.5, 2, 3, 4, null)), input(read(parquet, List.of()).get("a")).boxes());
  }

  @Test
  void aColumnOfAnUnusableTypeStopsTheRunNamingColumnAndType() throws Exception {
    Map<String, String> cases =
        Map.of(
            "{\"image_id\": \"a\", \"path\": \"/a.png\", \"label\": [\"circle\", \"square\"]}",
            "column 'label' has type array<string>, expected a string",
            "{\"image_id\": \"a\", \"path\": \"/a.png\", \"boxes\": 12}",
            "column 'boxes' has type bigint, expected array<struct<x0, y0, x1, y1",
            "{\"image_id\": \"a\", \"path\": \"/a.png\", \"boxes\": [{\"x\": 1, \"y\": 2}]}",
            "(no field 'x0')",
            "{\"image_id\": {\"n\": 1}, \"path\": \"/a.png\"}",
            "column 'image_id' has type struct<n:bigint>");
    int n = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path jsonl = dir.resolve("bad-" + n++ + ".jsonl");
      Files.writeString(jsonl, c.getKey() + "\n");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ManifestReader.read(spark, jsonl.toString(), null, List.of()),
              c.getKey());
      assertTrue(e.getMessage().startsWith("Invalid --manifest '" + jsonl + "'"), e.getMessage());
      assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
    }
  }

  private static Map<String, Row> read(Path manifest, List<String> groups) {
    Map<String, Row> byId = new TreeMap<>();
    for (Row row : ManifestReader.read(spark, manifest.toString(), null, groups).collectAsList()) {
      byId.put(row.getAs("image_id"), row);
    }
    return byId;
  }

  private static AuditInput input(Row row) throws InputRejectedException {
    return ManifestRows.toInput(row);
  }
}

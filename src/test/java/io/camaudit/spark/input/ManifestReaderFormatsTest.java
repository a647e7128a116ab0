package io.camaudit.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.ShortcutDatasetGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input format through {@link ManifestReader} in a Spark local session, on real demo images:
 * COCO, Pascal VOC, an image folder, a groups side table; exact ids, paths, labels and boxes.
 */
class ManifestReaderFormatsTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("manifest-formats")
            .config("spark.ui.enabled", false)
            .config("spark.sql.shuffle.partitions", 3)
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private Path demo() throws Exception {
    Path data = dir.resolve("data");
    DatasetWriter.write(new ShortcutDatasetGenerator(3), 4, data);
    return data;
  }

  @Test
  void cocoGivesOneRowPerImageLargestAnnotationAsLabelEveryNonCrowdBox() throws Exception {
    Path data = demo();
    String absolute = data.resolve("images/demo-000002.png").toString();
    Path coco = data.resolve("instances.json");
    Files.writeString(
        coco,
        """
{"info": {"description": "test"},
 "images": [
  {"id": 1, "file_name": "images/demo-000000.png", "width": 100, "height": 90, "source": "studio"},
  {"id": 2, "file_name": "images/demo-000001.png", "width": 80, "height": 80, "source": "camera-a"},
  {"id": 3, "file_name": "%s", "width": 90, "height": 90, "source": "camera-b"}],
 "annotations": [
  {"id": 10, "image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 1200, "iscrowd": 0},
  {"id": 11, "image_id": 1, "category_id": 2, "bbox": [0, 0, 50, 50], "area": 2500, "iscrowd": 0},
  {"id": 12, "image_id": 1, "category_id": 3, "bbox": [0, 0, 100, 90], "iscrowd": 1,
   "segmentation": {"counts": [1, 2], "size": [90, 100]}},
  {"id": 13, "image_id": 2, "category_id": 3, "bbox": [5.5, 6.5, 10, 20],
   "segmentation": [[5.5, 6.5, 15.5, 6.5, 10, 26.5]]}],
 "categories": [{"id": 1, "name": "circle"}, {"id": 2, "name": "square"},
  {"id": 3, "name": "triangle"}]}
"""
            .formatted(absolute));

    Map<String, Row> rows =
        byId(
            ManifestReader.read(
                spark,
                ManifestReader.Source.of(coco.toString(), null),
                List.of("source", "width")));

    assertEquals(3, rows.size());
    Row first = rows.get("1");
    assertEquals(data + "/images/demo-000000.png", first.getAs("path"));
    assertEquals("square", first.getAs("label"), "the largest non-crowd annotation's category");
    assertEquals(
        List.of(List.of(10.0, 20.0, 40.0, 60.0, "circle"), List.of(0.0, 0.0, 50.0, 50.0, "square")),
        boxes(first),
        "crowd annotations dropped");
    assertEquals("studio", first.getAs("source"));
    assertEquals("100", first.getAs("width"));
    assertFalse(first.<Boolean>getAs(ManifestSchema.DUPLICATE));
    Row second = rows.get("2");
    assertEquals("triangle", second.getAs("label"));
    assertEquals(List.of(List.of(5.5, 6.5, 15.5, 26.5, "triangle")), boxes(second));
    Row third = rows.get("3");
    assertEquals(absolute, third.getAs("path"), "absolute file names are kept");
    assertNull(third.getAs("label"), "no annotations: the predicted class is explained");
    assertEquals(List.of(), boxes(third));

    // --images-root: file names are relative to it instead of the JSON's folder.
    Map<String, Row> rooted =
        byId(
            ManifestReader.read(
                spark,
                new ManifestReader.Source(
                    coco.toString(), ManifestFormat.COCO, data.toString(), null),
                List.of()));
    assertEquals("file:" + data + "/images/demo-000001.png", rooted.get("2").getAs("path"));
  }

  @Test
  void jsonIsCocoOnlyWhenItIsOneObjectWithImagesAndAnnotations() throws Exception {
    Path data = demo();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path coco = data.resolve("coco.json");
    Files.writeString(
        coco, "{\"info\": {}, \"images\": [], \"annotations\": [], \"categories\": []}");
    Path lines = data.resolve("manifest.json");
    Files.copy(data.resolve(DatasetWriter.MANIFEST_FILE), lines);
    assertEquals(ManifestFormat.COCO, ManifestFormat.detect(null, coco.toString(), hadoop));
    assertEquals(ManifestFormat.JSON, ManifestFormat.detect(null, lines.toString(), hadoop));
    assertEquals(
        ManifestFormat.JSON,
        ManifestFormat.detect(null, data.resolve("manifest.jsonl").toString(), hadoop));
    assertEquals(ManifestFormat.VOC, ManifestFormat.parse("VOC"));
    assertEquals(4, ManifestReader.read(spark, lines.toString(), null, List.of("source")).count());
    assertEquals(0, ManifestReader.read(spark, coco.toString(), null, List.of()).count());
  }

  @Test
  void badCocoFailsFastNamingTheManifestOption() throws Exception {
    Path coco = dir.resolve("bad.json");
    Files.writeString(
        coco,
        """
        {"images": [{"id": 1, "file_name": "a.png"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]}
        """);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ManifestReader.read(
                    spark,
                    ManifestReader.Source.of(coco.toString(), ManifestFormat.COCO),
                    List.of()));
    assertTrue(e.getMessage().startsWith("Invalid --manifest '" + coco + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("'categories'"), e.getMessage());

    Files.writeString(coco, "{\"images\": [{\"id\": 1}], \"annotations\": [], \"categories\": []}");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ManifestReader.read(
                    spark,
                    ManifestReader.Source.of(coco.toString(), ManifestFormat.COCO),
                    List.of()));
    assertTrue(e.getMessage().contains("'file_name'"), e.getMessage());
  }

  @Test
  void vocGivesOneRowPerXmlWithContinuousBoxesAndRefusesDoctypes() throws Exception {
    Path data = demo();
    Path voc = dir.resolve("VOC2012");
    Files.createDirectories(voc.resolve("Annotations"));
    Files.createDirectories(voc.resolve("JPEGImages"));
    Files.copy(data.resolve("images/demo-000000.png"), voc.resolve("JPEGImages/demo-000000.png"));
    Files.writeString(
        voc.resolve("Annotations/demo-000000.xml"),
        """
        <annotation>
          <folder>VOC2012</folder>
          <filename>demo-000000.png</filename>
          <source><database>The demo database</database></source>
          <size><width>100</width><height>90</height><depth>3</depth></size>
          <segmented>0</segmented>
          <object>
            <name>circle</name><pose>Frontal</pose><truncated>0</truncated><difficult>0</difficult>
            <bndbox><xmin>11</xmin><ymin>21</ymin><xmax>40</xmax><ymax>60</ymax></bndbox>
          </object>
          <object>
            <name>square</name><pose>Left</pose><truncated>1</truncated><difficult>1</difficult>
            <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>80</xmax><ymax>80</ymax></bndbox>
          </object>
        </annotation>
        """);
    Files.writeString(
        voc.resolve("Annotations/empty.xml"),
        "<annotation><filename>empty.jpg</filename></annotation>");
    Files.writeString(
        voc.resolve("Annotations/xxe.xml"),
        """
        <?xml version="1.0"?>
        <!DOCTYPE annotation [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <annotation><filename>x.jpg</filename><object><name>&secret;</name></object></annotation>
        """);
    Files.writeString(voc.resolve("Annotations/notes.txt"), "not an annotation");

    Map<String, Row> rows =
        byId(
            ManifestReader.read(
                spark,
                ManifestReader.Source.of(voc.toString(), ManifestFormat.VOC),
                List.of("database", "pose", "difficult")));

    assertEquals(3, rows.size());
    Row row = rows.get("demo-000000");
    assertEquals(voc + "/JPEGImages/demo-000000.png", row.getAs("path"));
    assertEquals("circle", row.getAs("label"), "the largest object that is not difficult");
    assertEquals(
        List.of(List.of(10.0, 20.0, 40.0, 60.0, "circle"), List.of(0.0, 0.0, 80.0, 80.0, "square")),
        boxes(row),
        "1-based inclusive made continuous");
    assertEquals("The demo database", row.getAs("database"));
    assertEquals("Frontal", row.getAs("pose"));
    assertEquals("0", row.getAs("difficult"));
    Row empty = rows.get("empty");
    assertEquals(voc + "/JPEGImages/empty.jpg", empty.getAs("path"));
    assertNull(empty.getAs("label"));
    assertEquals(List.of(), boxes(empty));
    assertNull(rows.get("xxe").getAs("path"), "a DOCTYPE is refused: no path, rejected later");
    assertNull(rows.get("xxe").getAs("boxes"));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ManifestReader.read(
                    spark,
                    ManifestReader.Source.of(data.toString(), ManifestFormat.VOC),
                    List.of()));
    assertTrue(e.getMessage().startsWith("Invalid --manifest"), e.getMessage());
    assertTrue(e.getMessage().contains("Annotations"), e.getMessage());
  }

  @Test
  void imageFolderListsImagesRecursivelyWithRelativeIds() throws Exception {
    Path data = demo();
    Path images = data.resolve("images");
    Files.createDirectories(images.resolve("extra"));
    Files.copy(images.resolve("demo-000001.png"), images.resolve("extra/copy.PNG"));
    Files.writeString(images.resolve("notes.txt"), "not an image");

    Map<String, Row> rows =
        byId(
            ManifestReader.read(
                spark,
                ManifestReader.Source.of(images.toString(), ManifestFormat.IMAGES),
                List.of("folder")));

    assertEquals(
        List.of(
            "demo-000000.png",
            "demo-000001.png",
            "demo-000002.png",
            "demo-000003.jpg",
            "extra/copy.PNG"),
        new ArrayList<>(rows.keySet()));
    Row copy = rows.get("extra/copy.PNG");
    assertEquals("file:" + images + "/extra/copy.PNG", copy.getAs("path"));
    assertEquals("extra", copy.getAs("folder"));
    assertEquals("", rows.get("demo-000000.png").getAs("folder"));
    assertNull(copy.getAs("label"));
    assertNull(copy.getAs("boxes"));
  }

  @Test
  void groupsTableIsLeftJoinedByImageIdOnceEach() throws Exception {
    Path data = demo();
    Path side = dir.resolve("groups.csv");
    Files.writeString(
        side,
        """
        image_id,site,source
        demo-000000,north,override
        demo-000001,south,x
        demo-000001,east,y
        unknown,west,z
        """,
        StandardCharsets.UTF_8);
    String manifest = data.resolve(DatasetWriter.MANIFEST_FILE).toString();

    Dataset<Row> read =
        ManifestReader.read(
            spark,
            new ManifestReader.Source(manifest, null, null, side.toString()),
            List.of("site", "tagged", "source"));
    Map<String, Row> rows = byId(read);

    assertEquals(
        List.of(
            "image_id",
            "path",
            "site",
            "tagged",
            "source",
            "label",
            "boxes",
            ManifestSchema.BOXES_TEXT,
            ManifestSchema.MALFORMED_RECORD,
            ManifestSchema.DUPLICATE),
        List.of(read.columns()));
    assertEquals(4, rows.size(), "every manifest row once, images missing from the table kept");
    assertEquals("north", rows.get("demo-000000").getAs("site"));
    assertEquals("override", rows.get("demo-000000").getAs("source"), "the side table's wins");
    assertEquals("east", rows.get("demo-000001").getAs("site"), "repeated id: the first sorted");
    assertNull(rows.get("demo-000002").getAs("site"));
    assertNull(rows.get("demo-000002").getAs("source"));
    assertTrue(List.of("true", "false").contains(rows.get("demo-000002").<String>getAs("tagged")));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ManifestReader.read(
                    spark,
                    new ManifestReader.Source(manifest, null, null, side.toString()),
                    List.of("site", "camera")));
    assertTrue(e.getMessage().startsWith("Invalid --group-cols 'camera'"), e.getMessage());
    assertTrue(e.getMessage().contains("--groups-table"), e.getMessage());
  }

  private static Map<String, Row> byId(Dataset<Row> rows) {
    Map<String, Row> byId = new TreeMap<>();
    for (Row row : rows.collectAsList()) {
      byId.put(row.getAs("image_id"), row);
    }
    return byId;
  }

  private static List<List<Object>> boxes(Row row) {
    List<List<Object>> boxes = new ArrayList<>();
    for (Row box : row.<Row>getList(row.fieldIndex("boxes"))) {
      boxes.add(
          List.of(
              box.getAs("x0"),
              box.getAs("y0"),
              box.getAs("x1"),
              box.getAs("y1"),
              box.getAs("label")));
    }
    return boxes;
  }
}

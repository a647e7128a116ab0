package io.camaudit.spark.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A Pascal VOC folder as manifest rows: one row per {@code Annotations/*.xml}, read with Spark's
 * {@code binaryFile} source and parsed on the executors with the JDK's DOM parser (DTDs and
 * external entities refused). {@code image_id} = the XML file's name without {@code .xml}; {@code
 * path} = the images root ({@code JPEGImages/} by default) + {@code <filename>}; {@code boxes} =
 * every object's {@code bndbox}, difficult ones included, with VOC's 1-based inclusive pixel
 * indices made continuous ({@code x0 = xmin - 1}, {@code x1 = xmax}); {@code label} = the name of
 * the largest object that is not difficult (all difficult: the largest; ties: the first). Group
 * columns: {@link #GROUP_COLUMNS}. An XML file that cannot be parsed gives a row with its id and no
 * path (rejected as {@code missing_field}).
 */
final class VocManifest {

  /** The columns a VOC row offers as group columns, all strings. */
  static final List<String> GROUP_COLUMNS =
      List.of("folder", "database", "width", "height", "pose", "truncated", "difficult");

  static final StructType PARSED = parsedSchema();

  private VocManifest() {}

  /** The rows of the VOC folder {@code root} (ending with {@code /}). */
  static Dataset<Row> read(SparkSession spark, String root, String imagesRoot) {
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .option("pathGlobFilter", "*.xml")
            .load(root + "Annotations");
    Column parsed =
        udf(new ParseUdf(), PARSED).apply(col(ManifestSchema.PATH), col("content")).as("voc");
    Dataset<Row> rows = files.select(parsed);
    Column fileName = col("voc.file_name");
    List<Column> columns = new ArrayList<>();
    columns.add(col("voc.image_id").as(ManifestSchema.IMAGE_ID));
    columns.add(
        when(fileName.rlike(ManifestReader.ABSOLUTE), fileName)
            .otherwise(concat(lit(imagesRoot), fileName))
            .as(ManifestSchema.PATH));
    columns.add(col("voc.label").as(ManifestSchema.LABEL));
    columns.add(col("voc.boxes").as(ManifestSchema.BOXES));
    for (String group : GROUP_COLUMNS) {
      columns.add(col("voc." + group).as(group));
    }
    return rows.select(columns.toArray(new Column[0]));
  }

  /** One parsed annotation file, as {@link #PARSED}. */
  static Row parse(String path, byte[] content) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String imageId =
        name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")
            ? name.substring(0, name.length() - 4)
            : name;
    Element annotation;
    try {
      annotation = secureBuilder().parse(new ByteArrayInputStream(content)).getDocumentElement();
    } catch (SAXException | IOException | ParserConfigurationException e) {
      return failed(imageId);
    }
    if (!"annotation".equals(annotation.getTagName())) {
      return failed(imageId);
    }
    String fileName = text(annotation, "filename");
    if (fileName == null || fileName.isBlank()) {
      fileName = imageId + ".jpg";
    }
    List<Row> boxes = new ArrayList<>();
    Element target = null;
    double targetArea = -1;
    boolean targetDifficult = true;
    for (Element object : children(annotation, "object")) {
      Element bndbox = child(object, "bndbox");
      Double xmin = number(bndbox, "xmin");
      Double ymin = number(bndbox, "ymin");
      Double xmax = number(bndbox, "xmax");
      Double ymax = number(bndbox, "ymax");
      String label = text(object, "name");
      boxes.add(
          RowFactory.create(
              xmin == null ? null : xmin - 1, ymin == null ? null : ymin - 1, xmax, ymax, label));
      double area =
          xmin == null || ymin == null || xmax == null || ymax == null
              ? 0
              : (xmax - xmin + 1) * (ymax - ymin + 1);
      boolean difficult = "1".equals(text(object, "difficult"));
      boolean better =
          target == null
              || (targetDifficult && !difficult)
              || (targetDifficult == difficult && area > targetArea);
      if (better) {
        target = object;
        targetArea = area;
        targetDifficult = difficult;
      }
    }
    Element size = child(annotation, "size");
    return RowFactory.create(
        imageId,
        fileName,
        target == null ? null : text(target, "name"),
        boxes,
        text(annotation, "folder"),
        text(child(annotation, "source"), "database"),
        text(size, "width"),
        text(size, "height"),
        target == null ? null : text(target, "pose"),
        target == null ? null : text(target, "truncated"),
        target == null ? null : text(target, "difficult"));
  }

  private static Row failed(String imageId) {
    return RowFactory.create(imageId, null, null, null, null, null, null, null, null, null, null);
  }

  /** A DOM parser that refuses DTDs, external entities and XInclude (XXE, entity expansion). */
  static DocumentBuilder secureBuilder() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(
        new org.xml.sax.helpers.DefaultHandler() {
          @Override
          public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
          }
        });
    return builder;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }

  private static Double number(Element parent, String name) {
    String text = text(parent, name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static StructType parsedSchema() {
    StructType schema =
        new StructType()
            .add(ManifestSchema.IMAGE_ID, DataTypes.StringType)
            .add("file_name", DataTypes.StringType)
            .add(ManifestSchema.LABEL, DataTypes.StringType)
            .add(ManifestSchema.BOXES, DataTypes.createArrayType(ManifestSchema.BOX));
    for (String group : GROUP_COLUMNS) {
      schema = schema.add(group, DataTypes.StringType);
    }
    return schema;
  }

  /** The executor-side parser. */
  private static final class ParseUdf implements UDF2<String, byte[], Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Row call(String path, byte[] content) {
      return parse(path, content);
    }
  }
}

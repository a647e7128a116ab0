package io.camaudit.spark.input;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the audit's input (a manifest in Parquet, CSV or JSON Lines, a COCO instances file, a
 * Pascal VOC folder or a folder of images) into the normalised columns the audit expects: {@code
 * image_id}, {@code path} (relative paths resolved against the manifest's folder or the images
 * root), {@code label}, {@code boxes} ({@code array<struct<x0, y0, x1, y1: double, label:
 * string>>}) and the group columns, all as strings, and {@value
 * ManifestSchema#ManifestSchema.DUPLICATE}. In CSV the boxes column holds the same structure as
 * JSON. An empty file is an empty manifest. Group columns may come from a side table joined by
 * {@code image_id}. See {@code docs/inputs.md}.
 */
public final class ManifestReader {

  /** A path that is absolute or a URI, not relative to a folder. */
  static final String ABSOLUTE = "^([a-zA-Z][a-zA-Z0-9+.-]*:|/)";

  private static final String ORDER = "_manifest_order";

  /** The files the {@code images} format lists (Hadoop glob; Image I/O's formats). */
  static final String IMAGE_GLOB = "*.{png,PNG,jpg,JPG,jpeg,JPEG,gif,GIF,bmp,BMP,wbmp,WBMP}";

  private ManifestReader() {}

  /**
   * Where the inputs are.
   *
   * @param location the manifest file, COCO file, VOC folder or image folder
   * @param format its format, or {@code null} to detect it ({@link ManifestFormat#detect})
   * @param imagesRoot the folder COCO {@code file_name}s and VOC {@code <filename>}s are relative
   *     to, or {@code null} for the default (the COCO file's folder; the VOC folder's {@code
   *     JPEGImages/})
   * @param groupsTable a side table of group columns joined by {@code image_id}, or {@code null}
   */
  public record Source(
      String location, ManifestFormat format, String imagesRoot, String groupsTable) {

    /** A manifest without images root or side table. */
    public static Source of(String location, ManifestFormat format) {
      return new Source(location, format, null, null);
    }

    /** This source with its format detected. */
    public Source detected(Configuration hadoop) {
      return new Source(
          location, ManifestFormat.detect(format, location, hadoop), imagesRoot, groupsTable);
    }
  }

  /**
   * Reads the manifest at {@code path}.
   *
   * @throws IllegalArgumentException when a required or group column is missing
   */
  public static Dataset<Row> read(
      SparkSession spark, String path, ManifestFormat format, List<String> groupColumns) {
    return read(spark, Source.of(path, format), groupColumns);
  }

  /**
   * Reads the inputs {@code source} names, joined with its side table.
   *
   * @throws IllegalArgumentException when the input is not of its format, or a required or group
   *     column is missing (the message names the option)
   */
  public static Dataset<Row> read(SparkSession spark, Source source, List<String> groupColumns) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    ManifestFormat format = ManifestFormat.detect(source.format(), source.location(), hadoop);
    String path = source.location();
    Dataset<Row> raw =
        switch (format) {
          case PARQUET -> spark.read().parquet(path);
            // RFC 4180, as Python's csv module and pandas write it: a quote inside a quoted field
            // is doubled, and quoted fields may span lines.
          case CSV ->
              spark
                  .read()
                  .option("header", true)
                  .option("mode", "PERMISSIVE")
                  .option("escape", "\"")
                  .option("multiLine", true)
                  .csv(path);
          case JSON -> spark.read().option("mode", "PERMISSIVE").json(path);
          case COCO ->
              CocoManifest.read(spark, path, folder(source.imagesRoot(), parentOf(path), hadoop));
          case VOC ->
              VocManifest.read(
                  spark,
                  requireVocFolder(path, hadoop),
                  folder(source.imagesRoot(), HadoopFiles.asFolder(path) + "JPEGImages/", hadoop));
          case IMAGES -> imageFolder(spark, path, hadoop);
        };
    List<String> columns = Arrays.asList(raw.columns());
    if (columns.isEmpty()) {
      // An empty JSON or CSV file has no inferable columns: an empty manifest, not a bad one.
      return spark.createDataFrame(List.of(), ManifestSchema.of(groupColumns));
    }
    for (String required : List.of(ManifestSchema.IMAGE_ID, ManifestSchema.PATH)) {
      requireColumn(columns, required, path, "a required column");
    }
    ManifestColumns typed = new ManifestColumns(raw.schema(), path);
    GroupsTable side =
        source.groupsTable() == null ? null : GroupsTable.read(spark, source.groupsTable());
    List<String> fromSide = new ArrayList<>();
    for (String group : groupColumns) {
      if (side != null && side.columns().contains(group)) {
        fromSide.add(group);
      } else if (!columns.contains(group)
          || Set.of(ManifestSchema.IMAGE_ID, ManifestSchema.PATH).contains(group)) {
        throw new IllegalArgumentException(
            "Invalid --group-cols '"
                + group
                + "': no such column in --manifest '"
                + path
                + "' ("
                + format.id()
                + "; found "
                + candidates(columns)
                + ")"
                + (side == null
                    ? ""
                    : " or in --groups-table '"
                        + source.groupsTable()
                        + "' (found "
                        + side.columns()
                        + ")"));
      }
    }
    String base = parentOf(path);
    List<Column> selected = new ArrayList<>();
    selected.add(typed.string(ManifestSchema.IMAGE_ID).as(ManifestSchema.IMAGE_ID));
    Column rawPath = typed.string(ManifestSchema.PATH);
    selected.add(
        (format == ManifestFormat.PARQUET
                    || format == ManifestFormat.CSV
                    || format == ManifestFormat.JSON
                ? when(rawPath.rlike(ABSOLUTE), rawPath).otherwise(concat(lit(base), rawPath))
                : rawPath)
            .as(ManifestSchema.PATH));
    for (String group : groupColumns) {
      selected.add(
          (fromSide.contains(group) ? lit(null) : col(group)).cast(DataTypes.StringType).as(group));
    }
    selected.add(typed.string(ManifestSchema.LABEL).as(ManifestSchema.LABEL));
    selected.add(typed.boxes().as(ManifestSchema.BOXES));
    selected.add(typed.boxesText().as(ManifestSchema.BOXES_TEXT));
    selected.add(typed.malformedRecord().as(ManifestSchema.MALFORMED_RECORD));
    Dataset<Row> manifest = flagDuplicates(raw.select(selected.toArray(new Column[0])));
    return side == null || fromSide.isEmpty()
        ? manifest
        : side.joinTo(manifest, fromSide, ManifestSchema.of(groupColumns));
  }

  /**
   * A folder of images as manifest rows, listed with Spark's {@code binaryFile} source (file
   * contents are not read here): {@code image_id} = the path relative to the folder, {@code folder}
   * = its sub-folder ({@code ""} at the top).
   */
  private static Dataset<Row> imageFolder(SparkSession spark, String path, Configuration hadoop) {
    String root = HadoopFiles.qualifyFolder(path, hadoop, "--manifest");
    try {
      Path folder = new Path(root);
      if (!folder.getFileSystem(hadoop).getFileStatus(folder).isDirectory()) {
        throw new IllegalArgumentException(
            "Invalid --manifest '" + path + "': --manifest-format images needs a folder");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Invalid --manifest '" + path + "': no such folder (" + e.getMessage() + ")", e);
    }
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .option("pathGlobFilter", IMAGE_GLOB)
            .option("recursiveFileLookup", true)
            .load(root)
            .select(col(ManifestSchema.PATH));
    Column relative =
        when(
                col(ManifestSchema.PATH).startsWith(root),
                col(ManifestSchema.PATH).substr(root.length() + 1, Integer.MAX_VALUE))
            .otherwise(col(ManifestSchema.PATH));
    Column parts = split(relative, "/");
    return files.select(
        relative.as(ManifestSchema.IMAGE_ID),
        col(ManifestSchema.PATH),
        array_join(slice(parts, lit(1), size(parts).minus(1)), "/").as("folder"));
  }

  private static String requireVocFolder(String path, Configuration hadoop) {
    String root = HadoopFiles.asFolder(path);
    try {
      Path annotations = new Path(root + "Annotations");
      if (!annotations.getFileSystem(hadoop).getFileStatus(annotations).isDirectory()) {
        throw new IOException(annotations + " is not a folder");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Invalid --manifest '"
              + path
              + "': not a Pascal VOC folder, no Annotations/ folder ("
              + e.getMessage()
              + ")",
          e);
    }
    return root;
  }

  /** The columns a manifest offers as group columns. */
  private static Set<String> candidates(List<String> columns) {
    Set<String> found = new LinkedHashSet<>(columns);
    found.removeAll(ManifestSchema.USER_COLUMNS);
    return found;
  }

  private static String folder(String explicit, String fallback, Configuration hadoop) {
    return explicit == null || explicit.isBlank()
        ? fallback
        : HadoopFiles.qualifyFolder(explicit, hadoop, "--images-root");
  }

  /**
   * Adds {@value ManifestSchema#ManifestSchema.DUPLICATE}: true for every row whose image id
   * appeared earlier in the manifest (file order), so the first occurrence is audited and the
   * others rejected.
   */
  private static Dataset<Row> flagDuplicates(Dataset<Row> manifest) {
    WindowSpec sameId = Window.partitionBy(col(ManifestSchema.IMAGE_ID)).orderBy(col(ORDER));
    return manifest
        .withColumn(ORDER, monotonically_increasing_id())
        .withColumn(
            ManifestSchema.DUPLICATE,
            row_number().over(sameId).gt(1).and(col(ManifestSchema.IMAGE_ID).isNotNull()))
        .drop(ORDER);
  }

  private static void requireColumn(List<String> columns, String name, String path, String why) {
    if (!columns.contains(name)) {
      throw new IllegalArgumentException(
          "Invalid --manifest '"
              + path
              + "': no column '"
              + name
              + "' ("
              + why
              + "); found "
              + columns);
    }
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash + 1);
  }
}

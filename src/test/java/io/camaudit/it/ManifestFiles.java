package io.camaudit.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One list of manifest records written the ways users write manifests: JSON Lines with every field,
 * JSON Lines leaving out the optional ones, CSV from Python's {@code csv} module (RFC 4180: JSON in
 * a quoted field, its quotes doubled), Parquet from pyarrow when the machine has it, else from
 * Spark.
 */
enum ManifestFiles {
  /** JSON Lines, every field written. */
  JSON_LINES("manifest.jsonl"),
  /** JSON Lines without the optional fields: no box labels, no null values. */
  JSON_LINES_MINIMAL("manifest.jsonl"),
  /** CSV written by Python's csv module, boxes as JSON text. */
  CSV_FROM_PYTHON("manifest.csv"),
  /** Parquet written by pyarrow if installed, else by Spark. */
  PARQUET("manifest.parquet");

  /** Writes CSV the way Python programs do: csv.DictWriter, boxes as json.dumps. */
  private static final String PYTHON_CSV =
      """
      import csv, json, sys
      with open(sys.argv[1]) as lines, open(sys.argv[2], "w", newline="") as out:
          writer = csv.DictWriter(out, fieldnames=["image_id", "path", "label", "boxes"])
          writer.writeheader()
          for line in lines:
              record = json.loads(line)
              boxes = record.get("boxes")
              writer.writerow({"image_id": record.get("image_id"), "path": record.get("path"),
                               "label": record.get("label"),
                               "boxes": "" if boxes is None else json.dumps(boxes)})
      """;

  /** Writes Parquet with pyarrow, boxes as a list of structs. */
  private static final String PYARROW_PARQUET =
      """
      import json, sys
      import pyarrow as pa, pyarrow.parquet as pq
      records = [json.loads(line) for line in open(sys.argv[1])]
      box = pa.struct([(n, pa.float64()) for n in ("x0", "y0", "x1", "y1")]
                      + [("label", pa.string())])
      schema = pa.schema([("image_id", pa.string()), ("path", pa.string()),
                          ("label", pa.string()), ("boxes", pa.list_(box))])
      pq.write_table(pa.Table.from_pylist(records, schema=schema), sys.argv[2])
      """;

  private final String fileName;

  ManifestFiles(String fileName) {
    this.fileName = fileName;
  }

  /** Writes {@code records} (JSON objects: image_id, path, label, boxes) into {@code dir}. */
  Path write(List<JsonObject> records, Path dir, SparkSession spark) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName);
    Path lines = dir.resolve("records.jsonl");
    Files.write(lines, records.stream().map(JsonObject::toString).toList());
    switch (this) {
      case JSON_LINES -> Files.copy(lines, file);
      case JSON_LINES_MINIMAL ->
          Files.write(file, records.stream().map(r -> minimal(r).toString()).toList());
      case CSV_FROM_PYTHON -> python(PYTHON_CSV, lines, file);
      case PARQUET -> {
        if (hasPyarrow()) {
          python(PYARROW_PARQUET, lines, file);
        } else {
          StructType box =
              new StructType()
                  .add("x0", DataTypes.DoubleType)
                  .add("y0", DataTypes.DoubleType)
                  .add("x1", DataTypes.DoubleType)
                  .add("y1", DataTypes.DoubleType)
                  .add("label", DataTypes.StringType);
          StructType schema =
              new StructType()
                  .add("image_id", DataTypes.StringType)
                  .add("path", DataTypes.StringType)
                  .add("label", DataTypes.StringType)
                  .add("boxes", DataTypes.createArrayType(box));
          spark
              .read()
              .schema(schema)
              .json(lines.toString())
              .coalesce(1)
              .write()
              .parquet(file.toString());
        }
      }
      default -> throw new IllegalStateException(name());
    }
    return file;
  }

  /** The record without nulls and without box labels (the image's label is assumed). */
  private static JsonObject minimal(JsonObject record) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, JsonElement> field : record.entrySet()) {
      if (field.getValue().isJsonNull()) {
        continue;
      }
      if (field.getKey().equals("boxes") && field.getValue().isJsonArray()) {
        JsonArray boxes = new JsonArray();
        for (JsonElement box : field.getValue().getAsJsonArray()) {
          JsonObject copy = box.getAsJsonObject().deepCopy();
          if (copy.has("label")
              && record.has("label")
              && !record.get("label").isJsonNull()
              && copy.get("label").equals(record.get("label"))) {
            copy.remove("label");
          }
          boxes.add(copy);
        }
        out.add("boxes", boxes);
      } else {
        out.add(field.getKey(), field.getValue());
      }
    }
    return out;
  }

  private static boolean hasPyarrow() throws Exception {
    return new ProcessBuilder("python3", "-c", "import pyarrow")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor()
        == 0;
  }

  private static void python(String script, Path in, Path out) throws Exception {
    int code = run(List.of("python3", "-c", script, in.toString(), out.toString()));
    if (code != 0) {
      throw new IllegalStateException("python3 could not write " + out + " (exit " + code + ")");
    }
  }

  private static int run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(new ArrayList<>(command)).inheritIO().start();
    return process.waitFor();
  }
}

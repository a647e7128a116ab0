package io.camaudit.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One list of manifest records written the ways users write manifests: JSON Lines with every field,
 * JSON Lines leaving out the optional ones, CSV from Python's {@code csv} module (RFC 4180: JSON in
 * a quoted field, its quotes doubled), Parquet from DuckDB.
 */
enum ManifestFiles {
  /** JSON Lines, every field written. */
  JSON_LINES("manifest.jsonl"),
  /** JSON Lines without the optional fields: no box labels, no null values. */
  JSON_LINES_MINIMAL("manifest.jsonl"),
  /** CSV written by Python's csv module, boxes as JSON text. */
  CSV_FROM_PYTHON("manifest.csv"),
  /** Parquet written by DuckDB (a writer other than Spark's), boxes as a list of structs. */
  PARQUET_FROM_DUCKDB("manifest.parquet");

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

  private final String fileName;

  ManifestFiles(String fileName) {
    this.fileName = fileName;
  }

  /** Writes {@code records} (JSON objects: image_id, path, label, boxes) into {@code dir}. */
  Path write(List<JsonObject> records, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName);
    Path lines = dir.resolve("records.jsonl");
    Files.write(lines, records.stream().map(JsonObject::toString).toList());
    switch (this) {
      case JSON_LINES -> Files.copy(lines, file);
      case JSON_LINES_MINIMAL ->
          Files.write(file, records.stream().map(r -> minimal(r).toString()).toList());
      case CSV_FROM_PYTHON -> python(PYTHON_CSV, lines, file);
      case PARQUET_FROM_DUCKDB -> duckDb(lines, file);
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

  /**
   * Writes Parquet with DuckDB's Node.js package; skips the test without it, or fails it where
   * {@code CAM_AUDIT_REQUIRE} names DuckDB (Spark's own Parquet is read in ManifestEncodingsTest).
   */
  private static void duckDb(Path in, Path out) throws Exception {
    var modules = ExternalTools.nodeModules("@duckdb/node-api");
    ExternalTools.assumeOrRequire(
        ExternalTools.DUCKDB,
        modules.isPresent(),
        "npm install @duckdb/node-api into the folder .ci/run uses");
    String script = Path.of("src/test/node/write-parquet.cjs").toAbsolutePath().toString();
    JobProcess.Result written =
        JobProcess.exec(
            out.getParent(),
            List.of("node", script, in.toString(), out.toString()),
            Map.of("NODE_PATH", modules.orElseThrow().toString()));
    if (written.exitCode() != 0) {
      throw new IllegalStateException("DuckDB could not write " + out + ": " + written.output());
    }
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

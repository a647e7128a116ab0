package io.camaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet schemas with parquet-hadoop's own file reader, not Spark: the "any Parquet reader"
 * check. Types are reported in the vocabulary of {@code docs/outputs.md}.
 */
final class ParquetSchemas {

  private ParquetSchemas() {}

  /** The schema of the first Parquet file under {@code tableDir}, as column name to type. */
  static Map<String, String> of(Path tableDir) throws IOException {
    Path file;
    try (Stream<Path> files = Files.walk(tableDir)) {
      file =
          files
              .filter(p -> p.toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Parquet file under " + tableDir));
    }
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Map<String, String> columns = new LinkedHashMap<>();
      for (Type field : schema.getFields()) {
        columns.put(field.getName(), typeName(field));
      }
      return columns;
    }
  }

  /** Rows in all the Parquet files under {@code tableDir}. */
  static long rows(Path tableDir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(tableDir)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    long rows = 0;
    for (Path file : files) {
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
        rows += reader.getRecordCount();
      }
    }
    return rows;
  }

  private static String typeName(Type field) {
    if (!field.isPrimitive()) {
      GroupType group = field.asGroupType();
      if (group.getLogicalTypeAnnotation()
          instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
        Type element = group.getType(0).asGroupType().getType(0);
        return "array<" + typeName(element) + ">";
      }
      return "struct";
    }
    PrimitiveType primitive = field.asPrimitiveType();
    return switch (primitive.getPrimitiveTypeName()) {
      case BINARY ->
          primitive.getLogicalTypeAnnotation()
                  instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
              ? "string"
              : "binary";
      case INT32 -> "int";
      case INT64 -> "long";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      default -> primitive.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
    };
  }
}

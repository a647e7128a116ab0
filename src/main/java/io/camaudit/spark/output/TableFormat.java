package io.camaudit.spark.output;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * How the audit's tables are stored: {@code --table-format} ({@code spark.camaudit.table-format}).
 */
public enum TableFormat {
  /** Parquet folders under an output root ({@link ParquetFolders}). */
  PARQUET,
  /** Apache Iceberg tables of a Spark catalog ({@link IcebergTables}). */
  ICEBERG;

  /** The format's name on the command line: {@code parquet}, {@code iceberg}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The store of this format at {@code output}: a qualified folder for Parquet, {@code
   * <catalog>.<namespace>} for Iceberg.
   */
  public RunStore open(SparkSession spark, String output) {
    return this == PARQUET ? new ParquetFolders(spark, output) : IcebergTables.open(spark, output);
  }

  /** The format named {@code value}, in any case. */
  public static TableFormat parse(String value) {
    for (TableFormat format : values()) {
      if (format.id().equalsIgnoreCase(value.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "Invalid --table-format '"
            + value
            + "': expected one of "
            + Arrays.stream(values()).map(TableFormat::id).toList());
  }
}

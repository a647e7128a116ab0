package io.camaudit.spark.output;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One column of an output table, as {@code docs/outputs.md} documents it.
 *
 * @param name the column's name
 * @param type its Spark type (Parquet: the type Spark writes for it)
 * @param unit its unit or range, or empty
 * @param doc what it means, for a person (Markdown)
 */
public record OutputColumn(String name, DataType type, String unit, String doc) {

  /** The column in a select or filter. */
  public Column col() {
    return functions.col(name);
  }

  /** {@code value} named as this column. */
  public Column of(Column value) {
    return value.as(name);
  }

  /** The column as a nullable schema field. */
  public StructField field() {
    return DataTypes.createStructField(name, type, true);
  }

  /** This column with the narrower meaning one table gives it. */
  public OutputColumn describedAs(String tableDoc) {
    return new OutputColumn(name, type, unit, tableDoc);
  }

  /**
   * This column's value in the baseline run, {@code NAME_before}, in a table that compares an image
   * of a group across two runs.
   */
  public OutputColumn before() {
    return new OutputColumn(
        name + "_before",
        type,
        unit,
        "`" + name + "` in the baseline run; null when the image is not in the group there");
  }

  /** This column's value in this run, {@code NAME_after}: the counterpart of {@link #before}. */
  public OutputColumn after() {
    return new OutputColumn(
        name + "_after",
        type,
        unit,
        "`" + name + "` in this run; null when the image is not in the group");
  }

  /** This column under another name, {@code NAME_ci_low} say, with the same type, unit and doc. */
  public OutputColumn named(String tableName) {
    return new OutputColumn(tableName, type, unit, doc);
  }

  /** This column in the unit one table gives it. */
  public OutputColumn inUnit(String tableUnit) {
    return new OutputColumn(name, type, tableUnit, doc);
  }
}

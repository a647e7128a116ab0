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

  /** This column in the unit one table gives it. */
  public OutputColumn inUnit(String tableUnit) {
    return new OutputColumn(name, type, tableUnit, doc);
  }
}

package io.camaudit.spark.compat;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Everything that differs between the Spark lines this project builds for, for Spark 4 / Scala
 * 2.13. Each line has its own copy of this class, with the same methods, in its source folder
 * ({@code src/spark3/java}, {@code src/spark4/java}); the build adds the line's folder. Nothing
 * outside this class knows which line it runs on.
 */
public final class SparkCompat {

  private SparkCompat() {}

  /** {@code column} cast to {@code type}, null where the value does not convert. */
  public static Column tryCast(Column column, DataType type) {
    return column.try_cast(type);
  }

  /** A Scala sequence as a Java list (a view on Scala 2.13). */
  public static <T> List<T> asList(scala.collection.Seq<T> seq) {
    return CollectionConverters.asJava(seq);
  }
}

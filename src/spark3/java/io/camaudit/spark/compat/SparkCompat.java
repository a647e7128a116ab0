package io.camaudit.spark.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.types.DataType;
import scala.Option;
import scala.collection.Iterator;

/**
 * Everything that differs between the Spark lines this project builds for, for Spark 3.5 on Scala
 * 2.12 or 2.13. Each line has its own copy of this class, with the same methods, in its source
 * folder ({@code src/spark3/java}, {@code src/spark4/java}); the build adds the line's folder.
 * Nothing outside this class knows which line it runs on.
 */
public final class SparkCompat {

  private SparkCompat() {}

  /**
   * {@code column} cast to {@code type}, null where the value does not convert: the expression
   * SQL's {@code try_cast} makes (Spark 3.5's {@code Column} has no {@code try_cast}).
   */
  public static Column tryCast(Column column, DataType type) {
    return new Column(new Cast(column.expr(), type, Option.empty(), EvalMode.TRY()));
  }

  /**
   * A Scala sequence as a Java list, copied through the iterator that Scala 2.12 and 2.13 share
   * (their converter classes differ).
   */
  public static <T> List<T> asList(scala.collection.Seq<T> seq) {
    List<T> list = new ArrayList<>();
    Iterator<T> iterator = seq.iterator();
    while (iterator.hasNext()) {
      list.add(iterator.next());
    }
    return list;
  }
}

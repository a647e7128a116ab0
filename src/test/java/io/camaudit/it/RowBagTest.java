package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The driver-side multiset comparison that ClusterS3IT's tables rely on. */
class RowBagTest {

  private static Row row(String id, double value, byte[] png) {
    return RowFactory.create(id, value, png, RowFactory.create(1, null));
  }

  @Test
  void equalValuesReadEqualAndAnyChangedFieldShows() {
    Row a = row("a", 0.5, new byte[] {1, 2, 3});
    Row same = row("a", 0.5, new byte[] {1, 2, 3});
    assertEquals(RowBag.of(List.of(a)), RowBag.of(List.of(same)));
    for (Row changed :
        List.of(
            row("b", 0.5, new byte[] {1, 2, 3}),
            row("a", 0.5000001, new byte[] {1, 2, 3}),
            row("a", 0.5, new byte[] {1, 2, 4}),
            row("a", 0.5, null),
            RowFactory.create("a", 0.5, new byte[] {1, 2, 3}, RowFactory.create(2, null)))) {
      assertNotEquals(RowBag.of(List.of(a)), RowBag.of(List.of(changed)), changed.toString());
    }
  }

  @Test
  void repeatsCountLikeExceptAll() {
    Row a = row("a", 1, new byte[0]);
    Row b = row("b", 2, new byte[0]);
    Map<String, Long> twice = RowBag.of(List.of(a, a, b));
    Map<String, Long> once = RowBag.of(List.of(a, b));
    assertEquals(Map.of(RowBag.canonical(a), 1L), RowBag.missingFrom(twice, once));
    assertEquals(Map.of(), RowBag.missingFrom(once, twice));
  }
}

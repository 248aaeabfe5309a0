package org.datolite.calcite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.edn.Edn;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** A new row's map form against the LinkedHashMap it stands for: same entries, same order, same EDN. */
class RowMapTest {
  private static final Keyword DB_ID = Keyword.of(":db/id");

  @Test
  void readsAsTheMapOfItsNonNullValues() {
    for (boolean marker : new boolean[] {true, false}) {
      Object[] keys = {DB_ID, marker ? Keyword.of(":t/row") : null, Keyword.of(":t/a"), null, Keyword.of(":t/c"),
          Keyword.of(":t/d")};
      Object[] stored = {1L, "ignored: no attribute", null, "x"};
      RowMap row = new RowMap(keys, "row-7", stored);
      Map<Object, Object> expected = new LinkedHashMap<>();
      expected.put(DB_ID, "row-7");
      if (marker) {
        expected.put(Keyword.of(":t/row"), Boolean.TRUE);
      }
      expected.put(Keyword.of(":t/a"), 1L);
      expected.put(Keyword.of(":t/d"), "x");
      assertEquals(expected, row);
      assertEquals(row, expected);
      assertEquals(expected.hashCode(), row.hashCode());
      assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(row.entrySet()), "entry order");
      assertEquals(expected.size(), row.size());
      assertEquals(Edn.write(List.of(expected)), Edn.write(List.of(row)));
      assertEquals("row-7", row.get(DB_ID));
      assertFalse(row.containsKey(Keyword.of(":t/c")), "a NULL value is no entry");
      assertFalse(row.containsKey(null));
      assertTrue(row.containsKey(Keyword.of(":t/d")));
      assertThrows(UnsupportedOperationException.class, () -> row.put(DB_ID, 1));
    }
  }

  @Test
  void keysMustMatchTheColumns() {
    assertThrows(IllegalArgumentException.class, () -> new RowMap(new Object[] {DB_ID, null}, 1, new Object[] {2}));
  }
}

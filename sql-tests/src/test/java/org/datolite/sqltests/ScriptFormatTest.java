package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The script format on its own: parsing, which statements are ordered, and rewriting in update mode. */
class ScriptFormatTest {
  private static final String TEXT = String.join("\n",
      "# comment",
      "@edn",
      "[{:db/ident :a/b :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]",
      "@end",
      "",
      "SELECT B",
      "  FROM A ORDER BY B;",
      "B",
      "1",
      "",
      "SELECT * FROM NOPE;",
      "!error 42",
      "",
      "SELECT 1 AS X;",
      "");

  @Test
  void parse_findsDataBlocksStatementsAndTheirExpectations() {
    Script s = Script.parse("t.sql", TEXT);
    assertEquals(4, s.steps().size());
    Script.Data d = (Script.Data) s.steps().get(0);
    assertTrue(d.edn());
    assertEquals(2, d.line(), "the line of @edn");
    Script.Check c = (Script.Check) s.steps().get(1);
    assertEquals(6, c.line());
    assertEquals("SELECT B\n  FROM A ORDER BY B", c.sql());
    assertEquals(List.of("B", "1"), c.expected());
    assertTrue(c.ordered());
    Script.Check e = (Script.Check) s.steps().get(2);
    assertEquals(List.of("!error 42"), e.expected());
    assertFalse(e.ordered());
    Script.Check empty = (Script.Check) s.steps().get(3);
    assertEquals(List.of(), empty.expected());
  }

  @Test
  void rewrite_replacesOnlyTheGivenExpectations() {
    Script s = Script.parse("t.sql", TEXT);
    Script.Check first = (Script.Check) s.steps().get(1);
    Script.Check last = (Script.Check) s.steps().get(3);
    String out = s.rewrite(Map.of(first, List.of("B", "2", "3"), last, List.of("X", "1")));
    assertEquals(TEXT.replace("B\n1\n", "B\n2\n3\n").replace("SELECT 1 AS X;\n", "SELECT 1 AS X;\nX\n1\n"), out);
    assertEquals(out, Script.parse("t.sql", out).rewrite(Map.of()), "a rewrite of nothing is the file itself");
  }

  @Test
  void parse_unclosedBlockOrStatement_fails() {
    assertThrows(IllegalArgumentException.class, () -> Script.parse("t.sql", "@edn\n[]\n"));
    assertThrows(IllegalArgumentException.class, () -> Script.parse("t.sql", "SELECT 1\n"));
  }
}

package org.datolite.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellInputTest {
  private static final Shell.Mode SQL = Shell.Mode.SQL;
  private static final Shell.Mode DATALOG = Shell.Mode.DATALOG;

  @Test
  void sql_isCompleteAtASemicolonOutsideQuotesAndComments() {
    assertTrue(ShellInput.isComplete("select 1;", SQL));
    assertTrue(ShellInput.isComplete("select 1;  \n", SQL));
    assertTrue(ShellInput.isComplete("select 1; -- done", SQL));
    assertTrue(ShellInput.isComplete("select 1; /* done */", SQL));
    assertTrue(ShellInput.isComplete("select ';' as \"a;b\";", SQL));
    assertTrue(ShellInput.isComplete("select 'it''s';", SQL));
    assertTrue(ShellInput.isComplete("", SQL), "nothing to wait for");
    assertFalse(ShellInput.isComplete("select 1", SQL));
    assertFalse(ShellInput.isComplete("select 1 -- ;", SQL));
    assertFalse(ShellInput.isComplete("select 1 /* ; */", SQL));
    assertFalse(ShellInput.isComplete("select ';", SQL));
    assertFalse(ShellInput.isComplete("select 'it'';", SQL));
    assertFalse(ShellInput.isComplete("select \"a;", SQL));
    assertFalse(ShellInput.isComplete("select 1; select 2", SQL));
    assertFalse(ShellInput.isComplete("select 1 /* ; ", SQL));
  }

  @Test
  void commands_areCompleteAtTheEndOfTheLine_exceptAnUnbalancedEdnArgument() {
    assertTrue(ShellInput.isComplete("!tables", SQL));
    assertTrue(ShellInput.isComplete("  \\?", DATALOG));
    assertTrue(ShellInput.isComplete("!describe customer", SQL), "no ; needed");
    assertTrue(ShellInput.isComplete("!q [:find ?e . :where [?e :db/ident]]", SQL));
    assertFalse(ShellInput.isComplete("!q [:find ?e . :where\n", SQL));
    assertFalse(ShellInput.isComplete("!tx [{:a/b \"x]\"}", SQL));
    assertTrue(ShellInput.isComplete("!pull [*] [:customer/id 1]", SQL));
  }

  @Test
  void edn_isCompleteWhenBracketsBalanceOutsideStringsCharactersAndComments() {
    assertTrue(ShellInput.isComplete("[:find ?e :where [?e :a/b]]", DATALOG));
    assertTrue(ShellInput.isComplete("{:find [?e] :where [[?e :a/b]]}", DATALOG));
    assertTrue(ShellInput.isComplete("[{:a/b \"]\"}]", DATALOG));
    assertTrue(ShellInput.isComplete("[{:a/b \"x\\\"]\"}]", DATALOG), "an escaped quote");
    assertTrue(ShellInput.isComplete("[\\[ \\]]", DATALOG), "character literals");
    assertTrue(ShellInput.isComplete("[:find ?e ; [\n :where [?e :a/b]]", DATALOG), "a comment");
    assertTrue(ShellInput.isComplete("[:a]]", DATALOG), "too many closers: the reader says what is wrong");
    assertFalse(ShellInput.isComplete("[:find ?e\n :where [?e :a/b]", DATALOG));
    assertFalse(ShellInput.isComplete("[{:a/b \"]}]", DATALOG));
    assertFalse(ShellInput.isComplete("; just a comment", DATALOG));
    assertFalse(ShellInput.isComplete("[:a] ; x\n[", DATALOG));
  }

  @Test
  void unfinished_saysWhatIsOpenAtTheEnd() {
    assertNull(ShellInput.unfinished("select 1", SQL), "SQL without its ; runs at the end");
    assertEquals("input ends inside a string literal opened at line 2, column 8",
        ShellInput.unfinished("select 1,\nselect 'abc", SQL));
    assertEquals("input ends inside a quoted name opened at line 1, column 10",
        ShellInput.unfinished("select 1 \"a", SQL));
    assertEquals("input ends inside a /* comment opened at line 1, column 10",
        ShellInput.unfinished("select 1 /* a", SQL));
    assertEquals("input ends with 2 unclosed brackets ((, [ or {)", ShellInput.unfinished("[:find ?e [", DATALOG));
    assertEquals("input ends inside a string opened at line 1, column 6", ShellInput.unfinished("[{:a \"b}]", DATALOG));
    assertEquals("input ends with 1 unclosed bracket ((, [ or {)", ShellInput.unfinished("!q [:find", SQL));
    assertNull(ShellInput.unfinished("!tables", SQL));
  }

  @Test
  void sqlStatements_splitAtSemicolonsOutsideQuotesAndComments() {
    assertEquals(List.of("select 1", "select ';' as \"x;\"", "select 2 -- a; b"),
        ShellInput.sqlStatements("select 1; select ';' as \"x;\"; ;\n select 2 -- a; b\n;"));
    assertEquals(List.of("select 1"), ShellInput.sqlStatements("select 1; -- the end\n"));
    assertEquals(List.of("select 1 /* ; */"), ShellInput.sqlStatements("select 1 /* ; */"));
    assertEquals(List.of(), ShellInput.sqlStatements(" ; /* */ ;"));
  }
}

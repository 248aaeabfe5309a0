package org.datolite.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputScannerTest {
  private static final Shell.Mode SQL = Shell.Mode.SQL;
  private static final Shell.Mode DATALOG = Shell.Mode.DATALOG;

  /** After each line, the scanner says what ShellInput says of the whole text so far. */
  private static void assertSameAsShellInput(String input, Shell.Mode mode) {
    InputScanner scanner = new InputScanner(mode);
    StringBuilder text = new StringBuilder();
    for (String line : input.split("\n", -1)) {
      text.append(line).append('\n');
      assertEquals(ShellInput.isComplete(text.toString(), mode), scanner.add(line), mode + ": " + text);
    }
    assertEquals(text.toString(), scanner.text());
    assertEquals(ShellInput.unfinished(text.toString(), mode), scanner.unfinished(), mode + ": " + text);
  }

  @Test
  void linesFedOneByOne_giveWhatShellInputGivesForTheWholeText() {
    List<String> inputs = List.of("select 1;", "select 1\n as x\n;", "select 'a;\nb';", "select 'it''\ns';",
        "select \"a\n;\" from t;", "select 1 -- ;\n;", "select 1 /* ;\n; */\n;", "select 1 /* ;\n", "select 'abc\nd",
        "select 1; select 2", "select 1;\n  ", "select '\\';\n';", "  !tables", "!describe customer;",
        "!q [:find ?e .\n :where [?e :db/ident]]", "!q   [:find ?e \"a\n]\"]", "!tx [{:a/b \"x]\"}", "!pull [*]\n[:a/b 1]",
        "\\q", "!q", "!q [:a \"b\\", "!q [:a \\\n]", "[:find ?e\n :where [?e :a/b]]", "[{:a/b \"]\n\"}]",
        "[:find ?e ; [\n :where [?e :a/b]]", "[\\[ \\]]", "; just a comment", "[:a] ; x\n[", "[{:a \"b}]",
        "[:a \"x\\\n\"]", "[:a]]", "[:find ?e [");
    for (String input : inputs) {
      assertSameAsShellInput(input, SQL);
      assertSameAsShellInput(input, DATALOG);
    }
  }

  @Test
  void aStatementOfManyLines_isScannedOnce_eachLineOnlyWhenItArrives() {
    int lines = 50_000;
    InputScanner scanner = new InputScanner(SQL);
    assertFalse(scanner.add("INSERT INTO t (id, s) VALUES"));
    long chars = "INSERT INTO t (id, s) VALUES\n".length();
    for (int i = 1; i < lines; i++) {
      String line = "  (" + i + ", 'it''s -- not a comment; " + i + "'),";
      long before = scanner.examined();
      assertFalse(scanner.add(line));
      assertEquals(line.length() + 1, scanner.examined() - before, "line " + i + " alone was scanned");
      chars += line.length() + 1;
    }
    assertTrue(scanner.add("  (0, 'end');"));
    chars += "  (0, 'end');\n".length();
    assertEquals(chars, scanner.examined(), "every character once");
    assertEquals(chars, scanner.text().length());
  }

  @Test
  void ednOfManyLines_isScannedOnce() {
    InputScanner scanner = new InputScanner(DATALOG);
    long chars = 0;
    assertFalse(scanner.add("["));
    chars += 2;
    for (int i = 0; i < 50_000; i++) {
      String line = " {:note/id " + i + " :note/text \"a ] \\\" ; b\"} ; a comment ]";
      assertFalse(scanner.add(line));
      chars += line.length() + 1;
    }
    assertTrue(scanner.add("]"));
    chars += 2;
    assertEquals(chars, scanner.examined(), "every character once");
  }
}

package org.datolite.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static String print(ResultTable table) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      table.print(out);
    }
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void alignsColumns_numbersRight_nullAsNULL_noTrailingBlanks() {
    ResultTable table = new ResultTable(List.of("ID", "NAME", "NOTE"), new boolean[] {true, false, false});
    table.add(List.of("1", "Ada", "first"));
    table.add(Arrays.asList("1000", null, null));
    assertEquals(" ID   | NAME | NOTE\n"
        + "------+------+-------\n"
        + "    1 | Ada  | first\n"
        + " 1000 | NULL | NULL\n", print(table));
  }

  @Test
  void lineBreaksAndTabsInAValue_printEscaped() {
    ResultTable table = new ResultTable(List.of("S"));
    table.add(List.of("a\nb\tc"));
    assertEquals(" S\n---------\n a\\nb\\tc\n", print(table));
  }

  @Test
  void emptyResult_printsTheHeader() {
    assertEquals(" A | B\n---+---\n", print(new ResultTable(List.of("A", "B"))));
  }

  @Test
  void rowOfTheWrongWidth_isRefused() {
    ResultTable table = new ResultTable(List.of("A", "B"));
    assertThrows(IllegalArgumentException.class, () -> table.add(List.of("1")));
  }
}

package org.datolite.cli.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table: a header, a rule, then the rows, columns separated by {@code |}, in the
 * manner of psql. Numeric columns are right-aligned, others left-aligned; a null cell prints as
 * {@code NULL}; line breaks and tabs inside a value print as {@code \n} and {@code \t}, so that
 * a row is one line. Trailing blanks are not printed.
 *
 * <pre>
 *  ID | NAME | EMAIL
 * ----+------+---------
 *   1 | Ada  | NULL
 *   2 | Bob  | b@x.org
 * </pre>
 */
public final class ResultTable {
  /** The text of a null cell. */
  public static final String NULL = "NULL";

  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * A table of these column labels.
   *
   * @param rightAligned which columns are numeric (right-aligned); null for none
   */
  public ResultTable(List<String> header, boolean[] rightAligned) {
    this.header = List.copyOf(header);
    this.rightAligned = rightAligned == null ? new boolean[header.size()] : rightAligned.clone();
    if (this.rightAligned.length != header.size()) {
      throw new IllegalArgumentException(header.size() + " columns but " + this.rightAligned.length + " alignments");
    }
  }

  /** A table of these column labels, every column left-aligned. */
  public ResultTable(List<String> header) {
    this(header, null);
  }

  /** Adds a row of cells, one per column, already as text; null is {@code NULL}. */
  public void add(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + header.size()
          + " columns");
    }
    String[] row = new String[cells.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = cell(cells.get(i));
    }
    rows.add(row);
  }

  /** The rows added so far. */
  public int size() {
    return rows.size();
  }

  /** Prints the header, the rule and every row. */
  public void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = cell(header.get(i)).length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    String[] labels = new String[header.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = cell(header.get(i));
    }
    out.println(line(labels, widths, true));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
    }
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths, false));
    }
  }

  private String line(String[] cells, int[] widths, boolean isHeader) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(i == 0 ? " " : " | ");
      String pad = " ".repeat(widths[i] - cells[i].length());
      if (rightAligned[i] && !isHeader) {
        b.append(pad).append(cells[i]);
      } else {
        b.append(cells[i]).append(pad);
      }
    }
    int end = b.length();
    while (end > 0 && b.charAt(end - 1) == ' ') {
      end--;
    }
    return b.substring(0, end);
  }

  private static String cell(String value) {
    if (value == null) {
      return NULL;
    }
    if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('\t') < 0) {
      return value;
    }
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}

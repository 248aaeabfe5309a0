package org.datolite.demo;

import java.util.ArrayList;
import java.util.List;

/** Rows as an aligned text table: a header, a rule, the rows; numbers right-aligned, null as {@code nullText}. */
final class DemoTable {
  private DemoTable() {}

  static List<String> render(List<String> header, List<List<Object>> rows, String nullText) {
    int[] width = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      width[i] = header.get(i).length();
      numeric[i] = !rows.isEmpty();
    }
    for (List<Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        Object v = row.get(i);
        String text = v == null ? nullText : v.toString();
        numeric[i] &= v == null || v instanceof Number;
        width[i] = Math.max(width[i], text.length());
        line.add(text);
      }
      cells.add(line);
    }
    List<String> out = new ArrayList<>();
    out.add(line(header, width, new boolean[width.length]));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.add(rule.toString());
    for (List<String> row : cells) {
      out.add(line(row, width, numeric));
    }
    return out;
  }

  private static String line(List<String> cells, int[] width, boolean[] right) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      b.append(i == 0 ? "" : " | ").append(right[i] ? pad + c : c + (i == width.length - 1 ? "" : pad));
    }
    return b.toString();
  }
}

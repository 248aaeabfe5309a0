package org.datolite.calcite.model;

import java.util.Locale;

/**
 * How Datolite names become SQL names: a keyword's namespace becomes a table, its name a column.
 * Letters are upper-cased and every character that cannot stand in an unquoted SQL identifier
 * ({@code -}, {@code .}, {@code ?}, {@code *}, …) becomes {@code _}; a name that would start with
 * a digit gets a leading {@code _}. So {@code :order.line/unit-price} is column
 * {@code UNIT_PRICE} of table {@code ORDER_LINE}, and unquoted SQL can name every table and
 * column.
 */
public final class SqlNames {
  private SqlNames() {}

  /** The SQL form of one part of a keyword (its namespace or its name). */
  public static String of(String part) {
    StringBuilder b = new StringBuilder(part.length() + 1);
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      b.append(Character.isLetterOrDigit(c) ? c : '_');
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
      b.insert(0, '_');
    }
    return b.toString().toUpperCase(Locale.ROOT);
  }
}

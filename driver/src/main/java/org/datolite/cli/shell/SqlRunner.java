package org.datolite.cli.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Runs one SQL statement on the shell's JDBC connection and prints its outcome: a result as a
 * {@link ResultTable} and {@code (N rows, 1.2 ms)}, at most {@link Shell#maxRows()} rows (reading
 * one more tells whether there are more), an update count as {@code (N rows affected, 1.2 ms)},
 * DDL as {@code OK}.
 */
final class SqlRunner {
  private final Connection conn;
  private final Shell shell;
  private volatile Statement running;

  SqlRunner(Connection conn, Shell shell) {
    this.conn = conn;
    this.shell = shell;
  }

  /** Runs a statement; returns whether it may have changed the schema (DDL), so names are read again. */
  boolean execute(String sql) throws SQLException {
    PrintWriter out = shell.out();
    long start = System.nanoTime();
    try (Statement statement = conn.createStatement()) {
      running = statement;
      int maxRows = shell.maxRows();
      statement.setLargeMaxRows(maxRows + 1L);
      boolean isResult = statement.execute(sql);
      boolean ddl = false;
      while (true) {
        if (isResult) {
          try (ResultSet rs = statement.getResultSet()) {
            print(rs, maxRows, start, out);
          }
        } else {
          long count = statement.getLargeUpdateCount();
          if (count < 0) {
            break;
          }
          ddl |= isDdl(sql);
          if (isDdl(sql)) {
            String took = shell.timingSuffix(start, "");
            out.println(took.isEmpty() ? "OK" : "OK (" + took + ")");
          } else {
            out.println("(" + count + (count == 1 ? " row" : " rows") + " affected" + shell.timingSuffix(start, ", ")
                + ")");
          }
        }
        isResult = statement.getMoreResults();
      }
      return ddl;
    } finally {
      running = null;
      out.flush();
    }
  }

  /** Cancels the statement that is running, if one is (Ctrl-C); returns whether one was. */
  boolean cancel() {
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException e) {
        shell.err().println(ShellErrors.line(e));
      }
    }
    return s != null;
  }

  private void print(ResultSet rs, int maxRows, long start, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> header = new ArrayList<>(n);
    boolean[] numeric = new boolean[n];
    for (int i = 1; i <= n; i++) {
      header.add(md.getColumnLabel(i));
      numeric[i - 1] = isNumeric(md.getColumnType(i));
    }
    ResultTable table = new ResultTable(header, numeric);
    boolean more = false;
    while (rs.next()) {
      if (table.size() == maxRows) {
        more = true;
        break;
      }
      List<String> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(text(rs.getObject(i)));
      }
      table.add(row);
    }
    table.print(out);
    int rows = table.size();
    String count = rows + (rows == 1 ? " row" : " rows");
    out.println(more ? "(first " + count + " shown; there are more: !maxrows N shows more" + shell.timingSuffix(start, "; ")
        + ")" : "(" + count + shell.timingSuffix(start, ", ") + ")");
  }

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }
    return value.toString();
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
          Types.DECIMAL, Types.NUMERIC -> true;
      default -> false;
    };
  }

  /** Whether a statement is DDL, by its first word (after comments). */
  static boolean isDdl(String sql) {
    String first = firstWord(sql);
    return switch (first) {
      case "CREATE", "ALTER", "DROP", "TRUNCATE" -> true;
      default -> false;
    };
  }

  private static String firstWord(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return sql.substring(i, end).toUpperCase(Locale.ROOT);
  }
}

package org.datolite.sqltests;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answer of one query, normalised so that two engines' answers compare by value: column
 * labels upper-cased, integers and decimals as {@link BigDecimal} (compared by value, so
 * {@code 2} equals {@code 2.00}), floating point as {@link Double} (equal within
 * {@value #RELATIVE_TOLERANCE} relative), timestamps as {@link LocalDateTime}, everything else
 * as {@code getObject} gives it, SQL NULL as {@code null}.
 *
 * @param labels the column labels, upper case
 * @param rows the rows in the order the result set gave them
 */
record QueryResult(List<String> labels, List<List<Object>> rows) {
  /** Doubles this close, relative to the larger, are equal. */
  static final double RELATIVE_TOLERANCE = 1e-9;

  /** Runs {@code sql} on {@code conn}, as a prepared statement with {@code params} bound by {@code setObject} if there are any, and reads the whole answer. */
  static QueryResult run(Connection conn, String sql, List<Object> params) throws SQLException {
    if (params.isEmpty()) {
      return run(conn, sql);
    }
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return read(rs);
      }
    }
  }

  /** Runs {@code sql} on {@code conn} and reads the whole answer. */
  static QueryResult run(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return read(rs);
    }
  }

  /** Reads the rest of {@code rs}, normalised. */
  static QueryResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> labels = new ArrayList<>(n);
    int[] types = new int[n];
    for (int i = 1; i <= n; i++) {
      labels.add(md.getColumnLabel(i).toUpperCase(Locale.ROOT));
      types[i - 1] = md.getColumnType(i);
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(value(rs, i, types[i - 1]));
      }
      rows.add(row);
    }
    return new QueryResult(labels, rows);
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    if (type == Types.TIMESTAMP) {
      LocalDateTime t;
      try {
        t = rs.getObject(i, LocalDateTime.class);
      } catch (SQLException e) {
        Timestamp ts = rs.getTimestamp(i);
        t = ts == null ? null : ts.toLocalDateTime();
      }
      return t;
    }
    return normalise(rs.getObject(i));
  }

  /** The comparable form of a value as {@code getObject} returned it. */
  static Object normalise(Object o) {
    if (o instanceof Double || o instanceof Float) {
      return ((Number) o).doubleValue();
    }
    if (o instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return BigDecimal.valueOf(((Number) o).longValue());
    }
    if (o instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (o instanceof Timestamp ts) {
      return ts.toLocalDateTime();
    }
    if (o instanceof OffsetDateTime odt) {
      return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    return o;
  }

  /** True when two normalised values are equal, doubles within the tolerance. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double || b instanceof Double) {
      if (!(a instanceof Number) || !(b instanceof Number)) {
        return false;
      }
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (Double.compare(x, y) == 0 || x == y) {
        return true;
      }
      return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return a.equals(b);
  }

  private static boolean sameRow(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * How {@code actual} differs from this, the expected answer, or null when it does not: same
   * labels, and the same rows in the same order ({@code ordered}) or as bags.
   */
  String difference(QueryResult actual, boolean ordered) {
    if (!labels.equals(actual.labels)) {
      return "column labels differ: expected " + labels + ", actual " + actual.labels;
    }
    if (ordered) {
      for (int i = 0; i < Math.max(rows.size(), actual.rows.size()); i++) {
        if (i >= rows.size() || i >= actual.rows.size() || !sameRow(rows.get(i), actual.rows.get(i))) {
          return "rows differ from row " + (i + 1) + " on (ordered comparison)\n"
              + sideBySide(rows, actual.rows);
        }
      }
      return null;
    }
    List<List<Object>> missing = new ArrayList<>();
    List<List<Object>> extra = new ArrayList<>(actual.rows);
    extra.sort(ROW_ORDER);
    for (List<Object> row : sorted(rows)) {
      int hit = -1;
      for (int j = 0; j < extra.size(); j++) {
        if (sameRow(row, extra.get(j))) {
          hit = j;
          break;
        }
      }
      if (hit < 0) {
        missing.add(row);
      } else {
        extra.remove(hit);
      }
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      return null;
    }
    return "bags differ (expected " + rows.size() + " rows, actual " + actual.rows.size() + ")\n"
        + "  only expected: " + render(missing) + "\n  only actual:   " + render(extra);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROW_ORDER);
    return copy;
  }

  /** Any total order of rows by their canonical text, so that equal rows meet early in the bag comparison. */
  private static final Comparator<List<Object>> ROW_ORDER = Comparator.comparing(QueryResult::key);

  private static String key(List<Object> row) {
    return row.stream().map(QueryResult::keyOf).collect(Collectors.joining("\u0001"));
  }

  private static String keyOf(Object v) {
    if (v == null) {
      return "\u0000";
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.8e", d);
    }
    if (v instanceof BigDecimal d) {
      return String.format(Locale.ROOT, "%.8e", d.doubleValue());
    }
    return String.valueOf(v);
  }

  private static String sideBySide(List<List<Object>> expected, List<List<Object>> actual) {
    StringBuilder sb = new StringBuilder();
    int n = Math.max(expected.size(), actual.size());
    for (int i = 0; i < Math.min(n, 40); i++) {
      String e = i < expected.size() ? renderRow(expected.get(i)) : "-";
      String a = i < actual.size() ? renderRow(actual.get(i)) : "-";
      sb.append(e.equals(a) ? "    " : "  ! ").append(e).append("   |   ").append(a).append('\n');
    }
    if (n > 40) {
      sb.append("  … ").append(n - 40).append(" more\n");
    }
    return sb.toString();
  }

  static String render(List<List<Object>> rows) {
    if (rows.size() > 20) {
      return rows.subList(0, 20).stream().map(QueryResult::renderRow).collect(Collectors.joining(", "))
          + " … and " + (rows.size() - 20) + " more";
    }
    return rows.stream().map(QueryResult::renderRow).collect(Collectors.joining(", ", "[", "]"));
  }

  static String renderRow(List<Object> row) {
    return row.stream().map(v -> v == null ? "NULL" : v instanceof BigDecimal d ? d.toPlainString()
            : v instanceof String s ? "'" + s + "'" : String.valueOf(v))
        .collect(Collectors.joining(" | ", "(", ")"));
  }

  @Override
  public String toString() {
    return labels + " " + render(rows);
  }
}

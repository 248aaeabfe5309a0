package org.datolite.cli.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.TxReport;
import org.datolite.edn.Edn;
import org.datolite.error.SqlState;
import org.datolite.value.Keyword;

/**
 * Runs EDN on the native connection: a query ({@code [:find …]} or {@code {:find …}}) on the
 * current {@code db()}, printed as a table with one column per find element, or transaction data
 * (any other vector) through {@code transact}, printed as the new basis t and the datoms added;
 * and {@code !pull}.
 */
final class DatalogRunner {
  private static final Keyword FIND = Keyword.of(":find");

  private final DatoliteConnection conn;
  private final Shell shell;
  /** The cancellation flag of the query that is running, or null. */
  private volatile AtomicBoolean running;

  DatalogRunner(DatoliteConnection conn, Shell shell) {
    this.conn = conn;
    this.shell = shell;
  }

  /** What a form is for. */
  enum Kind { QUERY, TRANSACTION, EITHER }

  /**
   * Runs each form of {@code text} in order; returns whether one of them transacted (so names are
   * read again).
   *
   * @param expected what the forms must be ({@code !q} takes queries, {@code !tx} transactions)
   */
  boolean run(String text, Kind expected) {
    List<Object> forms = Edn.readAll(text);
    if (forms.isEmpty() && expected == Kind.EITHER) {
      return false; // only comments
    }
    if (forms.isEmpty()) {
      throw new ShellException(SqlState.SYNTAX_ERROR, "no EDN form given; expected a query [:find …] or transaction"
          + " data [...]");
    }
    boolean transacted = false;
    for (Object form : forms) {
      boolean isQuery = isQuery(form);
      if (isQuery && expected != Kind.TRANSACTION) {
        query(form);
      } else if (!isQuery && form instanceof List<?> data && expected != Kind.QUERY) {
        transact(data);
        transacted = true;
      } else {
        String wanted = switch (expected) {
          case QUERY -> "a query: [:find …] or {:find …}";
          case TRANSACTION -> "transaction data: a vector of maps and lists such as [{:person/name \"Ada\"}]";
          default -> "a query ([:find …] or {:find …}) or transaction data (a vector of maps and lists)";
        };
        throw new ShellException(SqlState.SYNTAX_ERROR, "expected " + wanted + "; got " + describe(form));
      }
    }
    return transacted;
  }

  /** {@code !pull PATTERN EID}: the entity as one EDN map. */
  void pull(String arguments) {
    List<Object> forms = Edn.readAll(arguments);
    if (forms.size() != 2) {
      throw new ShellException(SqlState.SYNTAX_ERROR, "!pull expects a pull pattern and an entity (an id, ident or"
          + " lookup ref), such as !pull [*] [:customer/id 1]; got " + forms.size() + " form"
          + (forms.size() == 1 ? "" : "s"));
    }
    long start = System.nanoTime();
    Map<Object, Object> entity = conn.db().pull(Edn.write(forms.get(0)), forms.get(1));
    PrintWriter out = shell.out();
    if (entity == null) {
      out.println("(no entity " + Edn.describe(forms.get(1)) + shell.timingSuffix(start, ", ") + ")");
    } else {
      out.println(Edn.describe(entity));
      out.println("(1 entity" + shell.timingSuffix(start, ", ") + ")");
    }
  }

  /** Cancels the query that is running, if one is (Ctrl-C): it stops with 57014. Returns whether one was. */
  boolean cancel() {
    AtomicBoolean r = running;
    if (r != null) {
      r.set(true);
    }
    return r != null;
  }

  static boolean isQuery(Object form) {
    return form instanceof Map<?, ?> map && map.containsKey(FIND)
        || form instanceof List<?> list && !list.isEmpty() && FIND.equals(list.get(0));
  }

  private void query(Object form) {
    FindSpec spec = FindSpec.of(form);
    long start = System.nanoTime();
    AtomicBoolean cancelled = new AtomicBoolean();
    running = cancelled;
    Object result;
    try {
      result = Datolite.q(conn.queryLimits().withCancellation(cancelled::get), Edn.write(form), conn.db());
    } finally {
      running = null;
    }
    List<List<Object>> rows = spec.rows(result);
    if (spec.kind() == FindSpec.Kind.RELATION || spec.kind() == FindSpec.Kind.COLLECTION) {
      rows.sort(ROW_ORDER); // a set has no order of its own: sorted, the same answer prints the same
    }
    int maxRows = shell.maxRows();
    List<String> header = spec.columns();
    boolean[] numeric = new boolean[header.size()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = !rows.isEmpty();
      for (List<Object> row : rows) {
        numeric[i] &= row.get(i) == null || row.get(i) instanceof Number;
      }
    }
    ResultTable table = new ResultTable(header, numeric);
    for (List<Object> row : rows.subList(0, Math.min(rows.size(), maxRows))) {
      List<String> cells = new ArrayList<>(row.size());
      for (Object value : row) {
        cells.add(text(value));
      }
      table.add(cells);
    }
    PrintWriter out = shell.out();
    table.print(out);
    String count = rows.size() + (rows.size() == 1 ? " row" : " rows");
    out.println(rows.size() > maxRows ? "(first " + maxRows + " of " + count + " shown: !maxrows N shows more"
        + shell.timingSuffix(start, "; ") + ")" : "(" + count + shell.timingSuffix(start, ", ") + ")");
  }

  private void transact(List<?> data) {
    long start = System.nanoTime();
    TxReport report = conn.transact(data);
    PrintWriter out = shell.out();
    if (!report.tempids().isEmpty()) {
      out.println("tempids: " + Edn.describe(report.tempids()));
    }
    int datoms = report.txData().size();
    out.println("(transaction t " + report.t() + ", " + datoms + (datoms == 1 ? " datom" : " datoms")
        + shell.timingSuffix(start, ", ") + ")");
  }

  /** A value in a table cell: strings as they are, keywords and numbers as printed, the rest as EDN. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Keyword) {
      return value.toString();
    }
    return Edn.describe(value);
  }

  private static String describe(Object form) {
    String text = Edn.describe(form);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  private static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? b == null ? 0 : 1 : -1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return String.valueOf(text(a)).compareTo(String.valueOf(text(b)));
  }
}

package org.datolite.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datolite.Database;
import org.datolite.calcite.write.SqlWrite;
import org.datolite.calcite.write.TxData;

/**
 * Runs a statement's batch ({@code executeBatch}). A batch of writes that read nothing (INSERTs of
 * values and parameters, the usual bulk load) is planned entry by entry on one database value and
 * applied as one transaction: one round trip to the transactor for the whole batch. A batch with
 * an entry that reads (an UPDATE, a DELETE, an INSERT … SELECT) runs entry by entry, so that each
 * sees the ones before it: each its own transaction with autocommit on, or added to the open one.
 *
 * <p>A failing entry stops the batch with a {@link BatchUpdateException} whose counts are those of
 * the entries before it. A batch applied as one transaction stores nothing then: the transactor
 * refused the whole transaction (its entry is found by applying the entries speculatively one
 * by one, to name it and give its error).
 */
final class Batches {
  private Batches() {}

  /** The entries of a batch. */
  interface Entries {
    /** Entry {@code k}'s prepared write. */
    SqlWrite write(int k) throws SQLException;

    /** Entry {@code k} planned on the connection's value now. */
    JdbcStatement.Written plan(int k) throws SQLException;
  }

  /** Each entry's update count, and the keys of the rows the batch inserted (when asked for). */
  record Outcome(long[] counts, JdbcResultSet keys) {}

  static Outcome run(JdbcConnection connection, int n, Entries entries, GeneratedKeys wanted) throws SQLException {
    if (wanted.wanted()) {
      wanted.positions(entries.write(0).table()); // a key column that does not exist fails first
    }
    boolean reads = false;
    for (int k = 0; k < n && !reads; k++) {
      reads = entries.write(k).source() != null; // its rows come from a query
    }
    return reads ? oneByOne(connection, n, entries, wanted) : together(connection, n, entries, wanted);
  }

  private static Outcome oneByOne(JdbcConnection connection, int n, Entries entries, GeneratedKeys wanted)
      throws SQLException {
    long[] counts = new long[n];
    List<TxData> data = new ArrayList<>();
    List<List<Long>> ids = new ArrayList<>();
    JdbcStatement.Written last = null;
    for (int k = 0; k < n; k++) {
      try {
        last = entries.plan(k);
        ids.add(connection.write(last.data(), last.checks(), last.deferred() ? last.write().table() : null));
      } catch (SQLException e) {
        throw failed(e, Arrays.copyOf(counts, k), k);
      }
      data.add(last.data());
      counts[k] = last.data().count();
    }
    return new Outcome(counts, keys(wanted, data, ids, last));
  }

  private static Outcome together(JdbcConnection connection, int n, Entries entries, GeneratedKeys wanted)
      throws SQLException {
    long[] counts = new long[n];
    List<TxData> data = new ArrayList<>(n);
    JdbcStatement.Written last = null;
    boolean deferred = true;
    for (int k = 0; k < n; k++) {
      try {
        last = entries.plan(k);
      } catch (SQLException e) {
        throw failed(e, Arrays.copyOf(counts, k), k);
      }
      deferred &= last.deferred();
      data.add(last.data());
      counts[k] = last.data().count();
    }
    List<Object> forms = new ArrayList<>();
    List<Object> newRows = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    int total = 0;
    for (TxData d : data) {
      forms.addAll(d.forms());
      newRows.addAll(d.newRows());
      rows.addAll(d.rows());
      total += d.count();
    }
    List<Long> all;
    try {
      all = connection.write(new TxData(forms, total, newRows, rows), List.of(), deferred ? last.write().table() : null);
    } catch (SQLException e) {
      int k = failingEntry(connection, data);
      throw failed(e, Arrays.copyOf(counts, k), k);
    }
    List<List<Long>> ids = new ArrayList<>(n);
    int at = 0;
    for (TxData d : data) {
      int m = d.newRows().size();
      ids.add(all.isEmpty() ? List.of() : all.subList(at, at + m));
      at += m;
    }
    return new Outcome(counts, keys(wanted, data, ids, last));
  }

  /**
   * The entry that made a batch's transaction fail: the first whose data, applied speculatively
   * after the entries before it, is refused; 0 when none is (the database changed meanwhile).
   */
  private static int failingEntry(JdbcConnection connection, List<TxData> data) {
    try {
      Database db = connection.database();
      for (int k = 0; k < data.size(); k++) {
        try {
          db = db.with(data.get(k).forms()).dbAfter();
        } catch (RuntimeException e) {
          return k;
        }
      }
    } catch (SQLException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static BatchUpdateException failed(SQLException e, long[] counts, int entry) {
    return new BatchUpdateException("batch entry " + (entry + 1) + " failed: " + e.getMessage(), e.getSQLState(),
        e.getErrorCode(), counts, e);
  }

  private static JdbcResultSet keys(GeneratedKeys wanted, List<TxData> data, List<List<Long>> ids,
      JdbcStatement.Written last) throws SQLException {
    if (!wanted.wanted() || last == null) {
      return null;
    }
    return wanted.resultSet(last.write().table(), data, ids, last.db());
  }
}

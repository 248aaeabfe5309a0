package org.datolite.cli.importer;

import org.datolite.cli.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the rows of one source table into its Datolite table, in batches of {@code batch} rows,
 * each committed as it is written.
 *
 * <p>A table with a primary key is synchronised by key: the target's rows are read first (held
 * in memory, by key), then each source row is inserted when its key is new, updated when the
 * target has other values under its key, and left alone when it has the same ones; rows the
 * target has and the source does not stay. A table without a primary key is copied only into an
 * empty target table (emptied again if its copy fails part-way); otherwise it is skipped whole,
 * as nothing tells its rows apart.
 *
 * <p>Deferred columns (self-references and references that close a cycle) are left out of the
 * row; {@link #link} writes them once every table's rows exist.
 */
public final class TableCopy {
  private static final Logger LOG = LoggerFactory.getLogger(TableCopy.class);

  private final SourceSchema source;
  private final Connection target;
  private final int batch;
  private final Progress progress;

  public TableCopy(SourceSchema source, Connection target, int batch, Progress progress) {
    this.source = source;
    this.target = target;
    this.batch = batch;
    this.progress = progress;
  }

  /** The deferred values of one table still to write: key values then deferred values, per row. */
  public record Links(TablePlan table, List<Object[]> rows) {}

  /** Copies the table's rows; the deferred values to write later go to {@code links}. */
  public TableResult copy(TablePlan p, List<Links> links) throws SQLException {
    long start = System.nanoTime();
    if (!p.source().hasPrimaryKey()) {
      return copyKeyless(p, start);
    }
    List<PlannedColumn> key = p.keyColumns();
    List<PlannedColumn> row = p.rowColumns();
    List<PlannedColumn> deferred = p.deferredColumns();
    List<PlannedColumn> all = concat(row, deferred);
    Map<List<Object>, List<Object>> existing = targetRows(p, key.size(), all);
    List<PlannedColumn> rest = row.subList(key.size(), row.size());
    List<Object[]> pendingLinks = new ArrayList<>();
    long read = 0;
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    KeyCollisions collisions = KeyCollisions.of(p);
    try (Writer inserts = new Writer(p, insertSql(p, row), row);
         Writer updates = new Writer(p, updateSql(p, rest, key), concat(rest, key));
         Progress.Bar bar = progress.start(p.targetName(), progressTotal(p));
         Statement st = sourceStatement();
         ResultSet rs = st.executeQuery(selectSql(p, all))) {
      while (rs.next()) {
        Object[] values = readRow(p, rs, all);
        read++;
        List<Object> k = Arrays.asList(values).subList(0, key.size());
        if (collisions != null) {
          collisions.check(k, rs);
        }
        List<Object> has = existing.get(k);
        List<Object> v = Arrays.asList(values);
        if (has == null) {
          inserts.add(v.subList(0, row.size()).toArray());
          inserted++;
          if (v.subList(row.size(), all.size()).stream().anyMatch(x -> x != null)) {
            pendingLinks.add(link(values, key.size(), row.size()));
          }
        } else {
          boolean rowChanged = !has.subList(key.size(), row.size()).equals(v.subList(key.size(), row.size()));
          boolean linkChanged = !has.subList(row.size(), all.size()).equals(v.subList(row.size(), all.size()));
          if (rowChanged) {
            Object[] u = concat(v.subList(key.size(), row.size()), k).toArray();
            updates.add(u);
          }
          if (linkChanged) {
            pendingLinks.add(link(values, key.size(), row.size()));
          }
          if (rowChanged || linkChanged) {
            updated++;
          } else {
            unchanged++;
          }
        }
        bar.step();
      }
      inserts.flush();
      updates.flush();
    }
    if (!pendingLinks.isEmpty()) {
      links.add(new Links(p, pendingLinks));
    }
    return new TableResult(p.targetName(), read, inserted, updated, unchanged, 0, System.nanoTime() - start, null);
  }

  /** Writes the deferred values of one table, by key, once every table's rows are in. */
  public void link(Links l) throws SQLException {
    TablePlan p = l.table();
    List<PlannedColumn> key = p.keyColumns();
    List<PlannedColumn> deferred = p.deferredColumns();
    try (Writer updates = new Writer(p, updateSql(p, deferred, key), concat(deferred, key));
         Progress.Bar bar = progress.start(p.targetName() + " references", l.rows().size())) {
      for (Object[] r : l.rows()) {
        updates.add(r);
        bar.step();
      }
      updates.flush();
    }
  }

  /**
   * Copies a table without a primary key into an empty target table; when the copy fails after
   * some batches were committed, it empties the table again, so that the next run copies it whole.
   */
  private TableResult copyKeyless(TablePlan p, long start) throws SQLException {
    List<PlannedColumn> all = p.columns();
    if (p.exists() && targetCount(p) > 0) {
      long rows = sourceCount(p);
      String note = "no primary key, and the target table has rows: skipped (if an import was stopped while copying"
          + " it, empty it with TRUNCATE TABLE " + p.targetName() + " in datolite shell, then run again)";
      LOG.info("{}: {}", p.targetName(), note);
      return new TableResult(p.targetName(), rows, 0, 0, 0, rows, System.nanoTime() - start, note);
    }
    long read = 0;
    try (Writer inserts = new Writer(p, insertSql(p, all), all);
         Progress.Bar bar = progress.start(p.targetName(), progressTotal(p));
         Statement st = sourceStatement();
         ResultSet rs = st.executeQuery(selectSql(p, all))) {
      try {
        while (rs.next()) {
          Object[] values = readRow(p, rs, all);
          inserts.add(values);
          read++;
          bar.step();
        }
        inserts.flush();
      } catch (RuntimeException | SQLException e) {
        if (inserts.committed == 0) {
          throw e;
        }
        throw emptied(p, inserts.committed, e);
      }
    }
    return new TableResult(p.targetName(), read, read, 0, 0, 0, System.nanoTime() - start, null);
  }

  /**
   * Empties a keyless target table (it was empty when its copy started) after its copy failed
   * part-way, and the failure to report, saying so.
   */
  private ImportException emptied(TablePlan p, long committed, Exception e) {
    String message = e instanceof ImportException ? e.getMessage() : "table " + p.targetName() + ": " + e.getMessage();
    try (Statement st = target.createStatement()) {
      target.rollback();
      st.execute("TRUNCATE TABLE " + TargetSchema.quote(p.targetName()));
      target.commit();
      return new ImportException(message + "; the table has no primary key, so the " + committed + " rows this run"
          + " had written to it were removed again (it is empty; fix the cause and run again)", e);
    } catch (SQLException t) {
      e.addSuppressed(t);
      return new ImportException(message + "; removing the " + committed + " rows this run had written to it failed"
          + " too (" + t.getMessage() + "): empty it with TRUNCATE TABLE " + p.targetName() + " in datolite shell"
          + " before running again", e);
    }
  }

  /** The deferred values of a row, after its key: what {@link #link} binds (values, then key). */
  private static Object[] link(Object[] values, int keySize, int rowSize) {
    Object[] out = new Object[values.length - rowSize + keySize];
    System.arraycopy(values, rowSize, out, 0, values.length - rowSize);
    System.arraycopy(values, 0, out, values.length - rowSize, keySize);
    return out;
  }

  /** The target's rows by key: each the values of {@code all} (key first), as the source reads them. */
  private Map<List<Object>, List<Object>> targetRows(TablePlan p, int keySize, List<PlannedColumn> all)
      throws SQLException {
    Map<List<Object>, List<Object>> rows = new HashMap<>();
    if (!p.exists()) {
      return rows;
    }
    String sql = "SELECT " + columnList(all) + " FROM " + TargetSchema.quote(p.targetName());
    try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        Object[] values = new Object[all.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = all.get(i).type().readTarget(rs, i + 1);
        }
        List<Object> v = Arrays.asList(values);
        rows.put(v.subList(0, keySize), v);
      }
    }
    target.commit();
    return rows;
  }

  private long targetCount(TablePlan p) throws SQLException {
    try (Statement st = target.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + TargetSchema.quote(p.targetName()))) {
      rs.next();
      long n = rs.getLong(1);
      target.commit();
      return n;
    }
  }

  private long sourceCount(TablePlan p) throws SQLException {
    try (Statement st = source.connection().createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + source.quoted(p.source()))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The row count for the progress bar, counted only when a bar is drawn. */
  private long progressTotal(TablePlan p) throws SQLException {
    return progress.draws() ? sourceCount(p) : -1;
  }

  private Statement sourceStatement() throws SQLException {
    Statement st = source.connection().createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    st.setFetchSize(Math.min(batch, 10_000)); // PostgreSQL streams with a cursor (auto-commit is off)
    return st;
  }

  private String selectSql(TablePlan p, List<PlannedColumn> cols) throws SQLException {
    List<String> names = new ArrayList<>();
    for (PlannedColumn c : cols) {
      names.add(source.quoted(c.source().name()));
    }
    return "SELECT " + String.join(", ", names) + " FROM " + source.quoted(p.source());
  }

  private static String insertSql(TablePlan p, List<PlannedColumn> cols) {
    return "INSERT INTO " + TargetSchema.quote(p.targetName()) + " (" + columnList(cols) + ") VALUES ("
        + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
  }

  private static String updateSql(TablePlan p, List<PlannedColumn> set, List<PlannedColumn> key) {
    if (set.isEmpty()) {
      return null;
    }
    return "UPDATE " + TargetSchema.quote(p.targetName()) + " SET "
        + set.stream().map(c -> TargetSchema.quote(c.targetName()) + " = ?").collect(Collectors.joining(", "))
        + " WHERE " + key.stream().map(c -> TargetSchema.quote(c.targetName()) + " = ?")
            .collect(Collectors.joining(" AND "));
  }

  private static String columnList(List<PlannedColumn> cols) {
    return cols.stream().map(c -> TargetSchema.quote(c.targetName())).collect(Collectors.joining(", "));
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * A prepared statement of the target run in batches: every {@code batch} rows it executes the
   * batch and commits, so a failure loses only the batch under way.
   */
  private final class Writer implements AutoCloseable {
    private final TablePlan table;
    private final String sql;
    private final List<PlannedColumn> params;
    private PreparedStatement ps;
    private int pending;
    private long committed;

    Writer(TablePlan table, String sql, List<PlannedColumn> params) {
      this.table = table;
      this.sql = sql;
      this.params = params;
    }

    void add(Object[] values) throws SQLException {
      if (ps == null) {
        ps = target.prepareStatement(sql);
      }
      for (int i = 0; i < values.length; i++) {
        params.get(i).type().bind(ps, i + 1, values[i]);
      }
      ps.addBatch();
      if (++pending >= batch) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (pending == 0) {
        return;
      }
      try {
        ps.executeBatch();
        target.commit();
      } catch (SQLException e) {
        try {
          target.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw new ImportException("table " + table.targetName() + ": a batch of " + pending + " rows failed and"
            + " was not written (" + committed + " rows of this statement were committed before it): "
            + e.getMessage(), e);
      }
      committed += pending;
      pending = 0;
    }

    @Override
    public void close() throws SQLException {
      if (ps != null) {
        ps.close();
      }
    }
  }

  /**
   * The current source row's values of these columns, as the target takes them.
   *
   * @throws ImportException naming the table, column and value when a timestamp is beyond what
   *     Datolite stores (PostgreSQL's {@code infinity})
   */
  private static Object[] readRow(TablePlan p, ResultSet rs, List<PlannedColumn> columns) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = columns.get(i).type().readSource(rs, i + 1);
      } catch (ArithmeticException | DateTimeException e) {
        throw new ImportException("table " + p.targetName() + ": column " + columns.get(i).targetName() + ": "
            + rs.getString(i + 1) + " cannot be stored: Datolite timestamps are milliseconds since 1970, within"
            + " about 292 million years of it", e);
      }
    }
    return values;
  }
}

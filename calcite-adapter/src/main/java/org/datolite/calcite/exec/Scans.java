package org.datolite.calcite.exec;

import com.google.common.collect.Iterators;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.datolite.DatoliteException;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.DatomsTableModel;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.HistoryTableModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.storage.db.Db;

/**
 * The entry point generated code calls to run a scan: the rows of a {@link ScanSpec} over the
 * statement's database value, checking the statement's timeout and cancellation every
 * {@value #CHECK_EVERY} rows.
 */
public final class Scans {
  /** Rows between two looks at the statement's timeout and cancellation. */
  static final int CHECK_EVERY = 256;

  private Scans() {}

  /** The rows of a scan (each an {@code Object[]}, or its one value when the spec is scalar). */
  public static Enumerable<Object> scan(DataContext root, ScanSpec spec) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        SqlExecution x = SqlExecution.of(root);
        x.checkCancelled();
        return new RowEnumerator(rows(x, root, spec), spec.scalar(), x);
      }
    };
  }

  static Iterator<Object[]> rows(SqlExecution x, DataContext root, ScanSpec spec) {
    Db db = spec.asOf() == null ? x.db() : spec.asOf().apply(x.db(), x.schema(), root);
    ScanFilter f = spec.filter();
    if (spec.table() instanceof EntityTableModel t && !db.isHistory()) {
      // applies the filter itself: a looked-up row's filter columns are read first
      return new EntityRows(db, x.schema(), t, spec.columns(), f, x.readLog()).rows(spec.access(), root);
    }
    ReadLog log = x.readLog();
    if (log != null) {
      if (spec.table() instanceof ChildTableModel t) {
        List<Attribute> read = new ArrayList<>(t.ownerMembers());
        read.add(t.attribute());
        log.attributes(read);
      } else {
        log.everything(); // history, raw datoms, transactions
      }
    }
    Iterator<Object[]> rows = unfiltered(db, x, root, spec);
    return f == null ? rows : Iterators.filter(rows, r -> f.test().accepts(r, root));
  }

  private static Iterator<Object[]> unfiltered(Db db, SqlExecution x, DataContext root, ScanSpec spec) {
    if (spec.table() instanceof EntityTableModel t) { // read as of a history value
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "table " + t.name()
          + " reads current values, not history; with history=true read HISTORY." + t.name()
          + " (or DATOMS.EAVT and its siblings), whose rows carry TX and ADDED");
    }
    if (spec.table() instanceof ChildTableModel t) {
      if (db.isHistory()) {
        throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "table " + t.name()
            + " reads current values, not history; with history=true read HISTORY." + t.owner()
            + " (or DATOMS.EAVT and its siblings)");
      }
      return ChildRows.rows(db, x.schema(), t, spec.columns(), spec.access(), root);
    }
    if (spec.table() instanceof HistoryTableModel t) {
      return HistoryRows.rows(db.history(), x.schema(), t, spec.columns(), spec.access(), root);
    }
    if (spec.table() instanceof DatomsTableModel t) {
      return DatomRows.datoms(db, x.schema(), t.index(), t, spec.columns());
    }
    return DatomRows.transactions(db, spec.table(), spec.columns());
  }

  /**
   * The number of rows of a whole entity or child table in the statement's value (or at {@code
   * asOf}): from index counts, building no rows.
   */
  public static Enumerable<Object> count(DataContext root, TableModel table, AsOf asOf) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        SqlExecution x = SqlExecution.of(root);
        x.checkCancelled();
        Db db = asOf == null ? x.db() : asOf.apply(x.db(), x.schema(), root);
        if (db.isHistory()) {
          throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "table " + table.name()
              + " reads current values, not history; with history=true read the HISTORY tables or DATOMS.EAVT");
        }
        if (x.readLog() != null) {
          x.readLog().attributes(table instanceof ChildTableModel c ? List.of(c.attribute())
              : ((EntityTableModel) table).members());
        }
        long n = table instanceof ChildTableModel c ? Scans.count(db, c.attribute().id())
            : EntityRows.count(db, (EntityTableModel) table, x);
        return Linq4j.singletonEnumerator(n);
      }
    };
  }

  /** The datoms of one attribute (AEVT). */
  static long count(Db db, long attribute) {
    return db.count(Index.AEVT, Index.AEVT.lowerBound(attribute), true, Index.AEVT.upperBound(attribute), true);
  }

  private static final class RowEnumerator implements Enumerator<Object> {
    private final Iterator<Object[]> rows;
    private final boolean scalar;
    private final SqlExecution execution;
    private Object current;
    private int sinceCheck;

    RowEnumerator(Iterator<Object[]> rows, boolean scalar, SqlExecution execution) {
      this.rows = rows;
      this.scalar = scalar;
      this.execution = execution;
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (++sinceCheck >= CHECK_EVERY) {
        sinceCheck = 0;
        execution.checkCancelled();
      }
      if (!rows.hasNext()) {
        return false;
      }
      Object[] row = rows.next();
      current = scalar ? row[0] : row;
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a scan runs once");
    }

    @Override
    public void close() {
      // nothing held: the rows read an immutable value
    }
  }
}

package org.datolite.calcite.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * The entry point generated code calls to run a lookup join: the outer rows are read in batches,
 * and each batch's distinct keys become one index lookup of the inner table (by id in EAVT, by
 * value in AVET), so a join along a ref reads only the inner rows it needs, never the whole
 * table. Rows come out in the outer order, each followed by its matches.
 */
public final class LookupJoins {
  /** Outer rows read before their keys are looked up together. */
  static final int BATCH = 1024;

  private LookupJoins() {}

  /**
   * The joined rows (outer columns then inner; the outer row alone for SEMI and ANTI), each an
   * {@code Object[]}, or its one value when {@code scalar} (Calcite's form of a one-column row).
   */
  public static Enumerable<Object> join(DataContext root, Enumerable<Object[]> left, LookupSpec spec,
      boolean scalar) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new Joiner(root, left.enumerator(), spec, scalar);
      }
    };
  }

  /**
   * A key as the join compares it: integral numbers as longs, decimals without trailing zeros, so
   * that equal SQL values meet whatever Java type carries them; null never matches.
   */
  static Object key(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    return v;
  }

  private static final class Joiner implements Enumerator<Object> {
    private final DataContext root;
    private final Enumerator<Object[]> left;
    private final LookupSpec spec;
    private final SqlExecution execution;
    private final boolean byId;
    private final List<Object[]> batch = new ArrayList<>(BATCH);
    private final Map<Object, List<Object[]>> matches = new HashMap<>();
    private boolean leftDone;
    private int at;
    private Object[] outer;
    private List<Object[]> outerMatches;
    private int matchAt;
    private final boolean scalar;
    private Object current;

    Joiner(DataContext root, Enumerator<Object[]> left, LookupSpec spec, boolean scalar) {
      this.root = root;
      this.scalar = scalar;
      this.left = left;
      this.spec = spec;
      this.execution = SqlExecution.of(root);
      this.byId = spec.byId();
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      while (true) {
        if (outer != null) {
          Object[] row = emit();
          if (row != null) {
            current = scalar ? row[0] : row;
            return true;
          }
          outer = null;
        }
        if (at == batch.size() && !nextBatch()) {
          return false;
        }
        outer = batch.get(at++);
        Object k = key(outer[spec.leftKey()]);
        outerMatches = k == null ? List.of() : matches.getOrDefault(k, List.of());
        matchAt = 0;
      }
    }

    /** The next row for the current outer row, or null when it has no more. */
    private Object[] emit() {
      switch (spec.joinType()) {
        case SEMI, ANTI -> {
          boolean wanted = outerMatches.isEmpty() == (spec.joinType() == JoinRelType.ANTI);
          if (matchAt++ == 0 && wanted) {
            return outer;
          }
          return null;
        }
        case LEFT -> {
          if (outerMatches.isEmpty()) {
            return matchAt++ == 0 ? concat(outer, null) : null;
          }
          return matchAt < outerMatches.size() ? concat(outer, outerMatches.get(matchAt++)) : null;
        }
        default -> {
          return matchAt < outerMatches.size() ? concat(outer, outerMatches.get(matchAt++)) : null;
        }
      }
    }

    private Object[] concat(Object[] l, Object[] r) {
      Object[] row = new Object[l.length + spec.rightWidth()];
      System.arraycopy(l, 0, row, 0, l.length);
      if (r != null) {
        System.arraycopy(r, 0, row, l.length, r.length);
      }
      return row;
    }

    /** Reads the next batch of outer rows and looks their keys up; false at the end. */
    private boolean nextBatch() {
      batch.clear();
      matches.clear();
      at = 0;
      while (!leftDone && batch.size() < BATCH) {
        if (left.moveNext()) {
          batch.add(left.current());
        } else {
          leftDone = true;
        }
      }
      if (batch.isEmpty()) {
        return false;
      }
      execution.checkCancelled();
      List<Operand> keys = new ArrayList<>();
      for (Object[] row : batch) {
        Object k = key(row[spec.leftKey()]);
        if (k != null && matches.putIfAbsent(k, new ArrayList<>(1)) == null) {
          keys.add(Operand.literal(row[spec.leftKey()]));
        }
      }
      if (keys.isEmpty()) {
        return true;
      }
      Access access = byId ? new Access.Ids(keys) : new Access.Equal(spec.rightKeyColumn(), keys);
      ScanSpec s = spec.right();
      Iterator<Object[]> found = Scans.rows(execution, root,
          new ScanSpec(s.table(), s.columns(), access, false, s.asOf()));
      while (found.hasNext()) {
        Object[] r = found.next();
        List<Object[]> m = matches.get(key(r[spec.rightKey()]));
        if (m != null) { // the lookup finds only what can match; the key decides
          m.add(r);
        }
      }
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a lookup join runs once");
    }

    @Override
    public void close() {
      left.close();
    }
  }
}

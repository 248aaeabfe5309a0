package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datolite.value.Values;

/**
 * Bindings of some variables: a set of rows, each holding one value per variable, in the order of
 * {@link #vars}. Rows are compared by value ({@link Values#equals}), so byte arrays and tuples
 * deduplicate by content.
 */
final class Relation {
  final List<Term.Var> vars;
  final List<Object[]> rows;
  /** Whether the rows are known to be distinct (no need to deduplicate them again). */
  final boolean distinct;

  Relation(List<Term.Var> vars, List<Object[]> rows) {
    this(vars, rows, false);
  }

  Relation(List<Term.Var> vars, List<Object[]> rows, boolean distinct) {
    this.vars = List.copyOf(vars);
    this.rows = rows;
    this.distinct = distinct;
  }

  /** The relation with one empty row: the identity of joins. */
  static Relation unit() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[0]);
    return new Relation(List.of(), rows, true);
  }

  int index(Term.Var v) {
    return vars.indexOf(v);
  }

  boolean binds(Term.Var v) {
    return vars.contains(v);
  }

  /** The rows projected on {@code keep}, without duplicates. */
  Relation project(List<Term.Var> keep) {
    if (distinct && keep.equals(vars)) {
      return this;
    }
    int[] at = new int[keep.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = index(keep.get(i));
    }
    Set<Row> seen = new LinkedHashSet<>();
    for (Object[] r : rows) {
      Object[] out = new Object[at.length];
      for (int i = 0; i < at.length; i++) {
        out[i] = r[at[i]];
      }
      seen.add(new Row(out));
    }
    List<Object[]> out = new ArrayList<>(seen.size());
    for (Row r : seen) {
      out.add(r.values);
    }
    return new Relation(keep, out, true);
  }

  /** A row as a hash key by value. */
  static final class Row {
    final Object[] values;
    private final int hash;

    Row(Object[] values) {
      this.values = values;
      int h = 1;
      for (Object v : values) {
        h = 31 * h + Values.hash(v);
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Row r) || r.values.length != values.length) {
        return false;
      }
      for (int i = 0; i < values.length; i++) {
        if (!Values.equals(values[i], r.values[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return Arrays.toString(values);
    }
  }

  // ---- helpers of the parts that build relations -----------------------------------------------

  /** Variables for the columns of a positional relation (a rule's): {@code ?%0}, {@code ?%1}, … */
  static List<Term.Var> positional(int arity) {
    List<Term.Var> vars = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      vars.add(new Term.Var("?%" + i));
    }
    return vars;
  }

  /** Those of {@code vars} that {@code rel} binds, each once, in order. */
  static List<Term.Var> shared(Collection<Term.Var> vars, Relation rel) {
    List<Term.Var> out = new ArrayList<>();
    for (Term.Var v : vars) {
      if (rel.binds(v) && !out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /** The columns of {@code vars} in {@code rel}. */
  static int[] positions(Relation rel, List<Term.Var> vars) {
    int[] at = new int[vars.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = rel.index(vars.get(i));
    }
    return at;
  }

  /** The values of a row at some columns. */
  static Object[] pick(Object[] row, int[] at) {
    Object[] out = new Object[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = row[at[i]];
    }
    return out;
  }
}

package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * Values bound to variables: the four binding forms of {@code :in} and of function results
 * ({@code ?x}, {@code [?a ?b]}, {@code [?x ...]}, {@code [[?a ?b]]}), the natural join that adds
 * them to the bindings so far, and the scalar inputs written into the clauses as constants.
 *
 * <p>Values are taken as the caller gives them, but for one normalisation ({@link #normalize}):
 * Java's {@code int} becomes a {@code long}, as EDN reads integers. That is narrower than
 * {@link org.datolite.schema.Resolver#normalize}, which the index API applies to the values it is
 * given (also {@code short} and {@code byte}): a {@code short} input of a query keeps its type,
 * and (like any value of another type than the attribute's) matches nothing or fails where a
 * pattern's constant must have the attribute's type. The difference is kept as it was.
 */
final class Bindings {
  private Bindings() {}

  /** A query input or constant as the engine compares it: an {@code Integer} as a {@code Long}. */
  static Object normalize(Object v) {
    return v instanceof Integer i ? (Object) (long) i : v;
  }

  /** The terms of a binding form, in order (blanks included). */
  static List<Term> terms(Binding b) {
    if (b instanceof Binding.Scalar s) {
      return List.of(s.var());
    } else if (b instanceof Binding.Collection c) {
      return List.of(c.var());
    } else if (b instanceof Binding.Tuple t) {
      return t.vars();
    }
    return ((Binding.Relation) b).vars();
  }

  /** A value bound to variables by a binding form. */
  static Relation bind(Binding b, Object value, String where) {
    List<Term> terms = terms(b);
    List<Term.Var> vars = new ArrayList<>();
    for (Term t : terms) {
      if (t instanceof Term.Var v) {
        vars.add(v);
      }
    }
    List<Object[]> rows = new ArrayList<>();
    if (b instanceof Binding.Scalar) {
      rows.add(new Object[] {normalize(value)});
    } else if (b instanceof Binding.Collection) {
      for (Object o : collection(value, where, "a collection")) {
        rows.add(new Object[] {normalize(o)});
      }
    } else if (b instanceof Binding.Tuple) {
      rows.add(tuple(value, terms, where));
    } else {
      for (Object o : collection(value, where, "a collection of tuples")) {
        rows.add(tuple(o, terms, where));
      }
    }
    return new Relation(vars, rows);
  }

  private static Collection<?> collection(Object value, String where, String expected) {
    if (value instanceof Collection<?> c) {
      return c;
    }
    if (value instanceof Object[] a) {
      return List.of(a);
    }
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, where + " must be " + expected + "; got " + Functions.describe(value));
  }

  private static Object[] tuple(Object value, List<Term> terms, String where) {
    List<?> list = value instanceof List<?> l ? l : value instanceof Object[] a ? List.of(a) : null;
    if (list == null || list.size() != terms.size()) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, where + " must be a tuple of " + terms.size() + " values; got "
          + Functions.describe(value));
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      if (terms.get(i) instanceof Term.Var) {
        out.add(normalize(list.get(i)));
      }
    }
    return out.toArray();
  }

  /** The natural join of two relations (a hash join on their shared variables), within a budget. */
  static Relation join(Relation left, Relation right, QueryBudget budget) {
    List<Term.Var> shared = new ArrayList<>();
    for (Term.Var v : right.vars) {
      if (left.binds(v)) {
        shared.add(v);
      }
    }
    List<Term.Var> vars = new ArrayList<>(left.vars);
    List<Integer> extra = new ArrayList<>();
    for (int i = 0; i < right.vars.size(); i++) {
      if (!left.binds(right.vars.get(i))) {
        vars.add(right.vars.get(i));
        extra.add(i);
      }
    }
    int[] leftAt = Relation.positions(left, shared);
    int[] rightAt = Relation.positions(right, shared);
    Map<Relation.Row, List<Object[]>> byKey = new HashMap<>();
    for (Object[] r : right.rows) {
      byKey.computeIfAbsent(new Relation.Row(Relation.pick(r, rightAt)), k -> new ArrayList<>()).add(r);
    }
    List<Object[]> rows = new ArrayList<>();
    for (Object[] l : left.rows) {
      for (Object[] r : byKey.getOrDefault(new Relation.Row(Relation.pick(l, leftAt)), List.of())) {
        Object[] row = Arrays.copyOf(l, vars.size());
        for (int k = 0; k < extra.size(); k++) {
          row[l.length + k] = r[extra.get(k)];
        }
        rows.add(row);
        budget.check(rows.size());
      }
    }
    return new Relation(vars, rows);
  }

  /**
   * The clauses with scalar inputs written in as constants (in patterns, predicates and function
   * arguments at the top level), so that the planner counts their values and patterns seek them.
   */
  static List<Clause> fold(List<Clause> clauses, Map<Term.Var, Object> constants) {
    if (constants.isEmpty()) {
      return clauses;
    }
    List<Clause> out = new ArrayList<>();
    for (Clause c : clauses) {
      if (c instanceof Clause.Pattern p) {
        out.add(new Clause.Pattern(p.source(), foldTerms(p.terms(), constants)));
      } else if (c instanceof Clause.Predicate p) {
        out.add(new Clause.Predicate(p.function(), foldTerms(p.args(), constants)));
      } else if (c instanceof Clause.Function f) {
        out.add(new Clause.Function(f.function(), foldTerms(f.args(), constants), f.binding()));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static List<Term> foldTerms(List<Term> terms, Map<Term.Var, Object> constants) {
    List<Term> out = new ArrayList<>(terms.size());
    for (Term t : terms) {
      out.add(t instanceof Term.Var v && constants.containsKey(v) ? new Term.Constant(constants.get(v)) : t);
    }
    return out;
  }
}

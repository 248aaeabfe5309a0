package org.datolite.query;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Resolver;
import org.datolite.storage.db.AttributeLookup;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Matches one data pattern against a database, once per binding of the variables bound before
 * it: what does not depend on the binding (constants resolved to ids, positions, the index to
 * read) is worked out once; each binding then costs one seek into storage and a check of the
 * datoms it returns.
 */
final class DatomMatcher {
  private final QueryDatabase db;
  private final Db storage;
  private final Resolver resolver;
  private final List<Term> terms;
  private final int size;
  /** Per position: the resolved constant (or null), the row column of a bound variable (or -1), the slot of a new one (or -1). */
  private final Object[] constant;
  private final int[] rowAt;
  private final int[] newAt;
  private final int newCount;
  private final Attribute attr;
  private final QueryBudget budget;
  /** The clauses still to run in the body, whose comparisons may bound a scan's value range (null: none may). */
  private final List<Clause> ranges;

  /**
   * @param rel the bindings so far
   * @param newVars the pattern's variables {@code rel} does not bind, in the order the matches give them
   * @param ranges the clauses still to run in the body, whose comparisons with constants may
   *     bound a scan of the attribute to a value range (null: the written order, no ranges)
   */
  DatomMatcher(QueryDatabase db, List<Term> terms, Relation rel, List<Term.Var> newVars, QueryBudget budget,
      List<Clause> ranges) {
    this.db = db;
    this.budget = budget;
    this.ranges = ranges;
    this.storage = db.db();
    this.resolver = db.resolver();
    this.terms = terms;
    this.size = terms.size();
    this.constant = new Object[size];
    this.rowAt = new int[size];
    this.newAt = new int[size];
    this.newCount = newVars.size();
    Object a = size > 1 && terms.get(1) instanceof Term.Constant k ? Bindings.normalize(k.value()) : null;
    if (a != null && !(a instanceof Keyword) && !(a instanceof Long)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "pattern attribute " + Functions.describe(a)
          + " is not an attribute (an ident keyword or an id)");
    }
    if (a instanceof Keyword k && resolver.attribute(k) == null) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "unknown attribute " + k + " in pattern " + terms);
    }
    this.attr = a == null ? null : resolver.attribute(a);
    for (int i = 0; i < size; i++) {
      Term t = terms.get(i);
      rowAt[i] = t instanceof Term.Var v ? rel.index(v) : -1;
      newAt[i] = t instanceof Term.Var v && rowAt[i] < 0 ? newVars.indexOf(v) : -1;
      Object value = t instanceof Term.Constant k ? Bindings.normalize(k.value()) : null;
      if (i == 2 && value != null && attr != null) {
        value = typed(attr, value, terms);
      }
      constant[i] = value == null ? null : resolved(value, i);
    }
  }

  /**
   * A constant value as the attribute holds it: a float written as a double, a bigint written
   * as a long; any other type than the attribute's is an error (it would match nothing).
   */
  private static Object typed(Attribute attr, Object value, List<Term> terms) {
    ValueType type = attr.valueType();
    if (type == ValueType.REF) {
      if (value instanceof Long || value instanceof Keyword || value instanceof List<?>) {
        return value;
      }
    } else if (type.javaClass().isInstance(value)) {
      return value;
    } else if (type == ValueType.FLOAT && value instanceof Double d && (double) d.floatValue() == d) {
      return d.floatValue();
    } else if (type == ValueType.BIGINT && value instanceof Long l) {
      return BigInteger.valueOf(l);
    } else if (type == ValueType.TUPLE && value instanceof List<?>) {
      return value;
    }
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "pattern " + terms + ": " + attr.ident() + " holds "
        + type.ident().name() + " values; " + Functions.describe(value) + " is not one");
  }

  /** A value as datoms hold it at a position: entity, attribute and transaction ids; refs as ids. */
  private Object resolved(Object value, int position) {
    if (value instanceof Keyword || value instanceof List<?>) {
      if (position != 2 || attr != null && attr.isRef()) {
        Long id = resolver.entid(value);
        return id == null ? Unresolved.INSTANCE : id;
      }
    }
    return value;
  }

  /** Whether the pattern's value position holds entities: its attribute is a constant ref attribute. */
  boolean refValues() {
    return attr != null && attr.isRef();
  }

  /** An ident or lookup ref as the id it resolves to ({@link Unresolved} if none); any other value as it is. */
  Object stored(Object value) {
    if (value instanceof Keyword || value instanceof List<?>) {
      Long id = resolver.entid(value);
      return id == null ? Unresolved.INSTANCE : id;
    }
    return value;
  }

  /** The new variables' values of every datom matching the pattern under one binding (a row of the bindings). */
  List<Object[]> match(Object[] row) {
    Object[] wanted = new Object[size];
    for (int i = 0; i < size; i++) {
      wanted[i] = constant[i] != null ? constant[i] : rowAt[i] >= 0 ? resolved(row[rowAt[i]], i) : null;
      if (wanted[i] == Unresolved.INSTANCE || wanted[i] == null && rowAt[i] >= 0) {
        return List.of(); // a variable bound to nil (a nil input): no datom holds nil
      }
    }
    Iterator<Datom> it;
    if (wanted[0] != null && !(wanted[0] instanceof Long)) {
      return List.of(); // not an entity id: no datom has it
    }
    if (size > 1 && wanted[1] != null && !(wanted[1] instanceof Long)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "pattern attribute " + Functions.describe(wanted[1])
          + " is not an attribute (an ident keyword or an id)");
    }
    Object e = wanted[0];
    Object a = size > 1 ? wanted[1] : null;
    Object v = size > 2 ? wanted[2] : null;
    budget.seeks++;
    // The positions the seek fixes need no check on the datoms it returns (a bit each).
    int skip = 0;
    if (e != null) {
      it = a == null ? storage.datoms(Index.EAVT, e) : v == null ? storage.datoms(Index.EAVT, e, a)
          : storage.datoms(Index.EAVT, e, a, v);
      skip = a == null ? 0b1 : v == null ? 0b11 : 0b111;
    } else if (a != null && v != null) {
      it = storage.datoms(Index.AVET, a, v);
      skip = 0b110;
    } else if (a != null) {
      Object[] fixed = new Object[size];
      boolean[] isFixed = new boolean[size];
      fixed[1] = a;
      isFixed[1] = true;
      it = datoms(db, fixed, isFixed, terms, ranges).iterator(); // the attribute, or the range comparisons allow
    } else {
      it = storage.datoms(Index.EAVT);
    }
    List<Object[]> out = new ArrayList<>();
    while (it.hasNext()) {
      Datom d = it.next();
      budget.datomsRead++;
      Object[] values = values(d, wanted, skip);
      if (values != null) {
        out.add(values);
        budget.check(out.size());
      }
    }
    return out;
  }

  /**
   * The new variables' values from a datom, or null if it does not match the wanted positions
   * ({@code skip}: a bit for each position the read already guarantees).
   */
  private Object[] values(Datom d, Object[] wanted, int skip) {
    Object[] values = new Object[newCount];
    for (int i = 0; i < size; i++) {
      if ((skip & 1 << i) != 0) {
        continue;
      }
      Object value = switch (i) {
        case 0 -> d.e();
        case 1 -> d.a();
        case 2 -> d.v();
        case 3 -> d.tx();
        default -> d.added();
      };
      if (wanted[i] != null) {
        if (!Values.equals(wanted[i], value)) {
          return null;
        }
      } else if (newAt[i] >= 0) {
        int k = newAt[i];
        if (values[k] != null && !Values.equals(values[k], value)) {
          return null; // the same new variable twice in one pattern
        }
        values[k] = value;
      }
    }
    return values;
  }

  /**
   * Whether {@link #matchSorted} can answer this pattern: its entity is the one variable bound
   * before it, its attribute a constant, nothing else bound.
   */
  boolean mergeable(List<Term.Var> sharedVars) {
    return sharedVars.size() == 1 && terms.get(0).equals(sharedVars.get(0)) && size > 1
        && constant[1] instanceof Long && rowAt[1] < 0 && (size < 3 || rowAt[2] < 0)
        && (size < 4 || rowAt[3] < 0) && (size < 5 || rowAt[4] < 0);
  }

  /**
   * The matches of many entities at once, in ascending order: one AEVT cursor over the
   * attribute, skipping forward from one entity to the next (a merge join), instead of a seek
   * from the top of the index for each.
   */
  Map<Long, List<Object[]>> matchSorted(long[] entities) {
    Map<Long, List<Object[]>> out = new HashMap<>(entities.length * 2);
    Merge merge = new Merge(entities[0], entities[entities.length - 1]);
    for (long e : entities) {
      out.put(e, merge.matches(e));
      budget.check(out.size());
    }
    return out;
  }

  /**
   * One AEVT cursor over the attribute between two entities, asked for the matches of entities
   * in ascending order: each request skips forward from where the last one stopped.
   */
  final class Merge {
    private final Object[] wanted = constant.clone();
    private final AttributeLookup lookup;

    Merge(long first, long last) {
      lookup = new AttributeLookup(storage, Index.AEVT, (Long) constant[1], first, last);
      budget.seeks++;
    }

    /** The matches of entity {@code e}, which is not below any entity asked before. */
    List<Object[]> matches(long e) {
      List<Object[]> matches = new ArrayList<>(1);
      for (Datom d : lookup.datoms(e)) {
        budget.datomsRead++;
        Object[] values = values(d, wanted, 0b11);
        if (values != null) {
          matches.add(values);
        }
      }
      return matches;
    }
  }

  /** A value no datom holds (an ident or lookup ref that resolves to nothing). */
  enum Unresolved {
    INSTANCE
  }

  /**
   * The datoms a pattern can match, from the index its fixed positions select; a pattern with only
   * its attribute fixed reads the value range the comparisons still to run allow, if any.
   */
  static Iterable<Datom> datoms(QueryDatabase db, Object[] fixed, boolean[] isFixed, List<Term> terms,
      List<Clause> ranges) {
    Object e = isFixed[0] ? fixed[0] : null;
    Object a = terms.size() > 1 && isFixed[1] ? fixed[1] : null;
    Object v = terms.size() > 2 && isFixed[2] ? fixed[2] : null;
    if (a != null && !(a instanceof Keyword) && !(a instanceof Long)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "pattern attribute " + Functions.describe(a)
          + " is not an attribute (an ident keyword or an id)");
    }
    if (a instanceof Keyword k && db.resolver().attribute(k) == null) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "unknown attribute " + k + " in pattern " + terms);
    }
    if (e != null) {
      if (db.resolver().entid(e) == null) {
        return List.of();
      }
      return a == null ? db.datoms(Index.EAVT, e) : v == null ? db.datoms(Index.EAVT, e, a)
          : db.datoms(Index.EAVT, e, a, valueFor(db, a, v));
    }
    if (a != null && v != null) {
      Object value = valueFor(db, a, v);
      return value == null ? List.of() : db.datoms(Index.AVET, a, value);
    }
    if (a != null) {
      if (terms.size() > 2 && terms.get(2) instanceof Term.Var var && ranges != null) {
        Attribute attr = db.resolver().attribute(a);
        Planner.ValueRange r = attr == null ? null : Planner.ValueRange.of(var, attr, ranges);
        if (r != null) {
          return db.indexRange(a, r.low(), r.lowInclusive(), r.high(), r.highInclusive());
        }
      }
      return db.datoms(Index.AEVT, a);
    }
    return db.datoms(Index.EAVT);
  }

  /** A value for an attribute: a ref attribute's ident or lookup ref resolved (null if it does not resolve). */
  private static Object valueFor(QueryDatabase db, Object a, Object v) {
    Attribute attr = db.resolver().attribute(a);
    return attr != null && attr.isRef() ? db.resolver().entityValue(v) : v;
  }
}

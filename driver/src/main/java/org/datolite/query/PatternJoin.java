package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.value.Keyword;
import org.datolite.value.Values;

/**
 * Joins the bindings so far with a data pattern, choosing how to read the pattern's matches with
 * the actual number of bindings (the planner only estimated it).
 *
 * <h2>Join methods</h2>
 * A pattern over a database, with some of its positions bound by the clauses before it, is
 * answered in one of four ways:
 * <ul>
 *   <li><b>Stream merge</b>: the entity is the one bound variable, the attribute a constant, and
 *       the bindings are already sorted by entity (as an AVET lookup or an earlier merge leaves
 *       them): rows and the attribute's AEVT datoms are walked together through one
 *       forward-skipping cursor ({@link DatomMatcher.Merge}), no sorting, no map.
 *   <li><b>Merge lookup</b>: the same pattern with unsorted bindings: the distinct entities are
 *       sorted and looked up through one cursor, the matches kept by entity.
 *   <li><b>Scan joined by hash</b>: the pattern's constant part (its attribute, or attribute and
 *       value) is read once and grouped by the positions the bindings fix, when that reads less
 *       than a lookup per distinct binding (the cost of a lookup is {@link Planner#SEEK}, or
 *       {@link Planner#MERGE_LOOKUP} where a merge would answer).
 *   <li><b>Seek per distinct binding</b> through {@link DatomMatcher}: otherwise.
 * </ul>
 * A collection source is matched through a hash index of its tuples by the positions a pattern
 * fixes, built once per query, source and set of positions. Matches are computed once per
 * distinct binding of the shared variables and shared between the rows that have it.
 */
final class PatternJoin {
  /**
   * Bindings from which merge cursors answer a pattern whose entity is the bound variable (a
   * stream merge or merge lookup here, patterns scanned together in {@link EntityMerge}, the
   * planner's cost of such a lookup): below it, a seek per entity costs about as little and needs
   * no sorting. No benchmark set the value; DatalogVsPostgres's q2–q4 (docs/performance.md)
   * measure merges far above it.
   */
  static final int MERGE_AT_LEAST = 16;
  /**
   * Distinct bindings from which one scan of a pattern's constant part, joined by hash, is
   * weighed against a lookup per binding: a few lookups never read more than a scan. No benchmark
   * set it.
   */
  static final int SCAN_JOIN_AT_LEAST = 16;

  private final Map<String, Object> sources;
  private final QueryBudget budget;
  private final Map<Object, Map<Integer, Map<Relation.Row, List<Object[]>>>> collectionIndexes =
      new IdentityHashMap<>();

  PatternJoin(Map<String, Object> sources, QueryBudget budget) {
    this.sources = sources;
    this.budget = budget;
  }

  /**
   * The bindings joined with a data pattern's matches. {@code pending}: the clauses still to run
   * in the body, whose comparisons with constants may bound a scan of the pattern's attribute.
   */
  Relation join(Clause.Pattern p, Relation rel, List<Clause> pending) {
    Object source = sources.get(p.source());
    if (source == null) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "pattern " + p.terms() + " reads source " + p.source()
          + ", which :in does not name");
    }
    List<Term> terms = new ArrayList<>(p.terms());
    List<Term.Var> newVars = new ArrayList<>();
    for (Term t : terms) {
      if (t instanceof Term.Var v && !rel.binds(v) && !newVars.contains(v)) {
        newVars.add(v);
      }
    }
    List<Term.Var> vars = new ArrayList<>(rel.vars);
    vars.addAll(newVars);
    List<Term.Var> sharedVars = new ArrayList<>();
    for (Term t : terms) {
      if (t instanceof Term.Var v && rel.binds(v) && !sharedVars.contains(v)) {
        sharedVars.add(v);
      }
    }
    int[] sharedAt = Relation.positions(rel, sharedVars);
    // One lookup per distinct binding of the shared variables, or one scan joined by hash when
    // that reads less.
    List<Clause> ranges = ranges(pending);
    DatomMatcher matcher = source instanceof QueryDatabase db
        ? new DatomMatcher(db, terms, rel, newVars, budget, ranges) : null;
    boolean mergeable = matcher != null && matcher.mergeable(sharedVars) && rel.rows.size() >= MERGE_AT_LEAST;
    // Distinct rows that the pattern reads whole have distinct keys: nothing to share between them;
    // a merge lookup finds each entity's matches itself.
    boolean unique = mergeable || rel.distinct && sharedVars.size() == rel.vars.size();
    Relation.Row[] rowKeys = unique ? null : new Relation.Row[rel.rows.size()];
    Map<Relation.Row, List<Object[]>> matchesByKey = new HashMap<>();
    if (!unique) {
      for (int r = 0; r < rowKeys.length; r++) {
        rowKeys[r] = new Relation.Row(Relation.pick(rel.rows.get(r), sharedAt));
        matchesByKey.putIfAbsent(rowKeys[r], null);
      }
    }
    ScanJoin scan = source instanceof QueryDatabase db && !sharedVars.isEmpty()
        ? scanJoin(db, terms, sharedVars, unique ? rel.rows.size() : matchesByKey.size(),
            mergeable ? Planner.MERGE_LOOKUP : Planner.SEEK, ranges) : null;
    if (scan == null && mergeable && sortedIds(rel, sharedAt[0])) {
      return streamMerge(matcher, rel, sharedAt[0], vars, terms, source);
    }
    Map<Long, List<Object[]>> merged = scan == null && mergeable ? mergeLookup(matcher, rel, sharedAt[0]) : null;
    if (mergeable && merged == null && scan == null) {
      unique = false; // not all ids after all: per key, shared
      rowKeys = new Relation.Row[rel.rows.size()];
      for (int r = 0; r < rowKeys.length; r++) {
        rowKeys[r] = new Relation.Row(Relation.pick(rel.rows.get(r), sharedAt));
      }
    }
    List<Object[]> out = new ArrayList<>();
    for (int r = 0; r < rel.rows.size(); r++) {
      Object[] row = rel.rows.get(r);
      List<Object[]> matches = merged != null ? merged.get((Long) row[sharedAt[0]])
          : rowKeys == null ? null : matchesByKey.get(rowKeys[r]);
      if (matches == null) {
        matches = matcher != null && scan == null ? matcher.match(row) : match(source, terms, rel, row, newVars, scan,
            matcher);
        if (rowKeys != null) {
          matchesByKey.put(rowKeys[r], matches);
        }
      }
      for (Object[] m : matches) {
        Object[] joined = Arrays.copyOf(row, vars.size());
        System.arraycopy(m, 0, joined, row.length, m.length);
        out.add(joined);
      }
      budget.check(out.size());
    }
    // A current database holds each fact [e a v] once: a pattern naming all three positions keeps
    // distinct bindings distinct.
    boolean distinct = rel.distinct && source instanceof QueryDatabase db && !db.isHistory() && terms.size() >= 3
        && terms.subList(0, 3).stream().noneMatch(t -> t instanceof Term.Blank);
    return new Relation(vars, out, distinct);
  }

  /** The clauses whose comparisons may bound a scan's value range: those still to run, unless the order is as written. */
  List<Clause> ranges(List<Clause> pending) {
    return budget.limits.writtenOrder() ? null : pending;
  }

  /** Whether every row holds an entity id in a column, in ascending order. */
  static boolean sortedIds(Relation rel, int column) {
    long previous = Long.MIN_VALUE;
    for (Object[] row : rel.rows) {
      if (!(row[column] instanceof Long e) || e < previous) {
        return false;
      }
      previous = e;
    }
    return true;
  }

  /**
   * A merge join with bindings sorted by the entity (as an AVET lookup or an earlier merge leaves
   * them): the rows and the attribute's datoms are walked together, no sorting, no map.
   */
  private Relation streamMerge(DatomMatcher matcher, Relation rel, int column, List<Term.Var> vars,
      List<Term> terms, Object source) {
    DatomMatcher.Merge merge = matcher.new Merge((Long) rel.rows.get(0)[column],
        (Long) rel.rows.get(rel.rows.size() - 1)[column]);
    List<Object[]> out = new ArrayList<>(rel.rows.size());
    long previous = 0;
    List<Object[]> matches = null;
    for (Object[] row : rel.rows) {
      long e = (Long) row[column];
      if (matches == null || e != previous) {
        matches = merge.matches(e);
        previous = e;
      }
      for (Object[] m : matches) {
        Object[] joined = Arrays.copyOf(row, vars.size());
        System.arraycopy(m, 0, joined, row.length, m.length);
        out.add(joined);
      }
      budget.check(out.size());
    }
    boolean distinct = rel.distinct && !((QueryDatabase) source).isHistory() && terms.size() >= 3
        && terms.subList(0, 3).stream().noneMatch(t -> t instanceof Term.Blank);
    return new Relation(vars, out, distinct);
  }

  /** Many entities' matches by one merge over the attribute, when there are enough of them and all are ids. */
  private Map<Long, List<Object[]>> mergeLookup(DatomMatcher matcher, Relation rel, int column) {
    long[] entities = new long[rel.rows.size()];
    int n = 0;
    for (Object[] row : rel.rows) {
      if (!(row[column] instanceof Long e)) {
        return null; // idents or lookup refs: resolved one by one
      }
      entities[n++] = e;
    }
    Arrays.sort(entities);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || entities[i] != entities[i - 1]) {
        entities[distinct++] = entities[i];
      }
    }
    return matcher.matchSorted(Arrays.copyOf(entities, distinct));
  }

  /**
   * The datoms matching a pattern's constant part, read once and grouped by their values at the
   * positions of the variables bound before it, when that reads less than a seek per binding.
   */
  private record ScanJoin(int[] keyAt, Map<Relation.Row, List<Object[]>> byKey) {}

  private ScanJoin scanJoin(QueryDatabase db, List<Term> terms, List<Term.Var> sharedVars, int bindings,
      double lookupCost, List<Clause> ranges) {
    Object[] fixed = new Object[terms.size()];
    boolean[] isFixed = new boolean[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      if (terms.get(i) instanceof Term.Constant k) {
        fixed[i] = Bindings.normalize(k.value());
        isFixed[i] = true;
      }
    }
    if (isFixed[0] || terms.size() < 2 || !isFixed[1] || bindings < SCAN_JOIN_AT_LEAST) {
      return null; // a constant entity is one seek anyway; without a constant attribute a scan reads
                   // everything; a few lookups never read more than a scan
    }
    Object v = terms.size() > 2 && isFixed[2] ? fixed[2] : null;
    long reads;
    try {
      reads = v == null ? db.estimateCount(Index.AEVT, fixed[1]) : db.estimateCount(Index.AVET, fixed[1], v);
    } catch (DatoliteException e) {
      return null; // an unknown attribute: the lookup reports it
    }
    if (bindings * lookupCost <= reads + bindings) {
      return null;
    }
    budget.seeks++;
    int[] keyAt = new int[sharedVars.size()];
    for (int k = 0; k < keyAt.length; k++) {
      keyAt[k] = terms.indexOf(sharedVars.get(k));
    }
    Map<Relation.Row, List<Object[]>> byKey = new HashMap<>();
    for (Datom d : DatomMatcher.datoms(db, fixed, isFixed, terms, ranges)) {
      Object[] tuple = {d.e(), d.a(), d.v(), d.tx(), d.added()};
      budget.datomsRead++;
      byKey.computeIfAbsent(new Relation.Row(Relation.pick(tuple, keyAt)), x -> new ArrayList<>(1)).add(tuple);
      budget.check(byKey.size());
    }
    return new ScanJoin(keyAt, byKey);
  }

  /**
   * The values of {@code newVars} for each tuple of a collection source, or each datom of a
   * database scan joined by hash, matching the pattern under one row's bindings (a database
   * otherwise goes through {@link DatomMatcher}).
   */
  private List<Object[]> match(Object source, List<Term> terms, Relation rel, Object[] row, List<Term.Var> newVars,
      ScanJoin scan, DatomMatcher matcher) {
    Object[] fixed = new Object[terms.size()];
    boolean[] isFixed = new boolean[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      Term t = terms.get(i);
      if (t instanceof Term.Constant k) {
        fixed[i] = Bindings.normalize(k.value());
        isFixed[i] = true;
      } else if (t instanceof Term.Var v && rel.binds(v)) {
        fixed[i] = row[rel.index(v)];
        isFixed[i] = true;
      }
    }
    List<Object[]> tuples = new ArrayList<>();
    if (scan != null) {
      Object[] key = new Object[scan.keyAt().length];
      for (int k = 0; k < key.length; k++) {
        key[k] = comparable(fixed[scan.keyAt()[k]], scan.keyAt()[k], matcher);
      }
      tuples = scan.byKey().getOrDefault(new Relation.Row(key), List.of());
    } else {
      tuples = collectionIndex((Collection<?>) source, isFixed).getOrDefault(new Relation.Row(fixedValues(fixed, isFixed)),
          List.of());
    }
    Object[] wanted = new Object[terms.size()]; // fixed terms as the tuples hold them, resolved once
    for (int i = 0; i < terms.size(); i++) {
      wanted[i] = isFixed[i] ? comparable(fixed[i], i, matcher) : null;
    }
    List<Object[]> out = new ArrayList<>();
    tuple:
    for (Object[] tuple : tuples) {
      budget.check(out.size());
      if (tuple.length < terms.size()) {
        continue;
      }
      Object[] values = new Object[newVars.size()];
      boolean[] set = new boolean[newVars.size()];
      for (int i = 0; i < terms.size(); i++) {
        Object value = tuple[i];
        if (isFixed[i]) {
          if (!Values.equals(wanted[i], value)) {
            continue tuple;
          }
        } else if (terms.get(i) instanceof Term.Var v) {
          int k = newVars.indexOf(v);
          if (set[k] && !Values.equals(values[k], value)) {
            continue tuple; // the same new variable twice in one pattern
          }
          values[k] = value;
          set[k] = true;
        }
      }
      out.add(values);
    }
    return out;
  }

  /**
   * The tuples of a collection source by their values at the fixed positions, built once per
   * source and set of positions, so that a pattern bound on some positions looks its matches up
   * instead of scanning the collection for every binding.
   */
  private Map<Relation.Row, List<Object[]>> collectionIndex(Collection<?> source, boolean[] isFixed) {
    int mask = 0;
    for (int i = 0; i < isFixed.length; i++) {
      mask |= isFixed[i] ? 1 << i : 0;
    }
    Map<Integer, Map<Relation.Row, List<Object[]>>> bySource =
        collectionIndexes.computeIfAbsent(source, k -> new HashMap<>());
    Map<Relation.Row, List<Object[]>> index = bySource.get(mask);
    if (index == null) {
      index = new HashMap<>();
      for (Object o : source) {
        if (o instanceof List<?> l && l.size() >= isFixed.length) {
          Object[] tuple = l.toArray();
          for (int i = 0; i < tuple.length; i++) {
            tuple[i] = Bindings.normalize(tuple[i]);
          }
          index.computeIfAbsent(new Relation.Row(fixedValues(tuple, isFixed)), k -> new ArrayList<>()).add(tuple);
        }
      }
      bySource.put(mask, index);
    }
    return index;
  }

  private static Object[] fixedValues(Object[] values, boolean[] isFixed) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < isFixed.length; i++) {
      if (isFixed[i]) {
        out.add(values[i]);
      }
    }
    return out.toArray();
  }

  /**
   * A fixed term as the datom holds it, for a scan join's key and the values a tuple must have:
   * attribute idents and ref values as entity ids (at e, a and tx, and at v of a ref attribute).
   * A collection source holds its values as they are ({@code matcher} null).
   */
  private static Object comparable(Object fixed, int position, DatomMatcher matcher) {
    if (matcher == null) {
      return fixed;
    }
    boolean entity = position == 0 || position == 1 || position == 3
        || position == 2 && (fixed instanceof Keyword || fixed instanceof List<?>) && matcher.refValues();
    return entity ? matcher.stored(fixed) : fixed;
  }
}

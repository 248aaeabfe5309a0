package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consecutive patterns on one bound entity, answered together: {@code [?e :a ?x] [?e :b ?y]}
 * after {@code ?e} is bound to many entities, sorted, reads each attribute through one
 * forward-skipping cursor ({@link DatomMatcher.Merge}), all cursors advancing side by side over
 * one pass of the bindings, and combines each entity's matches at once. Joining one pattern after
 * the other would build the relation between them and sort or hash it again for the next.
 *
 * <p>The clause loop asks {@link #sameEntity} before it runs a pattern; when it finds a group,
 * {@link #mergeTogether} answers the whole group in place of the patterns one by one (to which it
 * falls back, through {@link PatternJoin}, when an attribute does not resolve to a constant id).
 */
final class EntityMerge {
  private final Map<String, Object> sources;
  private final QueryBudget budget;
  private final PatternJoin patterns;

  EntityMerge(Map<String, Object> sources, QueryBudget budget, PatternJoin patterns) {
    this.sources = sources;
    this.budget = budget;
    this.patterns = patterns;
  }

  /**
   * The patterns to scan together, starting at {@code pending[pick]}: consecutive patterns on the
   * same entity variable, bound already to ids sorted ascending, each with a constant attribute
   * and nothing else bound, binding distinct new variables. Null if fewer than two qualify.
   */
  List<Clause.Pattern> sameEntity(List<Clause> pending, int pick, Relation rel) {
    if (!(pending.get(pick) instanceof Clause.Pattern first) || first.terms().size() < 2
        || !(first.terms().get(0) instanceof Term.Var e) || !rel.binds(e) || rel.rows.size() < PatternJoin.MERGE_AT_LEAST
        || !(sources.get(first.source()) instanceof QueryDatabase)) {
      return null;
    }
    List<Clause.Pattern> group = new ArrayList<>();
    Set<Term.Var> seen = new HashSet<>(rel.vars);
    for (int i = pick; i < pending.size(); i++) {
      if (!(pending.get(i) instanceof Clause.Pattern p) || !p.source().equals(first.source())
          || p.terms().size() < 2 || p.terms().size() > 3 || !p.terms().get(0).equals(e)
          || !(p.terms().get(1) instanceof Term.Constant)) {
        break;
      }
      List<Term.Var> fresh = new ArrayList<>();
      boolean ok = true;
      for (int k = 1; k < p.terms().size(); k++) {
        if (p.terms().get(k) instanceof Term.Var v) {
          ok &= !seen.contains(v) && !fresh.contains(v);
          fresh.add(v);
        }
      }
      if (!ok) {
        break;
      }
      seen.addAll(fresh);
      group.add(p);
    }
    return group.size() >= 2 && PatternJoin.sortedIds(rel, rel.index(e)) ? group : null;
  }

  /**
   * Several patterns on one bound entity, scanned together: one pass over the bindings (sorted
   * by the entity) with a merge cursor per attribute advancing side by side, each entity's
   * matches combined at once, without building the relation between one pattern and the next.
   * {@code pending}: the clauses still to run in the body (see {@link PatternJoin#join}).
   */
  Relation mergeTogether(List<Clause.Pattern> group, Relation rel, List<Clause> pending) {
    QueryDatabase db = (QueryDatabase) sources.get(group.get(0).source());
    int column = rel.index((Term.Var) group.get(0).terms().get(0));
    List<Term.Var> vars = new ArrayList<>(rel.vars);
    List<DatomMatcher.Merge> merges = new ArrayList<>();
    long first = (Long) rel.rows.get(0)[column];
    long last = (Long) rel.rows.get(rel.rows.size() - 1)[column];
    boolean distinct = rel.distinct && !db.isHistory();
    for (Clause.Pattern p : group) {
      List<Term.Var> fresh = new ArrayList<>();
      for (Term t : p.terms()) {
        if (t instanceof Term.Var v && !rel.binds(v) && !fresh.contains(v)) {
          fresh.add(v);
        }
      }
      DatomMatcher matcher = new DatomMatcher(db, p.terms(), rel, fresh, budget, patterns.ranges(pending));
      if (!matcher.mergeable(List.of((Term.Var) p.terms().get(0)))) {
        // an attribute that does not resolve (matches nothing) or is not a constant id: one by one
        Relation r = rel;
        for (Clause.Pattern q : group) {
          r = patterns.join(q, r, pending);
        }
        return r;
      }
      merges.add(matcher.new Merge(first, last));
      vars.addAll(fresh);
      distinct &= p.terms().size() >= 3 && p.terms().stream().noneMatch(t -> t instanceof Term.Blank);
    }
    List<Object[]> out = new ArrayList<>(rel.rows.size());
    List<List<Object[]>> matches = new ArrayList<>(merges.size());
    long previous = 0;
    boolean started = false;
    for (Object[] row : rel.rows) {
      long e = (Long) row[column];
      if (!started || e != previous) {
        matches.clear();
        for (DatomMatcher.Merge m : merges) {
          List<Object[]> found = m.matches(e);
          matches.add(found);
          if (found.isEmpty()) {
            break; // no match for one pattern: the entity is out (the later cursors catch up)
          }
        }
        previous = e;
        started = true;
      }
      if (matches.size() < merges.size() || matches.get(matches.size() - 1).isEmpty()) {
        continue;
      }
      combine(row, matches, 0, Arrays.copyOf(row, vars.size()), row.length, out);
      budget.check(out.size());
    }
    return new Relation(vars, out, distinct);
  }

  /** Every combination of one match per pattern, appended to the row. */
  private static void combine(Object[] row, List<List<Object[]>> matches, int k, Object[] into, int at,
      List<Object[]> out) {
    List<Object[]> here = matches.get(k);
    for (int j = 0; j < here.size(); j++) {
      Object[] m = here.get(j);
      Object[] target = j == here.size() - 1 ? into : into.clone();
      System.arraycopy(m, 0, target, at, m.length);
      if (k == matches.size() - 1) {
        out.add(target);
      } else {
        combine(row, matches, k + 1, target, at + m.length, out);
      }
    }
  }
}

package org.datolite.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.storage.db.AttributeLookup;
import org.datolite.value.Keyword;

/**
 * Rule calls that ask for the transitive closure of one ref attribute ({@link Closure}), answered
 * by a breadth-first search along the attribute instead of a fixpoint: a chain of 20,000 links
 * is one search of 20,000 levels, each a short skip of one cursor, where semi-naive evaluation
 * pays a round of rule evaluation per level. The rule evaluator asks here first when a call has
 * an end bound; a null answer leaves the call to magic sets.
 */
final class Reachability {
  /**
   * The most distinct start entities searched one by one; with more, one fixpoint (magic sets)
   * shares the work between them. No benchmark set it: DatalogVsPostgres's follows rows
   * (docs/performance.md) search from one start.
   */
  static final int MAX_STARTS = 256;

  private Reachability() {}

  /**
   * A reachability rule ({@link Closure}) called with one end bound: the pairs (start, reached) by
   * a breadth-first search from each distinct start, or null if the call or the database does not
   * allow it (then magic sets answer).
   */
  static Relation search(Clause.RuleCall call, List<Rule> defs, boolean[] bound, Relation rel,
      Map<String, Object> sources, QueryBudget budget) {
    Closure closure = Closure.of(defs);
    if (closure == null || !(sources.get(closure.source()) instanceof QueryDatabase db) || db.isHistory()) {
      return null;
    }
    Attribute attr = db.resolver().attribute(closure.attribute());
    if (attr == null || !attr.isRef()) {
      return null;
    }
    boolean forward = bound[0];
    int at = forward ? 0 : 1;
    Set<Long> starts = new LinkedHashSet<>();
    for (Object[] row : rel.rows) {
      Term t = call.args().get(at);
      Object v = t instanceof Term.Constant k ? Bindings.normalize(k.value()) : row[rel.index((Term.Var) t)];
      Long id = v instanceof Long l ? l : v instanceof Keyword || v instanceof List<?> ? db.resolver().entid(v) : null;
      if (id == null && v != null && !(v instanceof Keyword) && !(v instanceof List<?>)) {
        return null; // not an entity: leave it to the general evaluation
      }
      if (id != null) {
        starts.add(id);
      }
    }
    if (starts.size() > MAX_STARTS) {
      return null; // many starts: one fixpoint shares the work between them
    }
    List<Object[]> rows = new ArrayList<>();
    for (long start : starts) {
      Set<Long> seen = new HashSet<>();
      long[] frontier = {start};
      Search search = new Search(db, attr.id(), forward, budget);
      while (frontier.length > 0) {
        List<Long> next = new ArrayList<>();
        for (long n : search.neighbours(frontier)) {
          if (seen.add(n)) {
            next.add(n);
            rows.add(forward ? new Object[] {start, n} : new Object[] {n, start});
          }
        }
        budget.check(rows.size());
        frontier = next.stream().mapToLong(Long::longValue).sorted().toArray();
      }
    }
    return new Relation(Relation.positional(2), rows, true);
  }

  /**
   * One breadth-first search's steps along a reference attribute: the entities one step from
   * some sorted entities, their values (AEVT) forwards or the entities pointing at them (VAET)
   * backwards. The cursor over the attribute is kept from one level to the next while the levels
   * move forward through the index (a chain, a tree numbered by level), so a level of one entity
   * costs a short skip, not a new cursor.
   */
  private static final class Search {
    private final QueryDatabase db;
    private final long attr;
    private final boolean forward;
    private final QueryBudget budget;
    private AttributeLookup lookup;
    private long lastAsked;

    Search(QueryDatabase db, long attr, boolean forward, QueryBudget budget) {
      this.db = db;
      this.attr = attr;
      this.forward = forward;
      this.budget = budget;
    }

    List<Long> neighbours(long[] from) {
      if (lookup == null || from[0] <= lastAsked) {
        lookup = new AttributeLookup(db.db(), forward ? Index.AEVT : Index.VAET, attr,
            from[0], Long.MAX_VALUE);
        budget.seeks++;
      }
      List<Long> out = new ArrayList<>();
      for (long n : from) {
        for (Datom d : lookup.datoms(n)) {
          budget.datomsRead++;
          out.add(forward ? (Long) d.v() : d.e());
        }
      }
      lastAsked = from[from.length - 1];
      return out;
    }
  }
}

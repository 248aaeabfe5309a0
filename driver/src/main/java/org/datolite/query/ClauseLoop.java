package org.datolite.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a body of clauses (a query's {@code :where}, a rule body, a {@code not}, {@code or} or
 * {@code and}) on the bindings so far: plans its order, runs its clauses one after another, and
 * drops the variables nothing needs any more. It holds the parts that answer each kind of clause
 * ({@link PatternJoin}, {@link EntityMerge}, {@link BuiltIns}, {@link RuleEvaluator}) and hands
 * each clause to its part; {@code not}, {@code or} and {@code and} it answers itself, by
 * evaluating their bodies.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Order.</b> The {@link Planner} orders a body by cost (unless the limits ask for the
 *       written order); a plan is reused while the sizes it was planned for (the bindings coming
 *       in, the rule relations its calls see) stay within a factor of two, since a fixpoint
 *       evaluates the same bodies round after round.
 *   <li><b>Running.</b> The first clause of the planned order that may run does: a filter waits
 *       until what it reads is bound, unless nothing else could bind it. Consecutive patterns on
 *       one bound entity run together ({@link EntityMerge}). An empty relation ends the body.
 *   <li><b>Projection.</b> After each clause, a variable that no clause still to run reads and
 *       that the caller does not need is projected away and the bindings deduplicated, so a join
 *       through a variable carries its distinct values, not every binding they came from.
 * </ul>
 * A sub-program (the magic-sets rewriting of a rule call) runs in a loop of its own, with its own
 * sources, rules and budget.
 */
final class ClauseLoop {
  /** How far a size may move, up or down, before a body is planned again. No benchmark set it. */
  static final int REPLAN_FACTOR = 2;
  /**
   * Sizes below it count as it when plans are compared, so that relations growing from nothing
   * to a handful of rows do not replan each round. No benchmark set it.
   */
  static final int REPLAN_FLOOR = 16;

  /** Named after the engine, as docs/datalog.md tells: debug shows each body's planned order. */
  private static final Logger LOG = LoggerFactory.getLogger(QueryEngine.class);
  private final QueryBudget budget;
  private final RuleEvaluator rules;
  private final Map<Clause.RuleCall, Relation> callValues;
  private final Planner planner;
  private final PatternJoin patterns;
  private final EntityMerge merges;
  private final BuiltIns builtIns;
  private final Map<List<Clause>, Plan> plans = new IdentityHashMap<>();

  /** A loop over these sources and rules (filled in by the caller before it evaluates), within a budget. */
  ClauseLoop(Map<String, Object> sources, Map<String, List<Rule>> rules, QueryBudget budget) {
    this.budget = budget;
    this.rules = new RuleEvaluator(sources, rules, budget, this);
    this.callValues = this.rules.callValues();
    this.planner = new Planner(sources, callValues);
    this.patterns = new PatternJoin(sources, budget);
    this.merges = new EntityMerge(sources, budget, patterns);
    this.builtIns = new BuiltIns(sources, budget);
  }

  RuleEvaluator rules() {
    return rules;
  }

  QueryBudget budget() {
    return budget;
  }

  /**
   * Runs a body's clauses on the bindings so far. {@code needed}: the variables the caller reads
   * afterwards (null: all); a variable neither needed nor read by a clause still to run is
   * projected away as soon as possible, and the bindings deduplicated (set semantics), so that a
   * join through a variable does not carry every binding of the variables it came from.
   */
  Relation evaluate(List<Clause> clauses, Relation start, Set<Term.Var> needed) {
    budget.enterBody();
    try {
      List<Clause> pending = new ArrayList<>(budget.limits.writtenOrder() ? clauses : plan(clauses, start));
      return run(pending, start, needed);
    } finally {
      budget.leaveBody();
    }
  }

  /** A body's order as last planned, and the sizes it was planned for. */
  private record Plan(List<Clause> order, List<Term.Var> bound, long[] sizes) {}

  /**
   * The planner's order for a body, reused while the sizes it depends on (the bindings coming in
   * and the rule relations its calls see) stay within a factor of two of those it was planned
   * for: a fixpoint evaluates the same bodies round after round, often thousands of times.
   */
  private List<Clause> plan(List<Clause> clauses, Relation start) {
    long[] sizes = new long[clauses.size() + 1];
    sizes[0] = start.rows.size();
    for (int i = 0; i < clauses.size(); i++) {
      Relation known = clauses.get(i) instanceof Clause.RuleCall call ? callValues.get(call) : null;
      sizes[i + 1] = known == null ? -1 : known.rows.size();
    }
    Plan p = plans.get(clauses);
    if (p != null && p.bound().equals(start.vars) && similar(p.sizes(), sizes)) {
      return p.order();
    }
    List<Clause> order = planner.order(clauses, start.vars, start.rows.size());
    if (LOG.isDebugEnabled() && clauses.size() > 1) {
      LOG.debug("clauses run in the order {}", order);
    }
    plans.put(clauses, new Plan(order, start.vars, sizes));
    return order;
  }

  private static boolean similar(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      long x = Math.max(a[i], REPLAN_FLOOR);
      long y = Math.max(b[i], REPLAN_FLOOR);
      if ((a[i] < 0) != (b[i] < 0) || x > REPLAN_FACTOR * y || y > REPLAN_FACTOR * x) {
        return false;
      }
    }
    return true;
  }

  private Relation run(List<Clause> pending, Relation start, Set<Term.Var> needed) {
    Relation rel = start;
    while (!pending.isEmpty()) {
      int pick = -1;
      for (int i = 0; i < pending.size() && pick < 0; i++) {
        if (ready(pending.get(i), rel, pending)) {
          pick = i;
        }
      }
      if (pick < 0) {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "no clause can run: " + pending.get(0)
            + " reads variables nothing binds");
      }
      List<Clause.Pattern> together = merges.sameEntity(pending, pick, rel);
      if (together != null) {
        pending.removeAll(together);
        rel = merges.mergeTogether(together, rel, pending);
      } else {
        rel = apply(pending.remove(pick), rel, pending);
      }
      budget.check(rel.rows.size());
      if (rel.rows.isEmpty()) {
        return new Relation(allVars(rel, pending), new ArrayList<>());
      }
      if (needed != null && !pending.isEmpty()) {
        rel = dropUnneeded(rel, pending, needed);
      }
    }
    return rel;
  }

  private static Relation dropUnneeded(Relation rel, List<Clause> pending, Set<Term.Var> needed) {
    List<Term.Var> keep = null;
    Set<Term.Var> live = null;
    for (int i = 0; i < rel.vars.size(); i++) {
      Term.Var v = rel.vars.get(i);
      if (!needed.contains(v)) {
        if (live == null) {
          live = new HashSet<>();
          for (Clause c : pending) {
            live.addAll(Vars.all(c));
            live.addAll(Vars.reads(c));
          }
        }
        if (!live.contains(v)) {
          if (keep == null) {
            keep = new ArrayList<>(rel.vars.subList(0, i));
          }
          continue;
        }
      }
      if (keep != null) {
        keep.add(v);
      }
    }
    return keep == null ? rel : rel.project(keep);
  }

  private static List<Term.Var> allVars(Relation rel, List<Clause> rest) {
    Set<Term.Var> vars = new LinkedHashSet<>(rel.vars);
    for (Clause c : rest) {
      vars.addAll(Vars.binds(c));
    }
    return new ArrayList<>(vars);
  }

  /** Whether a clause may run now: filters wait until what they read is bound (or nothing else could bind it). */
  private static boolean ready(Clause c, Relation rel, List<Clause> pending) {
    Set<Term.Var> reads = Vars.reads(c);
    for (Term.Var v : reads) {
      if (!rel.binds(v)) {
        for (Clause other : pending) {
          if (other != c && Vars.binds(other).contains(v)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Runs one clause; {@code pending}: the clauses of the body still to run after it. */
  private Relation apply(Clause c, Relation rel, List<Clause> pending) {
    if (c instanceof Clause.Pattern p) {
      return patterns.join(p, rel, pending);
    } else if (c instanceof Clause.Predicate p) {
      return builtIns.filter(p, rel);
    } else if (c instanceof Clause.Function f) {
      return builtIns.bindResults(f, rel);
    } else if (c instanceof Clause.Not n) {
      List<Term.Var> join = n.join() != null ? n.join() : Relation.shared(Vars.inner(n.clauses()), rel);
      Relation keys = rel.project(join);
      Relation matched = evaluate(n.clauses(), keys, new HashSet<>(join)).project(join);
      Set<Relation.Row> remove = new HashSet<>();
      for (Object[] r : matched.rows) {
        remove.add(new Relation.Row(r));
      }
      int[] at = Relation.positions(rel, join);
      List<Object[]> out = new ArrayList<>();
      for (Object[] row : rel.rows) {
        if (!remove.contains(new Relation.Row(Relation.pick(row, at)))) {
          out.add(row);
        }
      }
      return new Relation(rel.vars, out, rel.distinct);
    } else if (c instanceof Clause.Or o) {
      List<Term.Var> join = o.join() != null ? o.join() : orJoin(o, rel);
      List<Term.Var> input = Relation.shared(join, rel);
      Relation keys = rel.project(input);
      Set<Relation.Row> union = new LinkedHashSet<>();
      for (Clause branch : o.branches()) {
        List<Clause> body = branch instanceof Clause.And a ? a.clauses() : List.of(branch);
        Relation r = evaluate(body, keys, new HashSet<>(join));
        for (Object[] row : r.project(join).rows) {
          union.add(new Relation.Row(row));
        }
      }
      List<Object[]> rows = new ArrayList<>();
      for (Relation.Row r : union) {
        rows.add(r.values);
      }
      return Bindings.join(rel, new Relation(join, rows), budget);
    } else if (c instanceof Clause.And a) {
      return evaluate(a.clauses(), rel, null);
    } else {
      return rules.ruleCall((Clause.RuleCall) c, rel);
    }
  }

  /**
   * The variables an {@code or} without a join list unifies with the outer bindings: those its
   * branches bind, and those they only read (a predicate's arguments) that are bound outside.
   */
  private static List<Term.Var> orJoin(Clause.Or o, Relation rel) {
    Set<Term.Var> join = new LinkedHashSet<>(Vars.binds(o));
    for (Term.Var v : Vars.all(o)) {
      if (rel.vars.contains(v)) {
        join.add(v);
      }
    }
    return new ArrayList<>(join);
  }
}

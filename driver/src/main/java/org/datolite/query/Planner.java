package org.datolite.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.AttributeStatistics;
import org.datolite.value.Keyword;

/**
 * Chooses the order in which the clauses of one body run, by estimated cost.
 *
 * <h2>Model</h2>
 * Clauses that bind variables (data patterns, functions, rule calls, {@code or}) are ordered;
 * filters (predicates and {@code not}) run as soon as what they read is bound. The cost of an
 * order is the datoms it is expected to read plus the bindings it produces, with an index seek
 * counted as {@link #SEEK} datoms. A data pattern's estimate comes from the database itself,
 * through its {@link AttributeStatistics} (one instance per source and query): O(log n) counts
 * of the attribute ({@code AEVT}), of an attribute and constant value ({@code AVET}) and of a
 * value range when a comparison against a constant bounds the pattern's value (then the pattern
 * reads only that range); how many values an entity has and how many distinct values an
 * attribute holds come from a sample of its first datoms. A pattern whose
 * entity or value is already bound is costed as the cheaper of a seek per binding and one scan
 * joined by hash, which is also the choice the engine makes at run time with the actual number of
 * bindings.
 *
 * <p>Up to {@link #EXHAUSTIVE} binding clauses, every order is considered by dynamic programming
 * over the sets of clauses run so far, never taking a clause that shares no variable with what is
 * bound while one that does is available (no cross products by choice); above that, a greedy
 * choice of the cheapest next clause.
 */
final class Planner {
  /** The cost of one index seek, in datoms read. No benchmark set it. */
  static final double SEEK = 4;
  /**
   * The cost of looking one entity up in a merge over an attribute (sorted entities, skipping
   * forward), in datoms read. No benchmark set the value; the lookups it prices are what
   * DatalogVsPostgres's q2–q4 measure (docs/performance.md).
   */
  static final double MERGE_LOOKUP = 1.5;
  /** Binding clauses up to which every order is considered (2^n states); above, greedy. No benchmark set it. */
  static final int EXHAUSTIVE = 12;

  // The model's guesses where the indexes say nothing; no benchmark set any of them.
  /** The cost of a predicate per binding, in datoms read. */
  private static final double FILTER_COST = 0.1;
  /** The share of bindings a comparison keeps (when the pattern did not already read only its range). */
  private static final double RANGE_SELECTIVITY = 1.0 / 3;
  /** The share of bindings an equality keeps; also a bound value among an entity's datoms. */
  private static final double EQUALITY_SELECTIVITY = 0.1;
  /** The share of bindings an inequality keeps. */
  private static final double INEQUALITY_SELECTIVITY = 0.9;
  /** The share of bindings {@code not} or another predicate keeps. */
  private static final double OTHER_SELECTIVITY = 0.5;
  /** The share of bindings a bound transaction keeps. */
  private static final double TX_SELECTIVITY = 0.01;
  /** The values a function bound to a collection or relation gives. */
  private static final double FUNCTION_FANOUT = 10;
  /** The tuples of a rule relation not computed yet. */
  private static final double RULE_SIZE = 1000;
  /** How much each constant or bound position of a collection source divides its tuples by. */
  private static final double COLLECTION_POSITION_FACTOR = 10;
  /** The datoms of an entity, for a pattern whose attribute is not a constant. */
  private static final double DATOMS_PER_ENTITY = 10;
  /** The seeks per binding of {@code or} and {@code and} (several bodies); the bindings they give, joined or not. */
  private static final double BRANCH_SEEKS = 20;
  private static final double BRANCH_FANOUT_JOINED = 2;
  private static final double BRANCH_FANOUT_APART = 1000;
  /** The fewest bindings an estimate falls to (never zero, so costs still compare). */
  private static final double MIN_ROWS = 1e-3;

  private final Map<String, Object> sources;
  private final Map<Clause.RuleCall, Relation> knownCalls;
  /** The statistics of each database source, one instance (and memo of counts) per query. */
  private final Map<QueryDatabase, AttributeStatistics> statistics = new IdentityHashMap<>();
  /** The filters of the body being ordered (predicates may bound a pattern's value range). */
  private List<Clause> filters = List.of();

  Planner(Map<String, Object> sources, Map<Clause.RuleCall, Relation> knownCalls) {
    this.sources = sources;
    this.knownCalls = knownCalls;
  }

  /** The order of a body's clauses, given the variables bound before it and how many bindings there are. */
  List<Clause> order(List<Clause> clauses, Collection<Term.Var> bound, long rows) {
    if (clauses.size() < 2) {
      return clauses;
    }
    List<Clause> binders = new ArrayList<>();
    List<Clause> filters = new ArrayList<>();
    for (Clause c : clauses) {
      (c instanceof Clause.Predicate || c instanceof Clause.Not ? filters : binders).add(c);
    }
    this.filters = filters;
    State start = new State(new HashSet<>(bound), Math.max(1, rows), 0, List.of(), new boolean[filters.size()],
        Set.of());
    start = applyFilters(start, filters, binders, 0);
    State best = binders.size() <= EXHAUSTIVE ? exhaustive(start, binders, filters) : greedy(start, binders, filters);
    if (best == null) {
      return clauses; // some clause can never run: the engine reports it
    }
    List<Clause> out = new ArrayList<>(best.order);
    for (int i = 0; i < filters.size(); i++) {
      if (!best.applied[i]) {
        out.add(filters.get(i));
      }
    }
    return out;
  }

  /** A partial plan: what is bound, how many bindings are expected, at what cost so far. */
  private record State(Set<Term.Var> bound, double rows, double cost, List<Clause> order, boolean[] applied,
      Set<Term.Var> ranged) {}

  private State exhaustive(State start, List<Clause> binders, List<Clause> filters) {
    int n = binders.size();
    State[] best = new State[1 << n];
    best[0] = start;
    for (int mask = 0; mask < (1 << n); mask++) {
      State s = best[mask];
      if (s == null) {
        continue;
      }
      for (int i : candidates(s, binders, mask)) {
        State t = extend(s, binders.get(i), binders, filters, mask | 1 << i);
        int next = mask | 1 << i;
        if (best[next] == null || t.cost < best[next].cost) {
          best[next] = t;
        }
      }
    }
    return best[(1 << n) - 1];
  }

  private State greedy(State start, List<Clause> binders, List<Clause> filters) {
    State s = start;
    int mask = 0;
    for (int step = 0; step < binders.size(); step++) {
      State pick = null;
      int pickAt = -1;
      for (int i : candidates(s, binders, mask)) {
        State t = extend(s, binders.get(i), binders, filters, mask | 1 << i);
        if (pick == null || t.cost < pick.cost) {
          pick = t;
          pickAt = i;
        }
      }
      if (pick == null) {
        return null;
      }
      s = pick;
      mask |= 1 << pickAt;
    }
    return s;
  }

  /** The clauses that may run next: ready ones, and of those the ones joined to what is bound if any are. */
  private List<Integer> candidates(State s, List<Clause> binders, int mask) {
    List<Integer> ready = new ArrayList<>();
    List<Integer> joined = new ArrayList<>();
    for (int i = 0; i < binders.size(); i++) {
      if ((mask & 1 << i) == 0 && ready(binders.get(i), s.bound, binders, mask | 1 << i)) {
        ready.add(i);
        if (!Collections.disjoint(Vars.all(binders.get(i)), s.bound)) {
          joined.add(i);
        }
      }
    }
    return joined.isEmpty() || s.bound.isEmpty() ? ready : joined;
  }

  /** As the engine decides it: what a clause reads is bound, or no clause still to run binds it. */
  private static boolean ready(Clause c, Set<Term.Var> bound, List<Clause> binders, int done) {
    for (Term.Var v : Vars.reads(c)) {
      if (!bound.contains(v)) {
        for (int i = 0; i < binders.size(); i++) {
          if ((done & 1 << i) == 0 && binders.get(i) != c && Vars.binds(binders.get(i)).contains(v)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private State extend(State s, Clause c, List<Clause> binders, List<Clause> filters, int done) {
    double[] est = estimate(c, s);
    Set<Term.Var> bound = new HashSet<>(s.bound);
    bound.addAll(Vars.binds(c));
    List<Clause> order = new ArrayList<>(s.order);
    order.add(c);
    Set<Term.Var> ranged = s.ranged;
    if (est[2] > 0) {
      ranged = new HashSet<>(ranged);
      ranged.add((Term.Var) ((Clause.Pattern) c).terms().get(2));
    }
    State t = new State(bound, Math.max(est[1], MIN_ROWS), s.cost + est[0] + est[1], order, s.applied, ranged);
    return applyFilters(t, filters, binders, done);
  }

  /** Runs every filter that has become ready, each cutting the bindings by its selectivity. */
  private State applyFilters(State s, List<Clause> filters, List<Clause> binders, int done) {
    boolean[] applied = s.applied;
    double rows = s.rows;
    double cost = s.cost;
    List<Clause> order = s.order;
    for (int i = 0; i < filters.size(); i++) {
      Clause f = filters.get(i);
      if (!applied[i] && ready(f, s.bound, binders, done) && s.bound.containsAll(Vars.reads(f))) {
        if (applied == s.applied) {
          applied = applied.clone();
          order = new ArrayList<>(order);
        }
        applied[i] = true;
        order.add(f);
        cost += rows * (f instanceof Clause.Not ? SEEK : FILTER_COST);
        rows *= selectivity(f, s.ranged);
      }
    }
    return applied == s.applied ? s : new State(s.bound, Math.max(rows, MIN_ROWS), cost, order, applied, s.ranged);
  }

  private static double selectivity(Clause f, Set<Term.Var> ranged) {
    if (f instanceof Clause.Not) {
      return OTHER_SELECTIVITY;
    }
    Clause.Predicate p = (Clause.Predicate) f;
    switch (p.function()) {
      case "<", "<=", ">", ">=" -> {
        for (Term t : p.args()) {
          if (t instanceof Term.Var v && ranged.contains(v)) {
            return 1; // the pattern already read only the range
          }
        }
        return RANGE_SELECTIVITY;
      }
      case "=", "==" -> {
        return EQUALITY_SELECTIVITY;
      }
      case "!=", "not=" -> {
        return INEQUALITY_SELECTIVITY;
      }
      default -> {
        return OTHER_SELECTIVITY;
      }
    }
  }

  // ---- estimates ------------------------------------------------------------------------------

  /** {cost, bindings after, 1 if the pattern reads a value range bounded by a predicate}. */
  private double[] estimate(Clause c, State s) {
    double rows = s.rows;
    if (c instanceof Clause.Pattern p) {
      Object source = sources.get(p.source());
      if (source instanceof QueryDatabase db) {
        return pattern(db, p, s);
      }
      if (source instanceof Collection<?> coll) {
        int fixed = 0;
        for (Term t : p.terms()) {
          fixed += t instanceof Term.Constant || t instanceof Term.Var v && s.bound.contains(v) ? 1 : 0;
        }
        double size = Math.max(1, coll.size());
        return new double[] {size + rows, rows * Math.max(1, size / Math.pow(COLLECTION_POSITION_FACTOR, fixed)), 0};
      }
      return new double[] {rows, rows, 0};
    } else if (c instanceof Clause.Function f) {
      double fanout = f.binding() instanceof Binding.Scalar || f.binding() instanceof Binding.Tuple ? 1 : FUNCTION_FANOUT;
      return new double[] {rows, rows * fanout, 0};
    } else if (c instanceof Clause.RuleCall call) {
      Relation known = knownCalls.get(call);
      double size = known != null ? Math.max(1, known.rows.size()) : RULE_SIZE;
      int fixed = 0;
      for (Term t : call.args()) {
        fixed += t instanceof Term.Constant || t instanceof Term.Var v && s.bound.contains(v) ? 1 : 0;
      }
      double per = fixed == 0 ? size : Math.max(1, Math.pow(size, 1 - (double) fixed / call.args().size()));
      return new double[] {size + rows, rows * per, 0};
    }
    // or, and: several bodies, each joined to what is bound
    boolean joined = !Collections.disjoint(Vars.all(c), s.bound);
    return new double[] {rows * BRANCH_SEEKS * SEEK, joined ? rows * BRANCH_FANOUT_JOINED : rows * BRANCH_FANOUT_APART, 0};
  }

  private double[] pattern(QueryDatabase db, Clause.Pattern p, State s) {
    List<Term> terms = p.terms();
    double rows = s.rows;
    boolean eBound = fixed(terms, 0, s.bound);
    boolean vBound = fixed(terms, 2, s.bound);
    boolean txBound = fixed(terms, 3, s.bound);
    AttributeStatistics stats = statistics.computeIfAbsent(db, QueryDatabase::statistics);
    Attribute attr = terms.size() > 1 && terms.get(1) instanceof Term.Constant k ? attribute(db, k.value()) : null;
    if (attr == null) {
      // attribute unknown (the engine reports it) or a variable: about ten datoms an entity
      double all = stats.count(Index.EAVT);
      double per = eBound ? DATOMS_PER_ENTITY : all;
      return new double[] {eBound ? rows * (SEEK + per) : all, rows * per * (vBound ? EQUALITY_SELECTIVITY : 1), 0};
    }
    double total = Math.max(1, stats.count(Index.AEVT, attr.id()));
    double perEntity = attr.isMany() ? stats.datomsPerEntity(attr) : 1;
    double distinctValues = stats.distinctValues(attr);
    Object vConst = terms.size() > 2 && terms.get(2) instanceof Term.Constant k ? k.value() : null;
    double withValue = vConst == null ? total / distinctValues : stats.count(Index.AVET, attr.id(), vConst);
    double cost;
    double out;
    double ranged = 0;
    if (eBound) {
      out = rows * perEntity * (vBound ? withValue / total : 1);
      double scan = (vConst != null ? withValue : total) + rows;
      double lookup = rows >= PatternJoin.MERGE_AT_LEAST && !(terms.get(0) instanceof Term.Constant) ? MERGE_LOOKUP : SEEK;
      cost = Math.min(rows * (lookup + perEntity), scan);
    } else if (vBound) {
      out = rows * withValue;
      cost = vConst != null ? SEEK + withValue : Math.min(rows * (SEEK + withValue), total + rows);
    } else {
      double read = total;
      Term v = terms.size() > 2 ? terms.get(2) : null;
      if (v instanceof Term.Var var) {
        ValueRange range = ValueRange.of(var, attr, filters);
        if (range != null) {
          read = stats.rangeCount(attr, range.low(), range.lowInclusive(), range.high(), range.highInclusive());
          ranged = 1;
        }
      }
      cost = SEEK + read;
      out = rows * read;
    }
    if (txBound) {
      out *= TX_SELECTIVITY;
    }
    return new double[] {cost, out, ranged};
  }

  private static boolean fixed(List<Term> terms, int at, Set<Term.Var> bound) {
    return terms.size() > at && (terms.get(at) instanceof Term.Constant
        || terms.get(at) instanceof Term.Var v && bound.contains(v));
  }

  private static Attribute attribute(QueryDatabase db, Object ident) {
    return ident instanceof Keyword || ident instanceof Long ? db.resolver().attribute(ident) : null;
  }

  /**
   * A bound on a pattern's value from comparisons against constants ({@code [(> ?v 10)]},
   * {@code [(<= 3 ?v)]}), for attributes whose index order is the comparison's order (numbers and
   * instants of the attribute's own type). Either end may be open.
   */
  record ValueRange(Object low, boolean lowInclusive, Object high, boolean highInclusive) {
    /** The range the predicates among {@code clauses} put on {@code var}, or null if none does. */
    static ValueRange of(Term.Var var, Attribute attr, List<Clause> clauses) {
      Class<?> type = switch (attr.valueType()) {
        case LONG -> Long.class;
        case DOUBLE -> Double.class;
        case INSTANT -> Instant.class;
        default -> null;
      };
      if (type == null) {
        return null;
      }
      ValueRange r = null;
      for (Clause c : clauses) {
        if (!(c instanceof Clause.Predicate p) || p.args().size() != 2) {
          continue;
        }
        String op = p.function();
        Term x = p.args().get(0);
        Term y = p.args().get(1);
        if (y.equals(var) && x instanceof Term.Constant) {
          op = switch (op) { // (< 3 ?v) is (> ?v 3)
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
          };
          Term t = x;
          x = y;
          y = t;
        }
        if (!x.equals(var) || !(y instanceof Term.Constant k)) {
          continue;
        }
        Object value = k.value() instanceof Integer i ? (Object) (long) i : k.value();
        if (value == null || value.getClass() != type) {
          continue;
        }
        ValueRange bound = switch (op) {
          case ">" -> new ValueRange(value, false, null, false);
          case ">=" -> new ValueRange(value, true, null, false);
          case "<" -> new ValueRange(null, false, value, false);
          case "<=" -> new ValueRange(null, false, value, true);
          default -> null;
        };
        if (bound != null) {
          r = r == null ? bound : r.intersect(bound);
        }
      }
      return r;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ValueRange intersect(ValueRange o) {
      Object lo = low;
      boolean loInc = lowInclusive;
      if (o.low != null && (lo == null || ((Comparable) o.low).compareTo(lo) > 0
          || ((Comparable) o.low).compareTo(lo) == 0 && !o.lowInclusive)) {
        lo = o.low;
        loInc = o.lowInclusive;
      }
      Object hi = high;
      boolean hiInc = highInclusive;
      if (o.high != null && (hi == null || ((Comparable) o.high).compareTo(hi) < 0
          || ((Comparable) o.high).compareTo(hi) == 0 && !o.highInclusive)) {
        hi = o.high;
        hiInc = o.highInclusive;
      }
      return new ValueRange(lo, loInc, hi, hiInc);
    }
  }
}

package org.datolite.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;
import org.datolite.value.Values;

/**
 * Rule calls: the relation a call's rule derives, joined with the bindings through the call's
 * arguments.
 *
 * <h2>Design</h2>
 * A call gets what it needs of its rule's relation in one of three ways, asked in this order:
 * <ol>
 *   <li><b>Reachability</b>: a closure of one ref attribute called with an end bound is a
 *       breadth-first search ({@link Reachability});
 *   <li><b>Demand</b>: a call with arguments bound (constants, or variables the bindings hold)
 *       evaluates the magic-sets rewriting of the rules ({@link MagicSets}) seeded by the
 *       distinct bound values, in a sub-program of its own, so that it derives only what the
 *       bound values reach;
 *   <li><b>The whole relation</b> otherwise, computed once per query.
 * </ol>
 * Relations are computed bottom-up by a <b>semi-naive fixpoint</b> over every rule the rule
 * depends on: each round evaluates each definition once per call to a rule in its body, that
 * call seeing only the tuples new in the last round (its delta), the others everything so far;
 * a round that adds nothing ends it. While a definition's body runs, {@link #callValues()} tells
 * the clause loop (and its planner) what each call in it sees. The full relations only grow by
 * appending, so the hash indexes a join builds on them ({@code RowIndex}) are kept and extended
 * rather than rebuilt each round.
 */
final class RuleEvaluator {
  /**
   * Tuples from which a call joins a rule relation through a hash index on its bound positions
   * (kept and extended as the relation grows) instead of scanning it for each distinct key: a
   * fixpoint's deltas are mostly smaller, its full relations soon larger. No benchmark set it.
   */
  static final int INDEXED_AT_LEAST = 32;

  private final Map<String, Object> sources;
  /** The rules of {@code %}, by name (several definitions each). */
  private final Map<String, List<Rule>> rules;
  private final QueryBudget budget;
  private final ClauseLoop clauses;
  /** Each rule's relation (positional: one column per head variable), once computed for this query. */
  private final Map<String, Relation> ruleValues = new HashMap<>();
  /** During the fixpoint: what each rule call sees (the delta for one call, the full relation for the others). */
  private final Map<Clause.RuleCall, Relation> callValues = new IdentityHashMap<>();
  private Map<String, Relation> fixpointFull;
  private final Map<List<Object[]>, Map<Long, RowIndex>> rowIndexes = new IdentityHashMap<>();
  private final Map<Rule, List<Term.Var>> heads = new IdentityHashMap<>();

  /** {@code clauses}: the loop that evaluates rule bodies (and calls back here for the calls in them). */
  RuleEvaluator(Map<String, Object> sources, Map<String, List<Rule>> rules, QueryBudget budget, ClauseLoop clauses) {
    this.sources = sources;
    this.rules = rules;
    this.budget = budget;
    this.clauses = clauses;
  }

  /** What each rule call of the body being derived sees, during the fixpoint (empty otherwise). */
  Map<Clause.RuleCall, Relation> callValues() {
    return callValues;
  }

  /** Joins a rule's relation, through the call's arguments, with the bindings so far. */
  Relation ruleCall(Clause.RuleCall call, Relation rel) {
    int arity = arity(call);
    if (call.args().size() != arity) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "rule " + call.name() + " takes " + arity + " argument"
          + (arity == 1 ? "" : "s") + "; (" + call.name() + " …) gives " + call.args().size());
    }
    Relation value = callValues.containsKey(call) ? callValues.get(call)
        : fixpointFull != null ? fixpointFull.get(call.name()) : demanded(call, rel);
    // The call's variables, each at its first argument position; bound ones key a hash lookup.
    List<Term.Var> newVars = new ArrayList<>();
    List<Integer> newAt = new ArrayList<>();
    List<Integer> keyAt = new ArrayList<>();
    List<Integer> keyFrom = new ArrayList<>(); // row column of a bound variable, or -1 for a constant
    for (int i = 0; i < arity; i++) {
      Term t = call.args().get(i);
      if (t instanceof Term.Constant) {
        keyAt.add(i);
        keyFrom.add(-1);
      } else if (t instanceof Term.Var v && call.args().indexOf(v) == i) {
        if (rel.binds(v)) {
          keyAt.add(i);
          keyFrom.add(rel.index(v));
        } else {
          newVars.add(v);
          newAt.add(i);
        }
      }
    }
    int[] key = keyAt.stream().mapToInt(Integer::intValue).toArray();
    // Small relations (a fixpoint's deltas) are scanned; large ones (its full relations, which
    // only grow) hashed once and extended.
    RowIndex index = key.length > 0 && value.rows.size() >= INDEXED_AT_LEAST ? rowIndex(value.rows, key) : null;
    List<Term.Var> vars = new ArrayList<>(rel.vars);
    vars.addAll(newVars);
    List<Object[]> out = new ArrayList<>();
    Map<Relation.Row, List<Object[]>> matchesByKey = new HashMap<>();
    for (Object[] row : rel.rows) {
      Object[] k = new Object[key.length];
      for (int j = 0; j < key.length; j++) {
        int from = keyFrom.get(j);
        k[j] = from < 0 ? Bindings.normalize(((Term.Constant) call.args().get(key[j])).value()) : row[from];
      }
      List<Object[]> matches = matchesByKey.computeIfAbsent(new Relation.Row(k), rk -> {
        List<Object[]> found = new ArrayList<>();
        tuple:
        for (Object[] r : index != null ? index.get(rk) : value.rows) {
          if (index == null) {
            for (int j = 0; j < key.length; j++) {
              if (!Values.equals(rk.values[j], r[key[j]])) {
                continue tuple; // scanned, not looked up: check the bound arguments
              }
            }
          }
          if (consistent(call.args(), r)) {
            found.add(r);
          }
        }
        return found;
      });
      for (Object[] r : matches) {
        Object[] joined = Arrays.copyOf(row, vars.size());
        for (int j = 0; j < newAt.size(); j++) {
          joined[row.length + j] = r[newAt.get(j)];
        }
        out.add(joined);
      }
      budget.check(out.size());
    }
    // Distinct rows of the rule's relation give distinct bindings unless a blank hides a position.
    return new Relation(vars, out, rel.distinct && call.args().stream().noneMatch(t -> t instanceof Term.Blank));
  }

  /** Whether a tuple of a rule's relation agrees with a call's constants and its repeated variables. */
  private static boolean consistent(List<Term> args, Object[] r) {
    for (int i = 0; i < args.size(); i++) {
      Term t = args.get(i);
      if (t instanceof Term.Constant k) {
        if (!Values.equals(Bindings.normalize(k.value()), r[i])) {
          return false;
        }
      } else if (t instanceof Term.Var v) {
        int first = args.indexOf(v);
        if (first != i && !Values.equals(r[first], r[i])) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A hash index of a rule relation's tuples by some positions. The fixpoint's relations only
   * grow (by appending), so an index is kept per list and extended with the tuples added since it
   * was last used, instead of rebuilt every round.
   */
  private static final class RowIndex {
    private final int[] at;
    private final Map<Relation.Row, List<Object[]>> byKey = new HashMap<>();
    private int upTo;

    RowIndex(int[] at) {
      this.at = at;
    }

    void extend(List<Object[]> rows) {
      for (; upTo < rows.size(); upTo++) {
        Object[] r = rows.get(upTo);
        byKey.computeIfAbsent(new Relation.Row(Relation.pick(r, at)), k -> new ArrayList<>(1)).add(r);
      }
    }

    List<Object[]> get(Relation.Row key) {
      return byKey.getOrDefault(key, List.of());
    }
  }

  private RowIndex rowIndex(List<Object[]> rows, int[] at) {
    long mask = 0; // the positions, in order: a rule has few arguments
    for (int p : at) {
      mask = mask * 64 + p + 1;
    }
    RowIndex index = rowIndexes.computeIfAbsent(rows, k -> new HashMap<>())
        .computeIfAbsent(mask, k -> new RowIndex(at));
    index.extend(rows);
    return index;
  }

  /**
   * What a call needs of its rule's relation: with arguments bound (constants, or variables the
   * bindings so far hold), only the tuples reachable from those values, derived through the
   * magic-sets rewriting of the rules ({@link MagicSets}); otherwise the whole relation.
   */
  private Relation demanded(Clause.RuleCall call, Relation rel) {
    boolean[] bound = MagicSets.boundArguments(call.args(), rel::binds);
    if (bound == null || ruleValues.containsKey(call.name())) {
      return ruleValue(call.name());
    }
    Relation reached = Reachability.search(call, rules.get(call.name()), bound, rel, sources, budget);
    if (reached != null) {
      return reached;
    }
    Set<Relation.Row> seed = new LinkedHashSet<>();
    for (Object[] row : rel.rows) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < bound.length; i++) {
        Term t = call.args().get(i);
        if (bound[i]) {
          values.add(t instanceof Term.Constant k ? Bindings.normalize(k.value()) : row[rel.index((Term.Var) t)]);
        }
      }
      seed.add(new Relation.Row(values.toArray()));
    }
    List<List<Object>> tuples = new ArrayList<>();
    for (Relation.Row r : seed) {
      tuples.add(Arrays.asList(r.values));
    }
    String seedSource = "$ seed";
    MagicSets.Program program = MagicSets.rewrite(rules, call.name(), bound, seedSource);
    Map<String, Object> subSources = new HashMap<>(sources);
    subSources.put(seedSource, tuples);
    ClauseLoop sub = new ClauseLoop(subSources, new LinkedHashMap<>(program.rules()), budget.forSubProgram());
    try {
      return sub.rules().ruleValue(program.entry());
    } finally {
      budget.addWork(sub.budget());
    }
  }

  /** A rule's whole relation, computed bottom-up with every rule of the query (semi-naive). */
  Relation ruleValue(String name) {
    Relation known = ruleValues.get(name);
    if (known != null) {
      return known;
    }
    // All rules together: a fixpoint where each round evaluates every definition once per call to a
    // rule in its body, that call seeing only the tuples new in the last round (semi-naive), the
    // others seeing everything so far; it ends when a round adds nothing.
    Set<String> group = reachable(name);
    Map<String, Set<Relation.Row>> full = new HashMap<>();
    Map<String, Relation> fullRel = new HashMap<>(); // append-only: their row indexes stay valid
    Map<String, Relation> delta = new HashMap<>();
    for (String r : group) {
      full.put(r, new HashSet<>());
      fullRel.put(r, new Relation(Relation.positional(arity(r)), new ArrayList<>()));
      delta.put(r, empty(arity(r)));
    }
    boolean first = true;
    while (true) {
      Map<String, Set<Relation.Row>> fresh = new HashMap<>();
      for (String r : group) {
        for (Rule def : rules.get(r)) {
          List<Clause.RuleCall> calls = topLevelCalls(def.body());
          if (first) {
            // Round one: every call sees nothing yet, so only non-recursive definitions yield.
            derive(def, calls, -1, fullRel, delta, fresh, full, true);
          } else if (calls.isEmpty() && Vars.callsRules(def.body())) {
            derive(def, calls, -1, fullRel, delta, fresh, full, false); // calls inside or/not: naive
          } else {
            for (int k = 0; k < calls.size(); k++) {
              derive(def, calls, k, fullRel, delta, fresh, full, false);
            }
          }
        }
      }
      boolean any = false;
      for (String r : group) {
        Set<Relation.Row> added = fresh.getOrDefault(r, Set.of());
        budget.check(full.get(r).size() + added.size());
        full.get(r).addAll(added);
        for (Relation.Row row : added) {
          fullRel.get(r).rows.add(row.values);
        }
        delta.put(r, toRelation(added, arity(r)));
        any |= !added.isEmpty();
      }
      first = false;
      if (!any) {
        break;
      }
    }
    ruleValues.putAll(fullRel);
    return ruleValues.get(name);
  }

  /** The rules a rule depends on, itself included: the ones its fixpoint must compute. */
  private Set<String> reachable(String name) {
    Set<String> out = new LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>(List.of(name));
    while (!work.isEmpty()) {
      String r = work.poll();
      if (out.add(r)) {
        for (Rule def : rules.get(r)) {
          calls(def.body(), work);
        }
      }
    }
    return out;
  }

  private void calls(List<Clause> clauses, Deque<String> out) {
    for (Clause c : clauses) {
      if (c instanceof Clause.RuleCall call) {
        arity(call); // an unknown rule is an error here, before any work
        out.add(call.name());
      } else if (c instanceof Clause.Not n) {
        calls(n.clauses(), out);
      } else if (c instanceof Clause.Or o) {
        calls(o.branches(), out);
      } else if (c instanceof Clause.And a) {
        calls(a.clauses(), out);
      }
    }
  }

  private void derive(Rule def, List<Clause.RuleCall> calls, int deltaCall, Map<String, Relation> fullRel,
      Map<String, Relation> delta, Map<String, Set<Relation.Row>> fresh, Map<String, Set<Relation.Row>> full,
      boolean firstRound) {
    callValues.clear();
    for (int i = 0; i < calls.size(); i++) {
      Clause.RuleCall call = calls.get(i);
      callValues.put(call, firstRound ? empty(arity(call)) : i == deltaCall ? delta.get(call.name())
          : fullRel.get(call.name()));
    }
    if (!firstRound && deltaCall >= 0 && delta.get(calls.get(deltaCall).name()).rows.isEmpty()) {
      return; // nothing new to extend through this call
    }
    Map<String, Relation> saved = fixpointFull;
    fixpointFull = fullRel; // calls nested in not/or see everything so far
    Relation result;
    try {
      result = clauses.evaluate(def.body(), Relation.unit(), new HashSet<>(head(def)));
    } finally {
      fixpointFull = saved;
      callValues.clear();
    }
    Set<Relation.Row> known = full.get(def.name());
    Set<Relation.Row> out = fresh.computeIfAbsent(def.name(), k -> new LinkedHashSet<>());
    for (Object[] r : result.project(head(def)).rows) {
      Relation.Row row = new Relation.Row(r);
      if (!known.contains(row)) {
        out.add(row);
      }
    }
  }

  /** A definition's head variables (computed once: a fixpoint asks every round). */
  private List<Term.Var> head(Rule def) {
    return heads.computeIfAbsent(def, Rule::head);
  }

  private int arity(String rule) {
    return head(rules.get(rule).get(0)).size();
  }

  /** How many head variables the called rule has; an unknown rule is an error. */
  private int arity(Clause.RuleCall call) {
    List<Rule> defs = rules.get(call.name());
    if (defs == null) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "unknown rule " + call.name() + (rules.isEmpty()
          ? "; the query has no rules: add % to :in and pass them" : "; the rules define " + rules.keySet()));
    }
    return head(defs.get(0)).size();
  }

  private static List<Clause.RuleCall> topLevelCalls(List<Clause> body) {
    List<Clause.RuleCall> out = new ArrayList<>();
    for (Clause c : body) {
      if (c instanceof Clause.RuleCall r) {
        out.add(r);
      }
    }
    return out;
  }

  private static Relation empty(int arity) {
    return new Relation(Relation.positional(arity), new ArrayList<>());
  }

  private static Relation toRelation(Set<Relation.Row> rows, int arity) {
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Relation.Row r : rows) {
      out.add(r.values);
    }
    return new Relation(Relation.positional(arity), out);
  }
}

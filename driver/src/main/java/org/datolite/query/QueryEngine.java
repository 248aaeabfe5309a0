package org.datolite.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Evaluates a parsed {@link Query} against its inputs.
 *
 * <p>Scalar inputs are folded into the clauses as constants. The clauses of each body run in the
 * order the {@link Planner} chooses from index counts (or, with {@link QueryLimits#writtenOrder()},
 * in the order written); either way a predicate, function, {@code not} or {@code or} waits until
 * the variables it reads are bound (Datomic would reject the query instead). A data pattern is
 * answered from the index its bound positions select (EAVT, AEVT or AVET; a value range when a
 * comparison with a constant bounds the value), once per distinct binding of the variables it
 * shares with what came before, unless one scan of the pattern's constant part, joined by hash,
 * reads less than a seek per binding: the engine decides that with the actual number of bindings.
 * Rules are evaluated bottom-up, semi-naively.
 */
public final class QueryEngine {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueryEngine.class);
  private final Map<String, Object> sources = new HashMap<>();
  /** The rules of {@code %}, by name (several definitions each). */
  private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
  /** Each rule's relation (positional: one column per head variable), once computed for this query. */
  private final Map<String, Relation> ruleValues = new HashMap<>();
  /** During the fixpoint: what each rule call sees (the delta for one call, the full relation for the others). */
  private final Map<Clause.RuleCall, Relation> callValues = new java.util.IdentityHashMap<>();
  private Map<String, Relation> fixpointFull;
  private final QueryBudget budget;
  private final BuiltIns builtIns;
  private final PatternJoin patterns;
  private final EntityMerge merges;
  private final Planner planner = new Planner(sources, callValues);
  /** The clauses still to run in the body being evaluated (their comparisons may bound a pattern's range). */
  private List<Clause> pending = List.of();

  private QueryEngine(QueryBudget budget) {
    this.budget = budget;
    this.builtIns = new BuiltIns(sources, budget);
    this.patterns = new PatternJoin(sources, budget);
    this.merges = new EntityMerge(sources, budget, patterns);
  }

  /**
   * Runs a query. {@code inputs} match the query's {@code :in} one for one ({@code $} when it has
   * none): a {@link QueryDatabase} or a collection of tuples for a source, values for bindings.
   */
  public static Object run(Query query, Object... inputs) {
    return run(query, QueryLimits.DEFAULT, inputs);
  }

  /** As {@link #run(Query, Object...)}, within limits. */
  public static Object run(Query query, QueryLimits limits, Object... inputs) {
    return execute(query, limits, inputs).result;
  }

  /** What a run did: index seeks and datoms read (deterministic, unlike its duration). */
  record Work(long seeks, long datoms) {
    long total() {
      return seeks * (long) Planner.SEEK + datoms;
    }
  }

  /** Runs a query and reports the work it did (for tests comparing plans). */
  static Work measure(Query query, QueryLimits limits, Object... inputs) {
    QueryEngine engine = execute(query, limits, inputs);
    return new Work(engine.budget.seeks, engine.budget.datomsRead);
  }

  private Object result;

  /**
   * Runs a query nested in another one's body ({@code (q …)}): one level deeper within the
   * caller's budget, its work added to the caller's.
   */
  static Object runNested(Query query, QueryBudget budget, Object... inputs) {
    QueryEngine sub = execute(query, budget.forNestedQuery(), inputs);
    budget.addWork(sub.budget);
    return sub.result;
  }

  private static QueryEngine execute(Query query, QueryLimits limits, Object... inputs) {
    Inputs.check(query, limits, inputs);
    try {
      return execute(query, QueryBudget.startingNow(limits), inputs);
    } catch (StackOverflowError e) {
      // Nothing the query can nest should come near a thread's stack (StackGuard), but a small
      // stack or an unforeseen path must not kill the caller: the frames are gone once we unwind.
      throw StackGuard.overflowed(e);
    } catch (OutOfMemoryError e) {
      // The allocation that failed was this query's (a relation growing past the heap in one
      // step, before the guard's next look): its bindings are garbage once we unwind.
      throw QueryBudget.outOfMemory(e);
    }
  }

  private static QueryEngine execute(Query query, QueryBudget budget, Object... inputs) {
    List<Query.Input> in = query.inputs();
    if (inputs.length != in.size()) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "the query takes " + in.size() + " input" + (in.size() == 1 ? "" : "s")
          + " (" + Inputs.describe(in) + "); got " + inputs.length);
    }
    QueryEngine engine = new QueryEngine(budget);
    Relation rel = Relation.unit();
    Map<Term.Var, Object> constants = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      Query.Input input = in.get(i);
      if (input instanceof Query.SourceInput s) {
        if (!(inputs[i] instanceof QueryDatabase) && !(inputs[i] instanceof Collection<?>)) {
          throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "input " + (i + 1) + " (" + s.name() + ") must be a database or a"
              + " collection of tuples; got " + Functions.describe(inputs[i]));
        }
        engine.sources.put(s.name(), inputs[i]);
      } else if (input instanceof Query.RulesInput) {
        List<Rule> defs = inputs[i] instanceof String text ? QueryParser.parseRules(text)
            : inputs[i] instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(Rule.class::isInstance)
                ? l.stream().map(Rule.class::cast).toList() : QueryParser.parseRules(inputs[i]);
        for (Rule r : defs) {
          engine.rules.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
      } else {
        Binding b = ((Query.BindingInput) input).binding();
        rel = Bindings.join(rel, Bindings.bind(b, inputs[i], ":in input " + (i + 1)), engine.budget);
        if (b instanceof Binding.Scalar sc && inputs[i] != null) {
          constants.put(sc.var(), Bindings.normalize(inputs[i]));
        }
      }
    }
    for (Query.Element e : query.find().elements()) {
      if (e instanceof Query.Pull p && !(engine.sources.get(p.source()) instanceof QueryDatabase)) {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "(pull " + p.source() + " " + p.var() + " …) needs " + p.source()
            + " to be a database input");
      }
    }
    Set<Term.Var> needed = new HashSet<>(query.with());
    for (Query.Element e : query.find().elements()) {
      needed.add(Results.varOf(e));
    }
    List<Clause> where = Bindings.fold(query.where(), constants);
    if (!constants.isEmpty()) {
      // A scalar input written into every clause that reads it, and not returned, need not be bound.
      Set<Term.Var> used = new HashSet<>(Vars.inner(where));
      used.addAll(needed);
      List<Term.Var> keep = new ArrayList<>();
      for (Term.Var v : rel.vars) {
        if (!constants.containsKey(v) || used.contains(v)) {
          keep.add(v);
        }
      }
      if (keep.size() < rel.vars.size()) {
        rel = rel.project(keep);
      }
    }
    rel = engine.evaluate(where, rel, needed);
    engine.result = Results.shape(query, rel, engine.sources);
    return engine;
  }

  // ---- clauses --------------------------------------------------------------------------------

  /**
   * Runs a body's clauses on the bindings so far. {@code needed}: the variables the caller reads
   * afterwards (null: all); a variable neither needed nor read by a clause still to run is
   * projected away as soon as possible, and the bindings deduplicated (set semantics), so that a
   * join through a variable does not carry every binding of the variables it came from.
   */
  private Relation evaluate(List<Clause> clauses, Relation start, Set<Term.Var> needed) {
    budget.enterBody();
    List<Clause> saved = this.pending;
    try {
      List<Clause> pending = new ArrayList<>(budget.limits.writtenOrder() ? clauses : plan(clauses, start));
      this.pending = pending;
      return run(pending, start, needed);
    } finally {
      this.pending = saved;
      budget.leaveBody();
    }
  }

  /** A body's order as last planned, and the sizes it was planned for. */
  private record Plan(List<Clause> order, List<Term.Var> bound, long[] sizes) {}

  private final Map<List<Clause>, Plan> plans = new java.util.IdentityHashMap<>();

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
      if ((a[i] < 0) != (b[i] < 0) || Math.max(a[i], 16) > 2 * Math.max(b[i], 16)
          || Math.max(b[i], 16) > 2 * Math.max(a[i], 16)) {
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
        rel = apply(pending.remove(pick), rel);
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

  private Relation apply(Clause c, Relation rel) {
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
      Set<Relation.Row> remove = new java.util.HashSet<>();
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
      List<Term.Var> join = o.join() != null ? o.join() : new ArrayList<>(Vars.binds(o));
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
      return ruleCall((Clause.RuleCall) c, rel);
    }
  }

  // ---- rules ----------------------------------------------------------------------------------

  /** Joins a rule's relation, through the call's arguments, with the bindings so far. */
  private Relation ruleCall(Clause.RuleCall call, Relation rel) {
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
    RowIndex index = key.length > 0 && value.rows.size() >= 32 ? rowIndex(value.rows, key) : null;
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
        Object[] joined = java.util.Arrays.copyOf(row, vars.size());
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

  private final Map<List<Object[]>, Map<Long, RowIndex>> rowIndexes = new java.util.IdentityHashMap<>();

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
      tuples.add(java.util.Arrays.asList(r.values));
    }
    String seedSource = "$ seed";
    MagicSets.Program program = MagicSets.rewrite(rules, call.name(), bound, seedSource);
    QueryEngine sub = new QueryEngine(budget.forSubProgram());
    sub.sources.putAll(sources);
    sub.sources.put(seedSource, tuples);
    sub.rules.putAll(program.rules());
    try {
      return sub.ruleValue(program.entry());
    } finally {
      budget.addWork(sub.budget);
    }
  }

  /** A rule's whole relation, computed bottom-up with every rule of the query (semi-naive). */
  private Relation ruleValue(String name) {
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
    java.util.Deque<String> work = new java.util.ArrayDeque<>(List.of(name));
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

  private void calls(List<Clause> clauses, java.util.Deque<String> out) {
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
      result = evaluate(def.body(), Relation.unit(), new HashSet<>(head(def)));
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

  private final Map<Rule, List<Term.Var>> heads = new java.util.IdentityHashMap<>();

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

package org.datolite.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * Evaluates a parsed {@link Query} against its inputs: the engine's entry point.
 *
 * <p>The parts, in the order a query meets them: {@link Inputs} checks what the caller passed;
 * {@link Bindings} binds the inputs and writes scalar ones into the clauses; a {@link ClauseLoop}
 * evaluates the {@code :where}, ordering each body with the {@link Planner} and handing each clause
 * to {@link PatternJoin} (with {@link DatomMatcher}), {@link EntityMerge}, {@link BuiltIns} or
 * {@link RuleEvaluator} (with {@link Reachability} and {@link MagicSets}); {@link Results} (with
 * {@link Aggregates} and {@link Pull}) shapes what the find specification asks for. All of it runs
 * within one {@link QueryBudget}. A database source is anything that is a {@link QueryDatabase}.
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
  private final Map<String, Object> sources = new HashMap<>();
  /** The rules of {@code %}, by name (several definitions each). */
  private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
  private final QueryBudget budget;
  private final ClauseLoop clauses;

  private QueryEngine(QueryBudget budget) {
    this.budget = budget;
    this.clauses = new ClauseLoop(sources, rules, budget);
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
    rel = engine.clauses.evaluate(where, rel, needed);
    engine.result = Results.shape(query, rel, engine.sources);
    return engine;
  }
}

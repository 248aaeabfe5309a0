package org.datolite.query;

import static org.datolite.query.QueryParser.error;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link QueryParser} checks of a parsed query or rule before it runs: every find and
 * {@code :with} variable bound by {@code :in} or {@code :where}, every variable a predicate or
 * function reads bound by some other clause or input, {@code not} sharing a variable with the
 * rest (and {@code not-join}'s variables bound outside it), and the branches of an {@code or}
 * binding the same variables (or those of {@code or-join}).
 */
final class QueryChecks {
  private QueryChecks() {}

  static void check(Query q) {
    Set<Term.Var> bound = new LinkedHashSet<>();
    for (Query.Input in : q.inputs()) {
      if (in instanceof Query.BindingInput b) {
        bound.addAll(Vars.of(b.binding()));
      }
    }
    for (Clause c : q.where()) {
      bound.addAll(Vars.binds(c));
    }
    for (Query.Element e : q.find().elements()) {
      Term.Var v = e instanceof Query.VarElement ve ? ve.var()
          : e instanceof Query.Aggregate a ? a.var() : ((Query.Pull) e).var();
      if (!bound.contains(v)) {
        throw error(":find variable " + v + " is not bound by :in or :where");
      }
    }
    for (Term.Var v : q.with()) {
      if (!bound.contains(v)) {
        throw error(":with variable " + v + " is not bound by :in or :where");
      }
    }
    for (int i = 0; i < q.where().size(); i++) {
      checkReads(q.where().get(i), bound, ":where clause " + (i + 1));
    }
  }

  /** Predicates and functions read only bound variables; not shares one; or branches agree. */
  static void checkReads(Clause c, Set<Term.Var> bound, String where) {
    if (c instanceof Clause.Predicate p) {
      requireBound(p.args(), bound, where + " [(" + p.function() + " …)]");
    } else if (c instanceof Clause.Function f) {
      requireBound(f.args(), bound, where + " [(" + f.function() + " …) …]");
    } else if (c instanceof Clause.Not n) {
      Set<Term.Var> inner = new LinkedHashSet<>();
      n.clauses().forEach(x -> inner.addAll(Vars.binds(x)));
      n.clauses().forEach(x -> collectVars(x, inner));
      List<Term.Var> join = n.join() != null ? n.join() : inner.stream().filter(bound::contains).toList();
      if (join.isEmpty()) {
        throw error(where + ": (not …) shares no variable with the rest of the query, so it could only"
            + " remove everything or nothing");
      }
      for (Term.Var v : join) {
        if (!bound.contains(v)) {
          throw error(where + ": (not-join) variable " + v + " is not bound outside it");
        }
      }
      Set<Term.Var> scope = new LinkedHashSet<>(join);
      n.clauses().forEach(x -> scope.addAll(Vars.binds(x)));
      n.clauses().forEach(x -> checkReads(x, scope, where + " (not)"));
    } else if (c instanceof Clause.Or o) {
      Set<Term.Var> first = null;
      for (int i = 0; i < o.branches().size(); i++) {
        Set<Term.Var> b = Vars.binds(o.branches().get(i));
        if (o.join() == null) {
          if (first == null) {
            first = b;
          } else if (!first.equals(b)) {
            throw error(where + ": (or) branches bind different variables (" + first + " and " + b
                + "); use (or-join [?vars] …) to say which ones join");
          }
        } else {
          for (Term.Var v : o.join()) {
            if (!b.contains(v) && !bound.contains(v)) {
              throw error(where + ": (or-join) branch " + (i + 1) + " does not bind " + v);
            }
          }
        }
        Set<Term.Var> scope = new LinkedHashSet<>(bound);
        scope.addAll(b);
        checkReads(o.branches().get(i), scope, where + " (or) branch " + (i + 1));
      }
    } else if (c instanceof Clause.And a) {
      a.clauses().forEach(x -> checkReads(x, bound, where));
    }
  }

  private static void collectVars(Clause c, Set<Term.Var> out) {
    if (c instanceof Clause.Predicate p) {
      p.args().forEach(t -> addVar(t, out));
    } else if (c instanceof Clause.Function f) {
      f.args().forEach(t -> addVar(t, out));
    }
  }

  private static void requireBound(List<Term> args, Set<Term.Var> bound, String where) {
    for (Term t : args) {
      if (t instanceof Term.Var v && !bound.contains(v)) {
        throw error(where + ": variable " + v + " is not bound; a predicate or function reads only variables"
            + " that a pattern, an input or another function binds");
      }
    }
  }

  private static void addVar(Term t, Set<Term.Var> out) {
    if (t instanceof Term.Var v) {
      out.add(v);
    }
  }
}

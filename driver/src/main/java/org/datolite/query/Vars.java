package org.datolite.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which variables a clause binds and which it reads. */
final class Vars {
  private Vars() {}

  /** The variables a clause can bind. */
  static Set<Term.Var> binds(Clause c) {
    Set<Term.Var> out = new LinkedHashSet<>();
    if (c instanceof Clause.Pattern p) {
      p.terms().forEach(t -> add(t, out));
    } else if (c instanceof Clause.Function f) {
      out.addAll(of(f.binding()));
    } else if (c instanceof Clause.RuleCall r) {
      r.args().forEach(t -> add(t, out));
    } else if (c instanceof Clause.And a) {
      a.clauses().forEach(x -> out.addAll(binds(x)));
    } else if (c instanceof Clause.Or o) {
      if (o.join() != null) {
        out.addAll(o.join());
      } else {
        o.branches().forEach(x -> out.addAll(binds(x)));
      }
    }
    return out;
  }

  /** The variables a binding form binds. */
  static Set<Term.Var> of(Binding b) {
    Set<Term.Var> out = new LinkedHashSet<>();
    if (b instanceof Binding.Scalar s) {
      out.add(s.var());
    } else if (b instanceof Binding.Collection c) {
      out.add(c.var());
    } else if (b instanceof Binding.Tuple t) {
      t.vars().forEach(x -> add(x, out));
    } else {
      ((Binding.Relation) b).vars().forEach(x -> add(x, out));
    }
    return out;
  }

  /** The variables a clause needs bound before it runs (filters and functions read; not and or join). */
  static Set<Term.Var> reads(Clause c) {
    Set<Term.Var> out = new LinkedHashSet<>();
    if (c instanceof Clause.Predicate p) {
      p.args().forEach(t -> add(t, out));
    } else if (c instanceof Clause.Function f) {
      f.args().forEach(t -> add(t, out));
    } else if (c instanceof Clause.Not n) {
      out.addAll(n.join() != null ? n.join() : inner(n.clauses()));
    } else if (c instanceof Clause.Or o && o.join() != null) {
      // A join variable some branch does not bind must come from outside.
      for (Term.Var v : o.join()) {
        for (Clause branch : o.branches()) {
          if (!binds(branch).contains(v)) {
            out.add(v);
          }
        }
      }
    } else if (c instanceof Clause.Or o) {
      // A variable a branch uses but cannot bind (a predicate's argument) must come from outside.
      for (Clause branch : o.branches()) {
        Set<Term.Var> used = all(branch);
        used.removeAll(binds(branch));
        out.addAll(used);
      }
    }
    return out;
  }

  /** Every variable occurring in some clauses. */
  static Set<Term.Var> inner(List<Clause> clauses) {
    Set<Term.Var> out = new LinkedHashSet<>();
    clauses.forEach(x -> out.addAll(all(x)));
    return out;
  }

  /** Every variable that occurs in a clause. */
  static Set<Term.Var> all(Clause c) {
    Set<Term.Var> out = new LinkedHashSet<>(binds(c));
    if (c instanceof Clause.Predicate || c instanceof Clause.Function) {
      out.addAll(reads(c));
    }
    if (c instanceof Clause.Not n) {
      out.addAll(inner(n.clauses()));
      if (n.join() != null) {
        out.addAll(n.join());
      }
    } else if (c instanceof Clause.Or o) {
      o.branches().forEach(x -> out.addAll(all(x)));
    } else if (c instanceof Clause.And a) {
      a.clauses().forEach(x -> out.addAll(all(x)));
    }
    return out;
  }

  /** Whether any clause, at any depth, calls a rule. */
  static boolean callsRules(List<Clause> clauses) {
    for (Clause c : clauses) {
      if (c instanceof Clause.RuleCall
          || c instanceof Clause.Not n && callsRules(n.clauses())
          || c instanceof Clause.Or o && callsRules(o.branches())
          || c instanceof Clause.And a && callsRules(a.clauses())) {
        return true;
      }
    }
    return false;
  }

  private static void add(Term t, Set<Term.Var> out) {
    if (t instanceof Term.Var v) {
      out.add(v);
    }
  }
}

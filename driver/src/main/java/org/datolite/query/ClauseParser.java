package org.datolite.query;

import static org.datolite.query.QueryParser.error;
import static org.datolite.query.QueryParser.isSymbol;
import static org.datolite.query.QueryParser.show;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.edn.EdnList;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;

/**
 * The forms inside a query or rule, for {@link QueryParser}: {@code :in} inputs and binding forms,
 * clauses (data patterns, predicate and function expressions, {@code not}, {@code or},
 * {@code and} and their {@code -join} forms, rule calls, nested at most
 * {@link QueryLimits#MAX_CLAUSE_NESTING} levels), rule definitions, and terms. Each parse names
 * where the form stands ({@code :where clause 3 (or) branch 2}) in its errors.
 */
final class ClauseParser {
  private ClauseParser() {}

  // ---- inputs and bindings --------------------------------------------------------------------

  static Query.Input input(Object o) {
    if (o instanceof Symbol s && s.toString().startsWith("$")) {
      return new Query.SourceInput(s.toString());
    }
    if (isSymbol(o, "%")) {
      return new Query.RulesInput();
    }
    return new Query.BindingInput(binding(o, ":in"));
  }

  static Binding binding(Object o, String where) {
    Term.Var v = var(o);
    if (v != null) {
      return new Binding.Scalar(v);
    }
    if (o instanceof List<?> vec) {
      if (vec.size() == 2 && isSymbol(vec.get(1), "...")) {
        return new Binding.Collection(varOrThrow(vec.get(0), where + " collection binding"));
      }
      if (vec.size() == 1 && vec.get(0) instanceof List<?> inner) {
        return new Binding.Relation(bindingVars(inner, where + " relation binding"));
      }
      return new Binding.Tuple(bindingVars(vec, where + " tuple binding"));
    }
    throw error(where + ": " + show(o) + " is not a binding; expected ?x, [?a ?b], [?x ...] or [[?a ?b]]");
  }

  private static List<Term> bindingVars(List<?> forms, String where) {
    if (forms.isEmpty()) {
      throw error(where + " is empty");
    }
    List<Term> out = new ArrayList<>();
    for (Object f : forms) {
      if (isSymbol(f, "_")) {
        out.add(new Term.Blank());
      } else {
        out.add(varOrThrow(f, where));
      }
    }
    return List.copyOf(out);
  }

  // ---- clauses --------------------------------------------------------------------------------

  /** A clause {@code depth} levels inside {@code not}, {@code or} and {@code and}. */
  static Clause clause(Object o, String where, int depth) {
    if (o instanceof EdnList list) {
      return listClause(list, where, depth);
    }
    if (!(o instanceof List<?> vec) || vec.isEmpty()) {
      throw error(where + ": " + show(o) + " is not a clause; expected a pattern [?e :attr ?v], an expression"
          + " [(pred ?x)], or (not …), (or …), (rule ?x)");
    }
    if (vec.get(0) instanceof EdnList call) {
      return expression(call, vec, where);
    }
    String source = "$";
    int from = 0;
    if (vec.get(0) instanceof Symbol s && s.toString().startsWith("$")) {
      source = s.toString();
      from = 1;
    }
    List<Term> terms = new ArrayList<>();
    for (Object t : vec.subList(from, vec.size())) {
      terms.add(term(t));
    }
    if (terms.isEmpty() || terms.size() > 5) {
      throw error(where + ": pattern " + show(o) + " has " + terms.size()
          + " terms; expected 1 to 5 ([e a v tx added])");
    }
    return new Clause.Pattern(source, List.copyOf(terms));
  }

  private static Clause expression(EdnList call, List<?> vec, String where) {
    if (call.isEmpty() || !(call.first() instanceof Symbol fn)) {
      throw error(where + ": " + show(vec) + ": an expression starts with a function name, as in [(> ?a 1)]");
    }
    List<Term> args = new ArrayList<>();
    for (Object a : call.elements().subList(1, call.size())) {
      args.add(term(a));
    }
    Functions.checkArity(fn.toString(), args.size(), where + " " + show(vec));
    if (vec.size() == 1) {
      return new Clause.Predicate(fn.toString(), List.copyOf(args));
    }
    if (vec.size() == 2) {
      return new Clause.Function(fn.toString(), List.copyOf(args), binding(vec.get(1), where));
    }
    throw error(where + ": " + show(vec) + " has " + vec.size() + " parts; expected [(pred …)] or [(fn …) binding]");
  }

  private static Clause listClause(EdnList list, String where, int depth) {
    List<Object> items = list.elements();
    String source = null;
    int i = 0;
    if (!items.isEmpty() && items.get(0) instanceof Symbol s && s.toString().startsWith("$")) {
      source = s.toString();
      i = 1;
    }
    if (i >= items.size() || !(items.get(i) instanceof Symbol head)) {
      throw error(where + ": " + list + " is not (not …), (or …), (and …) or a rule call (name ?a …)");
    }
    String name = head.toString();
    List<Object> rest = items.subList(i + 1, items.size());
    switch (name) {
      case "not", "and", "or" -> {
        if (rest.isEmpty()) {
          throw error(where + ": (" + name + ") needs at least one clause");
        }
        List<Clause> clauses = clauses(rest, where + " (" + name + ")", name.equals("or"), depth + 1);
        return switch (name) {
          case "not" -> new Clause.Not(source, null, clauses);
          case "and" -> new Clause.And(clauses);
          default -> new Clause.Or(source, null, clauses);
        };
      }
      case "not-join", "or-join" -> {
        if (rest.isEmpty() || !(rest.get(0) instanceof List<?> joinForms) || rest.get(0) instanceof EdnList) {
          throw error(where + ": (" + name + ") needs its variables first, as in (" + name + " [?a] …)");
        }
        List<Term.Var> join = new ArrayList<>();
        for (Object f : joinForms) {
          if (f instanceof List<?> required && !(f instanceof EdnList)) {
            for (Object r : required) {
              join.add(varOrThrow(r, where + " (" + name + ") variables")); // [[?req] ?free]: all join
            }
          } else {
            join.add(varOrThrow(f, where + " (" + name + ") variables"));
          }
        }
        if (rest.size() < 2) {
          throw error(where + ": (" + name + " " + show(rest.get(0)) + ") needs at least one clause");
        }
        List<Clause> clauses = clauses(rest.subList(1, rest.size()), where + " (" + name + ")",
            name.equals("or-join"), depth + 1);
        return name.equals("not-join") ? new Clause.Not(source, List.copyOf(join), clauses)
            : new Clause.Or(source, List.copyOf(join), clauses);
      }
      default -> {
        List<Term> args = new ArrayList<>();
        for (Object a : rest) {
          args.add(term(a));
        }
        if (args.isEmpty()) {
          throw error(where + ": rule call (" + name + ") has no arguments");
        }
        return new Clause.RuleCall(source == null ? "$" : source, name, List.copyOf(args));
      }
    }
  }

  private static List<Clause> clauses(List<Object> forms, String where, boolean branches, int depth) {
    if (depth > QueryLimits.MAX_CLAUSE_NESTING) {
      throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, (where.length() <= 100 ? where : where.substring(0, 100) + "…")
          + ": not, or and and nest deeper than "
          + QueryLimits.MAX_CLAUSE_NESTING + " levels; expected at most " + QueryLimits.MAX_CLAUSE_NESTING
          + " (QueryLimits.MAX_CLAUSE_NESTING)");
    }
    List<Clause> out = new ArrayList<>();
    for (int k = 0; k < forms.size(); k++) {
      out.add(clause(forms.get(k), where + (branches ? " branch " : " clause ") + (k + 1), depth));
    }
    return List.copyOf(out);
  }

  static Rule rule(Object o, String where) {
    if (!(o instanceof List<?> def) || o instanceof EdnList || def.size() < 2 || !(def.get(0) instanceof EdnList head)
        || head.isEmpty() || !(head.first() instanceof Symbol name)) {
      throw error(where + ": " + show(o) + " is not [(name ?a …) clause …]");
    }
    List<Term.Var> required = new ArrayList<>();
    List<Term.Var> free = new ArrayList<>();
    List<Object> params = head.elements().subList(1, head.size());
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (i == 0 && p instanceof List<?> req && !(p instanceof EdnList)) {
        for (Object r : req) {
          required.add(varOrThrow(r, where + " " + name + " required variables"));
        }
      } else {
        free.add(varOrThrow(p, where + " " + name + " head"));
      }
    }
    if (required.isEmpty() && free.isEmpty()) {
      throw error(where + ": rule " + name + " has no variables in its head");
    }
    List<Clause> body = clauses(new ArrayList<>(def.subList(1, def.size())), where + " " + name, false, 0);
    Rule rule = new Rule(name.toString(), List.copyOf(required), List.copyOf(free), body);
    Set<Term.Var> bound = new LinkedHashSet<>();
    for (Clause c : body) {
      bound.addAll(Vars.binds(c));
    }
    for (int i = 0; i < body.size(); i++) {
      QueryChecks.checkReads(body.get(i), bound, where + " " + name + " clause " + (i + 1));
    }
    for (Term.Var v : rule.head()) {
      if (!bound.contains(v)) {
        throw error(where + ": rule " + name + " never binds its head variable " + v + " in its body");
      }
    }
    return rule;
  }

  // ---- terms ----------------------------------------------------------------------------------

  static Term term(Object o) {
    if (o instanceof Symbol s) {
      String n = s.toString();
      if (n.equals("_")) {
        return new Term.Blank();
      }
      if (n.startsWith("?")) {
        return new Term.Var(n);
      }
      if (n.startsWith("$")) {
        return new Term.Source(n);
      }
      throw error("symbol " + n + " is not a variable (?x), a source ($x) or _; a constant symbol is not a value"
          + " (use a keyword or a string)");
    }
    if (o instanceof Integer i) {
      return new Term.Constant((long) i);
    }
    return new Term.Constant(o);
  }

  static Term.Var var(Object o) {
    return o instanceof Symbol s && s.toString().startsWith("?") && s.toString().length() > 1
        ? new Term.Var(s.toString()) : null;
  }

  static Term.Var varOrThrow(Object o, String where) {
    Term.Var v = var(o);
    if (v == null) {
      throw error(where + ": " + show(o) + " is not a variable; expected ?name");
    }
    return v;
  }
}

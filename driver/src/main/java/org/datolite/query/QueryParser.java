package org.datolite.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.edn.EdnList;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;
import org.datolite.value.Keyword;

/**
 * Reads Datalog queries and rules in Datomic's grammar (list form {@code [:find … :in … :where …]}
 * or map form {@code {:find […] :in […] :where […]}}) into {@link Query} and {@link Rule}, and
 * checks what can be checked before running: every part well formed, every find and
 * {@code :with} variable bound somewhere, every variable a predicate or function reads bound by
 * some other clause or input, {@code or} branches binding the same variables, {@code not}
 * sharing a variable with the rest, and built-in functions given as many arguments as they take. Errors are {@link DatoliteException}s with SQLState 42601 naming the clause and what was
 * expected, or 54001 for {@code not}, {@code or} and {@code and} nested deeper than
 * {@link QueryLimits#MAX_CLAUSE_NESTING}.
 */
public final class QueryParser {
  private static final SqlState SYNTAX = SqlState.SYNTAX_ERROR;

  private QueryParser() {}

  /** Parses a query from EDN text. */
  public static Query parse(String edn) {
    if (edn == null) {
      throw error("the query is null; expected EDN text [:find … :where …] or {:find […] :where […]}");
    }
    Object form;
    try {
      form = Edn.read(edn);
    } catch (EdnException e) {
      throw new DatoliteException(SYNTAX, "query: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw StackGuard.overflowed(e);
    }
    return parse(form);
  }

  /** Parses a query already read from EDN (a vector or a map). */
  public static Query parse(Object form) {
    try {
      return query(form);
    } catch (StackOverflowError e) {
      // The nesting is bounded (MAX_CLAUSE_NESTING) far below a default stack; a small one may still overflow.
      throw StackGuard.overflowed(e);
    }
  }

  private static Query query(Object form) {
    Map<Keyword, List<Object>> sections = sections(form);
    List<Object> findForms = sections.get(Keyword.of("find"));
    if (findForms == null || findForms.isEmpty()) {
      throw error("query has no :find; expected [:find ?var … :where …]");
    }
    Query.Find find = find(findForms);
    Query.ReturnMaps returnMaps = returnMaps(sections, find);
    List<Term.Var> with = new ArrayList<>();
    for (Object o : sections.getOrDefault(Keyword.of("with"), List.of())) {
      with.add(varOrThrow(o, ":with"));
    }
    List<Query.Input> inputs = new ArrayList<>();
    List<Object> in = sections.get(Keyword.of("in"));
    if (in == null) {
      inputs.add(new Query.SourceInput("$"));
    } else {
      for (Object o : in) {
        inputs.add(input(o));
      }
    }
    List<Clause> where = new ArrayList<>();
    List<Object> whereForms = sections.getOrDefault(Keyword.of("where"), List.of());
    for (int i = 0; i < whereForms.size(); i++) {
      where.add(clause(whereForms.get(i), ":where clause " + (i + 1), 0));
    }
    Query q = new Query(find, returnMaps, List.copyOf(with), List.copyOf(inputs), List.copyOf(where));
    check(q);
    return q;
  }

  /** Parses rules from EDN text: a vector of rule definitions. */
  public static List<Rule> parseRules(String edn) {
    if (edn == null) {
      throw error("the rules are null; expected EDN text [[(name ?a …) clause …] …]");
    }
    Object form;
    try {
      form = Edn.read(edn);
    } catch (EdnException e) {
      throw new DatoliteException(SYNTAX, "rules: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw StackGuard.overflowed(e);
    }
    return parseRules(form);
  }

  /** Parses rules already read from EDN. */
  public static List<Rule> parseRules(Object form) {
    try {
      return rules(form);
    } catch (StackOverflowError e) {
      throw StackGuard.overflowed(e);
    }
  }

  private static List<Rule> rules(Object form) {
    if (!(form instanceof List<?> defs)) {
      throw error("rules must be a vector of rule definitions [[(name ?a …) clause …] …]; got " + show(form));
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      rules.add(rule(defs.get(i), "rule definition " + (i + 1)));
    }
    return List.copyOf(rules);
  }

  // ---- sections and find ----------------------------------------------------------------------

  private static Map<Keyword, List<Object>> sections(Object form) {
    Map<Keyword, List<Object>> out = new LinkedHashMap<>();
    Set<Keyword> known = Set.of(Keyword.of("find"), Keyword.of("with"), Keyword.of("in"), Keyword.of("where"),
        Keyword.of("keys"), Keyword.of("syms"), Keyword.of("strs"));
    if (form instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof Keyword k) || !known.contains(k)) {
          throw error("query map key " + show(e.getKey()) + " is unknown; expected :find, :keys, :syms, :strs,"
              + " :with, :in or :where");
        }
        if (!(e.getValue() instanceof List<?> list)) {
          throw error("query map value of " + k + " must be a vector; got " + show(e.getValue()));
        }
        out.put(k, new ArrayList<>(list));
      }
      return out;
    }
    if (!(form instanceof List<?> list)) {
      throw error("a query is a vector [:find … :where …] or a map {:find […] :where […]}; got " + show(form));
    }
    Keyword current = null;
    for (Object o : list) {
      if (o instanceof Keyword k) {
        if (!known.contains(k)) {
          throw error("query section " + k + " is unknown; expected :find, :keys, :syms, :strs, :with, :in or :where");
        }
        if (out.containsKey(k)) {
          throw error("query section " + k + " appears twice");
        }
        current = k;
        out.put(k, new ArrayList<>());
      } else if (current == null) {
        throw error("query must start with :find; got " + show(o));
      } else {
        out.get(current).add(o);
      }
    }
    return out;
  }

  private static Query.Find find(List<Object> forms) {
    if (forms.size() == 2 && isSymbol(forms.get(1), ".")) {
      return new Query.Find(Query.Shape.SCALAR, List.of(element(forms.get(0))));
    }
    if (forms.size() == 1 && forms.get(0) instanceof List<?> v) {
      if (v.size() == 2 && isSymbol(v.get(1), "...")) {
        return new Query.Find(Query.Shape.COLLECTION, List.of(element(v.get(0))));
      }
      if (v.isEmpty()) {
        throw error(":find [] is empty; expected [?a ?b] (a tuple) or [?a ...] (a collection)");
      }
      List<Query.Element> elements = new ArrayList<>();
      for (Object o : v) {
        elements.add(element(o));
      }
      return new Query.Find(Query.Shape.TUPLE, List.copyOf(elements));
    }
    List<Query.Element> elements = new ArrayList<>();
    for (Object o : forms) {
      if (isSymbol(o, ".") || isSymbol(o, "...")) {
        throw error(":find " + show(forms) + ": '" + o + "' belongs after a single element (?x . for a scalar)"
            + " or inside a vector ([?x ...] for a collection)");
      }
      elements.add(element(o));
    }
    return new Query.Find(Query.Shape.RELATION, List.copyOf(elements));
  }

  private static Query.Element element(Object o) {
    Term.Var v = var(o);
    if (v != null) {
      return new Query.VarElement(v);
    }
    if (o instanceof EdnList list && !list.isEmpty() && list.first() instanceof Symbol fn) {
      List<Object> args = list.elements().subList(1, list.size());
      if (fn.toString().equals("pull")) {
        return pull(args, list);
      }
      if (args.isEmpty()) {
        throw error(":find " + list + ": an aggregate needs a variable, as in (" + fn + " ?x)");
      }
      List<Term> terms = new ArrayList<>();
      for (Object a : args) {
        terms.add(term(a));
      }
      if (!(terms.get(terms.size() - 1) instanceof Term.Var)) {
        throw error(":find " + list + ": the last argument of an aggregate must be a variable");
      }
      checkAggregateCount(fn.toString(), terms, list);
      return new Query.Aggregate(fn.toString(), List.copyOf(terms));
    }
    throw error(":find element " + show(o) + " is not a variable, an aggregate (fn ?x) or (pull ?e pattern)");
  }

  /** The aggregates that take how many values to keep ({@code (max 3 ?x)}) take a count of 0 or more. */
  private static void checkAggregateCount(String fn, List<Term> terms, EdnList whole) {
    boolean counted = Set.of("min", "max", "rand", "sample").contains(fn);
    if (terms.size() > (counted ? 2 : 1)) {
      if (Set.of("count", "count-distinct", "sum", "avg", "median", "variance", "stddev", "distinct", "min", "max",
          "rand", "sample").contains(fn)) {
        throw error(":find " + whole + ": (" + fn + (counted ? " n ?x) takes a count and" : " ?x) takes") + " one"
            + " variable; got " + terms.size() + " arguments");
      }
      return; // an unknown aggregate: 42883 when it runs
    }
    if (counted && terms.size() == 2
        && !(terms.get(0) instanceof Term.Constant k && k.value() instanceof Long n && n >= 0)) {
      throw error(":find " + whole + ": " + terms.get(0) + " is not a count; expected (" + fn + " n ?x) with n a"
          + " constant integer of 0 or more");
    }
  }

  private static Query.Pull pull(List<Object> args, EdnList whole) {
    String source = "$";
    int i = 0;
    if (!args.isEmpty() && args.get(0) instanceof Symbol s && s.toString().startsWith("$")) {
      source = s.toString();
      i = 1;
    }
    if (args.size() - i != 2 || var(args.get(i)) == null) {
      throw error(":find " + whole + ": expected (pull ?e pattern) or (pull $src ?e pattern)");
    }
    return new Query.Pull(source, var(args.get(i)), args.get(i + 1));
  }

  private static Query.ReturnMaps returnMaps(Map<Keyword, List<Object>> sections, Query.Find find) {
    Query.ReturnMaps out = null;
    for (Query.ReturnMaps.Kind kind : Query.ReturnMaps.Kind.values()) {
      List<Object> names = sections.get(Keyword.of(kind.name().toLowerCase()));
      if (names == null) {
        continue;
      }
      if (out != null) {
        throw error("query gives both " + out.kind().name().toLowerCase() + " and " + kind.name().toLowerCase()
            + "; expected one of :keys, :syms, :strs");
      }
      if (names.size() == 1 && names.get(0) instanceof List<?> v) {
        names = new ArrayList<>(v); // map form: :keys [a b]
      }
      List<String> strings = new ArrayList<>();
      for (Object n : names) {
        if (!(n instanceof Symbol s)) {
          throw error(":" + kind.name().toLowerCase() + " names must be symbols; got " + show(n));
        }
        strings.add(s.toString());
      }
      if (find.shape() == Query.Shape.SCALAR || find.shape() == Query.Shape.COLLECTION) {
        throw error(":" + kind.name().toLowerCase() + " needs a relation or tuple :find, not a "
            + find.shape().name().toLowerCase());
      }
      if (strings.size() != find.elements().size()) {
        throw error(":" + kind.name().toLowerCase() + " gives " + strings.size() + " names for "
            + find.elements().size() + " :find elements");
      }
      out = new Query.ReturnMaps(kind, List.copyOf(strings));
    }
    return out;
  }

  // ---- inputs and bindings --------------------------------------------------------------------

  private static Query.Input input(Object o) {
    if (o instanceof Symbol s && s.toString().startsWith("$")) {
      return new Query.SourceInput(s.toString());
    }
    if (isSymbol(o, "%")) {
      return new Query.RulesInput();
    }
    return new Query.BindingInput(binding(o, ":in"));
  }

  private static Binding binding(Object o, String where) {
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
  private static Clause clause(Object o, String where, int depth) {
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

  private static Rule rule(Object o, String where) {
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
      checkReads(body.get(i), bound, where + " " + name + " clause " + (i + 1));
    }
    for (Term.Var v : rule.head()) {
      if (!bound.contains(v)) {
        throw error(where + ": rule " + name + " never binds its head variable " + v + " in its body");
      }
    }
    return rule;
  }

  // ---- terms ----------------------------------------------------------------------------------

  private static Term term(Object o) {
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

  private static Term.Var var(Object o) {
    return o instanceof Symbol s && s.toString().startsWith("?") && s.toString().length() > 1
        ? new Term.Var(s.toString()) : null;
  }

  private static Term.Var varOrThrow(Object o, String where) {
    Term.Var v = var(o);
    if (v == null) {
      throw error(where + ": " + show(o) + " is not a variable; expected ?name");
    }
    return v;
  }

  // ---- checks ---------------------------------------------------------------------------------

  private static void check(Query q) {
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
  private static void checkReads(Clause c, Set<Term.Var> bound, String where) {
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

  private static boolean isSymbol(Object o, String name) {
    return o instanceof Symbol s && s.toString().equals(name);
  }

  private static String show(Object o) {
    if (o == null) {
      return "nil";
    }
    try {
      return Edn.write(o);
    } catch (RuntimeException e) {
      return String.valueOf(o);
    }
  }

  private static DatoliteException error(String message) {
    return new DatoliteException(SYNTAX, message);
  }
}

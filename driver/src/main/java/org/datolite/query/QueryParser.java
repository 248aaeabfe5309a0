package org.datolite.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * sharing a variable with the rest, and built-in functions given as many arguments as they take.
 * Errors are {@link DatoliteException}s with SQLState 42601 naming the clause and what was
 * expected, or 54001 for {@code not}, {@code or} and {@code and} nested deeper than
 * {@link QueryLimits#MAX_CLAUSE_NESTING}.
 *
 * <p>This class reads the query's shape: its sections, the find specification (variables,
 * aggregates, pull expressions), {@code :keys}/{@code :syms}/{@code :strs}, and rule sets; the
 * forms inside ({@code :in} bindings, clauses, rule definitions, terms) are {@link ClauseParser}'s,
 * and the checks across clauses {@link QueryChecks}'.
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
      with.add(ClauseParser.varOrThrow(o, ":with"));
    }
    List<Query.Input> inputs = new ArrayList<>();
    List<Object> in = sections.get(Keyword.of("in"));
    if (in == null) {
      inputs.add(new Query.SourceInput("$"));
    } else {
      for (Object o : in) {
        inputs.add(ClauseParser.input(o));
      }
    }
    List<Clause> where = new ArrayList<>();
    List<Object> whereForms = sections.getOrDefault(Keyword.of("where"), List.of());
    for (int i = 0; i < whereForms.size(); i++) {
      where.add(ClauseParser.clause(whereForms.get(i), ":where clause " + (i + 1), 0));
    }
    Query q = new Query(find, returnMaps, List.copyOf(with), List.copyOf(inputs), List.copyOf(where));
    QueryChecks.check(q);
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
      rules.add(ClauseParser.rule(defs.get(i), "rule definition " + (i + 1)));
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
    Term.Var v = ClauseParser.var(o);
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
        terms.add(ClauseParser.term(a));
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
    if (args.size() - i != 2 || ClauseParser.var(args.get(i)) == null) {
      throw error(":find " + whole + ": expected (pull ?e pattern) or (pull $src ?e pattern)");
    }
    return new Query.Pull(source, ClauseParser.var(args.get(i)), args.get(i + 1));
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

  static boolean isSymbol(Object o, String name) {
    return o instanceof Symbol s && s.toString().equals(name);
  }

  /** A form as EDN for a message (its Java text if it has no EDN form). */
  static String show(Object o) {
    if (o == null) {
      return "nil";
    }
    try {
      return Edn.write(o);
    } catch (RuntimeException e) {
      return String.valueOf(o);
    }
  }

  /** A syntax error (42601). */
  static DatoliteException error(String message) {
    return new DatoliteException(SYNTAX, message);
  }
}

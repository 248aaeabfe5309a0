package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Cardinality;
import org.datolite.schema.Ids;

/**
 * Predicate and function clauses: each binding's arguments read and the call made, for the
 * functions that need more than their arguments. {@link Functions} holds the pure ones
 * (comparison, arithmetic, strings, regular expressions, tuples), {@link JavaCalls} the Java
 * methods a connection allows; here are those that read a database ({@code missing?},
 * {@code get-else}, {@code get-some}), the log ({@code tx-ids}, {@code tx-data}, with a database
 * standing for its log) or run a query ({@code q}, nested within this query's budget, one level
 * deeper).
 */
final class BuiltIns {
  private final Map<String, Object> sources;
  private final QueryBudget budget;
  /** The budget's deadline and the Java classes queries may call, at hand for the calls (one per binding). */
  private final Deadline deadline;
  private final Set<String> javaClasses;

  BuiltIns(Map<String, Object> sources, QueryBudget budget) {
    this.sources = sources;
    this.budget = budget;
    this.deadline = budget.deadline;
    this.javaClasses = budget.limits.javaClasses();
  }

  /** The bindings for which a predicate is true. */
  Relation filter(Clause.Predicate p, Relation rel) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rel.rows) {
      if (Functions.truthy(call(p.function(), p.args(), rel, row))) {
        out.add(row);
      }
    }
    return new Relation(rel.vars, out, rel.distinct);
  }

  /** The bindings joined with what a function returns for each, bound by the clause's binding form (nil: none). */
  Relation bindResults(Clause.Function f, Relation rel) {
    List<Term.Var> vars = new ArrayList<>(rel.vars);
    for (Term t : Bindings.terms(f.binding())) {
      if (t instanceof Term.Var v && !vars.contains(v)) {
        vars.add(v);
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (Object[] row : rel.rows) {
      Object result = call(f.function(), f.args(), rel, row);
      if (result == null) {
        continue;
      }
      Relation bound = Bindings.bind(f.binding(), result, "[(" + f.function() + " …) …]");
      Relation joined = Bindings.join(new Relation(rel.vars, List.<Object[]>of(row)), bound, budget);
      rows.addAll(joined.project(vars).rows);
    }
    return new Relation(vars, rows);
  }

  /** The value of a call for one binding: its arguments read from the row, constants and sources. */
  private Object call(String name, List<Term> args, Relation rel, Object[] row) {
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      Term t = args.get(i);
      if (t instanceof Term.Var v) {
        values[i] = row[rel.index(v)];
      } else if (t instanceof Term.Constant k) {
        values[i] = Bindings.normalize(k.value());
      } else if (t instanceof Term.Source s) {
        values[i] = sources.get(s.name());
        if (values[i] == null) {
          throw new DatoliteException(SqlState.SYNTAX_ERROR, "(" + name + " …) reads source " + s.name() + ", which :in does not name");
        }
      } else {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "(" + name + " …): _ is not an argument");
      }
    }
    switch (name) {
      case "missing?" -> {
        QueryDatabase db = database(values, name);
        return !db.datoms(Index.EAVT, values[1], values[2]).iterator().hasNext();
      }
      case "get-else" -> {
        QueryDatabase db = database(values, name);
        if (values.length != 4) {
          throw new DatoliteException(SqlState.SYNTAX_ERROR, "(get-else $ ?e :attr default) takes four arguments");
        }
        Attribute attr = db.resolver().attribute(values[2]);
        if (attr != null && attr.cardinality() == Cardinality.MANY) {
          throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "get-else needs a cardinality-one attribute; " + values[2] + " is many");
        }
        Iterator<Datom> it = db.datoms(Index.EAVT, values[1], values[2]).iterator();
        return it.hasNext() ? it.next().v() : values[3];
      }
      case "get-some" -> {
        QueryDatabase db = database(values, name);
        for (int i = 2; i < values.length; i++) {
          Iterator<Datom> it = db.datoms(Index.EAVT, values[1], values[i]).iterator();
          if (it.hasNext()) {
            return List.of(values[i], it.next().v());
          }
        }
        return null;
      }
      case "tx-ids" -> {
        // (tx-ids log from to): the transactions with from <= t < to; the log is a database's
        if (values.length != 3 || !(values[0] instanceof QueryDatabase log)) {
          throw new DatoliteException(SqlState.SYNTAX_ERROR, "(tx-ids ?log from to) takes a database as the log, then two t"
              + " or transaction ids (nil: open)");
        }
        return log.txIds(tOrTx(values[1], name), tOrTx(values[2], name));
      }
      case "tx-data" -> {
        // (tx-data log tx): the datoms of one transaction as [e a v tx added] tuples
        if (values.length != 2 || !(values[0] instanceof QueryDatabase log) || tOrTx(values[1], name) == null) {
          throw new DatoliteException(SqlState.SYNTAX_ERROR, "(tx-data ?log ?tx) takes a database as the log, then a t or"
              + " transaction id");
        }
        long id = tOrTx(values[1], name);
        long t = Ids.isTx(id) ? Ids.t(id) : id;
        List<Object> tuples = new ArrayList<>();
        for (Datom d : log.txData(t)) {
          tuples.add(List.of(d.e(), d.a(), d.v(), d.tx(), d.added()));
        }
        return tuples;
      }
      case "q" -> {
        // nested query: (q query inputs…), within this query's limits
        if (values.length == 0 || values[0] == null) {
          throw new DatoliteException(SqlState.SYNTAX_ERROR, "(q query inputs…) needs a query first");
        }
        StackGuard.checkNesting(budget.depth() + 1);
        Query nested = values[0] instanceof String text ? QueryParser.parse(text) : QueryParser.parse(values[0]);
        Object[] in = Arrays.copyOfRange(values, 1, values.length);
        return QueryEngine.runNested(nested, budget, in);
      }
      default -> {
        if (JavaCalls.isJavaCall(name)) {
          return JavaCalls.invoke(name, values, javaClasses);
        }
        Functions.Fn fn = Functions.get(name);
        if (fn == null) {
          throw new DatoliteException(SqlState.UNDEFINED_FUNCTION, "unknown function " + name + "; Java methods are called as"
              + " Class/method or .method, for classes the connection property query-java-classes lists");
        }
        return fn.apply(values, deadline);
      }
    }
  }

  /** A t or transaction id argument of a log function (nil: open). */
  private static Long tOrTx(Object v, String fn) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "(" + fn + " …) takes t or transaction ids; got " + Functions.describe(v));
  }

  private static QueryDatabase database(Object[] values, String fn) {
    if (values.length < 3 || !(values[0] instanceof QueryDatabase db)) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "(" + fn + " $ ?e :attr …) needs a database source first");
    }
    return db;
  }
}

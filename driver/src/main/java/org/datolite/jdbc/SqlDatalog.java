package org.datolite.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.datolite.Database;
import org.datolite.DatoliteException;
import org.datolite.calcite.DatalogRunner;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.SqlNames;
import org.datolite.error.SqlState;
import org.datolite.query.Clause;
import org.datolite.query.Query;
import org.datolite.query.QueryEngine;
import org.datolite.query.QueryLimits;
import org.datolite.query.QueryParser;
import org.datolite.query.Term;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * The driver's Datalog for SQL's {@code DATALOG('query', inputs…)} (registered for
 * {@link java.util.ServiceLoader}): the query runs on the statement's database value, within the
 * statement's timeout. Only a relation {@code :find} makes a table.
 */
public final class SqlDatalog implements DatalogRunner {

  @Override
  public List<Column> columns(String query, Schema schema) {
    Query q = QueryParser.parse(query);
    if (q.find().shape() != Query.Shape.RELATION || q.returnMaps() != null) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "DATALOG needs a relation :find (?a ?b …) without "
          + ":keys, :syms or :strs; got " + query);
    }
    List<Column> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Query.Element e : q.find().elements()) {
      String name;
      ValueType type;
      if (e instanceof Query.VarElement v) {
        name = SqlNames.of(v.var().name().substring(1));
        type = typeOf(v.var(), q.where(), schema);
      } else if (e instanceof Query.Aggregate a) {
        name = SqlNames.of(a.function() + "_" + a.var().name().substring(1));
        ValueType arg = typeOf(a.var(), q.where(), schema);
        type = switch (a.function()) {
          case "count", "count-distinct" -> ValueType.LONG;
          case "avg", "median", "variance", "stddev" -> ValueType.DOUBLE;
          case "min", "max", "sum" -> arg;
          default -> ValueType.STRING;
        };
      } else {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "DATALOG cannot return pull expressions; find "
            + "variables or aggregates (" + query + ")");
      }
      String unique = name;
      for (int i = 2; !names.add(unique); i++) {
        unique = name + "_" + i;
      }
      out.add(new Column(unique, ColumnKind.VALUE, type, null, true));
    }
    return out;
  }

  /** The type of a variable from the first pattern that binds it: a ref in entity position, an attribute's value type in value position; else text. */
  private static ValueType typeOf(Term.Var v, List<Clause> clauses, Schema schema) {
    for (Clause c : clauses) {
      ValueType t = null;
      if (c instanceof Clause.Pattern p) {
        List<Term> terms = p.terms();
        if (!terms.isEmpty() && v.equals(terms.get(0))) {
          return ValueType.REF;
        }
        if (terms.size() >= 3 && v.equals(terms.get(2)) && terms.get(1) instanceof Term.Constant k
            && k.value() instanceof Keyword ident) {
          Attribute a = schema.attribute(ident);
          if (a != null) {
            return a.valueType() == ValueType.REF ? ValueType.REF : a.valueType();
          }
        }
      } else if (c instanceof Clause.Not n) {
        t = typeOf(v, n.clauses(), schema);
      } else if (c instanceof Clause.Or o) {
        t = typeOf(v, o.branches(), schema);
      } else if (c instanceof Clause.And a) {
        t = typeOf(v, a.clauses(), schema);
      }
      if (t != null && t != ValueType.STRING) {
        return t;
      }
    }
    return ValueType.STRING;
  }

  @Override
  public Iterator<Object[]> run(SqlExecution execution, String query, List<Object> inputs) {
    if (!(execution.nativeDatabase() instanceof Database db)) {
      throw new DatoliteException(SqlState.INTERNAL_ERROR, "DATALOG runs only through the Datolite JDBC driver");
    }
    Duration remaining = execution.remaining();
    if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
      execution.checkCancelled();
    }
    Object[] args = new Object[inputs.size() + 1];
    args[0] = db;
    for (int i = 0; i < inputs.size(); i++) {
      args[i + 1] = inputs.get(i);
    }
    QueryLimits limits = new QueryLimits(remaining, QueryLimits.DEFAULT.maxRows())
        .withCancellation(execution::isCancelled);
    Object result = QueryEngine.run(QueryParser.parse(query), limits, args);
    List<Object[]> rows = new ArrayList<>();
    for (Object row : (Collection<?>) result) {
      rows.add(((List<?>) row).toArray());
    }
    return rows.iterator();
  }
}

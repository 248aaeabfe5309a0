package org.datolite.calcite.exec;

import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.datolite.calcite.model.Column;
import org.datolite.edn.Edn;
import org.datolite.value.ValueType;

/** The entry point generated code calls for {@code DATALOG(…)}: the query's rows in SQL form. */
public final class DatalogRows {
  private DatalogRows() {}

  public static Enumerable<Object> scan(DataContext root, DatalogSpec spec) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        SqlExecution x = SqlExecution.of(root);
        if (x.readLog() != null) {
          x.readLog().everything(); // a query reads what its clauses match: not told more precisely
        }
        x.checkCancelled();
        Iterator<Object[]> rows = spec.runner().run(x, spec.query(), spec.inputs());
        List<Column> columns = spec.columns();
        return new Enumerator<>() {
          Object current;

          @Override
          public Object current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            if (!rows.hasNext()) {
              return false;
            }
            Object[] stored = rows.next();
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
              row[i] = value(columns.get(i).type(), stored[i]);
            }
            current = spec.scalar() ? row[0] : row;
            return true;
          }

          @Override
          public void reset() {
            throw new UnsupportedOperationException("a DATALOG scan runs once");
          }

          @Override
          public void close() {
            // the result is in memory
          }
        };
      }
    };
  }

  /** A stored value in the column's SQL form; a value of another type reads as its EDN text in a text column, else NULL. */
  static Object value(ValueType type, Object v) {
    if (v == null) {
      return null;
    }
    if (type == ValueType.STRING) {
      return v instanceof String s ? s : Edn.describe(v);
    }
    Class<?> expected = type == ValueType.REF ? Long.class : type.javaClass();
    return expected.isInstance(v) ? SqlValues.toSql(type, v) : null;
  }
}

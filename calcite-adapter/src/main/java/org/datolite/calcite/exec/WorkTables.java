package org.datolite.calcite.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/** The entry point generated code calls to read a {@code WITH RECURSIVE} working table. */
public final class WorkTables {
  private WorkTables() {}

  /**
   * The rows of the working table {@code name} as the recursion left them in the execution's
   * schema (each an {@code Object[]}, or its one value when {@code scalar}), read when enumerated,
   * after a look at the statement's timeout and cancellation: each round of the recursion
   * enumerates it once.
   */
  public static Enumerable<Object> scan(DataContext root, String name, boolean scalar) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        SqlExecution.of(root).checkCancelled();
        Table table = root.getRootSchema().getTable(name);
        if (!(table instanceof ScannableTable s)) {
          throw new DatoliteException(SqlState.INTERNAL_ERROR, "the working table " + name
              + " of a WITH RECURSIVE query is not in the execution's schema");
        }
        List<Object> rows = new ArrayList<>();
        for (Object[] row : s.scan(root)) {
          rows.add(scalar ? row[0] : row);
        }
        return Linq4j.enumerator(rows);
      }
    };
  }
}

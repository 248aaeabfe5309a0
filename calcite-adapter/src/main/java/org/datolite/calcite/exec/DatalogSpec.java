package org.datolite.calcite.exec;

import java.util.List;
import org.datolite.calcite.DatalogRunner;
import org.datolite.calcite.model.Column;

/**
 * A {@code DATALOG(…)} call as planned: the runner, the query, its literal inputs, its columns
 * and whether a row is a scalar (one column).
 */
public record DatalogSpec(DatalogRunner runner, String query, List<Object> inputs, List<Column> columns,
    boolean scalar) {

  public DatalogSpec withScalar(boolean isScalar) {
    return new DatalogSpec(runner, query, inputs, columns, isScalar);
  }
}

package org.datolite.calcite;

import java.util.Iterator;
import java.util.List;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.calcite.model.Column;
import org.datolite.schema.Schema;

/**
 * Runs Datalog for {@code DATALOG('query', args…)} in SQL: what the adapter needs from the peer
 * library above it, declared here and implemented by the driver (found through
 * {@link java.util.ServiceLoader}). Without an implementation on the class path there is no
 * {@code DATALOG} table function.
 */
public interface DatalogRunner {

  /**
   * The result columns of a query with a relation {@code :find} ({@code ?a ?b}): a column per find
   * element, named from it ({@code ?name} → {@code NAME}, {@code (count ?e)} → {@code COUNT_E}) and
   * typed from the patterns that bind it (VARCHAR holding EDN where nothing says).
   *
   * @throws org.datolite.DatoliteException 42601 for a malformed query or another find shape
   */
  List<Column> columns(String query, Schema schema);

  /**
   * The result of a query on the statement's database value, its inputs after {@code $} the given
   * values, as rows of stored values in column order; within the statement's timeout.
   */
  Iterator<Object[]> run(SqlExecution execution, String query, List<Object> inputs);
}

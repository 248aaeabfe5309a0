package org.datolite.calcite.exec;

import java.time.Duration;
import org.apache.calcite.DataContext;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * What a running statement reads, supplied by the driver through the {@link DataContext} under
 * {@link #KEY}: the one database value the statement reads, its schema, and the check of its
 * timeout and cancellation. Calcite's generated code checks neither, so every scan calls
 * {@link #checkCancelled} as it goes.
 */
public interface SqlExecution {
  /** The DataContext key of the execution. */
  String KEY = "datolite.execution";

  /** The database value the statement reads (its as-of, since or history view applied). */
  Db db();

  /** The schema of that value. */
  Schema schema();

  /** Fails with {@code 57014} if the statement was cancelled or ran past its timeout. */
  void checkCancelled();

  /** Whether the statement was cancelled ({@code Statement.cancel()}); its timeout aside. */
  default boolean isCancelled() {
    return false;
  }

  /** The time left before the statement's timeout, or null if it has none. */
  default Duration remaining() {
    return null;
  }

  /** Where the scans tell what they read (a JDBC transaction's read set), or null when nobody asks. */
  default ReadLog readLog() {
    return null;
  }

  /** The peer library's own value for the same database value (for DATALOG), or null. */
  default Object nativeDatabase() {
    return null;
  }

  /** The execution of a running statement. */
  static SqlExecution of(DataContext root) {
    Object e = root.get(KEY);
    if (e instanceof SqlExecution x) {
      return x;
    }
    throw new DatoliteException(SqlState.INTERNAL_ERROR, "the statement runs without a database value ("
        + KEY + " is not in its DataContext)");
  }
}

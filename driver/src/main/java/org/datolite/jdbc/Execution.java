package org.datolite.jdbc;

import java.time.Duration;
import org.datolite.Database;
import org.datolite.DatoliteException;
import org.datolite.calcite.exec.ReadLog;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/** One execution of a statement: its database value, its deadline and its cancel flag. */
final class Execution implements SqlExecution {
  private final Db db;
  private final Schema schema;
  private final Database database;
  private final long deadlineNanos;
  private final int timeoutSeconds;
  private volatile boolean cancelled;

  private final ReadLog readLog;

  Execution(Database database, int timeoutSeconds) {
    this(database, timeoutSeconds, null);
  }

  /** @param readLog where the scans tell what they read (an open JDBC transaction), or null */
  Execution(Database database, int timeoutSeconds, ReadLog readLog) {
    this.readLog = readLog;
    this.database = database;
    this.db = database.db();
    this.schema = database.schema();
    this.timeoutSeconds = timeoutSeconds;
    this.deadlineNanos = timeoutSeconds > 0 ? System.nanoTime() + timeoutSeconds * 1_000_000_000L : 0;
  }

  @Override
  public Db db() {
    return db;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Duration remaining() {
    return deadlineNanos == 0 ? null : Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  @Override
  public ReadLog readLog() {
    return readLog;
  }

  @Override
  public Object nativeDatabase() {
    return database;
  }

  void cancel() {
    cancelled = true;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void checkCancelled() {
    if (cancelled) {
      throw new DatoliteException(SqlState.QUERY_CANCELED, "the statement was cancelled");
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new DatoliteException(SqlState.QUERY_CANCELED, "the statement ran past its query timeout of "
          + timeoutSeconds + " s");
    }
  }
}

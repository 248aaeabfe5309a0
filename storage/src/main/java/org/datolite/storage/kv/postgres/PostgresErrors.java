package org.datolite.storage.kv.postgres;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import org.datolite.error.SqlState;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * Turns the {@link SQLException}s of pgjdbc and HikariCP into {@link StorageException}s.
 * {@link StorageErrorCode#STORE_UNAVAILABLE} means the server could not be reached or did not
 * answer in time, so retrying later may help: SQLState class 08, a server shutting down (57P01,
 * 57P02, 57P03), too many connections (53300), a cancelled statement (57014), or a pool that
 * timed out waiting for a connection. A login the server refuses (class 28) or a database that
 * does not exist (3D000) is {@link StorageErrorCode#INVALID_CONFIGURATION}: retrying will not
 * help. Everything else is {@link StorageErrorCode#STORE_IO}.
 */
final class PostgresErrors {
  private static final Set<String> UNAVAILABLE_STATES = Set.of(SqlState.ADMIN_SHUTDOWN.code(),
      SqlState.CRASH_SHUTDOWN.code(), SqlState.CANNOT_CONNECT_NOW.code(), SqlState.TOO_MANY_CONNECTIONS.code(),
      SqlState.QUERY_CANCELED.code());
  /** The server ended the session: administrator command, crash of another backend. */
  private static final Set<String> SESSION_ENDED_STATES = Set.of(SqlState.ADMIN_SHUTDOWN.code(),
      SqlState.CRASH_SHUTDOWN.code());
  private static final int KEYS_SHOWN = 3;

  private PostgresErrors() {}

  static boolean unavailable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTimeoutException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the connection that raised {@code e} is dead: SQLState class 08 (pgjdbc's I/O errors,
   * a closed connection) or a session the server ended (57P01, 57P02), anywhere in the chain of
   * causes or next exceptions. HikariCP evicts such a connection; {@link PostgresPool} retries a
   * read that failed so on a fresh one.
   */
  static boolean connectionBroken(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException next = s; next != null; next = next.getNextException()) {
          String state = next.getSQLState();
          if (state != null && (state.startsWith("08") || SESSION_ENDED_STATES.contains(state))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static StorageErrorCode code(SQLException e) {
    if (unavailable(e)) {
      return StorageErrorCode.STORE_UNAVAILABLE;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("28") || state.equals(SqlState.INVALID_CATALOG_NAME.code()))) {
      return StorageErrorCode.INVALID_CONFIGURATION;
    }
    return StorageErrorCode.STORE_IO;
  }

  /** The error for failing to connect to {@code store}. */
  static StorageException connectFailed(SQLException e, String store) {
    return build(e, "cannot connect to " + store);
  }

  /** The error for {@code action} (e.g. "read key 'x'") failing in {@code store}. */
  static StorageException map(SQLException e, String store, String action) {
    return build(e, "cannot " + action + " in " + store);
  }

  /**
   * The error for a read that failed twice: first on a broken connection ({@code first}), then on
   * the fresh connection it was retried on ({@code second}, which decides the code).
   */
  static StorageException mapRetried(SQLException second, SQLException first, String store, String action) {
    String message = describe(second, "cannot " + action + " in " + store) + "; retried once on a fresh connection"
        + " after the first attempt met a broken one: " + first.getMessage() + " (SQLState " + first.getSQLState() + ")";
    return new StorageException(code(second), message, second);
  }

  private static StorageException build(SQLException e, String what) {
    return new StorageException(code(e), describe(e, what), e);
  }

  private static String describe(SQLException e, String what) {
    StringBuilder message = new StringBuilder(what).append(": ").append(e.getMessage())
        .append(" (SQLState ").append(e.getSQLState()).append(')');
    Throwable cause = e.getCause(); // a pool's timeout carries the last connection failure
    if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(e.getMessage())) {
      message.append("; caused by: ").append(cause.getMessage());
    }
    return message.toString();
  }

  /** {@code 'a'} for one key, {@code 2500 keys 'a', 'b', 'c', …} for many. */
  static String keys(Collection<String> keys) {
    if (keys.size() == 1) {
      return "key '" + keys.iterator().next() + "'";
    }
    StringBuilder sb = new StringBuilder().append(keys.size()).append(" keys");
    Iterator<String> it = keys.iterator();
    for (int i = 0; i < KEYS_SHOWN && it.hasNext(); i++) {
      sb.append(i == 0 ? " '" : ", '").append(it.next()).append('\'');
    }
    return it.hasNext() ? sb.append(", …").toString() : sb.toString();
  }
}

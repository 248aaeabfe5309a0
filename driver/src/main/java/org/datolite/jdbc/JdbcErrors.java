package org.datolite.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * Datolite's errors as the {@code java.sql} exception of their SQLState's class (DESIGN.md §5):
 * 08 connection, 0A unsupported, 22 data, 23 constraint, 28 authorization, 40 rollback, 42
 * syntax or unknown object, 57014 cancelled (a timeout is {@link SQLTimeoutException}).
 */
final class JdbcErrors {
  private JdbcErrors() {}

  static SQLFeatureNotSupportedException unsupported(String what) {
    return new SQLFeatureNotSupportedException(what + " is not supported by Datolite", SqlState.FEATURE_NOT_SUPPORTED.code());
  }

  static SQLException of(SqlState state, String message) {
    return of(state.code(), message, null);
  }

  static SQLException of(RuntimeException e) {
    if (e instanceof DatoliteException d) {
      return of(d.sqlState(), d.getMessage(), d);
    }
    return of(SqlState.INTERNAL_ERROR.code(), "internal error: " + e, e);
  }

  static SQLException of(String state, String message, Throwable cause) {
    String s = state == null ? SqlState.INTERNAL_ERROR.code() : state;
    SQLException e;
    if (s.startsWith("08")) {
      e = s.equals("08006") || s.equals("08007") ? new SQLTransientConnectionException(message, s)
          : new SQLNonTransientConnectionException(message, s);
    } else if (s.startsWith("0A")) {
      e = new SQLFeatureNotSupportedException(message, s);
    } else if (s.startsWith("22")) {
      e = new SQLDataException(message, s);
    } else if (s.startsWith("23")) {
      e = new SQLIntegrityConstraintViolationException(message, s);
    } else if (s.startsWith("28")) {
      e = new SQLInvalidAuthorizationSpecException(message, s);
    } else if (s.startsWith("40")) {
      e = new SQLTransactionRollbackException(message, s);
    } else if (s.startsWith("42")) {
      e = new SQLSyntaxErrorException(message, s);
    } else if (s.equals("57014") && message != null && message.contains("timeout")) {
      e = new SQLTimeoutException(message, s);
    } else {
      e = new SQLException(message, s);
    }
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  static SQLException closed(String what) {
    return new SQLNonTransientConnectionException(what + " is closed", SqlState.CONNECTION_DOES_NOT_EXIST.code());
  }
}

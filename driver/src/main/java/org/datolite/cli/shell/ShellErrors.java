package org.datolite.cli.shell;

import java.sql.SQLException;
import org.datolite.DatoliteException;
import org.datolite.edn.EdnException;
import org.datolite.error.SqlState;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.tx.TxException;

/**
 * The one line the shell prints for an error: {@code ERROR <SQLState>: <message>}, the SQLState
 * of an {@link SQLException} or of Datolite's own exceptions (EDN that cannot be read is
 * {@code 42601}, a syntax error), the message on one line.
 */
public final class ShellErrors {
  private ShellErrors() {}

  /** The error's line, without a line break. */
  public static String line(Throwable e) {
    return "ERROR " + sqlState(e) + ": " + oneLine(message(e));
  }

  /** The SQLState of an error: its own, or {@code XX000} (internal error) for one that has none. */
  public static String sqlState(Throwable e) {
    String state = null;
    if (e instanceof SQLException s) {
      state = s.getSQLState();
    } else if (e instanceof DatoliteException d) {
      state = d.sqlState();
    } else if (e instanceof TxException t) {
      state = t.code().sqlState();
    } else if (e instanceof TransactorException t) {
      state = t.code().sqlState();
    } else if (e instanceof EdnException) {
      state = SqlState.SYNTAX_ERROR.code();
    } else if (e instanceof ShellException s) {
      state = s.sqlState();
    }
    return state == null ? SqlState.INTERNAL_ERROR.code() : state;
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    boolean known = e instanceof SQLException || e instanceof DatoliteException || e instanceof TxException
        || e instanceof TransactorException || e instanceof EdnException || e instanceof ShellException;
    if (known && message != null && !message.isBlank()) {
      return message;
    }
    return "internal error: " + e; // an error Datolite did not expect: its class says most
  }

  /** Joins the lines of a message with spaces: an error is one line. */
  static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}

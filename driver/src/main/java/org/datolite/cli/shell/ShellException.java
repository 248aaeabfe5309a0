package org.datolite.cli.shell;

import org.datolite.error.SqlState;

/** An error of the shell itself (a bad command argument, an unknown table to describe), with its SQLState. */
public final class ShellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SqlState state;

  public ShellException(SqlState state, String message) {
    super(message);
    this.state = state;
  }

  /** The SQLState's five characters. */
  public String sqlState() {
    return state.code();
  }
}

package org.datolite;

/**
 * An error of the native API itself (a bad URL or property, an unknown ident, a closed
 * connection), with the SQLState the JDBC driver reports for it (DESIGN.md §5). Rejected
 * transactions throw the transactor's {@code TxException} and an unreachable or failed writer its
 * {@code TransactorException}; both carry SQLStates too.
 */
public final class DatoliteException extends RuntimeException {
  private final String sqlState;

  public DatoliteException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  public DatoliteException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The SQLState: 08 connection, 0A unsupported, 22 data, 42 unknown object, 57014 cancelled. */
  public String sqlState() {
    return sqlState;
  }
}

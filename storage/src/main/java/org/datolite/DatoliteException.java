package org.datolite;

import org.datolite.error.SqlState;

/**
 * An error of the native API itself (a bad URL or property, an unknown ident, a closed
 * connection), with the SQLState the JDBC driver reports for it (DESIGN.md §5). Rejected
 * transactions throw the transactor's {@code TxException} and an unreachable or failed writer its
 * {@code TransactorException}; both carry SQLStates too.
 *
 * <p>The class lives in the storage module, under the package name it always had, so that the
 * layers below the peer library that answer its calls (the resolver of idents and lookup refs in
 * {@code org.datolite.schema}, the query engine in {@code org.datolite.query}) throw the very type
 * callers catch, without depending on the driver and without translating errors at each boundary.
 * The package {@code org.datolite} is therefore split between the storage and driver jars, which
 * the class path allows (Datolite declares no Java modules).
 */
public final class DatoliteException extends RuntimeException {
  private final SqlState state;

  public DatoliteException(SqlState state, String message) {
    this(state, message, null);
  }

  public DatoliteException(SqlState state, String message, Throwable cause) {
    super(message, cause);
    this.state = state;
  }

  /** The SQLState: 08 connection, 0A unsupported, 22 data, 42 unknown object, 57014 cancelled. */
  public SqlState state() {
    return state;
  }

  /** The SQLState's five characters. */
  public String sqlState() {
    return state.code();
  }
}

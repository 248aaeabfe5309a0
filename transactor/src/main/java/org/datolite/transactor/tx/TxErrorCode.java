package org.datolite.transactor.tx;

/**
 * Why a transaction was rejected. Each code carries the SQLState the JDBC driver reports
 * (DESIGN.md §5): 42 for malformed or unknown names, 22 for bad data, 23 for violated
 * constraints, 40001 for a lost race that a retry may win.
 */
public enum TxErrorCode {
  /** Transaction data that is not a list of operations of the right shapes. */
  MALFORMED_TX_DATA("42601"),
  /** An operation that is neither built in nor allowed, e.g. {@code [:my/fn …]}. */
  UNKNOWN_OPERATION("42883"),
  /** An attribute ident or id that names no installed attribute. */
  UNKNOWN_ATTRIBUTE("42703"),
  /** An entity id, ident or lookup ref that names no entity. */
  UNKNOWN_ENTITY("42704"),
  /** A value of the wrong type for its attribute, or not storable at all. */
  WRONG_TYPE("22023"),
  /** Another entity already has this value of a unique attribute. */
  UNIQUE_CONFLICT("23505"),
  /** Two datoms of the transaction contradict each other. */
  DATOMS_CONFLICT("23000"),
  /**
   * A transaction whose client id ({@code :db/txUuid}) an earlier committed transaction already
   * carries: a retry of a committed transaction, which is not applied twice.
   */
  ALREADY_COMMITTED("23505"),
  /** A tempid resolves to two different existing entities through its unique identities. */
  TEMPID_CONFLICT("23000"),
  /** {@code :db/cas} found another value than expected. */
  CAS_FAILED("40001"),
  /** An attribute definition that is incomplete or invalid. */
  INVALID_SCHEMA("42P16"),
  /** A schema change Datomic's rules forbid, e.g. altering {@code :db/valueType}. */
  SCHEMA_ALTERATION_FORBIDDEN("42P16"),
  /** An entity spec ({@code :db/ensure}) failed on the db after the transaction. */
  ENSURE_FAILED("23514"),
  /** A {@code :db/txInstant} that goes back in time or into the future. */
  INVALID_TX_INSTANT("22008"),
  /** A transaction larger than the configured limit. */
  TOO_LARGE("54000");

  private final String sqlState;

  TxErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}

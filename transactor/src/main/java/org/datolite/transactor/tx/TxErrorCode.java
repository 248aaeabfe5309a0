package org.datolite.transactor.tx;

import org.datolite.error.SqlState;
/**
 * Why a transaction was rejected. Each code carries the SQLState the JDBC driver reports
 * (DESIGN.md §5): 42 for malformed or unknown names, 22 for bad data, 23 for violated
 * constraints, 40001 for a lost race that a retry may win.
 */
public enum TxErrorCode {
  /** Transaction data that is not a list of operations of the right shapes. */
  MALFORMED_TX_DATA(0, SqlState.SYNTAX_ERROR),
  /** An operation that is neither built in nor allowed, e.g. {@code [:my/fn …]}. */
  UNKNOWN_OPERATION(1, SqlState.UNDEFINED_FUNCTION),
  /** An attribute ident or id that names no installed attribute. */
  UNKNOWN_ATTRIBUTE(2, SqlState.UNDEFINED_COLUMN),
  /** An entity id, ident or lookup ref that names no entity. */
  UNKNOWN_ENTITY(3, SqlState.UNDEFINED_OBJECT),
  /** A value of the wrong type for its attribute, or not storable at all. */
  WRONG_TYPE(4, SqlState.INVALID_PARAMETER_VALUE),
  /** Another entity already has this value of a unique attribute. */
  UNIQUE_CONFLICT(5, SqlState.UNIQUE_VIOLATION),
  /** Two datoms of the transaction contradict each other. */
  DATOMS_CONFLICT(6, SqlState.INTEGRITY_CONSTRAINT_VIOLATION),
  /**
   * A transaction whose client id ({@code :db/txUuid}) an earlier committed transaction already
   * carries: a retry of a committed transaction, which is not applied twice.
   */
  ALREADY_COMMITTED(7, SqlState.UNIQUE_VIOLATION),
  /** A tempid resolves to two different existing entities through its unique identities. */
  TEMPID_CONFLICT(8, SqlState.INTEGRITY_CONSTRAINT_VIOLATION),
  /** {@code :db/cas} found another value than expected. */
  CAS_FAILED(9, SqlState.SERIALIZATION_FAILURE),
  /** An attribute definition that is incomplete or invalid. */
  INVALID_SCHEMA(10, SqlState.INVALID_TABLE_DEFINITION),
  /** A schema change Datomic's rules forbid, e.g. altering {@code :db/valueType}. */
  SCHEMA_ALTERATION_FORBIDDEN(11, SqlState.INVALID_TABLE_DEFINITION),
  /** An entity spec ({@code :db/ensure}) failed on the db after the transaction. */
  ENSURE_FAILED(12, SqlState.CHECK_VIOLATION),
  /** A {@code :db/txInstant} that goes back in time or into the future. */
  INVALID_TX_INSTANT(13, SqlState.DATETIME_FIELD_OVERFLOW),
  /** A transaction larger than the configured limit. */
  TOO_LARGE(14, SqlState.PROGRAM_LIMIT_EXCEEDED),
  /**
   * A transaction after the basis a JDBC transaction read at changed what it read or wrote
   * ({@code :db.sql/unchanged}): retry the whole transaction on a newer value.
   */
  WRITE_CONFLICT(15, SqlState.SERIALIZATION_FAILURE),
  /** A row of a table created in SQL lacks a value of a NOT NULL column ({@code :db.sql/not-null}) after the transaction. */
  NOT_NULL(16, SqlState.NOT_NULL_VIOLATION);

  private static final TxErrorCode[] BY_NUMBER = new TxErrorCode[17];

  static {
    for (TxErrorCode code : values()) {
      if (BY_NUMBER[code.number] != null) {
        throw new ExceptionInInitializerError("wire number " + code.number + " is used twice");
      }
      BY_NUMBER[code.number] = code;
    }
  }

  private final int number;
  private final SqlState state;

  TxErrorCode(int number, SqlState state) {
    this.number = number;
    this.state = state;
  }

  /** The code's number on the wire (the application code of a FAILURE); never reused. */
  public int number() {
    return number;
  }

  /** The code with this wire number, or null for a number this build does not know. */
  public static TxErrorCode ofNumber(int number) {
    return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
  }

  public SqlState state() {
    return state;
  }

  public String sqlState() {
    return state.code();
  }
}

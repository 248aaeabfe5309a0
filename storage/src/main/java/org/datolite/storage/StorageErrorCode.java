package org.datolite.storage;

import org.datolite.error.SqlState;
/**
 * What went wrong in the storage layer. Each code carries the SQLState the JDBC driver reports
 * for it (DESIGN.md §5), so that pools and frameworks react correctly: class 08 evicts a
 * connection, 22 is bad data, 40001 a lost race, XX an internal error.
 */
public enum StorageErrorCode {
  /** A key that a tree or root refers to is not in the store. */
  SEGMENT_MISSING(SqlState.DATA_CORRUPTED),
  /** Stored bytes fail their checksum or do not decode. */
  SEGMENT_CORRUPT(SqlState.DATA_CORRUPTED),
  /** Stored bytes use a format version this build cannot read. */
  UNSUPPORTED_FORMAT(SqlState.DATA_CORRUPTED),
  /** A value that cannot be stored (unsupported type, null, malformed text). */
  INVALID_VALUE(SqlState.DATA_EXCEPTION),
  /** A key that is empty, too long or otherwise unusable. */
  INVALID_KEY(SqlState.DATA_EXCEPTION),
  /** A merge that removes an absent datom, adds a present one, or is out of order. */
  INVALID_MERGE(SqlState.INTERNAL_ERROR),
  /** An immutable key already holds different bytes. */
  KEY_CONFLICT(SqlState.INTERNAL_ERROR),
  /** The store cannot be reached or did not answer in time. */
  STORE_UNAVAILABLE(SqlState.CONNECTION_FAILURE),
  /** Reading or writing the store failed. */
  STORE_IO(SqlState.IO_ERROR),
  /** Another process holds the store (an embedded file store is single-process). */
  STORE_LOCKED(SqlState.LOCK_NOT_AVAILABLE),
  /** A store address or option that is not understood. */
  INVALID_CONFIGURATION(SqlState.CONNECTION_UNABLE_TO_CONNECT),
  /** The store or tree was used after close. */
  CLOSED(SqlState.CONNECTION_DOES_NOT_EXIST);

  private final SqlState state;

  StorageErrorCode(SqlState state) {
    this.state = state;
  }

  /** The SQLState reported for this code. */
  public SqlState state() {
    return state;
  }

  /** The SQLState's five characters. */
  public String sqlState() {
    return state.code();
  }
}

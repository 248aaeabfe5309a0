package org.datolite.storage;

/**
 * What went wrong in the storage layer. Each code carries the SQLState the JDBC driver reports
 * for it (DESIGN.md §5), so that pools and frameworks react correctly: class 08 evicts a
 * connection, 22 is bad data, 40001 a lost race, XX an internal error.
 */
public enum StorageErrorCode {
  /** A key that a tree or root refers to is not in the store. */
  SEGMENT_MISSING("XX001"),
  /** Stored bytes fail their checksum or do not decode. */
  SEGMENT_CORRUPT("XX001"),
  /** Stored bytes use a format version this build cannot read. */
  UNSUPPORTED_FORMAT("XX001"),
  /** A value that cannot be stored (unsupported type, null, malformed text). */
  INVALID_VALUE("22000"),
  /** A key that is empty, too long or otherwise unusable. */
  INVALID_KEY("22000"),
  /** A merge that removes an absent datom, adds a present one, or is out of order. */
  INVALID_MERGE("XX000"),
  /** An immutable key already holds different bytes. */
  KEY_CONFLICT("XX000"),
  /** The store cannot be reached or did not answer in time. */
  STORE_UNAVAILABLE("08006"),
  /** Reading or writing the store failed. */
  STORE_IO("58030"),
  /** Another process holds the store (an embedded file store is single-process). */
  STORE_LOCKED("55P03"),
  /** A store address or option that is not understood. */
  INVALID_CONFIGURATION("08001"),
  /** The store or tree was used after close. */
  CLOSED("08003");

  private final String sqlState;

  StorageErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  /** The SQLState reported for this code. */
  public String sqlState() {
    return sqlState;
  }
}

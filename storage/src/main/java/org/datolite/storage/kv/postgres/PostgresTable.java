package org.datolite.storage.kv.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.StoreKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table a {@link PostgresStore} keeps its keys in, and the SQL that reads and writes it.
 *
 * <pre>
 * CREATE TABLE datolite_kvs (
 *   id  text COLLATE "C" PRIMARY KEY,  -- the key: 1..1024 printable characters
 *   rev bigint NOT NULL,               -- 0 for an immutable key, 1, 2, ... for a mutable one
 *   val bytea  NOT NULL                -- the value, up to 1 GB (PostgreSQL's limit)
 * );
 * ALTER TABLE datolite_kvs ALTER COLUMN val SET STORAGE EXTERNAL;
 * </pre>
 *
 * <p>{@code STORAGE EXTERNAL} keeps a large value out of line without compressing it: segments
 * and log blocks are compressed already, and PostgreSQL's attempt to compress them again was more
 * than half of its CPU time in a bulk load. A table created beforehand with the default storage works
 * (opening it logs how to change it).
 *
 * <p>{@code COLLATE "C"} orders the primary key by bytes, which for UTF-8 keys without surrogates
 * (the only keys {@link StoreKeys} accepts) is Java's {@code String} order, and lets
 * {@code LIKE 'prefix%'} use the index. A table created beforehand with the database's default
 * collation works too: {@link PostgresStore#keys} sorts in Java anyway, it is only slower.
 */
final class PostgresTable {
  /** Namespace of the advisory lock that serializes creating tables (ASCII "DTLT"). */
  static final int LOCK_NAMESPACE = 0x44544C54;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresTable.class);

  final String name;
  final String selectValue;
  final String selectVersioned;
  final String selectMany;
  final String insertIfAbsent;
  final String insertManyIfAbsent;
  final String createMutable;
  final String updateMutable;
  final String delete;
  final String selectKeysLike;
  final String selectAllKeys;

  PostgresTable(String name) {
    this.name = name;
    String t = '"' + name + '"'; // name is a plain lower-case identifier; quoting makes reserved words safe
    selectValue = "SELECT val FROM " + t + " WHERE id = ?";
    selectVersioned = "SELECT rev, val FROM " + t + " WHERE id = ?";
    selectMany = "SELECT id, val FROM " + t + " WHERE id = ANY(?)";
    insertIfAbsent = "INSERT INTO " + t + " (id, rev, val) VALUES (?, 0, ?) ON CONFLICT (id) DO NOTHING";
    insertManyIfAbsent = "INSERT INTO " + t + " (id, rev, val) SELECT k, 0, v FROM unnest(?::text[], ?::bytea[])"
        + " AS u(k, v) ON CONFLICT (id) DO NOTHING RETURNING id";
    createMutable = "INSERT INTO " + t + " (id, rev, val) VALUES (?, 1, ?) ON CONFLICT (id) DO NOTHING";
    updateMutable = "UPDATE " + t + " SET rev = rev + 1, val = ? WHERE id = ? AND rev = ?";
    delete = "DELETE FROM " + t + " WHERE id = ?";
    selectKeysLike = "SELECT id FROM " + t + " WHERE id LIKE ? ESCAPE '!'";
    selectAllKeys = "SELECT id FROM " + t;
  }

  /** The {@code LIKE} pattern matching every key that starts with {@code prefix}. */
  static String likePrefix(String prefix) {
    StringBuilder sb = new StringBuilder(prefix.length() + 4);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '!' || c == '%' || c == '_') {
        sb.append('!');
      }
      sb.append(c);
    }
    return sb.append('%').toString();
  }

  /**
   * Creates the table unless it exists, then checks its columns. Pools starting together take a
   * transaction-scoped advisory lock first, so that only one of them creates it (two concurrent
   * {@code CREATE TABLE IF NOT EXISTS} can still collide on the catalog's unique index). A table
   * that exists is never created again, so a user without the right to create tables can use one
   * that an administrator made.
   */
  void ensureExists(Connection c, String store) throws SQLException {
    if (!exists(c)) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)");
          Statement create = c.createStatement()) {
        lock.setInt(1, LOCK_NAMESPACE);
        lock.setInt(2, name.hashCode());
        lock.execute();
        create.execute("CREATE TABLE IF NOT EXISTS \"" + name + "\" (id text COLLATE \"C\" PRIMARY KEY,"
            + " rev bigint NOT NULL, val bytea NOT NULL)");
        if (create.getWarnings() == null) { // else "already exists, skipping": another pool made it first
          // values are LZ4-compressed segments and log blocks: PostgreSQL's own compression of them
          // (the default, EXTENDED) costs its CPU for nothing. Only on a table made here: altering
          // another's takes its owner's right and an exclusive lock.
          create.execute("ALTER TABLE \"" + name + "\" ALTER COLUMN val SET STORAGE EXTERNAL");
        }
        c.commit();
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
    try (Statement st = c.createStatement()) {
      st.executeQuery("SELECT id, rev, val FROM \"" + name + "\" WHERE false").close();
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.INVALID_CONFIGURATION, "table " + name + " of store " + store
          + " exists but does not have the expected layout (id text primary key, rev bigint, val bytea): "
          + e.getMessage(), e);
    }
    String storage = valStorage(c);
    if (!storage.equals("EXTERNAL")) {
      LOG.info("table {} of store {} keeps val with STORAGE {}, not EXTERNAL: PostgreSQL compresses the segments and log"
          + " blocks, which are compressed already, once more (more than half of its CPU time in a bulk load); the"
          + " table's owner can run ALTER TABLE \"{}\" ALTER COLUMN val SET STORAGE EXTERNAL (for rows written"
          + " afterwards)", name, store, storage, name);
    }
  }

  /** The storage of the val column as {@code ALTER TABLE … SET STORAGE} names it: EXTERNAL for a table made here. */
  private String valStorage(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT attstorage FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'val'")) {
      ps.setString(1, '"' + name + '"');
      try (ResultSet rs = ps.executeQuery()) {
        String code = rs.next() ? rs.getString(1) : "";
        return switch (code) {
          case "e" -> "EXTERNAL";
          case "x" -> "EXTENDED";
          case "m" -> "MAIN";
          case "p" -> "PLAIN";
          default -> "'" + code + "'";
        };
      }
    }
  }

  private boolean exists(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, '"' + name + '"');
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}

package org.datolite.storage.kv.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.StoreKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyValueStore} in one PostgreSQL table, reached through a HikariCP pool and pgjdbc:
 * the store for deployments where several machines share the storage (DESIGN.md §3).
 *
 * <p><b>Layout.</b> One row per key, {@code (id text, rev bigint, val bytea)}; see
 * {@link PostgresTable}. The table is created on open if missing. Immutable keys have
 * {@code rev = 0}; mutable keys start at 1.
 *
 * <p><b>Operations.</b> Every write is one statement in auto-commit, except
 * {@link #putAllIfAbsent}, which is one transaction of {@code INSERT … SELECT FROM unnest(…)
 * ON CONFLICT DO NOTHING RETURNING id} statements of at most {@value #KEYS_PER_STATEMENT} keys
 * and about {@value #BYTES_PER_STATEMENT} bytes each, so that tens of megabytes of segments are
 * one commit without one giant message. Its keys are inserted in sorted order, so that two
 * overlapping batches lock rows in the same order and cannot deadlock. {@link #compareAndSet}
 * is {@code INSERT … ON CONFLICT DO NOTHING} (rev 0 → 1) or {@code UPDATE … WHERE id = ? AND rev
 * = ?}; PostgreSQL's row locks, with the {@code WHERE} clause re-checked after waiting, give
 * exactly one winner among racing callers, also across pools and machines. {@link #getMany}
 * reads {@value #KEYS_PER_STATEMENT} keys per {@code id = ANY(?)} query.
 *
 * <p><b>Durability.</b> A write returns after its commit, and with {@code synchronous_commit =
 * on} (PostgreSQL's default) a commit is on disk, and on synchronous standbys if configured. A
 * server with {@code synchronous_commit = off} can lose acknowledged writes in a crash; the
 * store warns about it on open.
 *
 * <p><b>Never hanging.</b> Timeouts bound opening a connection, waiting for a pooled one and
 * every wait for the server's answer, and TCP keepalive notices a vanished peer (see
 * {@link PostgresConnector}); opening a store on a server that is down or silent fails within the
 * connect timeout. Failures are
 * {@link StorageErrorCode#STORE_UNAVAILABLE} or {@link StorageErrorCode#STORE_IO} (see
 * {@link PostgresErrors}) with {@link #describe()} and the keys in the message; the password never
 * appears in messages or logs.
 *
 * <p><b>Broken connections.</b> After the server ended the pool's connections (a restart, a
 * failover), the first operation to meet a dead one evicts the pool's connections; a read
 * ({@link #get}, {@link #getMany}, {@link #getVersioned}, {@link #keys}) is then retried once on
 * a fresh connection within the socket timeout, a write fails with
 * {@link StorageErrorCode#STORE_UNAVAILABLE} and is not repeated, since its outcome is unknown
 * (see {@link PostgresPool}).
 */
public final class PostgresStore implements KeyValueStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
  /** Most keys per statement of {@link #getMany} and {@link #putAllIfAbsent}. */
  static final int KEYS_PER_STATEMENT = 1000;
  /** Most value bytes per statement of {@link #putAllIfAbsent}, unless one value is larger. */
  static final int BYTES_PER_STATEMENT = 8 << 20;

  private final PostgresStoreConfig config;
  private final String name;
  private final PostgresTable table;
  private final PostgresPool pool;
  private volatile boolean closed;

  /**
   * Sets up the table on one direct connection, then starts the pool (see
   * {@link PostgresConnector}).
   *
   * @throws StorageException STORE_UNAVAILABLE if the server cannot be reached within the
   *     connect timeout; INVALID_CONFIGURATION if it refuses the login, the database does not
   *     exist or the table exists with another layout; STORE_IO if the table cannot be created
   */
  public PostgresStore(PostgresStoreConfig config) {
    this.config = config;
    this.name = config.describe();
    this.table = new PostgresTable(config.table());
    LOG.debug("{}: opening with {}", name, config);
    Connection c;
    try {
      c = PostgresConnector.connect(config);
    } catch (SQLException e) {
      throw PostgresErrors.connectFailed(e, name);
    }
    try (c) {
      table.ensureExists(c, name);
      warnIfCommitsAreNotDurable(c);
    } catch (SQLException e) {
      throw PostgresErrors.map(e, name, "create table " + config.table());
    }
    this.pool = new PostgresPool(config);
    LOG.info("{}: opened, at most {} connections", name, config.maximumPoolSize());
  }

  private void warnIfCommitsAreNotDurable(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
      if (rs.next() && "off".equals(rs.getString(1))) {
        LOG.warn("{}: synchronous_commit is off, so a server crash can lose writes this store acknowledged;"
            + " expected on", name);
      }
    }
  }

  /** The configuration this store was opened with. */
  public PostgresStoreConfig config() {
    return config;
  }

  @Override
  public byte[] get(String key) {
    StoreKeys.checkKey(key, name);
    return pool.read("read key '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(table.selectValue)) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getBytes(1) : null;
        }
      }
    });
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    for (String key : distinct) {
      StoreKeys.checkKey(key, name);
    }
    if (distinct.isEmpty()) {
      return pool.read("read no keys", c -> new HashMap<>());
    }
    return pool.read("read " + PostgresErrors.keys(distinct), c -> {
      Map<String, byte[]> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(table.selectMany)) {
        for (int from = 0; from < distinct.size(); from += KEYS_PER_STATEMENT) {
          List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_STATEMENT));
          Array ids = c.createArrayOf("text", chunk.toArray());
          ps.setArray(1, ids);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getBytes(2));
            }
          } finally {
            ids.free();
          }
        }
      }
      return out;
    });
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    StoreKeys.checkKey(key, name);
    StoreKeys.checkValue(key, value, name);
    return pool.write("write key '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(table.insertIfAbsent)) {
        ps.setString(1, key);
        ps.setBytes(2, value);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      StoreKeys.checkKey(e.getKey(), name);
      StoreKeys.checkValue(e.getKey(), e.getValue(), name);
    }
    TreeMap<String, byte[]> sorted = new TreeMap<>(entries); // one lock order for every batch
    if (sorted.isEmpty()) {
      return pool.write("write no keys", c -> new LinkedHashSet<>());
    }
    return pool.write("write " + PostgresErrors.keys(sorted.keySet()), c -> {
      Set<String> present = new LinkedHashSet<>(sorted.keySet());
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(table.insertManyIfAbsent)) {
        List<String> ids = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
          int size = e.getValue().length;
          if (!ids.isEmpty() && (ids.size() == KEYS_PER_STATEMENT || bytes + size > BYTES_PER_STATEMENT)) {
            insertChunk(c, ps, ids, values, present);
            bytes = 0;
          }
          ids.add(e.getKey());
          values.add(e.getValue());
          bytes += size;
        }
        insertChunk(c, ps, ids, values, present);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
      c.setAutoCommit(true);
      return present;
    });
  }

  /** Inserts one chunk and removes the keys it wrote from {@code present}; clears the chunk. */
  private static void insertChunk(Connection c, PreparedStatement ps, List<String> ids, List<byte[]> values,
      Set<String> present) throws SQLException {
    Array idArray = c.createArrayOf("text", ids.toArray());
    Array valueArray = c.createArrayOf("bytea", values.toArray(new byte[0][]));
    try {
      ps.setArray(1, idArray);
      ps.setArray(2, valueArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          present.remove(rs.getString(1));
        }
      }
    } finally {
      idArray.free();
      valueArray.free();
    }
    ids.clear();
    values.clear();
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Versioned getVersioned(String key) {
    StoreKeys.checkKey(key, name);
    return pool.read("read key '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(table.selectVersioned)) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new Versioned(rs.getLong(1), rs.getBytes(2)) : null;
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(String key, long expectedRev, byte[] value) {
    StoreKeys.checkKey(key, name);
    StoreKeys.checkValue(key, value, name);
    StoreKeys.checkRev(key, expectedRev, name);
    return pool.write("compare-and-set key '" + key + "' at revision " + expectedRev, c -> {
      if (expectedRev == 0) {
        try (PreparedStatement ps = c.prepareStatement(table.createMutable)) {
          ps.setString(1, key);
          ps.setBytes(2, value);
          return ps.executeUpdate() == 1;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(table.updateMutable)) {
        ps.setBytes(1, value);
        ps.setString(2, key);
        ps.setLong(3, expectedRev);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean delete(String key) {
    StoreKeys.checkKey(key, name);
    return pool.write("delete key '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(table.delete)) {
        ps.setString(1, key);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<String> keys(String prefix) {
    if (prefix == null) {
      throw new StorageException(StorageErrorCode.INVALID_KEY,
          "null key prefix for store " + name + "; expected text, \"\" for all keys");
    }
    return pool.read("list keys starting '" + prefix + "'", c -> {
      List<String> out = new ArrayList<>();
      if (!printable(prefix)) {
        return out; // no key has a control or surrogate character, and PostgreSQL text cannot hold NUL
      }
      try (PreparedStatement ps = c.prepareStatement(prefix.isEmpty() ? table.selectAllKeys : table.selectKeysLike)) {
        if (!prefix.isEmpty()) {
          ps.setString(1, PostgresTable.likePrefix(prefix));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      out.sort(null); // Java String order, whatever the column's collation
      return out;
    });
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      pool.close();
      LOG.debug("{}: closed", name);
    }
  }
}

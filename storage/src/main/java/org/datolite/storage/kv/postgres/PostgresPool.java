package org.datolite.storage.kv.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.StoreKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled connections of a {@link PostgresStore}, and how one operation uses them: a write
 * runs once, an idempotent read may run once more after a broken connection.
 *
 * <h2>Design: after a reset</h2>
 * A connection the server ended (a restart or failover, {@code pg_terminate_backend}, a network
 * drop) stays in the pool looking idle until it is used. HikariCP marks a connection broken when
 * a statement on it fails with SQLState class 08, 57P01 or 57P02, among a few others (its proxy
 * inspects every {@link SQLException}), and closes it when it comes back; but it lends a
 * connection used within the last 500 ms without testing it, and the pool's other connections,
 * opened to the same server, are usually dead too. Left alone, each of them fails one caller
 * before the pool recovers.
 *
 * <p>So an operation whose connection broke ({@link PostgresErrors#connectionBroken}) first
 * soft-evicts the whole pool (idle connections are closed at once, lent ones when they come
 * back), so that whoever asks next gets a fresh connection. (Readers that meet dead connections
 * at once each evict; a connection in use is closed only when it comes back, so no retry in
 * flight is cut off, and a reset costs at most one eviction per pooled connection.) Then:
 * <ul>
 *   <li>a <b>read</b> (get, getMany, getVersioned, keys: idempotent) runs once more, logged at
 *       INFO, on a fresh connection whose wait for the server's answer is what is left of the
 *       socket timeout since the read began. A read thus never waits for answers longer than one
 *       socket timeout in all, and one that failed because the socket timeout ran out (a silent
 *       server) is not retried;
 *   <li>a <b>write</b> is never repeated: after a broken connection its outcome is unknown (the
 *       put may have committed, the compare-and-set may have won), so the caller decides.
 * </ul>
 * Failing to get a connection at all is not retried either: the pool has already waited the
 * connect timeout for one.
 */
final class PostgresPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresPool.class);
  /** pgjdbc ignores the executor of {@code setNetworkTimeout}; the JDBC contract wants one. */
  private static final Executor DIRECT = Runnable::run;

  /** Work on one pooled connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final HikariDataSource pool;
  private final String name;
  private final long socketTimeoutNanos;
  private volatile boolean closed;

  PostgresPool(PostgresStoreConfig config) {
    this.pool = PostgresConnector.openPool(config);
    this.name = config.describe();
    this.socketTimeoutNanos = config.socketTimeoutSeconds() * 1_000_000_000L;
  }

  /**
   * Runs a write once.
   *
   * @param action what it does, for messages: "write key 'k'"
   */
  <T> T write(String action, Work<T> work) {
    Connection lent = borrow(action);
    try {
      return use(lent, work, 0);
    } catch (SQLException e) {
      throw failure(e, action);
    }
  }

  /** Runs an idempotent read, once more on a fresh connection if its connection broke (class comment). */
  <T> T read(String action, Work<T> work) {
    long start = System.nanoTime();
    Connection lent = borrow(action);
    try {
      return use(lent, work, 0);
    } catch (SQLException first) {
      long leftMillis = (socketTimeoutNanos - (System.nanoTime() - start)) / 1_000_000;
      if (closed || !PostgresErrors.connectionBroken(first) || leftMillis < 1) {
        throw failure(first, action);
      }
      LOG.info("{}: {} met a broken connection ({}, SQLState {}); retrying once on a fresh connection, waiting"
          + " at most {} ms for the answer", name, action, first.getMessage(), first.getSQLState(), leftMillis);
      try {
        return use(pool.getConnection(), work, (int) leftMillis);
      } catch (SQLException second) {
        second.addSuppressed(first);
        throw closed ? StoreKeys.closed(name) : PostgresErrors.mapRetried(second, first, name, action);
      }
    }
  }

  /** A pooled connection; failing to get one is not retried, as the pool waited the connect timeout. */
  private Connection borrow(String action) {
    if (closed) {
      throw StoreKeys.closed(name);
    }
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw failure(e, action);
    }
  }

  /**
   * Runs {@code work} on {@code lent} and gives it back. If {@code networkTimeoutMillis} is
   * positive, that is the wait for answers (the pool restores the socket timeout afterwards). A
   * broken connection soft-evicts the pool, once it has gone back, before the failure is thrown.
   */
  private <T> T use(Connection lent, Work<T> work, int networkTimeoutMillis) throws SQLException {
    try (Connection c = lent) {
      if (networkTimeoutMillis > 0) {
        c.setNetworkTimeout(DIRECT, networkTimeoutMillis);
      }
      return work.run(c);
    } catch (SQLException e) {
      if (PostgresErrors.connectionBroken(e) && !closed) {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
      throw e;
    }
  }

  private StorageException failure(SQLException e, String action) {
    return closed ? StoreKeys.closed(name) : PostgresErrors.map(e, name, action);
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
  }
}

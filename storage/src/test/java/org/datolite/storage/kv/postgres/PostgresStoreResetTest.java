package org.datolite.storage.kv.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.Driver;

/**
 * Issue 9: the store's reads across a reset of its PostgreSQL connections (the server ends them
 * with {@code pg_terminate_backend}, as a restart or failover would), and when the server is gone
 * (a {@link TcpProxy} in front of it stops, or goes silent).
 */
@WithPostgres
class PostgresStoreResetTest {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B = "b".getBytes(StandardCharsets.UTF_8);

  private final PostgresDatabase db;
  private final List<AutoCloseable> open = new ArrayList<>();

  PostgresStoreResetTest(PostgresDatabase db) {
    this.db = db;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** The four reads, each checked against what {@link #open} wrote. */
  enum Read {
    GET {
      void check(KeyValueStore s) {
        assertArrayEquals(A, s.get("seg/a"));
      }
    },
    GET_MANY {
      void check(KeyValueStore s) {
        Map<String, byte[]> got = s.getMany(List.of("seg/a", "seg/none"));
        assertEquals(1, got.size());
        assertArrayEquals(A, got.get("seg/a"));
      }
    },
    GET_VERSIONED {
      void check(KeyValueStore s) {
        assertEquals(1, s.getVersioned("root").rev());
      }
    },
    KEYS {
      void check(KeyValueStore s) {
        assertEquals(List.of("seg/a"), s.keys("seg/"));
      }
    };

    abstract void check(KeyValueStore s);
  }

  /** A store on {@code jdbcUrl} with a fresh table holding "seg/a" and "root" at revision 1. */
  private PostgresStore open(String jdbcUrl) {
    PostgresStore store = new PostgresStore(PostgresStoreConfig.builder(jdbcUrl).user(db.user())
        .password(db.password()).maximumPoolSize(4).connectTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT)
        .table("kv_reset_" + TABLES.incrementAndGet()).build());
    open.add(store);
    assertTrue(store.putIfAbsent("seg/a", A));
    assertTrue(store.compareAndSet("root", 0, A));
    return store;
  }

  /** Ends every session of a store in this database and waits until they are gone. */
  private static void terminateStoreBackends(Connection admin) throws SQLException {
    try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
            + " WHERE application_name = 'datolite' AND datname = current_database()")) {
      rs.next();
      assertTrue(rs.getLong(1) > 0, "the store had sessions to end");
    }
  }

  /** Waits until the store's pool has opened all its connections (it fills in the background). */
  private static void awaitPoolFilled(Connection admin, int connections) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM"
          + " pg_stat_activity WHERE application_name = 'datolite' AND datname = current_database()")) {
        rs.next();
        if (rs.getLong(1) >= connections) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the pool did not open " + connections + " connections within 10 s");
  }

  @ParameterizedTest
  @EnumSource(Read.class)
  @DisplayName("issue 9: read_afterTheServerEndedEveryConnection_succeedsAtTheFirstTry")
  void read_afterTheServerEndedEveryConnection_succeedsAtTheFirstTry(Read read) throws Exception {
    PostgresStore store = open(db.jdbcUrl());
    try (Connection admin = db.connect()) {
      awaitPoolFilled(admin, 4);
      read.check(store); // this thread's connection, just used, is lent again without a check
      terminateStoreBackends(admin);
      read.check(store); // the first read after the reset
      // Every pooled connection died with it; readers after the first one all succeed too.
      ExecutorService readers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          done.add(readers.submit(() -> read.check(store)));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        readers.shutdownNow();
      }
    }
  }

  @Test
  void compareAndSet_onAConnectionTheServerEnded_failsUnavailableAndIsNotRetried() throws Exception {
    PostgresStore store = open(db.jdbcUrl());
    try (Connection admin = db.connect()) {
      store.putIfAbsent("seg/b", B); // this thread's connection, lent again unchecked within 500 ms
      long usedAt = System.nanoTime();
      terminateStoreBackends(admin);
      assumeTrue(System.nanoTime() - usedAt < TimeUnit.MILLISECONDS.toNanos(400),
          "HikariCP lends a connection without checking it only within 500 ms of its last use");
      StorageException e = assertThrows(StorageException.class, () -> store.compareAndSet("root", 1, B));
      assertEquals(StorageErrorCode.STORE_UNAVAILABLE, e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("compare-and-set key 'root' at revision 1"), e.getMessage());
      try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT rev FROM " + store.config().table() + " WHERE id = 'root'")) {
        rs.next();
        assertEquals(1, rs.getLong(1), "not written, and not retried behind the caller's back");
      }
      assertTrue(store.compareAndSet("root", 1, B), "the next write gets a fresh connection");
    }
  }

  @Test
  void read_serverUnreachable_failsUnavailableWithinTheTimeouts() throws Exception {
    TcpProxy proxy = proxy();
    PostgresStore store = open(through(proxy));
    Read.GET.check(store);
    proxy.stop();
    long start = System.nanoTime();
    StorageException e = assertThrows(StorageException.class, () -> store.get("seg/a"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(StorageErrorCode.STORE_UNAVAILABLE, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("read key 'seg/a' in " + store.describe()), e.getMessage());
    assertTrue(e.getMessage().contains("retried once on a fresh connection after the first attempt met a broken one"),
        e.getMessage());
    assertTrue(millis < CONNECT_TIMEOUT.toMillis() + SOCKET_TIMEOUT.toMillis() + 1000, "took " + millis + " ms");
  }

  @Test
  void read_serverSilent_failsUnavailableAfterTheSocketTimeout_withoutARetry() throws Exception {
    TcpProxy proxy = proxy();
    PostgresStore store = open(through(proxy));
    Read.GET.check(store);
    proxy.silence();
    long start = System.nanoTime();
    StorageException e = assertThrows(StorageException.class, () -> store.get("seg/a"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(StorageErrorCode.STORE_UNAVAILABLE, e.code(), e.getMessage());
    assertTrue(millis >= SOCKET_TIMEOUT.toMillis() - 100, "waited the socket timeout: " + millis + " ms");
    assertTrue(millis < SOCKET_TIMEOUT.toMillis() + 1000, "the socket timeout was spent, so no retry: took "
        + millis + " ms");
  }

  private TcpProxy proxy() throws Exception {
    Properties url = Driver.parseURL(db.jdbcUrl(), null);
    TcpProxy proxy = new TcpProxy(new InetSocketAddress(url.getProperty("PGHOST").split(",")[0],
        Integer.parseInt(url.getProperty("PGPORT").split(",")[0])));
    open.add(proxy);
    return proxy;
  }

  /** The database's URL with the proxy in place of the server. */
  private String through(TcpProxy proxy) {
    String url = db.jdbcUrl();
    int hosts = url.indexOf("//") + 2;
    return url.substring(0, hosts) + "127.0.0.1:" + proxy.port() + url.substring(url.indexOf('/', hosts));
  }
}

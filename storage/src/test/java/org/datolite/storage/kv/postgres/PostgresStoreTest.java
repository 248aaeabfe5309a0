package org.datolite.storage.kv.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.KeyValueStoreContract;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.Test;

/** The contract on PostgreSQL, plus what only a shared server can get wrong. */
@WithPostgres
class PostgresStoreTest extends KeyValueStoreContract {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private final PostgresDatabase db;

  PostgresStoreTest(PostgresDatabase db) {
    this.db = db;
  }

  private PostgresStoreConfig config(String table) {
    return PostgresStoreConfig.builder(db.jdbcUrl()).user(db.user()).password(db.password())
        .maximumPoolSize(4).connectTimeout(Duration.ofSeconds(5)).table(table).build();
  }

  private static String freshTable() {
    return "kv_" + TABLES.incrementAndGet();
  }

  @Override
  protected KeyValueStore openStore() {
    return new PostgresStore(config(freshTable()));
  }

  /** A new pool on the same table: sees only what reached the server. */
  @Override
  protected KeyValueStore reopen(KeyValueStore old) {
    PostgresStoreConfig config = ((PostgresStore) old).config();
    old.close();
    return new PostgresStore(config);
  }

  private String table() {
    return ((PostgresStore) store).config().table();
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private long queryLong(String query) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String queryString(String query) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static <T> List<T> runTogether(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void compareAndSet_racesAcrossTwoPools_haveExactlyOneWinner() throws Exception {
    try (PostgresStore other = new PostgresStore(((PostgresStore) store).config())) {
      KeyValueStore[] stores = {store, other};
      for (int round = 0; round < 20; round++) {
        long expected = round;
        AtomicInteger next = new AtomicInteger();
        List<Boolean> won = runTogether(8, () -> {
          int t = next.getAndIncrement();
          return stores[t % 2].compareAndSet("root", expected, bytes("round " + expected + " thread " + t));
        });
        assertEquals(1, won.stream().filter(w -> w).count(), "winners in round " + round + ": " + won);
        assertEquals(round + 1, other.getVersioned("root").rev());
        assertEquals(round + 1, store.getVersioned("root").rev());
      }
    }
  }

  @Test
  void open_manyPoolsCreateTheTableAtOnce_allSucceed() throws Exception {
    PostgresStoreConfig config = config(freshTable());
    List<PostgresStore> opened = runTogether(6, () -> new PostgresStore(config.withTable(config.table())));
    try {
      assertTrue(opened.get(0).putIfAbsent("k", bytes("v")));
      for (PostgresStore s : opened) {
        assertArrayEquals(bytes("v"), s.get("k"));
      }
    } finally {
      opened.forEach(PostgresStore::close);
    }
  }

  @Test
  void putAllIfAbsent_thirtyMegabytes_isOneCommit() throws SQLException {
    Random random = new Random(42);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 600; i++) {
      byte[] value = new byte[50 * 1024 + random.nextInt(1024)];
      random.nextBytes(value);
      entries.put("seg/" + i, value);
    }
    assertTrue(store.putAllIfAbsent(entries).isEmpty());
    assertEquals(1, queryLong("SELECT count(DISTINCT xmin::text) FROM " + table()), "transactions");
    Map<String, byte[]> got = store.getMany(entries.keySet());
    assertEquals(entries.size(), got.size());
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      assertArrayEquals(e.getValue(), got.get(e.getKey()), e.getKey());
    }
    assertEquals(entries.keySet(), store.putAllIfAbsent(entries));
  }

  @Test
  void putAllIfAbsent_failureInALaterStatement_writesNothing() throws SQLException {
    sql("CREATE FUNCTION refuse_" + table() + "() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN IF NEW.id = 'seg/2500' THEN RAISE EXCEPTION 'refused %', NEW.id; END IF; RETURN NEW; END $$");
    sql("CREATE TRIGGER refuse BEFORE INSERT ON " + table() + " FOR EACH ROW EXECUTE FUNCTION refuse_" + table() + "()");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 1000; i < 3500; i++) { // sorted, seg/2500 falls in the second statement
      entries.put("seg/" + i, bytes("v" + i));
    }
    StorageException e = assertThrows(StorageException.class, () -> store.putAllIfAbsent(entries));
    assertEquals(StorageErrorCode.STORE_IO, e.code());
    assertTrue(e.getMessage().contains("2500 keys 'seg/1000'") && e.getMessage().contains(store.describe()),
        e.getMessage());
    assertEquals(0, queryLong("SELECT count(*) FROM " + table()));
    assertTrue(store.putIfAbsent("after", bytes("x")), "the pool works after a failed batch");
  }

  @Test
  void putAllIfAbsent_overlappingConcurrentBatches_doNotDeadlock() throws Exception {
    for (int round = 0; round < 10; round++) {
      int r = round;
      AtomicInteger next = new AtomicInteger();
      List<Set<String>> present = runTogether(4, () -> {
        boolean reversed = next.getAndIncrement() % 2 == 1;
        Map<String, byte[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
          int k = reversed ? 299 - i : i;
          batch.put("r" + r + "/" + k, bytes("v" + k));
        }
        return store.putAllIfAbsent(batch);
      });
      assertEquals(3 * 300, present.stream().mapToInt(Set::size).sum(), "each key written once in round " + r);
    }
  }

  @Test
  void keys_mixedCaseAndUnicode_comeInJavaOrder() {
    List<String> keys = new ArrayList<>(List.of("k/b", "k/B", "k/a", "k/Z", "k/é", "k/e", "k/_", "k/~", "k/日", "k/ÿ"));
    for (String k : keys) {
      store.putIfAbsent(k, bytes(k));
    }
    keys.sort(null);
    assertEquals(keys, store.keys("k/"));
    assertTrue(store.keys("k/\u0000").isEmpty());
  }

  @Test
  void open_existingTableWithOtherLayout_failsWithInvalidConfiguration() throws SQLException {
    String table = freshTable();
    sql("CREATE TABLE " + table + " (id text PRIMARY KEY, data bytea)");
    StorageException e = assertThrows(StorageException.class, () -> new PostgresStore(config(table)));
    assertEquals(StorageErrorCode.INVALID_CONFIGURATION, e.code());
    assertTrue(e.getMessage().contains("table " + table), e.getMessage());
  }

  @Test
  void open_createsTheTable_withValuesStoredAsTheyAre() throws SQLException {
    // segments and log blocks are LZ4-compressed already: PostgreSQL must not spend CPU compressing them again
    assertEquals("e", queryString("SELECT attstorage FROM pg_attribute WHERE attrelid = '" + table()
        + "'::regclass AND attname = 'val'"));
    byte[] zeros = new byte[100_000];
    store.putIfAbsent("seg/zeros", zeros);
    assertArrayEquals(zeros, store.get("seg/zeros"));
    long stored = queryLong("SELECT pg_column_size(val) FROM " + table() + " WHERE id = 'seg/zeros'");
    assertTrue(stored >= zeros.length, "a value of 100,000 zero bytes takes " + stored + " bytes: compressed");
  }

  /**
   * A pool that finds the table missing, waits for the creation lock and then finds that another
   * made it meanwhile leaves that table as it is (altering it would take its owner's right).
   */
  @Test
  void open_tableCreatedWhileWaitingForTheLock_isNotAltered() throws Exception {
    String table = freshTable();
    try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + PostgresTable.LOCK_NAMESPACE + ", " + table.hashCode() + ")");
      ExecutorService opener = Executors.newSingleThreadExecutor();
      try {
        Future<PostgresStore> opened = opener.submit(() -> new PostgresStore(config(table)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0) {
          assertTrue(System.nanoTime() < deadline, "the opening pool never waited for the creation lock");
          Thread.sleep(20);
        }
        sql("CREATE TABLE " + table + " (id text COLLATE \"C\" PRIMARY KEY, rev bigint NOT NULL, val bytea NOT NULL)");
        st.execute("SELECT pg_advisory_unlock(" + PostgresTable.LOCK_NAMESPACE + ", " + table.hashCode() + ")");
        try (PostgresStore s = opened.get(30, TimeUnit.SECONDS)) {
          assertTrue(s.putIfAbsent("k", bytes("v")));
        }
      } finally {
        opener.shutdownNow();
      }
    }
    assertEquals("x", queryString("SELECT attstorage FROM pg_attribute WHERE attrelid = '" + table
        + "'::regclass AND attname = 'val'"));
  }

  @Test
  void open_tableCreatedBeforehand_isUsed() throws SQLException {
    String table = freshTable();
    sql("CREATE TABLE " + table + " (id text PRIMARY KEY, rev bigint NOT NULL, val bytea NOT NULL)");
    sql("INSERT INTO " + table + " VALUES ('seg/old', 0, '\\x0102')");
    try (PostgresStore s = new PostgresStore(config(table))) {
      assertArrayEquals(new byte[] {1, 2}, s.get("seg/old"));
    }
  }

  @Test
  void describe_namesServerDatabaseAndTable() {
    assertTrue(store.describe().startsWith("postgresql://"), store.describe());
    assertTrue(store.describe().endsWith("/" + db.name() + " table " + table()), store.describe());
  }

  @Test
  void close_twice_isHarmless() {
    store.close();
    store.close();
    assertThrows(StorageException.class, () -> store.keys(""));
    store = null;
  }

  @Test
  void getMany_duplicateKeys_returnsEachOnce() {
    store.putIfAbsent("a", bytes("1"));
    Map<String, byte[]> got = store.getMany(List.of("a", "a", "b"));
    assertEquals(Set.of("a"), got.keySet());
    assertNull(store.get("b"));
    assertFalse(store.delete("b"));
  }
}

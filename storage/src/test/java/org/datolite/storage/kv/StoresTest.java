package org.datolite.storage.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.file.CleanClose;
import org.datolite.storage.kv.file.FileStore;
import org.datolite.storage.kv.postgres.PostgresStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @Test
  void mem_sharesOneStorePerName() {
    KeyValueStore a = Stores.open("mem:shared-test");
    KeyValueStore b = Stores.open("mem:shared-test");
    a.putIfAbsent("k", new byte[] {1});
    assertArrayEquals(new byte[] {1}, b.get("k"));
    a.close();
    assertArrayEquals(new byte[] {1}, b.get("k"), "closing one handle leaves the others open");
    assertThrows(StorageException.class, () -> a.get("k"));
    assertTrue(Stores.open("mem:other-test").get("k") == null);
  }

  @Test
  void file_opensADirectory(@TempDir Path dir) throws IOException {
    try (KeyValueStore store = Stores.open("file:" + dir.resolve("db"))) {
      assertTrue(store.putIfAbsent("k", new byte[] {1}));
      assertEquals("file:" + dir.resolve("db").toRealPath(), store.describe());
    }
  }

  @Test
  void file_sharesOneStorePerDirectoryUntilTheLastHandleCloses_issue9(@TempDir Path dir) throws IOException {
    Path db = dir.resolve("db");
    Files.createDirectories(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), db.getFileName());
    KeyValueStore a = Stores.open("file:" + db);
    KeyValueStore b = Stores.open("file:" + dir.resolve("elsewhere/../db/"));
    KeyValueStore c = Stores.open("file:" + link);
    assertTrue(a.putIfAbsent("k", new byte[] {1}));
    assertArrayEquals(new byte[] {1}, b.get("k"));
    assertFalse(c.putIfAbsent("k", new byte[] {2}), "one store behind every spelling of the directory");
    a.close();
    a.close(); // twice is harmless and does not count twice
    assertEquals(StorageErrorCode.CLOSED, assertThrows(StorageException.class, () -> a.get("k")).code());
    assertTrue(b.putIfAbsent("k2", new byte[] {2}), "closing one handle leaves the others open");
    b.close();
    assertArrayEquals(new byte[] {2}, c.get("k2"));
    StorageException locked = assertThrows(StorageException.class, () -> FileStore.open(db));
    assertEquals(StorageErrorCode.STORE_LOCKED, locked.code(), "the shared store is still open");
    c.close();
    assertTrue(Files.exists(db.resolve(CleanClose.FILE)), "the last handle closed the store cleanly");
    try (FileStore reopened = FileStore.open(db)) {
      assertEquals(List.of("k", "k2"), reopened.keys(""));
    }
    try (KeyValueStore again = Stores.open("file:" + db)) {
      assertArrayEquals(new byte[] {2}, again.get("k2"), "a new shared store after the last one closed");
    }
  }

  @Test
  void file_handlesOpenedAndClosedOnManyThreads_neverFindTheirOwnDirectoryLocked(@TempDir Path dir) throws Exception {
    String address = "file:" + dir.resolve("db");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            try (KeyValueStore store = Stores.open(address)) {
              assertTrue(store.putIfAbsent(thread + "/" + i, new byte[] {(byte) i}));
            }
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS); // a STORE_LOCKED from a race with the last close would fail here
      }
    } finally {
      pool.shutdownNow();
    }
    try (KeyValueStore store = Stores.open(address)) {
      assertEquals(100, store.keys("").size());
    }
  }

  @Test
  void file_openInAnotherProcess_failsWithStoreLockedSayingOneProcessAtATime_issue9(@TempDir Path dir)
      throws Exception {
    Path db = dir.resolve("db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FileStoreHolder.class.getName(), db.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine(), "the child opened the store");
      StorageException e = assertThrows(StorageException.class, () -> Stores.open("file:" + db));
      assertEquals(StorageErrorCode.STORE_LOCKED, e.code());
      assertTrue(e.getMessage().contains(db.toRealPath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("open in one process at a time"), e.getMessage());
      e = assertThrows(StorageException.class, () -> Stores.open("file:" + db), "a failed open leaves nothing behind");
      assertEquals(StorageErrorCode.STORE_LOCKED, e.code());
    } finally {
      child.getOutputStream().close();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child exits once its input closes");
    }
    assertEquals(0, child.exitValue());
    try (KeyValueStore store = Stores.open("file:" + db)) {
      assertArrayEquals(new byte[] {1}, store.get("held"));
    }
  }

  @Test
  void postgres_parsesHostDatabaseAndParameters() {
    PostgresStoreConfig c = Stores.postgres("postgresql://db.example:6543/prod?user=app&password=s%26cret&table=kvs&maximumPoolSize=4");
    assertEquals("jdbc:postgresql://db.example:6543/prod", c.jdbcUrl());
    assertEquals("app", c.user());
    assertEquals("s&cret", c.password());
    assertEquals("kvs", c.table());
    assertEquals(4, c.maximumPoolSize());
    assertEquals("jdbc:postgresql://localhost/x", Stores.postgres("postgresql://localhost/x").jdbcUrl());
  }

  @Test
  void badAddresses_areRejectedNamingWhatIsWrong() {
    String[][] cases = {
        {"", "empty"}, {"mem:", "name"}, {"file:", "directory"}, {"ftp://x", "unknown kind"},
        {"postgresql://host", "HOST[:PORT]/DATABASE"}, {"postgresql://h/db?user", "name=value"},
        {"postgresql://h/db?bogus=1", "bogus"}, {"postgresql://h/db?user=a&user=b", "twice"},
        {"postgresql://h/db?password=secret&nope=1", "nope"}};
    for (String[] c : cases) {
      StorageException e = assertThrows(StorageException.class, () -> Stores.open(c[0]), c[0]);
      assertEquals(StorageErrorCode.INVALID_CONFIGURATION, e.code());
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
      assertFalse(e.getMessage().contains("secret"), "no password in messages: " + e.getMessage());
    }
  }
}

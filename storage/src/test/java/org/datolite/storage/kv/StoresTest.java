package org.datolite.storage.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
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
  void file_opensADirectory(@TempDir Path dir) {
    try (KeyValueStore store = Stores.open("file:" + dir.resolve("db"))) {
      assertInstanceOf(FileStore.class, store);
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

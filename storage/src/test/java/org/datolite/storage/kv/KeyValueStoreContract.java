package org.datolite.storage.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyValueStore} promises. Each store's test extends this class and
 * says how to open a fresh store and, if it is durable, how to reopen it.
 */
public abstract class KeyValueStoreContract {
  protected KeyValueStore store;

  /** A new, empty store. */
  protected abstract KeyValueStore openStore() throws Exception;

  /**
   * Closes {@code old} and opens the same storage again, or returns {@code null} if the store
   * keeps nothing across instances.
   */
  protected KeyValueStore reopen(KeyValueStore old) throws Exception {
    return null;
  }

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void get_absentKey_returnsNull() {
    assertNull(store.get("absent"));
    assertNull(store.getVersioned("absent"));
  }

  @Test
  void putIfAbsent_thenGet_returnsValue() {
    assertTrue(store.putIfAbsent("seg/1", bytes("one")));
    assertArrayEquals(bytes("one"), store.get("seg/1"));
    KeyValueStore.Versioned v = store.getVersioned("seg/1");
    assertEquals(0, v.rev());
    assertArrayEquals(bytes("one"), v.value());
  }

  @Test
  void putIfAbsent_presentKey_returnsFalseAndKeepsValue() {
    assertTrue(store.putIfAbsent("k", bytes("first")));
    assertFalse(store.putIfAbsent("k", bytes("second")));
    assertArrayEquals(bytes("first"), store.get("k"));
  }

  @Test
  void putIfAbsent_emptyAndBinaryValues_roundTrip() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    store.putIfAbsent("empty", new byte[0]);
    store.putIfAbsent("binary", all);
    assertArrayEquals(new byte[0], store.get("empty"));
    assertArrayEquals(all, store.get("binary"));
  }

  @Test
  void putIfAbsent_largeValue_roundTrips() {
    byte[] big = new byte[8 << 20];
    new Random(7).nextBytes(big);
    store.putIfAbsent("big", big);
    assertArrayEquals(big, store.get("big"));
  }

  @Test
  void putIfAbsent_unicodeKey_roundTrips() {
    String key = "seg/日本語-ключ-é";
    store.putIfAbsent(key, bytes("x"));
    assertArrayEquals(bytes("x"), store.get(key));
    assertEquals(List.of(key), store.keys("seg/"));
  }

  @Test
  void get_returnedArray_isACopy() {
    store.putIfAbsent("k", bytes("abc"));
    byte[] got = store.get("k");
    got[0] = 'z';
    assertArrayEquals(bytes("abc"), store.get("k"));
  }

  @Test
  void getMany_returnsPresentKeysOnly() {
    store.putIfAbsent("a", bytes("1"));
    store.putIfAbsent("b", bytes("2"));
    Map<String, byte[]> got = store.getMany(List.of("a", "b", "c"));
    assertEquals(Set.of("a", "b"), got.keySet());
    assertArrayEquals(bytes("2"), got.get("b"));
    assertTrue(store.getMany(List.of()).isEmpty());
  }

  @Test
  void getMany_thousandsOfKeys_returnsAll() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 2500; i++) {
      entries.put("seg/" + i, bytes("v" + i));
    }
    store.putAllIfAbsent(entries);
    Map<String, byte[]> got = store.getMany(entries.keySet());
    assertEquals(2500, got.size());
    assertArrayEquals(bytes("v1234"), got.get("seg/1234"));
  }

  @Test
  void putAllIfAbsent_writesAllAndReportsPresentKeys() {
    store.putIfAbsent("b", bytes("old"));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a", bytes("1"));
    entries.put("b", bytes("2"));
    entries.put("c", bytes("3"));
    assertEquals(Set.of("b"), store.putAllIfAbsent(entries));
    assertArrayEquals(bytes("1"), store.get("a"));
    assertArrayEquals(bytes("old"), store.get("b"));
    assertArrayEquals(bytes("3"), store.get("c"));
    assertTrue(store.putAllIfAbsent(Map.of()).isEmpty());
  }

  @Test
  void putAllIfAbsent_invalidKey_writesNothing() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("good", bytes("1"));
    entries.put("", bytes("2"));
    StorageException e = assertThrows(StorageException.class, () -> store.putAllIfAbsent(entries));
    assertEquals(StorageErrorCode.INVALID_KEY, e.code());
    assertNull(store.get("good"));
  }

  @Test
  void compareAndSet_createThenUpdate_countsRevisions() {
    assertTrue(store.compareAndSet("root", 0, bytes("r1")));
    assertEquals(1, store.getVersioned("root").rev());
    assertTrue(store.compareAndSet("root", 1, bytes("r2")));
    KeyValueStore.Versioned v = store.getVersioned("root");
    assertEquals(2, v.rev());
    assertArrayEquals(bytes("r2"), v.value());
    assertArrayEquals(bytes("r2"), store.get("root"));
  }

  @Test
  void compareAndSet_staleRevision_failsAndKeepsValue() {
    store.compareAndSet("root", 0, bytes("r1"));
    store.compareAndSet("root", 1, bytes("r2"));
    assertFalse(store.compareAndSet("root", 1, bytes("stale")));
    assertFalse(store.compareAndSet("root", 0, bytes("create-again")));
    assertFalse(store.compareAndSet("root", 7, bytes("future")));
    assertArrayEquals(bytes("r2"), store.get("root"));
    assertEquals(2, store.getVersioned("root").rev());
  }

  @Test
  void compareAndSet_absentKeyWithRevision_fails() {
    assertFalse(store.compareAndSet("nothing", 3, bytes("x")));
    assertNull(store.get("nothing"));
  }

  @Test
  void compareAndSet_immutableKey_neverMatches() {
    store.putIfAbsent("seg/x", bytes("x"));
    assertFalse(store.compareAndSet("seg/x", 0, bytes("y")));
    assertArrayEquals(bytes("x"), store.get("seg/x"));
  }

  @Test
  void compareAndSet_negativeRevision_isRejected() {
    StorageException e = assertThrows(StorageException.class,
        () -> store.compareAndSet("root", -1, bytes("x")));
    assertEquals(StorageErrorCode.INVALID_VALUE, e.code());
  }

  @Test
  void compareAndSet_concurrentRaces_haveExactlyOneWinner() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        long expected = round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] value = bytes("round " + round + " thread " + t);
          results.add(pool.submit(() -> {
            start.await();
            return store.compareAndSet("race", expected, value);
          }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
          winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, winners, "winners in round " + round);
        assertEquals(round + 1, store.getVersioned("race").rev());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void delete_removesKey() {
    store.putIfAbsent("seg/a", bytes("1"));
    store.compareAndSet("root", 0, bytes("r"));
    assertTrue(store.delete("seg/a"));
    assertTrue(store.delete("root"));
    assertFalse(store.delete("seg/a"));
    assertNull(store.get("seg/a"));
    assertNull(store.getVersioned("root"));
    assertTrue(store.compareAndSet("root", 0, bytes("again")));
  }

  @Test
  void keys_prefix_listsMatchingKeysInOrder() {
    for (String k : List.of("seg/b", "seg/a", "dir/a", "seg%", "seg_x", "segment", "seg/c")) {
      store.putIfAbsent(k, bytes(k));
    }
    assertEquals(List.of("seg/a", "seg/b", "seg/c"), store.keys("seg/"));
    assertEquals(List.of("seg%"), store.keys("seg%"));
    assertEquals(List.of("seg_x"), store.keys("seg_"));
    assertEquals(7, store.keys("").size());
    assertTrue(store.keys("zzz").isEmpty());
  }

  @Test
  void invalidKeys_areRejectedWithTheirReason() {
    for (String bad : new String[] {"", "tab\there", "x".repeat(KeyValueStore.MAX_KEY_LENGTH + 1)}) {
      StorageException e = assertThrows(StorageException.class, () -> store.putIfAbsent(bad, bytes("v")));
      assertEquals(StorageErrorCode.INVALID_KEY, e.code());
    }
    StorageException e = assertThrows(StorageException.class, () -> store.get(null));
    assertEquals(StorageErrorCode.INVALID_KEY, e.code());
    e = assertThrows(StorageException.class, () -> store.putIfAbsent("k", null));
    assertEquals(StorageErrorCode.INVALID_VALUE, e.code());
    assertTrue(store.keys("").isEmpty());
  }

  @Test
  void closedStore_failsWithClosed() {
    store.putIfAbsent("k", bytes("v"));
    store.close();
    StorageException e = assertThrows(StorageException.class, () -> store.get("k"));
    assertEquals(StorageErrorCode.CLOSED, e.code());
    e = assertThrows(StorageException.class, () -> store.putIfAbsent("j", bytes("v")));
    assertEquals(StorageErrorCode.CLOSED, e.code());
    store = null;
  }

  @Test
  void reopen_keepsEveryWrite() throws Exception {
    store.putIfAbsent("seg/1", bytes("one"));
    store.putAllIfAbsent(Map.of("seg/2", bytes("two"), "seg/3", bytes("three")));
    store.compareAndSet("root", 0, bytes("r1"));
    store.compareAndSet("root", 1, bytes("r2"));
    store.putIfAbsent("gone", bytes("x"));
    store.delete("gone");
    KeyValueStore reopened = reopen(store);
    if (reopened == null) {
      return; // this store keeps nothing across instances
    }
    store = reopened;
    assertArrayEquals(bytes("one"), store.get("seg/1"));
    assertArrayEquals(bytes("three"), store.get("seg/3"));
    KeyValueStore.Versioned root = store.getVersioned("root");
    assertNotNull(root);
    assertEquals(2, root.rev());
    assertArrayEquals(bytes("r2"), root.value());
    assertNull(store.get("gone"));
    assertEquals(List.of("root", "seg/1", "seg/2", "seg/3"), store.keys(""));
    assertTrue(store.compareAndSet("root", 2, bytes("r3")));
  }

  @Test
  void describe_namesTheStore() {
    assertFalse(store.describe().isBlank());
  }
}

package org.datolite.storage.kv;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * Opens a key-value store from its address, the storage part of a Datolite URL:
 *
 * <ul>
 *   <li>{@code mem:NAME}: a {@link MemoryStore} shared by everything in this JVM that names it;
 *   <li>{@code file:PATH}: a {@link FileStore} in that directory;
 *   <li>{@code postgresql://HOST[:PORT]/DATABASE[?user=…&password=…&table=…&…]}: a
 *       {@link PostgresStore}; the parameters are the {@link PostgresStoreProperty} keys.
 * </ul>
 * A malformed address or an unknown parameter is an INVALID_CONFIGURATION error naming it.
 */
public final class Stores {
  private static final Map<String, MemoryStore> MEMORY = new ConcurrentHashMap<>();

  private Stores() {}

  /** Opens the store an address names. */
  public static KeyValueStore open(String address) {
    if (address == null || address.isBlank()) {
      throw invalid("an empty storage address", address);
    }
    if (address.startsWith("mem:")) {
      String name = address.substring(4);
      if (name.isEmpty() || name.contains("?")) {
        throw invalid("a memory store needs a name, as in mem:orders", address);
      }
      return new SharedMemory(MEMORY.computeIfAbsent(name, MemoryStore::new));
    }
    if (address.startsWith("file:")) {
      String path = address.substring(5);
      if (path.isEmpty()) {
        throw invalid("a file store needs a directory, as in file:/var/lib/datolite", address);
      }
      try {
        return FileStore.open(Path.of(path));
      } catch (InvalidPathException e) {
        throw invalid("'" + path + "' is not a valid path: " + e.getReason(), address);
      }
    }
    if (address.startsWith("postgresql://")) {
      return new PostgresStore(postgres(address));
    }
    throw invalid("unknown kind of storage; expected mem:NAME, file:PATH or postgresql://HOST:PORT/DATABASE", address);
  }

  /** The configuration of a {@code postgresql://} address. */
  public static PostgresStoreConfig postgres(String address) {
    String rest = address.substring("postgresql://".length());
    int q = rest.indexOf('?');
    String location = q < 0 ? rest : rest.substring(0, q);
    if (!location.matches("[^/?#]+(:\\d+)?/[^/?#]+")) {
      throw invalid("expected postgresql://HOST[:PORT]/DATABASE", address);
    }
    Map<String, String> props = new LinkedHashMap<>();
    if (q >= 0 && q + 1 < rest.length()) {
      for (String pair : rest.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw invalid("parameter '" + pair + "' is not of the form name=value", address);
        }
        String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (props.put(key, value) != null) {
          throw invalid("parameter '" + key + "' is given twice", address);
        }
      }
    }
    if (props.containsKey(PostgresStoreProperty.JDBC_URL.key())) {
      throw invalid("the address itself is the JDBC URL; remove the jdbcUrl parameter", address);
    }
    props.put(PostgresStoreProperty.JDBC_URL.key(), "jdbc:postgresql://" + location);
    return PostgresStoreConfig.fromProperties(props);
  }

  private static StorageException invalid(String what, String address) {
    String shown = address == null ? "null" : address.replaceAll("password=[^&]*", "password=***");
    return new StorageException(StorageErrorCode.INVALID_CONFIGURATION,
        "storage address '" + shown + "': " + what);
  }

  /** A shared memory store: closing one user's handle leaves the store to the others. */
  private static final class SharedMemory implements KeyValueStore {
    private final MemoryStore store;
    private volatile boolean closed;

    SharedMemory(MemoryStore store) {
      this.store = store;
    }

    private MemoryStore open() {
      if (closed) {
        throw StoreKeys.closed(store.describe());
      }
      return store;
    }

    @Override public byte[] get(String key) {
      return open().get(key);
    }

    @Override public Map<String, byte[]> getMany(java.util.Collection<String> keys) {
      return open().getMany(keys);
    }

    @Override public boolean putIfAbsent(String key, byte[] value) {
      return open().putIfAbsent(key, value);
    }

    @Override public java.util.Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
      return open().putAllIfAbsent(entries);
    }

    @Override public Versioned getVersioned(String key) {
      return open().getVersioned(key);
    }

    @Override public boolean compareAndSet(String key, long expectedRev, byte[] value) {
      return open().compareAndSet(key, expectedRev, value);
    }

    @Override public boolean delete(String key) {
      return open().delete(key);
    }

    @Override public java.util.List<String> keys(String prefix) {
      return open().keys(prefix);
    }

    @Override public String describe() {
      return store.describe();
    }

    @Override public void close() {
      closed = true;
    }
  }
}

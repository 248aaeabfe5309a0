package org.datolite.storage.kv;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.file.FileStore;
import org.datolite.storage.kv.postgres.PostgresStore;
import org.datolite.storage.kv.postgres.PostgresStoreConfig;
import org.datolite.storage.kv.postgres.PostgresStoreProperty;

/**
 * Opens a key-value store from its address, the storage part of a Datolite URL:
 *
 * <ul>
 *   <li>{@code mem:NAME}: a {@link MemoryStore} shared by everything in this JVM that names it;
 *   <li>{@code file:PATH}: the {@link FileStore} in that directory (created if missing), shared
 *       by everything in this JVM that names the directory, however spelled: the first open
 *       opens it, the last handle to close closes it ({@link SharedDirectory}). Another process
 *       opening the directory meanwhile fails with STORE_LOCKED: a directory is open in one
 *       process at a time;
 *   <li>{@code postgresql://HOST[:PORT]/DATABASE[?user=…&password=…&table=…&…]}: a
 *       {@link PostgresStore}; the parameters are the {@link PostgresStoreProperty} keys.
 * </ul>
 * A {@code mem:} or {@code file:} open returns a handle of its own: closing it closes the store
 * for its user only. A malformed address or an unknown parameter is an INVALID_CONFIGURATION
 * error naming it.
 */
public final class Stores {
  private static final Map<String, MemoryStore> MEMORY = new ConcurrentHashMap<>();
  /** By canonical directory; an entry stays once made (a few bytes for each directory ever opened). */
  private static final Map<Path, SharedDirectory> FILES = new ConcurrentHashMap<>();

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
      return new StoreHandle(MEMORY.computeIfAbsent(name, MemoryStore::new), () -> { });
    }
    if (address.startsWith("file:")) {
      return FILES.computeIfAbsent(directory(address), SharedDirectory::new).open();
    }
    if (address.startsWith("postgresql://")) {
      return new PostgresStore(postgres(address));
    }
    throw invalid("unknown kind of storage; expected mem:NAME, file:PATH or postgresql://HOST:PORT/DATABASE", address);
  }

  /**
   * The address in the one form that every spelling of the same store shares: for
   * {@code file:PATH}, {@code file:} and the directory's canonical path (absolute, normalized,
   * symbolic links resolved; the directory is created if missing); other addresses as given.
   * Callers that keep something per store (the driver's peers) key it by this.
   */
  public static String canonical(String address) {
    return address != null && address.startsWith("file:") ? "file:" + directory(address) : address;
  }

  /** The canonical directory of a {@code file:} address, created if missing. */
  private static Path directory(String address) {
    String path = address.substring(5);
    if (path.isEmpty()) {
      throw invalid("a file store needs a directory, as in file:/var/lib/datolite", address);
    }
    Path dir;
    try {
      dir = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid("'" + path + "' is not a valid path: " + e.getReason(), address);
    }
    try {
      Files.createDirectories(dir);
      return dir.toRealPath();
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.STORE_IO, "cannot create or resolve file store directory " + dir
          + " of '" + address + "': " + e, e);
    }
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
}

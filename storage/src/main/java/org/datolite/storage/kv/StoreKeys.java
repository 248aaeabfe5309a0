package org.datolite.storage.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/** Checks shared by every store: what a key and a value may be. */
public final class StoreKeys {
  private StoreKeys() {}

  public static void checkKey(String key, String store) {
    if (key == null || key.isEmpty()) {
      throw new StorageException(StorageErrorCode.INVALID_KEY,
          "empty or null key for store " + store + "; expected 1.." + KeyValueStore.MAX_KEY_LENGTH + " characters");
    }
    if (key.length() > KeyValueStore.MAX_KEY_LENGTH) {
      throw new StorageException(StorageErrorCode.INVALID_KEY,
          "key of " + key.length() + " characters for store " + store + " starting '"
              + key.substring(0, 40) + "…'; expected at most " + KeyValueStore.MAX_KEY_LENGTH);
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
        throw new StorageException(StorageErrorCode.INVALID_KEY,
            "key '" + key.replaceAll("\\p{Cntrl}", "?") + "' for store " + store
                + " has a control or surrogate character at " + i + "; expected printable text");
      }
    }
  }

  public static void checkValue(String key, byte[] value, String store) {
    if (value == null) {
      throw new StorageException(StorageErrorCode.INVALID_VALUE,
          "null value for key '" + key + "' in store " + store + "; expected bytes (use delete to remove)");
    }
  }

  public static void checkRev(String key, long expectedRev, String store) {
    if (expectedRev < 0) {
      throw new StorageException(StorageErrorCode.INVALID_VALUE,
          "negative expected revision " + expectedRev + " for key '" + key + "' in store " + store
              + "; expected 0 (absent) or a revision read before");
    }
  }

  /** The keys of a sorted map that start with {@code prefix}, in order. */
  public static List<String> withPrefix(NavigableMap<String, ?> map, String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : map.tailMap(prefix, true).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      out.add(k);
    }
    return out;
  }

  public static StorageException closed(String store) {
    return new StorageException(StorageErrorCode.CLOSED, "store " + store + " is closed");
  }
}

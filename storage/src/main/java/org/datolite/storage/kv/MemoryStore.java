package org.datolite.storage.kv;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A store in this JVM's memory ({@code mem:NAME}), for tests and throwaway databases. Values are
 * copied on the way in and out, so callers cannot change what is stored. Nothing survives the
 * JVM.
 */
public final class MemoryStore implements KeyValueStore {
  private final String name;
  private final ConcurrentSkipListMap<String, Versioned> map = new ConcurrentSkipListMap<>();
  private volatile boolean closed;

  public MemoryStore(String name) {
    this.name = "mem:" + name;
  }

  private void checkOpen() {
    if (closed) {
      throw StoreKeys.closed(name);
    }
  }

  @Override
  public byte[] get(String key) {
    StoreKeys.checkKey(key, name);
    checkOpen();
    Versioned v = map.get(key);
    return v == null ? null : v.value().clone();
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    checkOpen();
    Map<String, byte[]> out = new HashMap<>();
    for (String key : keys) {
      byte[] v = get(key);
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    StoreKeys.checkKey(key, name);
    StoreKeys.checkValue(key, value, name);
    checkOpen();
    return map.putIfAbsent(key, new Versioned(0, value.clone())) == null;
  }

  @Override
  public synchronized Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
    checkOpen();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      StoreKeys.checkKey(e.getKey(), name);
      StoreKeys.checkValue(e.getKey(), e.getValue(), name);
    }
    Set<String> present = new HashSet<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (map.putIfAbsent(e.getKey(), new Versioned(0, e.getValue().clone())) != null) {
        present.add(e.getKey());
      }
    }
    return present;
  }

  @Override
  public Versioned getVersioned(String key) {
    StoreKeys.checkKey(key, name);
    checkOpen();
    Versioned v = map.get(key);
    return v == null ? null : new Versioned(v.rev(), v.value().clone());
  }

  @Override
  public boolean compareAndSet(String key, long expectedRev, byte[] value) {
    StoreKeys.checkKey(key, name);
    StoreKeys.checkValue(key, value, name);
    StoreKeys.checkRev(key, expectedRev, name);
    checkOpen();
    Versioned next = new Versioned(expectedRev + 1, value.clone());
    if (expectedRev == 0) {
      return map.putIfAbsent(key, next) == null;
    }
    Versioned current = map.get(key);
    return current != null && current.rev() == expectedRev && map.replace(key, current, next);
  }

  @Override
  public boolean delete(String key) {
    StoreKeys.checkKey(key, name);
    checkOpen();
    return map.remove(key) != null;
  }

  @Override
  public List<String> keys(String prefix) {
    checkOpen();
    return StoreKeys.withPrefix(map, prefix);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    closed = true;
  }
}

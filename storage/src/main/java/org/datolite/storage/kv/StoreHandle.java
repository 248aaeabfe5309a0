package org.datolite.storage.kv;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user's handle onto a store that several users in this JVM share ({@code mem:} and
 * {@code file:} addresses, see {@link Stores}): it passes every call on until it is closed, and
 * then refuses them with CLOSED while the store stays open for the other handles. Closing it
 * tells its owner once, however often it is called.
 */
final class StoreHandle implements KeyValueStore {
  private final KeyValueStore store;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  StoreHandle(KeyValueStore store, Runnable onClose) {
    this.store = store;
    this.onClose = onClose;
  }

  private KeyValueStore open() {
    if (closed.get()) {
      throw StoreKeys.closed(store.describe());
    }
    return store;
  }

  @Override
  public byte[] get(String key) {
    return open().get(key);
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    return open().getMany(keys);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    return open().putIfAbsent(key, value);
  }

  @Override
  public Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
    return open().putAllIfAbsent(entries);
  }

  @Override
  public Versioned getVersioned(String key) {
    return open().getVersioned(key);
  }

  @Override
  public boolean compareAndSet(String key, long expectedRev, byte[] value) {
    return open().compareAndSet(key, expectedRev, value);
  }

  @Override
  public boolean delete(String key) {
    return open().delete(key);
  }

  @Override
  public List<String> keys(String prefix) {
    return open().keys(prefix);
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  @Override
  public String toString() {
    return store.describe();
  }
}

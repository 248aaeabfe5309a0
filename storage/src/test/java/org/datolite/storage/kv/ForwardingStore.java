package org.datolite.storage.kv;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A key-value store that passes every call to another: a test subclasses it and overrides the
 * calls it counts, delays or makes fail, and leaves the rest to the real store behind. Shared by
 * the modules above through storage's test-jar.
 */
public class ForwardingStore implements KeyValueStore {
  private final KeyValueStore inner;

  /** @param inner the store every call goes to */
  public ForwardingStore(KeyValueStore inner) {
    this.inner = inner;
  }

  /** The store every call goes to, for an override to call around. */
  protected final KeyValueStore inner() {
    return inner;
  }

  @Override
  public byte[] get(String key) {
    return inner.get(key);
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    return inner.getMany(keys);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    return inner.putIfAbsent(key, value);
  }

  @Override
  public Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
    return inner.putAllIfAbsent(entries);
  }

  @Override
  public Versioned getVersioned(String key) {
    return inner.getVersioned(key);
  }

  @Override
  public boolean compareAndSet(String key, long expectedRev, byte[] value) {
    return inner.compareAndSet(key, expectedRev, value);
  }

  @Override
  public boolean delete(String key) {
    return inner.delete(key);
  }

  @Override
  public List<String> keys(String prefix) {
    return inner.keys(prefix);
  }

  @Override
  public String describe() {
    return inner.describe();
  }

  @Override
  public void close() {
    inner.close();
  }
}

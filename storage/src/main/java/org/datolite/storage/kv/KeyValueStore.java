package org.datolite.storage.kv;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage as Datolite sees it: a map from string keys to byte values, with two kinds of key.
 *
 * <ul>
 *   <li><b>Immutable keys</b> (segments, directories, log blocks) are written once with
 *       {@link #putIfAbsent} or {@link #putAllIfAbsent} and never change; readers may cache them
 *       forever. Their revision is 0.
 *   <li><b>Mutable keys</b> (a database's root, the transactor lease) change only by
 *       {@link #compareAndSet} on their revision, which starts at 1 and grows by one per update.
 * </ul>
 *
 * <p>Every write is durable when it returns: a store never acknowledges what a crash could lose,
 * and a value is never visible half-written. {@link #putAllIfAbsent} is one durable write however
 * many keys it holds (the transactor's group commit relies on this). {@link #delete} exists only
 * for garbage collection.
 *
 * <p>Implementations are thread-safe. Failures are {@link org.datolite.storage.StorageException}s
 * whose message names the store and the key.
 */
public interface KeyValueStore extends AutoCloseable {

  /** The longest key, in characters. */
  int MAX_KEY_LENGTH = 1024;

  /** The value of a key, or {@code null} if absent. */
  byte[] get(String key);

  /** The values of those keys that are present; absent keys are missing from the map. */
  Map<String, byte[]> getMany(Collection<String> keys);

  /**
   * Writes an immutable key if it is absent.
   *
   * @return true if written; false if the key was already present (its value is left unchanged)
   */
  boolean putIfAbsent(String key, byte[] value);

  /**
   * Writes many immutable keys in one durable write; keys already present keep their values.
   *
   * @return the keys that were already present (empty in the usual case)
   */
  Set<String> putAllIfAbsent(Map<String, byte[]> entries);

  /** The revision and value of a key, or {@code null} if absent. */
  Versioned getVersioned(String key);

  /**
   * Replaces a mutable key's value if its revision is {@code expectedRev}; with
   * {@code expectedRev == 0}, creates the key if it is absent. On success the revision becomes
   * {@code expectedRev + 1}. Of several racing callers with the same expectation, exactly one
   * wins.
   *
   * @return true if this call changed the key
   */
  boolean compareAndSet(String key, long expectedRev, byte[] value);

  /** Removes a key, for garbage collection. @return true if it was present */
  boolean delete(String key);

  /** The keys that start with {@code prefix}, in ascending order. */
  List<String> keys(String prefix);

  /** A short description for messages and logs, e.g. {@code file:/var/datolite}; no secrets. */
  String describe();

  /** Releases files, connections and locks. Using the store afterwards fails with CLOSED. */
  @Override
  void close();

  /** A value with its revision (0 for an immutable key). */
  record Versioned(long rev, byte[] value) {}
}

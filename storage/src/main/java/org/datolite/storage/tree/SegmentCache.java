package org.datolite.storage.tree;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.UUID;
import java.util.function.Function;

/**
 * The decoded tree nodes (segments and directories) of one peer, shared by all its trees and
 * databases, bounded by an estimate of their heap size; the segments this process wrote are held
 * as their stored bytes until first read ({@link NodeStore.Written}). Keyed by node id, not storage key: a
 * lookup hashes a UUID instead of building and hashing a key string (a seek does two).
 *
 * <p>Stored nodes never change (a key is written once), so nothing here is ever invalidated:
 * a node stays until the weight bound evicts it (Caffeine's W-TinyLFU keeps the hot ones). A
 * miss loads and decodes the node once even if several threads ask at the same time.
 */
public final class SegmentCache {
  /** 256 MiB unless configured. */
  public static final long DEFAULT_MAXIMUM_BYTES = 256L << 20;

  /** Keyed by node id: ids are random UUIDs, unique across databases and stores. */
  private final Cache<UUID, Object> cache;
  private final long maximumBytes;

  public SegmentCache(long maximumBytes) {
    if (maximumBytes < 0) {
      throw new IllegalArgumentException("segment cache size " + maximumBytes + " bytes; expected >= 0");
    }
    this.maximumBytes = maximumBytes;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maximumBytes)
        .weigher((UUID key, Object node) -> weigh(node))
        .recordStats()
        .build();
  }

  public SegmentCache() {
    this(DEFAULT_MAXIMUM_BYTES);
  }

  private static int weigh(Object node) {
    if (node instanceof Segment s) {
      return s.weight();
    } else if (node instanceof Directory d) {
      return d.weight();
    } else if (node instanceof NodeStore.Written w) {
      return 64 + w.bytes().length;
    }
    return 64;
  }

  Object get(UUID id, Function<UUID, Object> loader) {
    return cache.get(id, loader);
  }

  /** The cached node, or null; nothing is loaded. */
  Object getIfPresent(UUID id) {
    return cache.getIfPresent(id);
  }

  /** Whether a node is cached, without counting a hit or a miss. */
  boolean contains(UUID id) {
    return cache.asMap().containsKey(id);
  }

  void put(UUID id, Object node) {
    cache.put(id, node);
  }

  /** Hits, misses and evictions since this cache was made. */
  public CacheStats stats() {
    return cache.stats();
  }

  /** The estimated heap bytes of the nodes held now. */
  public long weightedSize() {
    cache.cleanUp();
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  public long maximumBytes() {
    return maximumBytes;
  }

  /** The number of nodes held (for tests). */
  long asMapSizeForTests() {
    return cache.estimatedSize();
  }

  /** Drops every node (for benchmarks and tests that measure cold reads). */
  public void clear() {
    cache.invalidateAll();
    cache.cleanUp();
  }
}

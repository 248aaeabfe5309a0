package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;

/**
 * Where the trees of one database keep their nodes: a key-value store, the peer's shared
 * {@link SegmentCache}, and the key prefix of the database.
 *
 * <p>Keys are {@code PREFIX + "seg/" + uuid} for segments and {@code PREFIX + "dir/" + uuid} for
 * directories and roots. Node ids are random UUIDs, so a node is written exactly once and never
 * collides with another database's in a shared store. Readers fetch a node on first use and
 * keep it in the cache; a missing key is an error naming the key, because a tree never refers
 * to a node before the node is durable.
 */
public final class NodeStore {
  /** Writes are grouped into store calls of about this many bytes. */
  static final int WRITE_CHUNK_BYTES = 8 << 20;

  private final KeyValueStore kv;
  private final SegmentCache cache;
  private final String prefix;

  /**
   * @param keyPrefix prepended to every key, e.g. {@code "mydb/"}; may be empty
   */
  public NodeStore(KeyValueStore kv, SegmentCache cache, String keyPrefix) {
    this.kv = kv;
    this.cache = cache;
    this.prefix = keyPrefix;
  }

  public KeyValueStore kv() {
    return kv;
  }

  public SegmentCache cache() {
    return cache;
  }

  public String keyPrefix() {
    return prefix;
  }

  /** The storage key of a segment. */
  public String segmentKey(UUID id) {
    return prefix + "seg/" + id;
  }

  /** The storage key of a directory or tree root. */
  public String directoryKey(UUID id) {
    return prefix + "dir/" + id;
  }

  /**
   * A segment this store wrote, cached as its stored bytes until a reader needs it decoded (then
   * cached decoded). An index job writes far more segments than are read soon after (a bulk
   * load's new levels); cached decoded, they kept millions of datoms alive into the collector's
   * old generation to be evicted unread. As bytes a later read or rewrite still needs no trip to
   * the store, and the cache holds ten times as many of them.
   */
  record Written(byte[] bytes) {}

  Segment segment(UUID id, Index index) {
    Object node = cache.get(id, k -> Segment.decode(fetch(segmentKey(k)), segmentKey(k)));
    if (node instanceof Written w) {
      Segment decoded = Segment.decode(w.bytes(), segmentKey(id));
      cache.put(id, decoded); // two readers may both decode it: equal segments either way
      node = decoded;
    }
    return checked((Segment) node, id, index);
  }

  /** A cached segment for a rewrite (decoded, not cached decoded: it is being replaced), or null if not cached. */
  private Segment cachedToRewrite(UUID id) {
    Object cached = cache.getIfPresent(id);
    return cached instanceof Written w ? Segment.decode(w.bytes(), segmentKey(id)) : (Segment) cached;
  }

  /**
   * A segment an index job is about to replace: the cached one, else read and decoded without
   * caching it. The job's result no longer refers to it, so caching it would only keep garbage
   * alive (into the collector's old generation) and evict a segment readers still use.
   */
  Segment segmentToRewrite(UUID id, Index index) {
    Segment cached = cachedToRewrite(id);
    return checked(cached != null ? cached : Segment.decode(fetch(segmentKey(id)), segmentKey(id)), id, index);
  }

  /**
   * Segments {@code from..to-1} of a directory for a rewrite, as {@link #segmentToRewrite}: those
   * not cached read with one batched store read (one round trip to a remote store) and not cached.
   */
  List<Segment> segmentsToRewrite(Directory dir, int from, int to, Index index) {
    List<Segment> out = new ArrayList<>(to - from);
    List<String> keys = new ArrayList<>();
    for (int j = from; j < to; j++) {
      Segment cached = cachedToRewrite(dir.child(j));
      out.add(cached == null ? null : checked(cached, dir.child(j), index));
      if (cached == null) {
        keys.add(segmentKey(dir.child(j)));
      }
    }
    if (keys.isEmpty()) {
      return out;
    }
    Map<String, byte[]> found = keys.size() == 1 ? Map.of() : kv.getMany(keys);
    for (int j = from; j < to; j++) {
      if (out.get(j - from) == null) {
        UUID id = dir.child(j);
        String key = segmentKey(id);
        byte[] bytes = found.get(key);
        out.set(j - from, checked(Segment.decode(bytes != null ? bytes : fetch(key), key), id, index));
      }
    }
    return out;
  }

  private Segment checked(Segment s, UUID id, Index index) {
    if (s.index() != index) {
      String key = segmentKey(id);
      throw new StorageException(StorageErrorCode.SEGMENT_CORRUPT,
          "key '" + key + "' holds a segment of " + s.index() + " where " + index + " was expected");
    }
    return s;
  }

  Directory directory(UUID id, Index index, int level) {
    Directory d = (Directory) cache.get(id, k -> Directory.decode(fetch(directoryKey(k)), directoryKey(k)));
    if (d.index() != index || d.level() != level) {
      String key = directoryKey(id);
      throw new StorageException(StorageErrorCode.SEGMENT_CORRUPT,
          "key '" + key + "' holds a level " + d.level() + " directory of " + d.index()
              + " where level " + level + " of " + index + " was expected");
    }
    return d;
  }

  /** Segments read ahead per batched read during a scan. */
  static final int READ_AHEAD = 16;

  /**
   * When segment {@code from} of a directory is not cached, reads it and the other uncached
   * segments up to {@code to - 1} with one batched store read and caches them, so that a scan
   * crossing many segments of a remote store pays one round trip per {@link #READ_AHEAD}
   * segments rather than one each. Skipped when the cache is too small to keep what it reads.
   */
  void readAhead(Directory dir, int from, int to) {
    if (from < dir.size() && !cache.contains(dir.child(from))) {
      readMissing(dir, from, to);
    }
  }

  /** As {@link #readAhead}, for a descending scan now at segment {@code last}. */
  void readAheadBackwards(Directory dir, int first, int last) {
    if (last >= 0 && !cache.contains(dir.child(last))) {
      readMissing(dir, first, last + 1);
    }
  }

  private void readMissing(Directory dir, int from, int to) {
    if (cache.maximumBytes() < 64L << 20) {
      return;
    }
    List<UUID> missing = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int j = from; j < to && j < dir.size(); j++) {
      UUID id = dir.child(j);
      if (!cache.contains(id)) {
        missing.add(id);
        keys.add(segmentKey(id));
      }
    }
    if (missing.size() < 2) {
      return;
    }
    Map<String, byte[]> found = kv.getMany(keys);
    for (int i = 0; i < missing.size(); i++) {
      String key = keys.get(i);
      byte[] bytes = found.get(key);
      if (bytes != null) { // a missing one fails with its key when the cursor reaches it
        cache.get(missing.get(i), k -> Segment.decode(bytes, key));
      }
    }
  }

  private byte[] fetch(String key) {
    byte[] bytes = kv.get(key);
    if (bytes == null) {
      throw new StorageException(StorageErrorCode.SEGMENT_MISSING,
          "key '" + key + "' is missing from store " + kv.describe() + " but an index tree refers to it");
    }
    return bytes;
  }

  /** Nodes to write together; nothing is stored until {@link Batch#flush()}. */
  Batch batch() {
    return new Batch();
  }

  /** New nodes collected for one durable write per chunk. */
  final class Batch {
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    private final List<Map.Entry<UUID, Object>> nodes = new ArrayList<>();
    private long pendingBytes;
    private long writtenBytes;
    private int writtenNodes;

    UUID add(Segment segment) {
      UUID id = NodeIds.next();
      byte[] bytes = segment.encode();
      put(id, segmentKey(id), bytes, new Written(bytes));
      return id;
    }

    UUID add(Directory directory) {
      UUID id = NodeIds.next();
      put(id, directoryKey(id), directory.encode(), directory);
      return id;
    }

    private void put(UUID id, String key, byte[] bytes, Object node) {
      pending.put(key, bytes);
      nodes.add(Map.entry(id, node));
      pendingBytes += bytes.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) {
        flush();
      }
    }

    /** Writes what is pending; afterwards the nodes are durable and cached (segments as {@link Written}). */
    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      Set<String> present = kv.putAllIfAbsent(pending);
      if (!present.isEmpty()) {
        throw new StorageException(StorageErrorCode.KEY_CONFLICT,
            "new node keys already present in " + kv.describe() + ": " + present);
      }
      for (Map.Entry<UUID, Object> e : nodes) {
        cache.put(e.getKey(), e.getValue());
      }
      writtenBytes += pendingBytes;
      writtenNodes += pending.size();
      pending.clear();
      nodes.clear();
      pendingBytes = 0;
    }

    long writtenBytes() {
      return writtenBytes;
    }

    int writtenNodes() {
      return writtenNodes;
    }
  }
}

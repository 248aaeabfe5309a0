package org.datolite.storage.tree;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Index;
import org.datolite.storage.kv.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of a database's index trees (Datomic's {@code gcStorage}): deletes the
 * segments and directories that no root in use at or after a cutoff reaches.
 *
 * <p>A root is in use from its {@link RootHistory} record until the next record; the current root
 * always. The nodes those roots reach are live; every other node is garbage once it was written
 * before the cutoff (node ids carry their write time, {@link NodeIds}): a node written after it
 * may belong to an index job whose root is not installed yet, so a collection never races an
 * index job that started after the cutoff. A reader that holds a database value whose root was
 * replaced before the cutoff may find its nodes gone; one whose root was in use at or after the
 * cutoff never does. Nothing is deleted until the database's first recorded root is older than
 * the cutoff (before it, the roots in use are not all known).
 *
 * <p>Order: the records of roots no longer in use are deleted first, then the garbage nodes, so
 * that a collection that stops midway (a crash, a storage error) leaves no record naming a
 * deleted node, and the next one finishes the work.
 */
public final class StorageGc {
  private static final Logger LOG = LoggerFactory.getLogger(StorageGc.class);

  private StorageGc() {}

  /**
   * What one collection did.
   *
   * @param rootsInUse the roots whose nodes were kept (the current one included)
   * @param recordsDeleted records of roots no longer in use
   * @param liveNodes nodes those roots reach
   * @param nodesDeleted garbage nodes deleted
   * @param nodesTooNew unreachable nodes kept because they were written after the cutoff
   */
  public record Result(int rootsInUse, int recordsDeleted, int liveNodes, int nodesDeleted, int nodesTooNew) {}

  /**
   * Collects the garbage of the database whose keys start with {@code keyPrefix}.
   *
   * @param cutoff database values whose root was replaced before this instant may become
   *     unreadable; an index job running meanwhile must have started after it (the transactor
   *     runs its collections between index jobs; others should pass a cutoff well in the past)
   */
  public static Result collect(KeyValueStore kv, String keyPrefix, Instant cutoff) {
    long cutoffMillis = cutoff.toEpochMilli();
    byte[] current = kv.get(keyPrefix + "root");
    List<RootHistory.Entry> records = RootHistory.list(kv, keyPrefix);
    if (current == null || records.isEmpty() || records.get(0).recordedAtMillis() >= cutoffMillis) {
      LOG.info("{} in {}: no garbage collected: {}", keyPrefix, kv.describe(), current == null ? "no database"
          : "its first recorded root is newer than the cutoff " + cutoff);
      return new Result(current == null ? 0 : 1, 0, 0, 0, 0);
    }
    List<byte[]> inUse = new ArrayList<>();
    inUse.add(current);
    List<String> notInUse = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      boolean replacedBeforeCutoff = i + 1 < records.size() && records.get(i + 1).recordedAtMillis() < cutoffMillis;
      if (replacedBeforeCutoff) {
        notInUse.add(records.get(i).key());
      } else {
        byte[] bytes = kv.get(records.get(i).key());
        if (bytes != null) {
          inUse.add(bytes);
        }
      }
    }
    NodeStore nodes = new NodeStore(kv, new SegmentCache(16L << 20), keyPrefix);
    Set<String> live = new HashSet<>();
    for (byte[] bytes : inUse) {
      live.addAll(reachable(nodes, IndexRoots.decode(bytes, keyPrefix + "root")));
    }
    for (String key : notInUse) {
      kv.delete(key);
    }
    int deleted = 0;
    int tooNew = 0;
    List<String> candidates = new ArrayList<>(kv.keys(keyPrefix + "seg/"));
    candidates.addAll(kv.keys(keyPrefix + "dir/"));
    for (String key : candidates) {
      if (live.contains(key)) {
        continue;
      }
      UUID id;
      try {
        id = UUID.fromString(key.substring(key.lastIndexOf('/') + 1));
      } catch (IllegalArgumentException e) {
        continue; // not a node key of this format: left alone
      }
      long written = NodeIds.writtenAt(id);
      if (written >= cutoffMillis) {
        tooNew++;
        continue;
      }
      kv.delete(key);
      deleted++;
    }
    Result r = new Result(inUse.size(), notInUse.size(), live.size(), deleted, tooNew);
    LOG.info("{} in {}: garbage collected before {}: {}", keyPrefix, kv.describe(), cutoff, r);
    return r;
  }

  /** The keys of every node the trees of {@code roots} reach (for tests and reports). */
  static Set<String> reachable(NodeStore nodes, IndexRoots roots) {
    Set<String> keys = new HashSet<>();
    IndexSet set = IndexSet.open(nodes, TreeConfig.DEFAULT, roots);
    for (Index index : Index.values()) {
      keys.addAll(set.current(index).nodeKeys());
      keys.addAll(set.history(index).nodeKeys());
    }
    return keys;
  }
}

package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * A persisted, immutable index of datoms in one {@link Index} order: a root directory listing
 * directories, each listing segments of a few thousand datoms.
 *
 * <h2>Design</h2>
 * The tree has a fixed depth of three (root → directories → segments), as Datomic's indexes do,
 * so that a cold lookup costs at most two storage reads below the root and everything above the
 * segments fits in the cache. With the default {@link TreeConfig} one root addresses about four
 * billion datoms through a thousand directories; the root itself has no fanout bound.
 *
 * <p>Trees are values. {@link #merge} never changes a node: it rewrites only the segments whose
 * key ranges receive additions or removals (and the directories above them, and the root),
 * writes those new nodes under fresh keys, and returns a new tree that shares every untouched
 * node with this one. A reader holding the old root keeps a consistent view for as long as the
 * old nodes exist. Nodes are loaded lazily through the peer's {@link SegmentCache}.
 *
 * <p>Every directory entry carries the count of datoms beneath it, so {@link #count(Datom,
 * boolean, Datom, boolean)} is exact in O(log n): two root-to-leaf descents.
 *
 * <p>Iteration ({@link #range}, {@link #rangeReverse}, {@link #seek}) walks segment arrays
 * directly: within a segment a step is an array read, and the bound is checked once per segment.
 */
public final class IndexTree {
  private final Index index;
  private final NodeStore store;
  private final TreeConfig config;
  private final UUID rootId;
  private final Directory root;
  private final WriteStats writeStats;

  /** What writing a tree cost: new nodes and their stored bytes (zero for an opened tree). */
  public record WriteStats(int segments, int directories, long bytes) {
    static final WriteStats NONE = new WriteStats(0, 0, 0);
  }

  private IndexTree(Index index, NodeStore store, TreeConfig config, UUID rootId, Directory root, WriteStats stats) {
    this.index = index;
    this.store = store;
    this.config = config;
    this.rootId = rootId;
    this.root = root;
    this.writeStats = stats;
  }

  /**
   * Opens the tree whose root is stored under {@code rootId}, reading the root now and the rest
   * on demand.
   */
  public static IndexTree open(Index index, NodeStore store, TreeConfig config, UUID rootId) {
    Directory root = store.directory(rootId, index, Directory.DIRECTORIES);
    return new IndexTree(index, store, config, rootId, root, WriteStats.NONE);
  }

  /** Writes an empty tree (a root without children). */
  public static IndexTree empty(Index index, NodeStore store, TreeConfig config) {
    return build(index, store, config, List.<Datom>of().iterator());
  }

  /**
   * Writes a tree holding the given datoms, which must be strictly ascending in {@code index}
   * order; nodes are written in batches as they fill.
   */
  public static IndexTree build(Index index, NodeStore store, TreeConfig config, Iterator<Datom> sorted) {
    NodeStore.Batch batch = store.batch();
    TreeWriter writer = new TreeWriter(index, config, batch);
    while (sorted.hasNext()) {
      writer.add(sorted.next());
    }
    return finish(index, store, config, batch, writer);
  }

  private static IndexTree finish(Index index, NodeStore store, TreeConfig config, NodeStore.Batch batch, TreeWriter writer) {
    Directory root = new Directory(index, Directory.DIRECTORIES, writer.finish());
    UUID rootId = batch.add(root);
    batch.flush();
    WriteStats stats = new WriteStats(writer.segmentsWritten(), writer.directoriesWritten() + 1, batch.writtenBytes());
    return new IndexTree(index, store, config, rootId, root, stats);
  }

  /**
   * A new tree with {@code additions} added and {@code removals} removed, sharing every node
   * whose key range receives neither. Both lists must be strictly ascending in this tree's
   * order and disjoint; each addition must be absent from this tree and each removal present
   * (exact datoms, {@code tx} and {@code added} included).
   *
   * @throws StorageException INVALID_MERGE naming the first offending datom; nothing of the new
   *     tree is referenced then, so the tree and storage keep their meaning
   */
  public IndexTree merge(List<Datom> additions, List<Datom> removals) {
    // additions out of order are caught by the TreeWriter, which sees every datom of the result in order
    checkAscending(removals, "removals");
    if (additions.isEmpty() && removals.isEmpty()) {
      return this;
    }
    return merge(new Additions(additions.iterator()), removals);
  }

  /**
   * As {@link #merge(List, List)}, the additions streamed rather than held in a list (levels of an
   * index merged into another: the source is other trees, strictly ascending and disjoint from
   * this one, which {@link TreeWriter} checks as it writes).
   */
  IndexTree merge(Iterator<Datom> sortedAdditions, List<Datom> removals) {
    checkAscending(removals, "removals");
    if (!sortedAdditions.hasNext() && removals.isEmpty()) {
      return this;
    }
    return merge(new Additions(sortedAdditions), removals);
  }

  private IndexTree merge(Additions additions, List<Datom> removals) {
    NodeStore.Batch batch = store.batch();
    TreeWriter writer = new TreeWriter(index, config, batch);
    Edits edits = new Edits(additions, removals, index.comparator());
    int n = root.size();
    for (int i = 0; i < n; i++) {
      Datom bound = i + 1 < n ? root.firstKey(i + 1) : null;
      if (!edits.anyBelow(bound)) {
        writer.addDirectory(root.entry(i));
        continue;
      }
      Directory dir = store.directory(root.child(i), index, Directory.SEGMENTS);
      int m = dir.size();
      for (int j = 0; j < m; j++) {
        Datom segmentBound = j + 1 < m ? dir.firstKey(j + 1) : bound;
        if (!edits.anyBelow(segmentBound)) {
          writer.addSegment(dir.entry(j));
        } else {
          edits.mergeInto(store.segmentToRewrite(dir.child(j), index).datoms(), segmentBound, writer);
        }
      }
    }
    edits.mergeInto(new Datom[0], null, writer); // into an empty tree, or past the last key
    return finish(index, store, config, batch, writer);
  }

  /**
   * How many stored datoms merging {@code sortedAdditions} would rewrite: the datoms of the
   * segments they fall into (from the directories alone), counted until the total passes
   * {@code limit}.
   */
  public long datomsToRewrite(List<Datom> sortedAdditions, long limit) {
    if (root.size() == 0) {
      return 0;
    }
    Comparator<Datom> cmp = index.comparator();
    long rewritten = 0;
    int k = 0;
    while (k < sortedAdditions.size() && rewritten <= limit) {
      Datom d = sortedAdditions.get(k);
      int i = root.childFor(d);
      Directory dir = store.directory(root.child(i), index, Directory.SEGMENTS);
      int j = dir.childFor(d);
      rewritten += dir.count(j);
      Datom bound = j + 1 < dir.size() ? dir.firstKey(j + 1) : i + 1 < root.size() ? root.firstKey(i + 1) : null;
      if (bound == null) {
        break;
      }
      k = gallop(sortedAdditions, k + 1, bound, cmp); // the first addition at or above the segment's bound
    }
    return rewritten;
  }

  private void checkAscending(List<Datom> datoms, String what) {
    Comparator<Datom> cmp = index.comparator();
    for (int i = 1; i < datoms.size(); i++) {
      if (cmp.compare(datoms.get(i - 1), datoms.get(i)) >= 0) {
        throw new StorageException(StorageErrorCode.INVALID_MERGE,
            what + " not strictly ascending in " + index + " order at " + i + ": "
                + datoms.get(i - 1) + " then " + datoms.get(i));
      }
    }
  }

  /** The additions of one merge, consumed in key order: from a list, or streamed from another tree. */
  private static final class Additions {
    private final Iterator<Datom> source;
    private Datom head;

    Additions(Iterator<Datom> source) {
      this.source = source;
      this.head = source.hasNext() ? source.next() : null;
    }

    Datom peek() {
      return head;
    }

    void advance() {
      head = source.hasNext() ? source.next() : null;
    }
  }

  /** The sorted edits of one merge, consumed in key order. */
  private static final class Edits {
    private final Additions adds;
    private final List<Datom> removes;
    private final Comparator<Datom> cmp;
    private int r;

    Edits(Additions adds, List<Datom> removes, Comparator<Datom> cmp) {
      this.adds = adds;
      this.removes = removes;
      this.cmp = cmp;
    }

    /** Whether an unconsumed edit lies below {@code bound} ({@code null}: anywhere). */
    boolean anyBelow(Datom bound) {
      return addBelow(bound) || below(removes, r, bound);
    }

    private boolean addBelow(Datom bound) {
      Datom head = adds.peek();
      return head != null && (bound == null || cmp.compare(head, bound) < 0);
    }

    private boolean below(List<Datom> list, int pos, Datom bound) {
      return pos < list.size() && (bound == null || cmp.compare(list.get(pos), bound) < 0);
    }

    /** Writes {@code datoms} with the edits below {@code bound} applied. */
    void mergeInto(Datom[] datoms, Datom bound, TreeWriter out) {
      if (!below(removes, r, bound)) {
        insertInto(datoms, bound, out);
        return;
      }
      int i = 0;
      while (i < datoms.length || addBelow(bound)) {
        Datom next;
        boolean fromSegment;
        if (i == datoms.length) {
          next = adds.peek();
          fromSegment = false;
        } else if (!addBelow(bound)) {
          next = datoms[i];
          fromSegment = true;
        } else {
          int c = cmp.compare(datoms[i], adds.peek());
          if (c == 0) {
            throw new StorageException(StorageErrorCode.INVALID_MERGE,
                "cannot add " + datoms[i] + ": the index already holds it");
          }
          fromSegment = c < 0;
          next = fromSegment ? datoms[i] : adds.peek();
        }
        if (r < removes.size()) {
          int c = cmp.compare(removes.get(r), next);
          if (c < 0 && (bound == null || cmp.compare(removes.get(r), bound) < 0)) {
            throw absent(removes.get(r));
          }
          if (c == 0) {
            if (!fromSegment) {
              throw new StorageException(StorageErrorCode.INVALID_MERGE,
                  next + " is both added and removed in one merge");
            }
            r++;
            i++;
            continue;
          }
        }
        out.add(next);
        if (fromSegment) {
          i++;
        } else {
          adds.advance();
        }
      }
      if (below(removes, r, bound)) {
        throw absent(removes.get(r));
      }
    }

    /**
     * {@link #mergeInto} when only additions lie below {@code bound} (an index job of new facts):
     * the stretch of {@code datoms} before each addition is found by galloping from the last
     * place instead of comparing every datom with the next addition and the bound, so a segment
     * that receives a few random additions costs a few comparisons per addition, not two per datom.
     */
    private void insertInto(Datom[] datoms, Datom bound, TreeWriter out) {
      List<Datom> segment = Arrays.asList(datoms);
      int i = 0;
      for (; addBelow(bound); adds.advance()) {
        Datom add = adds.peek();
        int at = gallop(segment, i, add, cmp);
        if (at < datoms.length && cmp.compare(datoms[at], add) == 0) {
          throw new StorageException(StorageErrorCode.INVALID_MERGE,
              "cannot add " + add + ": the index already holds it");
        }
        for (; i < at; i++) {
          out.add(datoms[i]);
        }
        out.add(add);
      }
      for (; i < datoms.length; i++) {
        out.add(datoms[i]);
      }
    }

    private static StorageException absent(Datom d) {
      return new StorageException(StorageErrorCode.INVALID_MERGE, "cannot remove " + d + ": the index does not hold it");
    }
  }

  /** The first position at or after {@code from} whose datom is at or above {@code key}: exponential, then binary search. */
  private static int gallop(List<Datom> sorted, int from, Datom key, Comparator<Datom> cmp) {
    int lo = from;
    int hi = from;
    int step = 1;
    while (hi < sorted.size() && cmp.compare(sorted.get(hi), key) < 0) {
      lo = hi + 1;
      hi = from + step;
      step <<= 1;
    }
    hi = Math.min(hi, sorted.size());
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cmp.compare(sorted.get(mid), key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  public Index index() {
    return index;
  }

  /** The id under which this tree's root is stored; {@link #open} takes it back. */
  public UUID rootId() {
    return rootId;
  }

  /** What writing this tree cost (zero for a tree that was opened). */
  public WriteStats writeStats() {
    return writeStats;
  }

  /** The number of datoms in the tree, from the root alone. */
  public long count() {
    return root.total();
  }

  /**
   * The exact number of datoms between two bounds ({@code null}: open), in O(log n): one
   * descent per bound, reading at most one segment each.
   */
  public long count(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    long upper = to == null ? count() : rank(to, toInclusive);
    long lower = from == null ? 0 : rank(from, !fromInclusive);
    return Math.max(0, upper - lower);
  }

  /** The number of datoms below {@code key}, or at or below it if {@code inclusive}. */
  long rank(Datom key, boolean inclusive) {
    if (root.size() == 0) {
      return 0;
    }
    int i = root.childFor(key);
    Directory dir = store.directory(root.child(i), index, Directory.SEGMENTS);
    int j = dir.childFor(key);
    Segment seg = store.segment(dir.child(j), index);
    return root.before(i) + dir.before(j) + seg.rank(key, inclusive);
  }

  /** All datoms in ascending order. */
  public Iterator<Datom> iterator() {
    return range(null, true, null, true);
  }

  /** The datoms at or after {@code from}, ascending. */
  public Iterator<Datom> seek(Datom from) {
    return range(from, true, null, true);
  }

  /** The datoms between two bounds ({@code null}: open), ascending. */
  public Iterator<Datom> range(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    if (filteredOut(from, to)) {
      return Collections.emptyIterator();
    }
    return new TreeCursor.Forward(this, from, fromInclusive, to, toInclusive);
  }

  /** The datoms between two bounds ({@code null}: open), descending from {@code to}. */
  public Iterator<Datom> rangeReverse(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    if (filteredOut(from, to)) {
      return Collections.emptyIterator();
    }
    return new TreeCursor.Reverse(this, from, fromInclusive, to, toInclusive);
  }

  /**
   * Whether a range within one pair of leading components (a lookup such as {@code datoms(AVET, a,
   * v)}) falls in a single segment whose {@link KeyFilter} says it holds no datom of the pair: then
   * the range is empty, and the segment need not be loaded.
   */
  private boolean filteredOut(Datom from, Datom to) {
    if (!KeyFilter.keptFor(index) || from == null || to == null || root.size() == 0
        || !KeyFilter.samePair(index, from, to)) {
      return false;
    }
    int i = root.childFor(from);
    if (root.childFor(to) != i) {
      return false;
    }
    Directory dir = store.directory(root.child(i), index, Directory.SEGMENTS);
    int j = dir.childFor(from);
    KeyFilter filter = dir.filter(j);
    return filter != null && dir.childFor(to) == j && !filter.mayContain(KeyFilter.key(index, from));
  }

  /**
   * The storage keys of every node of this tree (root, directories, segments), for garbage
   * collection and tests of sharing. Reads the directories, not the segments.
   */
  public Set<String> nodeKeys() {
    Set<String> keys = new HashSet<>();
    keys.add(store.directoryKey(rootId));
    for (int i = 0; i < root.size(); i++) {
      keys.add(store.directoryKey(root.child(i)));
      Directory dir = store.directory(root.child(i), index, Directory.SEGMENTS);
      for (int j = 0; j < dir.size(); j++) {
        keys.add(store.segmentKey(dir.child(j)));
      }
    }
    return keys;
  }

  /** The sizes of the tree's levels: directories, segments, datoms. */
  public List<Long> shape() {
    long segments = 0;
    for (int i = 0; i < root.size(); i++) {
      segments += store.directory(root.child(i), index, Directory.SEGMENTS).size();
    }
    List<Long> shape = new ArrayList<>();
    shape.add((long) root.size());
    shape.add(segments);
    shape.add(count());
    return shape;
  }

  Directory root() {
    return root;
  }

  Directory directory(int i) {
    return store.directory(root.child(i), index, Directory.SEGMENTS);
  }

  void readAhead(Directory dir, int from, int to) {
    store.readAhead(dir, from, to);
  }

  /** Read-ahead for a descending scan at segment {@code j} whose range starts at {@code from}. */
  void readAheadBackwards(Directory dir, int j, Datom from) {
    int start = Math.max(0, j - NodeStore.READ_AHEAD + 1);
    if (from != null) {
      start = Math.max(start, dir.childFor(from));
    }
    store.readAheadBackwards(dir, start, j);
  }

  Segment segment(Directory dir, int j) {
    return store.segment(dir.child(j), index);
  }

  /**
   * Every datom, ascending, for an index job that merges this tree into another and so replaces
   * it: segments are read a directory's {@link NodeStore#READ_AHEAD} at a time and not cached
   * ({@link NodeStore#segmentsToRewrite}).
   */
  Iterator<Datom> rewriteScan() {
    return new RewriteScan();
  }

  private final class RewriteScan implements Iterator<Datom> {
    private int dirIndex = -1;
    private Directory dir;
    private int nextSegment;
    private List<Segment> batch = List.of();
    private int batchAt;
    private Datom[] datoms = new Datom[0];
    private int pos;

    @Override
    public boolean hasNext() {
      while (pos == datoms.length) {
        if (batchAt < batch.size()) {
          datoms = batch.get(batchAt++).datoms();
          pos = 0;
        } else if (dir != null && nextSegment < dir.size()) {
          int to = Math.min(dir.size(), nextSegment + NodeStore.READ_AHEAD);
          batch = store.segmentsToRewrite(dir, nextSegment, to, index);
          batchAt = 0;
          nextSegment = to;
        } else if (dirIndex + 1 < root.size()) {
          dir = directory(++dirIndex);
          nextSegment = 0;
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public Datom next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return datoms[pos++];
    }
  }

  @Override
  public String toString() {
    return "IndexTree[" + index + ", root " + rootId + ", " + count() + " datoms]";
  }
}

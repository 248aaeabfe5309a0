package org.datolite.storage.tree;

import java.util.ArrayList;
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
 * One persisted index (the current or the history datoms of one {@link Index} order) as a few
 * {@link IndexTree}s, its <em>levels</em>: disjoint sets of datoms whose union is the index. A
 * datom lives in exactly one level, so a read merges the levels without grouping, and a range
 * count is the sum of the levels' exact counts.
 *
 * <h2>Why levels</h2>
 * Merging novelty into one tree rewrites every segment the novelty falls into. When the keys are
 * ordered (new entities in EAVT) that is a few segments at the end; when they are random (UUIDs or
 * names in AVET) it is nearly every segment, so an index job would cost the size of the tree, not
 * of the novelty. So {@link #merge} puts the additions into a level only where that rewrites no
 * more stored datoms than it adds (or than two segments hold), and otherwise writes them as a new
 * level (a tree built from the sorted additions: cost in proportion to them). Levels then merge
 * like a binary counter: while a level holds at most twice as many datoms as the levels after it
 * together, those are merged into it. A datom is rewritten about log₂(index size / novelty) times
 * in all, and the number of levels stays small (at most {@link #MAX_LEVELS}).
 *
 * <p>Point lookups of values no level holds (new identities) are answered mostly from the AVET
 * directories' {@link KeyFilter}s, without loading a segment per level.
 *
 * <p>Removals (the assertion of a retracted fact leaving the current index) are applied in the
 * level that holds the datom, copy-on-write like any merge.
 */
public final class IndexLevels {
  /** Levels are merged into the one before while that one holds at most this many times their datoms. */
  static final int MERGE_RATIO = 2;
  /** Beyond this many levels the newest two are merged whatever their sizes. */
  static final int MAX_LEVELS = 6;

  private final Index index;
  private final NodeStore store;
  private final TreeConfig config;
  private final List<IndexTree> levels;
  private final IndexTree.WriteStats written;

  private IndexLevels(Index index, NodeStore store, TreeConfig config, List<IndexTree> levels,
      IndexTree.WriteStats written) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("an index has at least one level");
    }
    this.index = index;
    this.store = store;
    this.config = config;
    this.levels = List.copyOf(levels);
    this.written = written;
  }

  /** An index of one empty level, written now. */
  public static IndexLevels empty(Index index, NodeStore store, TreeConfig config) {
    IndexTree tree = IndexTree.empty(index, store, config);
    return new IndexLevels(index, store, config, List.of(tree), tree.writeStats());
  }

  /** Opens the levels whose roots are stored under {@code rootIds}, oldest first. */
  public static IndexLevels open(Index index, NodeStore store, TreeConfig config, List<UUID> rootIds) {
    List<IndexTree> trees = new ArrayList<>(rootIds.size());
    for (UUID id : rootIds) {
      trees.add(IndexTree.open(index, store, config, id));
    }
    return new IndexLevels(index, store, config, trees, IndexTree.WriteStats.NONE);
  }

  public Index index() {
    return index;
  }

  /** The levels, in the order they were made (the oldest, usually the largest, first). */
  public List<IndexTree> levels() {
    return levels;
  }

  /** The root ids of the levels, for {@link IndexRoots}. */
  public List<UUID> rootIds() {
    List<UUID> ids = new ArrayList<>(levels.size());
    for (IndexTree t : levels) {
      ids.add(t.rootId());
    }
    return ids;
  }

  /** What producing these levels from the previous ones wrote (zero for opened levels). */
  public IndexTree.WriteStats writeStats() {
    return written;
  }

  /** The number of datoms, from the levels' roots alone. */
  public long count() {
    long n = 0;
    for (IndexTree t : levels) {
      n += t.count();
    }
    return n;
  }

  /** The exact number of datoms between two bounds ({@code null}: open): the sum of the levels' counts. */
  public long count(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    long n = 0;
    for (IndexTree t : levels) {
      n += t.count(from, fromInclusive, to, toInclusive);
    }
    return n;
  }

  /** All datoms in ascending order. */
  public Iterator<Datom> iterator() {
    return range(null, true, null, true);
  }

  /** The datoms at or after {@code from}, ascending. */
  public Iterator<Datom> seek(Datom from) {
    return range(from, true, null, true);
  }

  /** The datoms between two bounds ({@code null}: open), ascending, merged from every level. */
  public Iterator<Datom> range(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    if (levels.size() == 1) {
      return levels.get(0).range(from, fromInclusive, to, toInclusive);
    }
    List<Iterator<Datom>> sources = new ArrayList<>(levels.size());
    for (IndexTree t : levels) {
      sources.add(t.range(from, fromInclusive, to, toInclusive));
    }
    return new Merge(sources, index.comparator());
  }

  /** The datoms between two bounds ({@code null}: open), descending, merged from every level. */
  public Iterator<Datom> rangeReverse(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    if (levels.size() == 1) {
      return levels.get(0).rangeReverse(from, fromInclusive, to, toInclusive);
    }
    List<Iterator<Datom>> sources = new ArrayList<>(levels.size());
    for (IndexTree t : levels) {
      sources.add(t.rangeReverse(from, fromInclusive, to, toInclusive));
    }
    return new Merge(sources, index.comparator().reversed());
  }

  /** The storage keys of every node of every level. */
  public Set<String> nodeKeys() {
    Set<String> keys = new HashSet<>();
    for (IndexTree t : levels) {
      keys.addAll(t.nodeKeys());
    }
    return keys;
  }

  /** Directories, segments and datoms over all levels. */
  public List<Long> shape() {
    long directories = 0;
    long segments = 0;
    for (IndexTree t : levels) {
      List<Long> s = t.shape();
      directories += s.get(0);
      segments += s.get(1);
    }
    return List.of(directories, segments, count());
  }

  /**
   * New levels with {@code additions} added and {@code removals} removed, sharing every node no
   * edit reaches. Both lists must be strictly ascending in this index's order; each addition must
   * be absent from every level and each removal present in one.
   *
   * <p>Where the additions go: into the first level (oldest first) in which they rewrite no more
   * stored datoms than they are, or than two segments hold ({@link IndexTree#datomsToRewrite}),
   * else into a new level. Then the newest levels are merged into the one before them while that
   * one holds at most {@link #MERGE_RATIO} times their datoms together, or while there are more
   * than {@link #MAX_LEVELS}; the sizes are planned first, so each level of the result is written
   * once. Levels left empty are dropped.
   *
   * @throws StorageException INVALID_MERGE naming the first offending datom, before anything the
   *     result would reference is written
   */
  public IndexLevels merge(List<Datom> additions, List<Datom> removals) {
    if (additions.isEmpty() && removals.isEmpty()) {
      return new IndexLevels(index, store, config, levels, IndexTree.WriteStats.NONE);
    }
    List<List<Datom>> removed = locate(removals);
    int n = levels.size();
    int target = n; // n: a new level
    if (!additions.isEmpty()) {
      // rewriting a segment or two is what any merge costs: small novelty need not make a level
      long budget = Math.max(additions.size(), 2L * config.segmentDatoms());
      // a level no larger than the budget qualifies without looking at the additions (it cannot
      // rewrite more than it holds), which would read a streamed list before anything is written
      for (int i = 0; i < n && target == n; i++) {
        if (levels.get(i).count() <= budget || levels.get(i).datomsToRewrite(additions, budget) <= budget) {
          target = i;
        }
      }
    }
    // Plan the levels' sizes first, so that each level of the result is written once: the last
    // levels the binary counter would merge one after another become one merge (from 'tail' on).
    List<Long> sizes = new ArrayList<>(n + 1);
    for (int i = 0; i < n; i++) {
      sizes.add(levels.get(i).count() - removed.get(i).size() + (i == target ? additions.size() : 0));
    }
    if (target == n && !additions.isEmpty()) {
      sizes.add((long) additions.size());
    }
    int tail = sizes.size() - 1;
    while (tail >= 1) {
      long newer = 0;
      for (int i = tail; i < sizes.size(); i++) {
        newer += sizes.get(i);
      }
      if (sizes.get(tail - 1) > MERGE_RATIO * newer && tail + 1 <= MAX_LEVELS) {
        break;
      }
      tail--;
    }
    Stats stats = new Stats();
    List<IndexTree> next = new ArrayList<>(n + 1);
    for (int i = 0; i < Math.min(tail, n); i++) {
      List<Datom> add = i == target ? additions : List.of();
      IndexTree level = levels.get(i);
      next.add(add.isEmpty() && removed.get(i).isEmpty() ? level : stats.add(level.merge(add, removed.get(i))));
    }
    if (tail == n) {
      if (!additions.isEmpty()) {
        next.add(stats.add(IndexTree.build(index, store, config, additions.iterator())));
      }
    } else if (tail == sizes.size() - 1) {
      List<Datom> add = tail == target ? additions : List.of();
      IndexTree level = levels.get(tail);
      next.add(add.isEmpty() && removed.get(tail).isEmpty() ? level : stats.add(level.merge(add, removed.get(tail))));
    } else {
      // levels tail+1.. (less their removals) and the additions streamed into level 'tail'
      List<Iterator<Datom>> streams = new ArrayList<>();
      for (int i = tail + 1; i < n; i++) {
        streams.add(new Without(levels.get(i).rewriteScan(), removed.get(i), index.comparator()));
      }
      if (target >= tail) {
        streams.add(additions.iterator());
      }
      Iterator<Datom> merged = streams.size() == 1 ? streams.get(0) : new Merge(streams, index.comparator());
      next.add(stats.add(levels.get(tail).merge(merged, removed.get(tail))));
    }
    next.removeIf(t -> t.count() == 0);
    if (next.isEmpty()) {
      next.add(stats.add(IndexTree.empty(index, store, config)));
    }
    return new IndexLevels(index, store, config, next, stats.total());
  }

  /** Each removal assigned to the level that holds it, per level in order. */
  private List<List<Datom>> locate(List<Datom> removals) {
    List<List<Datom>> out = new ArrayList<>(levels.size());
    for (int i = 0; i < levels.size(); i++) {
      out.add(levels.size() == 1 ? removals : new ArrayList<>());
    }
    if (levels.size() == 1 || removals.isEmpty()) {
      return out;
    }
    for (Datom d : removals) {
      int at = -1;
      for (int i = levels.size() - 1; i >= 0 && at < 0; i--) {
        if (levels.get(i).count() > 0 && levels.get(i).range(d, true, d, true).hasNext()) {
          at = i;
        }
      }
      if (at < 0) {
        throw new StorageException(StorageErrorCode.INVALID_MERGE, "cannot remove " + d + ": the index does not hold it");
      }
      out.get(at).add(d);
    }
    return out;
  }

  /** A sorted iterator without the datoms of a sorted list (each of which it holds). */
  private static final class Without implements Iterator<Datom> {
    private final Iterator<Datom> in;
    private final List<Datom> skip;
    private final Comparator<Datom> cmp;
    private int s;
    private Datom next;

    Without(Iterator<Datom> in, List<Datom> skip, Comparator<Datom> cmp) {
      this.in = in;
      this.skip = skip;
      this.cmp = cmp;
    }

    @Override
    public boolean hasNext() {
      while (next == null && in.hasNext()) {
        Datom d = in.next();
        while (s < skip.size() && cmp.compare(skip.get(s), d) < 0) {
          s++;
        }
        if (s < skip.size() && cmp.compare(skip.get(s), d) == 0) {
          s++;
        } else {
          next = d;
        }
      }
      return next != null;
    }

    @Override
    public Datom next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Datom d = next;
      next = null;
      return d;
    }
  }

  /** What the trees written by one merge cost. */
  private static final class Stats {
    private int segments;
    private int directories;
    private long bytes;

    IndexTree add(IndexTree written) {
      segments += written.writeStats().segments();
      directories += written.writeStats().directories();
      bytes += written.writeStats().bytes();
      return written;
    }

    IndexTree.WriteStats total() {
      return new IndexTree.WriteStats(segments, directories, bytes);
    }
  }

  /** A k-way merge of disjoint sorted iterators (k is at most {@link #MAX_LEVELS} + 1). */
  private static final class Merge implements Iterator<Datom> {
    private final List<Iterator<Datom>> sources;
    private final Datom[] heads;
    private final Comparator<Datom> cmp;

    Merge(List<Iterator<Datom>> sources, Comparator<Datom> cmp) {
      this.sources = sources;
      this.cmp = cmp;
      this.heads = new Datom[sources.size()];
      for (int i = 0; i < heads.length; i++) {
        heads[i] = sources.get(i).hasNext() ? sources.get(i).next() : null;
      }
    }

    @Override
    public boolean hasNext() {
      for (Datom h : heads) {
        if (h != null) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Datom next() {
      int best = -1;
      for (int i = 0; i < heads.length; i++) {
        if (heads[i] != null && (best < 0 || cmp.compare(heads[i], heads[best]) < 0)) {
          best = i;
        }
      }
      if (best < 0) {
        throw new NoSuchElementException();
      }
      Datom d = heads[best];
      Iterator<Datom> source = sources.get(best);
      heads[best] = source.hasNext() ? source.next() : null;
      return d;
    }
  }

  @Override
  public String toString() {
    return "IndexLevels[" + index + ", " + levels.size() + " levels, " + count() + " datoms]";
  }
}

package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.IndexTree;
import org.datolite.value.Values;

/**
 * An immutable database value: what the database held at a basis, read from the persisted
 * trees and the novelty since, optionally seen as of an earlier point, since a point, as its full
 * history, or through a filter.
 *
 * <h2>How a read is answered</h2>
 * A range of an index is read from up to three kinds of source, each sorted in the index's
 * order: the persisted current tree, the persisted history tree (only when the view reaches back
 * before the persisted basis, or shows history), and each novelty layer (datoms with
 * {@code tx} at or below the view's limit). The sources are merged. Datoms of one fact
 * {@code (e a v)} sort next to each other, ordered by {@code tx}, because every index compares
 * its three leading components before {@code tx}. So a single pass groups each fact's events and
 * keeps the fact if its latest event is an assertion: that is the value of the database at the
 * limit. The history view skips the grouping and shows every assertion and retraction.
 *
 * <p>When a range has no novelty and the view is the plain current one, the persisted tree's
 * own iterator (and its O(log n) count) is used as it is.
 *
 * <h2>Views</h2>
 * <ul>
 *   <li>{@link #asOf(long)}: facts true at a transaction;
 *   <li>{@link #since(long)}: current facts asserted after a transaction;
 *   <li>{@link #history()}: every assertion and retraction;
 *   <li>{@link #filter(Predicate)}: only datoms the predicate accepts (applied after the above).
 * </ul>
 * They compose: {@code db.asOf(t).history()} is the history up to {@code t}.
 *
 * <p>Transaction ids only need to grow with time: a view limit is a transaction id.
 */
public final class Db {
  private final IndexSet persisted;
  private final long persistedBasisTx;
  private final List<MemoryIndex> novelty;
  private final long basisTx;
  private final long asOfTx;
  private final long sinceTx;
  private final boolean history;
  private final Predicate<Datom> filter;
  /**
   * Speculative transactions added on top of an as-of view ({@link #with} after {@link #asOf}):
   * those in {@code (specAfter, specUpTo]} are visible although they follow the as-of point.
   * Empty unless {@code specAfter < specUpTo}.
   */
  private final long specAfter;
  private final long specUpTo;

  private Db(IndexSet persisted, long persistedBasisTx, List<MemoryIndex> novelty, long basisTx,
      long asOfTx, long sinceTx, boolean history, Predicate<Datom> filter) {
    this(persisted, persistedBasisTx, novelty, basisTx, asOfTx, sinceTx, history, filter, Long.MAX_VALUE,
        Long.MIN_VALUE);
  }

  private Db(IndexSet persisted, long persistedBasisTx, List<MemoryIndex> novelty, long basisTx,
      long asOfTx, long sinceTx, boolean history, Predicate<Datom> filter, long specAfter, long specUpTo) {
    this.persisted = persisted;
    this.persistedBasisTx = persistedBasisTx;
    this.novelty = List.copyOf(novelty);
    this.basisTx = basisTx;
    this.asOfTx = asOfTx;
    this.sinceTx = sinceTx;
    this.history = history;
    this.filter = filter;
    this.specAfter = specAfter;
    this.specUpTo = specUpTo;
  }

  /**
   * The current database at {@code basisTx}.
   *
   * @param persisted the persisted trees
   * @param persistedBasisTx the last transaction the trees include ({@link Long#MIN_VALUE}: none)
   * @param novelty memory indexes of later transactions, oldest first
   * @param basisTx the last transaction this value includes
   */
  public static Db of(IndexSet persisted, long persistedBasisTx, List<MemoryIndex> novelty, long basisTx) {
    return new Db(persisted, persistedBasisTx, novelty, basisTx, Long.MAX_VALUE, Long.MIN_VALUE, false, null);
  }

  /**
   * This value with another novelty layer on top, up to {@code newBasisTx} (speculative or pending
   * writes). On an as-of view the layer's transactions are visible too: the result is the as-of
   * value plus them (not the as-of value alone, as a plain limit would give).
   */
  public Db with(MemoryIndex layer, long newBasisTx) {
    List<MemoryIndex> layers = new ArrayList<>(novelty);
    layers.add(layer);
    boolean asOfView = asOfTx < basisTx;
    long after = hasSpeculation() ? specAfter : asOfView ? basisTx : Long.MAX_VALUE;
    long upTo = hasSpeculation() || asOfView ? newBasisTx : Long.MIN_VALUE;
    return new Db(persisted, persistedBasisTx, layers, newBasisTx, asOfTx, sinceTx, history, filter, after, upTo);
  }

  private boolean hasSpeculation() {
    return specAfter < specUpTo;
  }

  /** Whether a datom of transaction {@code tx} belongs to this value (before since and filters). */
  private boolean visible(long tx) {
    return tx <= limit() || (tx > specAfter && tx <= specUpTo);
  }

  /** The last transaction this value includes. */
  public long basisTx() {
    return basisTx;
  }

  /** The as-of limit, or {@link Long#MAX_VALUE} if none. */
  public long asOfTx() {
    return asOfTx;
  }

  /** The since limit (exclusive), or {@link Long#MIN_VALUE} if none. */
  public long sinceTx() {
    return sinceTx;
  }

  public boolean isHistory() {
    return history;
  }

  public IndexSet persisted() {
    return persisted;
  }

  public long persistedBasisTx() {
    return persistedBasisTx;
  }

  public List<MemoryIndex> novelty() {
    return novelty;
  }

  /** The facts true as of transaction {@code tx} (a later limit than the current one changes nothing). */
  public Db asOf(long tx) {
    return new Db(persisted, persistedBasisTx, novelty, basisTx, Math.min(asOfTx, tx), sinceTx, history, filter,
        specAfter, Math.min(specUpTo, tx));
  }

  /**
   * The plain current value at the same basis: without as-of, since, history or filters (for
   * resolving idents, which a view's filters must not hide).
   */
  public Db unfiltered() {
    if (asOfTx == Long.MAX_VALUE && sinceTx == Long.MIN_VALUE && !history && filter == null) {
      return this;
    }
    return new Db(persisted, persistedBasisTx, novelty, basisTx, Long.MAX_VALUE, Long.MIN_VALUE, false, null);
  }

  /** Only datoms of transactions after {@code tx}. */
  public Db since(long tx) {
    return new Db(persisted, persistedBasisTx, novelty, basisTx, asOfTx, Math.max(sinceTx, tx), history, filter,
        specAfter, specUpTo);
  }

  /** Every assertion and retraction instead of the facts true at the limit. */
  public Db history() {
    return new Db(persisted, persistedBasisTx, novelty, basisTx, asOfTx, sinceTx, true, filter, specAfter, specUpTo);
  }

  /** Only the datoms the predicate accepts; filters combine with "and". */
  public Db filter(Predicate<Datom> predicate) {
    Predicate<Datom> combined = filter == null ? predicate : filter.and(predicate);
    return new Db(persisted, persistedBasisTx, novelty, basisTx, asOfTx, sinceTx, history, combined, specAfter,
        specUpTo);
  }

  private long limit() {
    return Math.min(basisTx, asOfTx);
  }

  private boolean needsHistoryTree() {
    return history || limit() < persistedBasisTx;
  }

  /** The datoms whose leading components in {@code index} order equal {@code components}. */
  public Iterator<Datom> datoms(Index index, Object... components) {
    return range(index, index.lowerBound(components), true, index.upperBound(components), true);
  }

  /** The first datom with those leading components, or {@code null}. */
  public Datom first(Index index, Object... components) {
    Iterator<Datom> it = datoms(index, components);
    return it.hasNext() ? it.next() : null;
  }

  /** The datoms between two bounds ({@code null}: open), ascending. */
  public Iterator<Datom> range(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    return read(index, from, fromInclusive, to, toInclusive, false);
  }

  /**
   * The datoms between two bounds ({@code null}: open), ascending, as a cursor that can skip
   * forward ({@link DatomCursor#seek}) for merge joins.
   */
  public DatomCursor cursor(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    return DatomCursor.of(read(index, from, fromInclusive, to, toInclusive, false));
  }

  /** The datoms between two bounds ({@code null}: open), descending. */
  public Iterator<Datom> rangeReverse(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    return read(index, from, fromInclusive, to, toInclusive, true);
  }

  /**
   * The exact number of datoms in a range of this view: O(log n) from the persisted counts when
   * the range has no novelty and the view is plain, otherwise by reading the range.
   */
  public long count(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    if (isPlainCurrent() && !noveltyInRange(index, from, fromInclusive, to, toInclusive)) {
      return persisted.current(index).count(from, fromInclusive, to, toInclusive);
    }
    long n = 0;
    for (Iterator<Datom> it = range(index, from, fromInclusive, to, toInclusive); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /**
   * A quick upper estimate of a range's size for query planning: the persisted counts (current,
   * and history if the view needs it) plus the novelty in range.
   */
  public long estimateCount(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    long n = persisted.current(index).count(from, fromInclusive, to, toInclusive);
    if (needsHistoryTree()) {
      n += persisted.history(index).count(from, fromInclusive, to, toInclusive);
    }
    for (MemoryIndex layer : novelty) {
      n += layer.count(index, from, fromInclusive, to, toInclusive);
    }
    return n;
  }

  private boolean isPlainCurrent() {
    return !history && filter == null && sinceTx == Long.MIN_VALUE && limit() >= persistedBasisTx
        && !hasSpeculation();
  }

  private boolean noveltyInRange(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    for (MemoryIndex layer : novelty) {
      for (Iterator<Datom> it : layer.ranges(index, from, fromInclusive, to, toInclusive, false)) {
        while (it.hasNext()) {
          Datom d = it.next();
          if (visible(d.tx()) && d.tx() > persistedBasisTx) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private Iterator<Datom> read(Index index, Datom from, boolean fi, Datom to, boolean ti, boolean reverse) {
    long limit = limit();
    if (from != null && to != null) {
      int c = index.comparator().compare(from, to);
      if (c > 0 || (c == 0 && !(fi && ti))) {
        return java.util.Collections.emptyIterator();
      }
    }
    List<Iterator<Datom>> sources = new ArrayList<>();
    IndexTree current = persisted.current(index);
    if (current.count() > 0) {
      sources.add(reverse ? current.rangeReverse(from, fi, to, ti) : current.range(from, fi, to, ti));
    }
    if (needsHistoryTree()) {
      IndexTree past = persisted.history(index);
      sources.add(reverse ? past.rangeReverse(from, fi, to, ti) : past.range(from, fi, to, ti));
    }
    boolean anyNovelty = false;
    boolean beyondLimit = limit < persistedBasisTx; // the history tree holds later transactions
    // Only assertions, each of a distinct fact (no history tree, no retraction in the novelty):
    // nothing to group by fact. Read before the layers' snapshots are taken.
    boolean onlyFacts = !needsHistoryTree();
    for (MemoryIndex layer : novelty) {
      onlyFacts &= !layer.hasRetractions();
    }
    for (MemoryIndex layer : novelty) {
      if (layer.lastTx() > persistedBasisTx) {
        // A layer may still hold transactions the persisted trees now include; skip those.
        long after = persistedBasisTx;
        for (Iterator<Datom> range : layer.ranges(index, from, fi, to, ti, reverse)) {
          sources.add(after == Long.MIN_VALUE ? range : new Filtered(range, d -> d.tx() > after));
          anyNovelty = true;
        }
        // The novelty grows after this value was taken: later transactions must be cut off.
        beyondLimit |= layer.lastTx() > limit;
      }
    }
    Iterator<Datom> merged;
    if (sources.isEmpty()) {
      merged = java.util.Collections.emptyIterator();
    } else if (sources.size() == 1 && !anyNovelty && limit >= persistedBasisTx) {
      merged = sources.get(0); // the plain persisted tree: nothing to merge, group or limit
    } else {
      Comparator<Datom> cmp = reverse ? index.comparator().reversed() : index.comparator();
      merged = sources.size() == 1 ? sources.get(0) : new Merged(sources, cmp);
      if (hasSpeculation()) {
        merged = new Filtered(merged, d -> visible(d.tx()));
      } else if (beyondLimit) {
        merged = new Limited(merged, limit);
      }
      if (!history && !onlyFacts) {
        merged = new Facts(merged, reverse);
      }
    }
    if (sinceTx != Long.MIN_VALUE || filter != null) {
      long since = sinceTx;
      Predicate<Datom> f = filter;
      merged = new Filtered(merged, d -> d.tx() > since && (f == null || f.test(d)));
    }
    return merged;
  }

  /** Seeks an inner iterator (made a cursor if it is not one), returning what to keep reading. */
  private static DatomCursor seekWithin(Iterator<Datom> in, Datom key, Comparator<Datom> order) {
    DatomCursor c = DatomCursor.of(in);
    c.seek(key, order);
    return c;
  }

  /**
   * A k-way merge of sorted iterators (k is at most a handful). It keeps the source it emitted
   * from and the least head of the others: while the current source stays at or below that head it
   * emits without looking at the others, so sources covering disjoint stretches (memory-index runs
   * written at different times) cost one comparison a datom, not k; only when the lead passes to
   * another source are all heads compared again.
   */
  static final class Merged implements DatomCursor {
    private final List<Iterator<Datom>> sources;
    private final Datom[] heads;
    private final Comparator<Datom> cmp;
    /** The source with the least head (-1: exhausted), and the least head among the others (or null). */
    private int best = -1;
    private Datom runnerUp;
    /** Whether everything the best source has left comes before the runner-up (no comparisons needed). */
    private boolean alone;

    Merged(List<Iterator<Datom>> sources, Comparator<Datom> cmp) {
      this.sources = sources;
      this.cmp = cmp;
      this.heads = new Datom[sources.size()];
      for (int i = 0; i < heads.length; i++) {
        heads[i] = sources.get(i).hasNext() ? sources.get(i).next() : null;
      }
      elect();
    }

    /** Finds the least head and the least of the others. */
    private void elect() {
      best = -1;
      runnerUp = null;
      alone = false;
      for (int i = 0; i < heads.length; i++) {
        Datom h = heads[i];
        if (h == null) {
          continue;
        }
        if (best < 0 || cmp.compare(h, heads[best]) < 0) {
          if (best >= 0) {
            runnerUp = heads[best];
          }
          best = i;
        } else if (runnerUp == null || cmp.compare(h, runnerUp) < 0) {
          runnerUp = h;
        }
      }
      if (best >= 0 && runnerUp != null && sources.get(best) instanceof DatomCursor c) {
        Datom last = c.bound();
        alone = last != null && cmp.compare(last, runnerUp) <= 0;
      }
    }

    @Override
    public boolean hasNext() {
      return best >= 0;
    }

    @Override
    public void seek(Datom key, Comparator<Datom> order) {
      boolean moved = false;
      for (int i = 0; i < heads.length; i++) {
        if (heads[i] != null && order.compare(heads[i], key) < 0) {
          DatomCursor c = DatomCursor.of(sources.get(i));
          sources.set(i, c);
          c.seek(key, order);
          heads[i] = c.hasNext() ? c.next() : null;
          moved = true;
        }
      }
      if (moved) {
        elect();
      }
    }

    @Override
    public Datom next() {
      if (best < 0) {
        throw new NoSuchElementException();
      }
      Datom d = heads[best];
      Iterator<Datom> it = sources.get(best);
      Datom following = it.hasNext() ? it.next() : null;
      heads[best] = following;
      if (following == null || (!alone && runnerUp != null && cmp.compare(following, runnerUp) > 0)) {
        elect();
      }
      return d;
    }
  }

  /** Datoms from an iterator that pass a test, looked ahead one at a time. */
  static class Filtered implements DatomCursor {
    private Iterator<Datom> in;
    private final Predicate<Datom> keep;
    private Datom next;

    Filtered(Iterator<Datom> in, Predicate<Datom> keep) {
      this.in = in;
      this.keep = keep;
    }

    @Override
    public void seek(Datom key, Comparator<Datom> order) {
      if (next != null) {
        if (order.compare(next, key) >= 0) {
          return;
        }
        next = null;
      }
      in = seekWithin(in, key, order);
    }

    @Override
    public boolean hasNext() {
      while (next == null && in.hasNext()) {
        Datom d = in.next();
        if (keep.test(d)) {
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

  /** Datoms of transactions at or below a limit. */
  private static final class Limited extends Filtered {
    Limited(Iterator<Datom> in, long limit) {
      super(in, d -> d.tx() <= limit);
    }
  }

  /**
   * The facts true at the limit: of each run of datoms of one fact (sorted by tx, ascending or
   * descending), the latest decides; an assertion is emitted, a retraction hides the fact.
   */
  private static final class Facts implements DatomCursor {
    private Iterator<Datom> in;
    private final boolean reverse;
    private Datom pending;
    private Datom next;

    Facts(Iterator<Datom> in, boolean reverse) {
      this.in = in;
      this.reverse = reverse;
    }

    /** Ascending only; keys fall between facts (their tx is open), so no fact is split. */
    @Override
    public void seek(Datom key, Comparator<Datom> order) {
      if (next != null) {
        if (order.compare(next, key) >= 0) {
          return;
        }
        next = null;
      }
      if (pending != null) {
        if (order.compare(pending, key) >= 0) {
          return;
        }
        pending = null;
      }
      in = seekWithin(in, key, order);
    }

    @Override
    public boolean hasNext() {
      while (next == null && (pending != null || in.hasNext())) {
        Datom latest = pending != null ? pending : in.next();
        pending = null;
        while (in.hasNext()) {
          Datom d = in.next();
          if (!sameFact(d, latest)) {
            pending = d;
            break;
          }
          if (!reverse) {
            latest = d; // ascending: the last of the run is the latest
          }
        }
        if (latest.added()) {
          next = latest;
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

    private static boolean sameFact(Datom x, Datom y) {
      return x.e() == y.e() && x.a() == y.a() && Values.equals(x.v(), y.v());
    }
  }
}

package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.IndexTree;
import org.datolite.value.ValueKey;

/**
 * An immutable database value: what the database held at a basis, read from the persisted
 * trees and the novelty since, optionally seen as of an earlier point, since a point, as its full
 * history, or through a filter.
 *
 * <h2>How a read is answered</h2>
 * A range of an index is read from up to three kinds of source, each sorted in the index's
 * order: each level of the persisted current index, each level of the persisted history index
 * (only when the view reaches back before the persisted basis, or shows history; levels are
 * disjoint, see {@code IndexLevels}), and each novelty layer (datoms with
 * {@code tx} at or below the view's limit). The sources are merged ({@link MergedCursor}). Datoms
 * of one fact {@code (e a v)} sort next to each other, ordered by {@code tx}, because every index
 * compares its three leading components before {@code tx}. So a single pass groups each fact's
 * events and keeps the fact if its latest event is an assertion ({@link FactsCursor}): that is the
 * value of the database at the limit. The history view skips the grouping and shows every
 * assertion and retraction. Limits and filters are {@link FilteredCursor}s.
 *
 * <p>When a range has no novelty and the view is the plain current one, the persisted tree's
 * own iterator is used as it is (if the index has one level), and its count is the sum of the
 * levels' O(log n) counts.
 *
 * <h2>Views</h2>
 * <ul>
 *   <li>{@link #asOf(long)}: facts true at a transaction;
 *   <li>{@link #since(long)}: current facts asserted after a transaction;
 *   <li>{@link #history()}: every assertion and retraction;
 *   <li>{@link #filter(Predicate)}: only datoms the predicate accepts (applied after the above).
 * </ul>
 * They compose: {@code db.asOf(t).history()} is the history up to {@code t}. A value is its sources
 * (persisted trees, novelty, basis) and a {@link View} of them; each method above replaces the view.
 *
 * <p>Transaction ids only need to grow with time: a view limit is a transaction id.
 */
public final class Db {
  private final IndexSet persisted;
  private final long persistedBasisTx;
  private final List<MemoryIndex> novelty;
  private final long basisTx;
  private final View view;
  /**
   * Of a speculative value ({@link #with}): how many of the novelty layers, the first ones, are
   * the real novelty it was made on, and the limit it read them at. The real novelty keeps growing
   * under a value (a transactor adds to it), and a later real transaction can have the id of a
   * speculative one, so the real layers are cut at that limit. 0 and unused otherwise.
   */
  private final int realLayers;
  private final long realLimit;

  private Db(IndexSet persisted, long persistedBasisTx, List<MemoryIndex> novelty, long basisTx, View view) {
    this(persisted, persistedBasisTx, novelty, basisTx, view, 0, Long.MAX_VALUE);
  }

  private Db(IndexSet persisted, long persistedBasisTx, List<MemoryIndex> novelty, long basisTx, View view,
      int realLayers, long realLimit) {
    this.persisted = persisted;
    this.persistedBasisTx = persistedBasisTx;
    this.novelty = List.copyOf(novelty);
    this.basisTx = basisTx;
    this.view = view;
    this.realLayers = realLayers;
    this.realLimit = realLimit;
  }

  /** This value's sources seen through another view. */
  private Db seenAs(View other) {
    return new Db(persisted, persistedBasisTx, novelty, basisTx, other, realLayers, realLimit);
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
    return new Db(persisted, persistedBasisTx, novelty, basisTx, View.CURRENT);
  }

  /**
   * This value with another novelty layer on top, up to {@code newBasisTx} (speculative or pending
   * writes). On an as-of view the layer's transactions are visible too: the result is the as-of
   * value plus them (not the as-of value alone, as a plain limit would give).
   */
  public Db with(MemoryIndex layer, long newBasisTx) {
    List<MemoryIndex> layers = new ArrayList<>(novelty);
    layers.add(layer);
    boolean asOfView = view.asOfTx() < basisTx;
    long after = hasSpeculation() ? view.specAfter() : asOfView ? basisTx : Long.MAX_VALUE;
    long upTo = hasSpeculation() || asOfView ? newBasisTx : Long.MIN_VALUE;
    boolean first = realLayers == 0;
    return new Db(persisted, persistedBasisTx, layers, newBasisTx, view.speculating(after, upTo),
        first ? novelty.size() : realLayers, first ? limit() : realLimit);
  }

  private boolean hasSpeculation() {
    return view.hasSpeculation();
  }

  /** Whether a datom of transaction {@code tx} belongs to this value (before since and filters). */
  private boolean visible(long tx) {
    return tx <= limit() || (tx > view.specAfter() && tx <= view.specUpTo());
  }

  /** The last transaction this value includes. */
  public long basisTx() {
    return basisTx;
  }

  /** The as-of limit, or {@link Long#MAX_VALUE} if none. */
  public long asOfTx() {
    return view.asOfTx();
  }

  /** The since limit (exclusive), or {@link Long#MIN_VALUE} if none. */
  public long sinceTx() {
    return view.sinceTx();
  }

  public boolean isHistory() {
    return view.history();
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
    return seenAs(view.asOf(tx));
  }

  /**
   * The plain current value at the same basis: without as-of, since, history or filters (for
   * resolving idents, which a view's filters must not hide).
   */
  public Db unfiltered() {
    return view.isUnfiltered() ? this : seenAs(View.CURRENT);
  }

  /** Only datoms of transactions after {@code tx}. */
  public Db since(long tx) {
    return seenAs(view.since(tx));
  }

  /** Every assertion and retraction instead of the facts true at the limit. */
  public Db history() {
    return seenAs(view.withHistory());
  }

  /** Only the datoms the predicate accepts; filters combine with "and". */
  public Db filter(Predicate<Datom> predicate) {
    return seenAs(view.filtered(predicate));
  }

  private long limit() {
    return Math.min(basisTx, view.asOfTx());
  }

  private boolean needsHistoryTree() {
    return view.history() || limit() < persistedBasisTx;
  }

  /** The datoms whose leading components in {@code index} order equal {@code components}. */
  public Iterator<Datom> datoms(Index index, Object... components) {
    return range(index, index.lowerBound(components), true, index.upperBound(components), true);
  }

  /**
   * The current datoms of one entity's attribute, in EAVT order: {@code datoms(EAVT, e, a)}, read
   * so that a pair with many versions in the novelty (a row updated thousands of times since the
   * last index job) costs a binary search per layer instead of a pass over its versions: each
   * layer that holds many datoms of the pair answers from its {@link PairHistory}, the others
   * are folded in by transaction. The general read answers the views this does not cover
   * (history, since, filters, as-of before the persisted basis, a layer an index job has cut).
   * Meant for cardinality-one attributes (the current value a transaction replaces): a history
   * copies the pair's live values at every transaction that touches it.
   */
  public List<Datom> currentFacts(long e, long a) {
    List<Datom> facts = pairFacts(e, a);
    if (facts != null) {
      return facts;
    }
    List<Datom> out = new ArrayList<>(1);
    datoms(Index.EAVT, e, a).forEachRemaining(out::add);
    return out;
  }

  private List<Datom> pairFacts(long e, long a) {
    if (view.history() || view.sinceTx() != Long.MIN_VALUE || view.filter() != null || needsHistoryTree()) {
      return null;
    }
    long limit = limit();
    Datom from = Index.EAVT.lowerBound(e, a);
    Datom to = Index.EAVT.upperBound(e, a);
    Map<ValueKey, Datom> facts = new LinkedHashMap<>();
    for (IndexTree level : persisted.current(Index.EAVT).levels()) {
      if (level.count() > 0) {
        for (Iterator<Datom> it = level.range(from, true, to, true); it.hasNext(); ) {
          Datom d = it.next();
          facts.put(new ValueKey(d.v()), d);
        }
      }
    }
    for (int i = 0; i < novelty.size(); i++) {
      MemoryIndex layer = novelty.get(i);
      if (layer.lastTx() <= persistedBasisTx) {
        continue;
      }
      if (persistedBasisTx != Long.MIN_VALUE && layer.firstTx() <= persistedBasisTx) {
        return null; // the layer holds transactions the trees include too: the general read cuts them
      }
      boolean real = i < realLayers;
      // the layer's datoms this value sees are those up to one bound, or need the test per datom
      long bound = !real && !hasSpeculation() ? limit
          : real && realLimit <= limit ? realLimit : Long.MIN_VALUE;
      PairHistory h = bound == Long.MIN_VALUE ? null : layer.pairHistory(e, a);
      if (h != null) {
        PairHistory.Facts f = h.at(bound);
        for (ValueKey k : f.hidden()) {
          facts.remove(k);
        }
        for (Datom d : f.live()) {
          facts.put(new ValueKey(d.v()), d);
        }
        continue;
      }
      List<Datom> seen = new ArrayList<>();
      for (Iterator<Datom> it : layer.ranges(Index.EAVT, from, true, to, true, false)) {
        while (it.hasNext()) {
          Datom d = it.next();
          if ((!real || d.tx() <= realLimit) && visible(d.tx())) {
            seen.add(d);
          }
        }
      }
      seen.sort((x, y) -> Long.compare(x.tx(), y.tx()));
      for (Datom d : seen) {
        ValueKey k = new ValueKey(d.v());
        if (d.added()) {
          facts.put(k, d);
        } else {
          facts.remove(k);
        }
      }
    }
    List<Datom> out = new ArrayList<>(facts.values());
    out.sort(Index.EAVT.comparator());
    return out;
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

  /**
   * Whether a transaction after {@code tx}, up to this value's limit, asserted or retracted a
   * datom of attribute {@code a} on entity {@code e}, or on any entity when {@code e} is null: the
   * read check of an optimistic transaction. While no index job has run since {@code tx} only the
   * novelty is read: the entity's datoms of {@code a}, or, for an attribute, the transactions after
   * {@code tx}; otherwise the history after {@code tx} in the persisted trees too.
   */
  public boolean changedSince(long tx, Long e, long a) {
    if (e != null) {
      return rangeChangedSince(tx, Index.EAVT, e, a);
    }
    if (tx >= limit() && !hasSpeculation()) {
      return false;
    }
    if (tx < persistedBasisTx) {
      return laterHistory(tx).first(Index.AEVT, a) != null;
    }
    for (MemoryIndex layer : novelty) {
      if (layer.lastTx() > tx) {
        for (CommittedTx committed : layer.transactions(Long.MAX_VALUE)) {
          if (committed.tx() > tx && visible(committed.tx()) && touches(committed, a)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean touches(CommittedTx committed, long a) {
    if (committed.datoms() instanceof ColumnDatoms c) { // a load's columns: read without making its datoms
      for (int i = 0; i < c.size(); i++) {
        if (c.a(i) == a) {
          return true;
        }
      }
      return false;
    }
    for (Datom d : committed.datoms()) {
      if (d.a() == a) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a transaction after {@code tx}, up to this value's limit, asserted or retracted a
   * datom of attribute {@code a} with value {@code v} (on any entity): the read check of an
   * optimistic transaction's lookup by value.
   */
  public boolean valueChangedSince(long tx, long a, Object v) {
    return rangeChangedSince(tx, Index.AVET, a, v);
  }

  /** Whether a transaction after {@code tx}, up to this value's limit, added a datom with these leading components. */
  private boolean rangeChangedSince(long tx, Index index, Object... components) {
    if (tx >= limit() && !hasSpeculation()) {
      return false;
    }
    if (tx < persistedBasisTx) {
      return laterHistory(tx).first(index, components) != null;
    }
    Datom from = index.lowerBound(components);
    Datom to = index.upperBound(components);
    for (MemoryIndex layer : novelty) {
      if (layer.lastTx() > tx) {
        for (Iterator<Datom> it : layer.ranges(index, from, true, to, true, false)) {
          while (it.hasNext()) {
            long at = it.next().tx();
            if (at > tx && visible(at)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Every assertion and retraction after {@code tx} up to this value's limit, the persisted trees' too. */
  private Db laterHistory(long tx) {
    return seenAs(View.CURRENT).history().since(tx).asOf(limit());
  }

  private boolean isPlainCurrent() {
    return !view.history() && view.filter() == null && view.sinceTx() == Long.MIN_VALUE && limit() >= persistedBasisTx
        && !hasSpeculation() && realLayers == 0;
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

  /**
   * The sorted sources a read of a range merges (the persisted trees and the novelty's layers, each
   * cut to this value's basis where it may hold later transactions), and what the merge must still
   * do: cut off transactions above the limit, and group datoms by fact.
   */
  private record Sources(List<Iterator<Datom>> list, boolean anyNovelty, boolean beyondLimit, boolean onlyFacts) {}

  private Sources sources(Index index, Datom from, boolean fi, Datom to, boolean ti, boolean reverse) {
    long limit = limit();
    List<Iterator<Datom>> sources = new ArrayList<>();
    for (IndexTree level : persisted.current(index).levels()) {
      if (level.count() > 0) {
        sources.add(reverse ? level.rangeReverse(from, fi, to, ti) : level.range(from, fi, to, ti));
      }
    }
    if (needsHistoryTree()) {
      for (IndexTree level : persisted.history(index).levels()) {
        if (level.count() > 0) {
          sources.add(reverse ? level.rangeReverse(from, fi, to, ti) : level.range(from, fi, to, ti));
        }
      }
    }
    boolean anyNovelty = false;
    boolean beyondLimit = limit < persistedBasisTx; // the history tree holds later transactions
    // Only assertions, each of a distinct fact (no history tree, no retraction in the novelty):
    // nothing to group by fact. Read before the layers' snapshots are taken.
    boolean onlyFacts = !needsHistoryTree();
    for (MemoryIndex layer : novelty) {
      onlyFacts &= !layer.hasRetractions();
    }
    for (int i = 0; i < novelty.size(); i++) {
      MemoryIndex layer = novelty.get(i);
      if (layer.lastTx() > persistedBasisTx) {
        // A layer may still hold transactions the persisted trees now include; skip those.
        long after = persistedBasisTx;
        boolean cut = after != Long.MIN_VALUE && layer.firstTx() <= after;
        // Under speculation, the real novelty is read at the limit the speculation started from.
        boolean real = i < realLayers;
        long upTo = realLimit;
        for (Iterator<Datom> range : layer.ranges(index, from, fi, to, ti, reverse)) {
          Iterator<Datom> r = cut ? new FilteredCursor(range, d -> d.tx() > after) : range;
          sources.add(real ? new FilteredCursor(r, d -> d.tx() <= upTo) : r);
          anyNovelty = true;
        }
        // The novelty grows after this value was taken: later transactions must be cut off.
        beyondLimit |= layer.lastTx() > limit;
      }
    }
    return new Sources(sources, anyNovelty, beyondLimit, onlyFacts);
  }

  private static boolean isEmptyRange(Index index, Datom from, boolean fi, Datom to, boolean ti) {
    if (from != null && to != null) {
      int c = index.comparator().compare(from, to);
      return c > 0 || (c == 0 && !(fi && ti));
    }
    return false;
  }

  /**
   * The sources of an ascending read of a range as cursors, when merging them is all the read
   * does (this value shows current facts only: no retraction to apply, no history, speculation,
   * limit, since or filter), so that their datoms can be looked up in bulk
   * ({@link DatomCursor#lookUp}); null otherwise.
   */
  List<DatomCursor> plainSources(Index index, Datom from, boolean fi, Datom to, boolean ti) {
    if (isEmptyRange(index, from, fi, to, ti)) {
      return List.of();
    }
    if (view.history() || hasSpeculation() || realLayers > 0 || view.sinceTx() != Long.MIN_VALUE
        || view.filter() != null) {
      return null;
    }
    Sources s = sources(index, from, fi, to, ti, false);
    if (s.beyondLimit() || !s.onlyFacts()) {
      return null;
    }
    List<DatomCursor> out = new ArrayList<>(s.list().size());
    for (Iterator<Datom> it : s.list()) {
      out.add(DatomCursor.of(it));
    }
    return out;
  }

  private Iterator<Datom> read(Index index, Datom from, boolean fi, Datom to, boolean ti, boolean reverse) {
    if (isEmptyRange(index, from, fi, to, ti)) {
      return Collections.emptyIterator();
    }
    Sources s = sources(index, from, fi, to, ti, reverse);
    List<Iterator<Datom>> sources = s.list();
    long limit = limit();
    Iterator<Datom> merged;
    if (sources.isEmpty()) {
      merged = Collections.emptyIterator();
    } else if (sources.size() == 1 && !s.anyNovelty() && limit >= persistedBasisTx) {
      merged = sources.get(0); // the plain persisted tree: nothing to merge, group or limit
    } else {
      Comparator<Datom> cmp = reverse ? index.comparator().reversed() : index.comparator();
      merged = sources.size() == 1 ? sources.get(0) : new MergedCursor(sources, cmp);
      if (hasSpeculation()) {
        merged = new FilteredCursor(merged, d -> visible(d.tx()));
      } else if (s.beyondLimit()) {
        merged = new FilteredCursor.Limited(merged, limit);
      }
      if (!view.history() && !s.onlyFacts()) {
        merged = new FactsCursor(merged, reverse);
      }
    }
    if (view.sinceTx() != Long.MIN_VALUE || view.filter() != null) {
      long since = view.sinceTx();
      Predicate<Datom> f = view.filter();
      merged = new FilteredCursor(merged, d -> d.tx() > since && (f == null || f.test(d)));
    }
    return merged;
  }
}

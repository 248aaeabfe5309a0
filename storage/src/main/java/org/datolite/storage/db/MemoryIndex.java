package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.value.Values;

/**
 * Novelty: the datoms committed since the persisted indexes were last built, sorted in all four
 * orders, in memory. The transactor keeps one to validate transactions; every peer keeps one fed
 * by the transactor's stream.
 *
 * <p>One writer appends whole transactions in {@code tx} order; any number of readers read
 * concurrently. The datoms only grow, and a {@link Db} reads them filtered by its basis
 * ({@code tx ≤ basis}), so a database value stays the same while later transactions arrive.
 * When an index job has merged the novelty up to some {@code tx} into storage,
 * {@link #after(long)} copies what remains into a fresh index; database values made before keep
 * the old one.
 *
 * <h2>Layout</h2>
 * Each order is a small concurrent skip list (the <em>head</em>, for small transactions) plus a
 * few immutable sorted arrays (<em>runs</em>). A large transaction becomes a run of its own, and a
 * head that reaches {@value #HEAD_LIMIT} datoms is frozen into a run; runs are merged like a
 * binary counter (while the older of the last two is at most {@value #MERGE_FACTOR} times the
 * newer), so there are a handful of them and each datom is copied O(log n) times,
 * sequentially. Appending costs a sort and a few sequential merges instead of one random,
 * cache-missing skip list insertion per datom and order, and reads merge the head and the runs
 * (binary search to the range, then a k-way merge). Readers see an immutable snapshot of the
 * head and runs of an order; the writer replaces it atomically.
 *
 * <p>VAET holds ref datoms only; the predicate given at construction says which attributes are
 * refs.
 *
 * <p>The datoms of <em>looked-up</em> attributes (a second predicate: the transactor's unique
 * attributes, whose holders it asks for on every upsert and unique check) are also kept in a hash
 * by attribute and value, so that an AVET range of one attribute and one value is answered
 * without a binary search per run. An attribute that becomes looked-up later is backfilled from
 * the runs first.
 */
public final class MemoryIndex {
  /** The most datoms the head of an order holds before it is frozen into a run. */
  static final int HEAD_LIMIT = 4096;
  /** Runs are merged while the older of the last two is at most this many times the newer. */
  static final int MERGE_FACTOR = 4;
  /** A transaction of at least this many datoms becomes a run at once. */
  static final int RUN_AT_ONCE = 512;

  /** One order's datoms: the head and the runs, oldest (largest) first. Immutable but for the head's growth. */
  private record Layers(ConcurrentSkipListSet<Datom> head, List<Datom[]> runs) {}

  private final AtomicReferenceArray<Layers> layers =
      new AtomicReferenceArray<>(Index.values().length);
  private final LongPredicate isRef;
  private final List<Transaction> transactions = new ArrayList<>();
  private volatile long lastTx = Long.MIN_VALUE;
  private volatile long datoms;
  private volatile long bytes;

  private final int headLimit;
  private final int runAtOnce;
  /** The size of each order's head (a skip list counts itself only by walking it). Writer only. */
  private final int[] headSizes = new int[Index.values().length];
  private final LongPredicate lookedUp;
  private final Set<Long> hashed = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<AttributeValue, Datom[]> byValue =
      new ConcurrentHashMap<>();

  /** An attribute and a value, equal by value content. */
  private record AttributeValue(long a, Object v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof AttributeValue k && k.a == a && Values.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(a) * 31 + Values.hash(v);
    }
  }

  public MemoryIndex(LongPredicate isRef) {
    this(isRef, a -> false);
  }

  /**
   * @param isRef which attributes' datoms enter VAET
   * @param lookedUp which attributes' datoms are also hashed by value for point lookups
   */
  public MemoryIndex(LongPredicate isRef, LongPredicate lookedUp) {
    this(isRef, lookedUp, HEAD_LIMIT, RUN_AT_ONCE);
  }

  /** With other layer sizes, so that tests reach runs and merges with few datoms. */
  MemoryIndex(LongPredicate isRef, int headLimit, int runAtOnce) {
    this(isRef, a -> false, headLimit, runAtOnce);
  }

  MemoryIndex(LongPredicate isRef, LongPredicate lookedUp, int headLimit, int runAtOnce) {
    this.isRef = isRef;
    this.lookedUp = lookedUp;
    this.headLimit = headLimit;
    this.runAtOnce = runAtOnce;
    for (Index index : Index.values()) {
      layers.set(index.ordinal(), new Layers(new ConcurrentSkipListSet<>(index.comparator()), List.of()));
    }
  }

  /**
   * Appends the datoms of one transaction, whose {@code tx} ids must all be the same and above
   * every {@code tx} added before. Only the single writer calls this.
   */
  public void add(long tx, List<Datom> txDatoms) {
    if (tx <= lastTx) {
      throw new IllegalArgumentException("transaction " + tx + " does not follow " + lastTx);
    }
    long added = 0;
    List<Datom> refs = new ArrayList<>();
    for (Datom d : txDatoms) {
      if (d.tx() != tx) {
        throw new IllegalArgumentException("datom " + d + " does not belong to transaction " + tx);
      }
      if (isRef.test(d.a())) {
        refs.add(d);
      }
      added += 96 + ValueCodec.estimateSize(d.v());
    }
    for (Index index : Index.values()) {
      append(index, index == Index.VAET ? refs : txDatoms);
    }
    hashAll(txDatoms);
    synchronized (transactions) {
      transactions.add(new Transaction(tx, List.copyOf(txDatoms)));
    }
    datoms += txDatoms.size();
    bytes += added;
    lastTx = tx;
  }

  /** Adds datoms to the value hash; backfills an attribute the first time it is looked up. */
  private void hashAll(List<Datom> txDatoms) {
    Set<Long> fresh = null;
    for (Datom d : txDatoms) {
      if (hashed.contains(d.a())) {
        hash(d);
      } else if (lookedUp.test(d.a())) {
        if (fresh == null) {
          fresh = new HashSet<>();
        }
        fresh.add(d.a());
      }
    }
    if (fresh != null) {
      for (long a : fresh) {
        // From the layers, which hold this transaction's datoms already; published after.
        for (Iterator<Datom> it : ranges(Index.AVET, Index.AVET.lowerBound(a), true, Index.AVET.upperBound(a), true,
            false)) {
          while (it.hasNext()) {
            hash(it.next());
          }
        }
        hashed.add(a);
      }
    }
  }

  private void hash(Datom d) {
    byValue.merge(new AttributeValue(d.a(), d.v()), new Datom[] {d}, (old, one) -> {
      Datom[] both = Arrays.copyOf(old, old.length + 1);
      both[old.length] = one[0];
      Arrays.sort(both, Index.AVET.comparator());
      return both;
    });
  }

  private void append(Index index, List<Datom> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Layers l = layers.get(index.ordinal());
    if (batch.size() >= runAtOnce) {
      Datom[] run = batch.toArray(new Datom[0]);
      Arrays.sort(run, index.comparator());
      List<Datom[]> runs = new ArrayList<>(l.runs());
      if (!l.head().isEmpty()) {
        push(runs, l.head().toArray(new Datom[0]), index);
      }
      push(runs, run, index);
      layers.set(index.ordinal(), new Layers(l.head().isEmpty() ? l.head()
          : new ConcurrentSkipListSet<>(index.comparator()), List.copyOf(runs)));
      headSizes[index.ordinal()] = 0;
      return;
    }
    l.head().addAll(batch);
    headSizes[index.ordinal()] += batch.size();
    if (headSizes[index.ordinal()] >= headLimit) {
      List<Datom[]> runs = new ArrayList<>(l.runs());
      push(runs, l.head().toArray(new Datom[0]), index);
      layers.set(index.ordinal(), new Layers(new ConcurrentSkipListSet<>(index.comparator()), List.copyOf(runs)));
      headSizes[index.ordinal()] = 0;
    }
  }

  /** Adds a sorted run, merging the last two while the older is at most MERGE_FACTOR times the newer. */
  private static void push(List<Datom[]> runs, Datom[] run, Index index) {
    runs.add(run);
    while (runs.size() >= 2 && runs.get(runs.size() - 2).length <= MERGE_FACTOR * runs.get(runs.size() - 1).length) {
      Datom[] newer = runs.remove(runs.size() - 1);
      Datom[] older = runs.remove(runs.size() - 1);
      runs.add(merge(older, newer, index.comparator()));
    }
  }

  private static Datom[] merge(Datom[] x, Datom[] y, Comparator<Datom> cmp) {
    Datom[] out = new Datom[x.length + y.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < x.length && j < y.length) {
      out[k++] = cmp.compare(x[i], y[j]) <= 0 ? x[i++] : y[j++];
    }
    System.arraycopy(x, i, out, k, x.length - i);
    k += x.length - i;
    System.arraycopy(y, j, out, k, y.length - j);
    return out;
  }

  /**
   * Removes the transactions after {@code tx} again (their log write failed). Readers never saw
   * them: a database value reads only up to its basis, which never passed {@code tx}. Only the
   * single writer calls this.
   */
  public void removeAfter(long tx) {
    synchronized (transactions) {
      boolean any = false;
      while (!transactions.isEmpty() && transactions.get(transactions.size() - 1).tx() > tx) {
        Transaction last = transactions.remove(transactions.size() - 1);
        long removed = 0;
        for (Datom d : last.datoms()) {
          removed += 96 + ValueCodec.estimateSize(d.v());
          if (hashed.contains(d.a())) {
            byValue.computeIfPresent(new AttributeValue(d.a(), d.v()), (k, old) -> {
              Datom[] kept = Arrays.stream(old).filter(x -> x.tx() <= tx).toArray(Datom[]::new);
              return kept.length == 0 ? null : kept;
            });
          }
        }
        datoms -= last.datoms().size();
        bytes -= removed;
        any = true;
      }
      if (any) {
        for (Index index : Index.values()) {
          Layers l = layers.get(index.ordinal());
          ConcurrentSkipListSet<Datom> head = new ConcurrentSkipListSet<>(index.comparator());
          for (Datom d : l.head()) {
            if (d.tx() <= tx) {
              head.add(d);
            }
          }
          List<Datom[]> runs = new ArrayList<>();
          for (Datom[] run : l.runs()) {
            Datom[] kept = Arrays.stream(run).filter(d -> d.tx() <= tx).toArray(Datom[]::new);
            if (kept.length > 0) {
              runs.add(kept);
            }
          }
          layers.set(index.ordinal(), new Layers(head, List.copyOf(runs)));
          headSizes[index.ordinal()] = head.size();
        }
      }
      lastTx = transactions.isEmpty() ? Math.min(lastTx, tx) : transactions.get(transactions.size() - 1).tx();
    }
  }

  /** One transaction's datoms, as added. */
  public record Transaction(long tx, List<Datom> datoms) {}

  /** The transactions added so far with {@code tx} at or below {@code upTo}, in order. */
  public List<Transaction> transactions(long upTo) {
    synchronized (transactions) {
      List<Transaction> out = new ArrayList<>();
      for (Transaction t : transactions) {
        if (t.tx() > upTo) {
          break;
        }
        out.add(t);
      }
      return out;
    }
  }

  /**
   * The datoms of one order in a range (bounds null for open, including those above any reader's
   * basis), as sorted iterators, one per layer, to be merged by the caller; empty layers left out.
   */
  public List<Iterator<Datom>> ranges(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive,
      boolean reverse) {
    if (index == Index.AVET && from != null && to != null && from.a() == to.a() && hashed.contains(from.a())
        && from.v() != Values.MIN && from.v() != Values.MAX
        && Values.equals(from.v(), to.v())) {
      // One attribute and one value: the hash has all its datoms.
      Datom[] all = byValue.get(new AttributeValue(from.a(), from.v()));
      List<Datom> in = new ArrayList<>(all == null ? 0 : all.length);
      if (all != null) {
        Comparator<Datom> cmp = index.comparator();
        for (Datom d : all) {
          int lo = cmp.compare(d, from);
          int hi = cmp.compare(d, to);
          if ((lo > 0 || (fromInclusive && lo == 0)) && (hi < 0 || (toInclusive && hi == 0))) {
            in.add(d);
          }
        }
      }
      if (reverse) {
        java.util.Collections.reverse(in);
      }
      return in.isEmpty() ? List.of() : List.of(in.iterator());
    }
    Layers l = layers.get(index.ordinal());
    List<Iterator<Datom>> out = new ArrayList<>(l.runs().size() + 1);
    for (Datom[] run : l.runs()) {
      int lo = start(run, from, fromInclusive, index);
      int hi = end(run, to, toInclusive, index);
      if (lo < hi) {
        out.add(reverse ? new ArrayIterator(run, hi - 1, lo - 1, -1) : new ArrayIterator(run, lo, hi, 1));
      }
    }
    NavigableSet<Datom> head = subSet(l.head(), from, fromInclusive, to, toInclusive);
    if (!head.isEmpty()) {
      out.add((reverse ? head.descendingSet() : head).iterator());
    }
    return out;
  }

  /**
   * The datoms of one order with {@code tx} in {@code (afterTx, upToTx]}, in that order: the
   * layers merged (for an index job, which would otherwise sort them again).
   */
  public Iterator<Datom> sorted(Index index, long afterTx, long upToTx) {
    List<Iterator<Datom>> sources = new ArrayList<>();
    for (Iterator<Datom> layer : ranges(index, null, true, null, true, false)) {
      sources.add(new Db.Filtered(layer, d -> d.tx() > afterTx && d.tx() <= upToTx));
    }
    return new Db.Merged(sources, index.comparator());
  }

  /** How many datoms of one order lie in a range (including those above any reader's basis). */
  public long count(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    Layers l = layers.get(index.ordinal());
    long n = subSet(l.head(), from, fromInclusive, to, toInclusive).size();
    for (Datom[] run : l.runs()) {
      n += Math.max(0, end(run, to, toInclusive, index) - start(run, from, fromInclusive, index));
    }
    return n;
  }

  /** How many sorted layers an order has now (for tests and diagnostics). */
  int layerCount(Index index) {
    Layers l = layers.get(index.ordinal());
    return l.runs().size() + (l.head().isEmpty() ? 0 : 1);
  }

  /** The first position of a run in a range that starts at {@code from} (null: open). */
  private static int start(Datom[] run, Datom from, boolean inclusive, Index index) {
    return from == null ? 0 : search(run, from, !inclusive, index.comparator());
  }

  /** The position after the last one of a run in a range that ends at {@code to} (null: open). */
  private static int end(Datom[] run, Datom to, boolean inclusive, Index index) {
    return to == null ? run.length : search(run, to, inclusive, index.comparator());
  }

  /** The first position whose datom is above {@code key} (after) or at or above it (not after). */
  private static int search(Datom[] run, Datom key, boolean after, Comparator<Datom> cmp) {
    int lo = 0;
    int hi = run.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = cmp.compare(run[mid], key);
      if (c < 0 || (after && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static NavigableSet<Datom> subSet(NavigableSet<Datom> set, Datom from, boolean fi, Datom to, boolean ti) {
    if (from != null && to != null) {
      if (set.comparator().compare(from, to) > 0) {
        return java.util.Collections.emptyNavigableSet();
      }
      return set.subSet(from, fi, to, ti);
    } else if (from != null) {
      return set.tailSet(from, fi);
    } else if (to != null) {
      return set.headSet(to, ti);
    }
    return set;
  }

  private static final class ArrayIterator implements Iterator<Datom> {
    private final Datom[] run;
    private final int end;
    private final int step;
    private int i;

    ArrayIterator(Datom[] run, int start, int end, int step) {
      this.run = run;
      this.i = start;
      this.end = end;
      this.step = step;
    }

    @Override
    public boolean hasNext() {
      return i != end;
    }

    @Override
    public Datom next() {
      if (i == end) {
        throw new java.util.NoSuchElementException();
      }
      Datom d = run[i];
      i += step;
      return d;
    }
  }

  /** The {@code tx} of the last transaction added, or {@link Long#MIN_VALUE}. */
  public long lastTx() {
    return lastTx;
  }

  /** How many datoms this index holds. */
  public long size() {
    return datoms;
  }

  /** An estimate of the heap this index takes, for the indexing threshold and back-pressure. */
  public long estimatedBytes() {
    return bytes;
  }

  /** Whether an attribute's datoms enter VAET. */
  public boolean isRef(long attribute) {
    return isRef.test(attribute);
  }

  /** A new index holding the transactions after {@code tx}, in order. */
  public MemoryIndex after(long tx) {
    MemoryIndex rest = new MemoryIndex(isRef, lookedUp, headLimit, runAtOnce);
    synchronized (transactions) {
      for (Transaction t : transactions) {
        if (t.tx() > tx) {
          rest.add(t.tx(), t.datoms());
        }
      }
    }
    rest.lastTx = Math.max(rest.lastTx, lastTx);
    return rest;
  }
}

package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;
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
 * Each order is a few immutable sorted arrays: a small <em>head</em>, into which a small
 * transaction's datoms are inserted by copying (binary search for each datom's place, then
 * {@code arraycopy} of the stretches between), and larger <em>runs</em>. A large transaction
 * becomes a run of its own, and a head that reaches {@value #HEAD_LIMIT} datoms becomes a run;
 * runs are merged like a binary counter (while the older of the last two is no larger than the
 * newer), so an order has O(log n) of them and each datom is copied O(log n) times,
 * sequentially. Merges gallop: where one run's datoms follow each other in the other (new
 * entities in EAVT, an attribute's new entities in AEVT, rising values in AVET) they are found
 * by exponential search and copied in bulk, so most merges cost far fewer comparisons than
 * datoms. Reads binary-search each layer to the range and merge them (k-way). Readers see an
 * immutable snapshot of an order's layers; the writer replaces it atomically.
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
  static final int HEAD_LIMIT = 1024;
  /** A merge copies in bulk after one run has supplied this many datoms in a row. */
  private static final int GALLOP = 7;
  /** A transaction of at least this many datoms becomes a run at once. */
  static final int RUN_AT_ONCE = 512;

  /** One order's datoms: the head and the runs, oldest (largest) first; all sorted and immutable. */
  /**
   * One order's sorted layers: a small head taking inserts, and runs merged in a binary counter.
   * Each run has a parallel array of its datoms' leading component ({@code e} in EAVT, {@code a}
   * in AEVT and AVET; null for VAET), so that a seek binary-searches a contiguous {@code long[]}
   * instead of chasing a pointer to a datom at every probe, and compares whole datoms only among
   * the few that share the leading component.
   */
  private record Layers(Datom[] head, List<Datom[]> runs, List<long[]> leads, List<long[]> seconds) {
    Layers(Datom[] head, List<Datom[]> runs) {
      this(head, runs, List.of(), List.of());
    }

    /**
     * These layers with lead arrays (and, for EAVT and AEVT, arrays of the second component) for
     * every run, reusing the previous layers' for unchanged runs.
     */
    static Layers of(Index index, Datom[] head, List<Datom[]> runs, Layers previous) {
      List<long[]> leads = new ArrayList<>(runs.size());
      List<long[]> seconds = new ArrayList<>(runs.size());
      for (Datom[] run : runs) {
        int known = -1;
        if (previous != null) {
          for (int i = 0; i < previous.runs.size() && i < previous.leads.size(); i++) {
            if (previous.runs.get(i) == run) {
              known = i;
              break;
            }
          }
        }
        leads.add(known >= 0 ? previous.leads.get(known) : LongKeys.firsts(index, run));
        seconds.add(known >= 0 ? previous.seconds.get(known) : LongKeys.seconds(index, run));
      }
      return new Layers(head, List.copyOf(runs), java.util.Collections.unmodifiableList(leads),
          java.util.Collections.unmodifiableList(seconds));
    }
  }

  private static final Datom[] EMPTY = new Datom[0];

  private final AtomicReferenceArray<Layers> layers =
      new AtomicReferenceArray<>(Index.values().length);
  private final LongPredicate isRef;
  private final List<Transaction> transactions = new ArrayList<>();
  private volatile long lastTx = Long.MIN_VALUE;
  /** How many retractions were ever added (never decreases): none means every datom is a current fact. */
  private volatile long retractions;
  private volatile long datoms;
  private volatile long bytes;

  private final int headLimit;
  private final int runAtOnce;
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
      layers.set(index.ordinal(), new Layers(EMPTY, List.of()));
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
      if (!d.added()) {
        retractions++; // the single writer: no lost update
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
    Datom[] sorted = batch.toArray(EMPTY);
    Arrays.sort(sorted, index.comparator());
    if (sorted.length >= runAtOnce) {
      List<Datom[]> runs = new ArrayList<>(l.runs());
      push(runs, sorted, index);
      layers.set(index.ordinal(), Layers.of(index, l.head(), runs, l));
      return;
    }
    Datom[] head = insert(l.head(), sorted, index.comparator());
    if (head.length >= headLimit) {
      List<Datom[]> runs = new ArrayList<>(l.runs());
      push(runs, head, index);
      layers.set(index.ordinal(), Layers.of(index, EMPTY, runs, l));
    } else {
      layers.set(index.ordinal(), new Layers(head, l.runs(), l.leads(), l.seconds()));
    }
  }

  /** A copy of the sorted {@code head} with the few sorted {@code datoms} inserted in their places. */
  private static Datom[] insert(Datom[] head, Datom[] datoms, Comparator<Datom> cmp) {
    Datom[] out = new Datom[head.length + datoms.length];
    int from = 0;
    int k = 0;
    for (Datom d : datoms) {
      int at = search(head, from, head.length, d, false, cmp);
      System.arraycopy(head, from, out, k, at - from);
      k += at - from;
      out[k++] = d;
      from = at;
    }
    System.arraycopy(head, from, out, k, head.length - from);
    return out;
  }

  /** Adds a sorted run, merging the last two while the older is no larger than the newer. */
  private static void push(List<Datom[]> runs, Datom[] run, Index index) {
    runs.add(run);
    while (runs.size() >= 2 && runs.get(runs.size() - 2).length <= runs.get(runs.size() - 1).length) {
      Datom[] newer = runs.remove(runs.size() - 1);
      Datom[] older = runs.remove(runs.size() - 1);
      runs.add(merge(older, newer, index.comparator()));
    }
  }

  /**
   * Merges two sorted runs of distinct datoms. After {@value #GALLOP} datoms in a row from one run,
   * the rest of its stretch below the other's next datom is found by exponential search and
   * copied at once (as TimSort does), so interleaved stretches cost a few comparisons each.
   */
  static Datom[] merge(Datom[] x, Datom[] y, Comparator<Datom> cmp) {
    Datom[] out = new Datom[x.length + y.length];
    if (x.length == 0 || y.length == 0 || cmp.compare(x[x.length - 1], y[0]) < 0) {
      System.arraycopy(x, 0, out, 0, x.length);
      System.arraycopy(y, 0, out, x.length, y.length);
      return out;
    }
    int i = 0;
    int j = 0;
    int k = 0;
    int xWins = 0;
    int yWins = 0;
    while (i < x.length && j < y.length) {
      if (cmp.compare(x[i], y[j]) < 0) {
        out[k++] = x[i++];
        yWins = 0;
        if (++xWins >= GALLOP && i < x.length) {
          int end = gallop(x, i, y[j], cmp);
          System.arraycopy(x, i, out, k, end - i);
          k += end - i;
          i = end;
          xWins = 0;
        }
      } else {
        out[k++] = y[j++];
        xWins = 0;
        if (++yWins >= GALLOP && j < y.length) {
          int end = gallop(y, j, x[i], cmp);
          System.arraycopy(y, j, out, k, end - j);
          k += end - j;
          j = end;
          yWins = 0;
        }
      }
    }
    System.arraycopy(x, i, out, k, x.length - i);
    k += x.length - i;
    System.arraycopy(y, j, out, k, y.length - j);
    return out;
  }

  /** The first position at or after {@code from} whose datom is at or above {@code key}: exponential, then binary search. */
  private static int gallop(Datom[] run, int from, Datom key, Comparator<Datom> cmp) {
    int lo = from;
    int step = 1;
    int hi;
    while (true) {
      int probe = lo + step - 1;
      if (probe >= run.length) {
        hi = run.length;
        break;
      }
      if (cmp.compare(run[probe], key) < 0) {
        lo = probe + 1;
        step <<= 1;
      } else {
        hi = probe;
        break;
      }
    }
    return search(run, lo, hi, key, false, cmp);
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
          Datom[] head = Arrays.stream(l.head()).filter(d -> d.tx() <= tx).toArray(Datom[]::new);
          List<Datom[]> runs = new ArrayList<>();
          for (Datom[] run : l.runs()) {
            Datom[] kept = Arrays.stream(run).filter(d -> d.tx() <= tx).toArray(Datom[]::new);
            if (kept.length > 0) {
              runs.add(kept);
            }
          }
          layers.set(index.ordinal(), Layers.of(index, head, runs, null));
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

  /** The datoms of transaction {@code tx} as added, or an empty list if this index does not hold it. */
  public List<Datom> transaction(long tx) {
    synchronized (transactions) {
      int lo = 0;
      int hi = transactions.size() - 1;
      while (lo <= hi) { // transactions are in tx order
        int mid = (lo + hi) >>> 1;
        long at = transactions.get(mid).tx();
        if (at < tx) {
          lo = mid + 1;
        } else if (at > tx) {
          hi = mid - 1;
        } else {
          return transactions.get(mid).datoms();
        }
      }
      return List.of();
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
    for (int i = 0; i < l.runs().size(); i++) {
      addRange(out, l.runs().get(i), i < l.leads().size() ? l.leads().get(i) : null,
          i < l.seconds().size() ? l.seconds().get(i) : null, index, from, fromInclusive, to, toInclusive, reverse);
    }
    addRange(out, l.head(), null, null, index, from, fromInclusive, to, toInclusive, reverse);
    return out;
  }

  private static void addRange(List<Iterator<Datom>> out, Datom[] run, long[] lead, long[] second, Index index,
      Datom from, boolean fromInclusive, Datom to, boolean toInclusive, boolean reverse) {
    if (outside(run, index, from, fromInclusive, to, toInclusive)) {
      return;
    }
    int[] span = span(run, lead, index, from, to);
    int lo = from == null ? span[0] : search(run, span[0], span[1], from, !fromInclusive, index.comparator());
    int hi = endFrom(run, lo, span[1], to, toInclusive, index);
    if (lo < hi) {
      out.add(reverse ? new ArrayIterator(run, hi - 1, lo - 1, -1, null, null, index)
          : new ArrayIterator(run, lo, hi, 1, lead, second, index));
    }
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
    long n = Math.max(0, end(l.head(), to, toInclusive, index) - start(l.head(), from, fromInclusive, index));
    for (int i = 0; i < l.runs().size(); i++) {
      Datom[] run = l.runs().get(i);
      int[] span = span(run, i < l.leads().size() ? l.leads().get(i) : null, index, from, to);
      int lo = from == null ? span[0] : search(run, span[0], span[1], from, !fromInclusive, index.comparator());
      int hi = to == null ? span[1] : search(run, lo, span[1], to, toInclusive, index.comparator());
      n += Math.max(0, hi - lo);
    }
    return n;
  }

  /** How many sorted layers an order has now (for tests and diagnostics). */
  int layerCount(Index index) {
    Layers l = layers.get(index.ordinal());
    return l.runs().size() + (l.head().length == 0 ? 0 : 1);
  }

  /** The first position of a run in a range that starts at {@code from} (null: open). */
  private static int start(Datom[] run, Datom from, boolean inclusive, Index index) {
    return from == null ? 0 : search(run, 0, run.length, from, !inclusive, index.comparator());
  }

  /**
   * Whether a run lies wholly before or after a range (two comparisons: runs of entities written at
   * different times often cover disjoint stretches of an index, so a seek skips most of them).
   */
  private static boolean outside(Datom[] run, Index index, Datom from, boolean fromInclusive, Datom to,
      boolean toInclusive) {
    if (run.length == 0) {
      return true;
    }
    Comparator<Datom> cmp = index.comparator();
    if (from != null) {
      int c = cmp.compare(run[run.length - 1], from);
      if (c < 0 || (c == 0 && !fromInclusive)) {
        return true;
      }
    }
    if (to != null) {
      int c = cmp.compare(run[0], to);
      return c > 0 || (c == 0 && !toInclusive);
    }
    return false;
  }

  /**
   * As {@link #end}, knowing the range starts at {@code lo}: gallops from there, so that a short
   * range (one entity's datoms, one value's) costs a few comparisons instead of a full search.
   */
  private static int endFrom(Datom[] run, int lo, int limit, Datom to, boolean inclusive, Index index) {
    if (to == null) {
      return limit;
    }
    Comparator<Datom> cmp = index.comparator();
    int step = 1;
    int base = lo;
    while (base + step <= limit) {
      int c = cmp.compare(run[base + step - 1], to);
      if (c > 0 || (c == 0 && !inclusive)) {
        return search(run, base, base + step - 1, to, inclusive, cmp);
      }
      base += step;
      step <<= 1;
    }
    return search(run, base, limit, to, inclusive, cmp);
  }

  /**
   * The positions {@code [lo, hi)} of a run whose leading component lies between the bounds'
   * (all of it without a lead array): a range's datoms are within, found by a search of the
   * contiguous {@code long[]}.
   */
  private static int[] span(Datom[] run, long[] lead, Index index, Datom from, Datom to) {
    if (lead == null) {
      return new int[] {0, run.length};
    }
    int lo = from == null ? 0 : LongKeys.firstAtLeast(lead, 0, lead.length, LongKeys.first(index, from));
    int hi = to == null ? run.length : LongKeys.firstAbove(lead, lo, lead.length, LongKeys.first(index, to));
    return new int[] {lo, Math.max(lo, hi)};
  }

  /** The position after the last one of a run in a range that ends at {@code to} (null: open). */
  private static int end(Datom[] run, Datom to, boolean inclusive, Index index) {
    return to == null ? run.length : search(run, 0, run.length, to, inclusive, index.comparator());
  }

  /**
   * The first position in {@code [lo, hi)} whose datom is above {@code key} (after) or at or above
   * it (not after), or {@code hi}.
   */
  private static int search(Datom[] run, int lo, int hi, Datom key, boolean after, Comparator<Datom> cmp) {
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

  private static final class ArrayIterator implements org.datolite.datom.DatomCursor {
    private final Datom[] run;
    private final int end;
    private final int step;
    /** The run's first and second components as longs (or null): seeks compare these first. */
    private final long[] lead;
    private final long[] second;
    private final Index index;
    private int i;

    /** The order of position {@code p} against a key with those first two components, then the whole key. */
    private int compareAt(int p, long keyLead, long keySecond, Datom key, Comparator<Datom> order) {
      int c = Long.compare(lead[p], keyLead);
      if (c == 0) {
        c = Long.compare(second[p], keySecond);
        if (c == 0) {
          c = order.compare(run[p], key);
        }
      }
      return c;
    }

    /** A gallop and a binary search over the primitive arrays (EAVT and AEVT runs). */
    private void seekPrimitive(Datom key, Comparator<Datom> order) {
      long kl = LongKeys.first(index, key);
      long ks = LongKeys.second(index, key);
      if (i >= end || compareAt(i, kl, ks, key, order) >= 0) {
        return;
      }
      int lo = i;
      int bound = 1;
      while (lo + bound < end && compareAt(lo + bound, kl, ks, key, order) < 0) {
        lo += bound;
        bound <<= 1;
      }
      int a = lo + 1;
      int b = Math.min(end, lo + bound + 1);
      while (a < b) {
        int mid = (a + b) >>> 1;
        if (compareAt(mid, kl, ks, key, order) < 0) {
          a = mid + 1;
        } else {
          b = mid;
        }
      }
      i = a;
    }

    @Override
    public Datom bound() {
      return step == 1 && end > 0 ? run[end - 1] : null;
    }

    /** Gallops forward to the first position at or after {@code key} (ascending iterators only). */
    @Override
    public void seek(Datom key, Comparator<Datom> order) {
      if (step != 1) {
        throw new IllegalStateException("a descending run iterator cannot seek forward");
      }
      if (lead != null && second != null && order == index.comparator()) {
        seekPrimitive(key, order);
        return;
      }
      if (i >= end || order.compare(run[i], key) >= 0) {
        return;
      }
      int lo = i; // run[lo] < key
      int bound = 1;
      while (lo + bound < end && order.compare(run[lo + bound], key) < 0) {
        lo += bound;
        bound <<= 1;
      }
      i = search(run, lo + 1, Math.min(end, lo + bound + 1), key, false, order);
    }

    ArrayIterator(Datom[] run, int start, int end, int step, long[] lead, long[] second, Index index) {
      this.lead = lead;
      this.second = second;
      this.index = index;
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
  /**
   * Whether any retraction was ever added. Without one, the datoms of this layer are all
   * assertions of distinct facts (the transactor drops redundant ones), so a reader of the current
   * value need not group them by fact.
   */
  public boolean hasRetractions() {
    return retractions > 0;
  }

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

package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntToLongFunction;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.DeferredDatoms;
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
 * <h2>Sorted when first read</h2>
 * A transaction's datoms enter an order's sorted layers either as it is added or, built with
 * {@code sortOnRead} (the transactor's novelty and every peer's), when a reader first reads that
 * order after it: every transaction not yet sorted into the order, in one sort, under a lock.
 * What an index job seals before it was sorted is sorted by the job itself ({@link #sorted}: a
 * bulk load's AEVT and AVET as new datoms laid out in the order's sequence, {@link ColumnSort}).
 * So a peer that only writes during a bulk load never sorts its novelty, the transactor sorts
 * only the orders that are read (by its writer: an upsert or unique check reads the value hash,
 * not AVET; and by an application embedding it), and a database read after each small
 * transaction sorts that one transaction, as it would have anyway.
 *
 * <h2>Transactions held as columns</h2>
 * The transactor keeps a large transaction as columns ({@link ColumnDatoms}), not datom objects.
 * Adding one reads its columns (its summary, the value hash, pair histories); sorting it in for a
 * reader reads it as a list, which makes its datoms once and keeps them. An index job's
 * {@link #sorted} reads the columns instead wherever its novelty retracts nothing (no datom is
 * then picked by identity): AEVT and AVET straight into their columns ({@link ColumnSort}), EAVT
 * in sequence where the transactions follow one another ({@link ColumnSort#eavt}: a load of new
 * entities, each transaction's own datoms first), and otherwise EAVT and VAET as new datoms
 * made from the columns and sorted. Where it retracts, every order gives the transactions'
 * own datoms, as the job's list of them does ({@code NoveltyDatoms}).
 *
 * <h2>Layout</h2>
 * Each order is a few immutable sorted arrays ({@link Layers}): a small <em>head</em>, into which
 * a small transaction's datoms are inserted by copying, and larger <em>runs</em>. A large
 * transaction becomes a run of its own, and a head that reaches {@value #HEAD_LIMIT} datoms
 * becomes a run; runs are merged like a binary counter, with galloping merges
 * ({@link SortedRuns}), so an order has O(log n) of them and each datom is copied O(log n) times,
 * sequentially. Reads binary-search each layer to the range and return one {@link RunCursor} per
 * layer, for the caller to merge ({@link MergedCursor}). Readers see an immutable snapshot of an
 * order's layers; whoever sorts transactions in (under the sort lock) replaces it atomically.
 *
 * <p>VAET holds ref datoms only; the predicate given at construction says which attributes are
 * refs.
 *
 * <p>The datoms of <em>looked-up</em> attributes (a second predicate: the transactor's unique
 * attributes, whose holders it asks for on every upsert and unique check) are also kept in a hash
 * by attribute and value ({@link ValueHash}), so that an AVET range of one attribute and one value
 * is answered without a binary search per run. An attribute that becomes looked-up later is
 * backfilled from the runs first.
 */
public final class MemoryIndex {
  /** The most datoms the head of an order holds before it is frozen into a run. */
  static final int HEAD_LIMIT = 1024;
  /** A transaction of at least this many datoms becomes a run at once. */
  static final int RUN_AT_ONCE = 512;

  /**
   * An index job reads the sealed transactions it sorts itself as new datoms made in the order
   * ({@link ColumnSort}) from this many times the run size ({@link #RUN_AT_ONCE}: 4,096 datoms).
   */
  static final int MADE_IN_ORDER_RUNS = 8;

  private static final Datom[] EMPTY = new Datom[0];

  private final AtomicReferenceArray<Layers> layers =
      new AtomicReferenceArray<>(Index.values().length);
  private final LongPredicate isRef;
  private final List<CommittedTx> transactions = new ArrayList<>();
  /** Each transaction's size, beside it in {@link #transactions} (guarded by it). */
  private final List<TxSize> transactionSizes = new ArrayList<>();
  private volatile long lastTx = Long.MIN_VALUE;
  /** The first transaction ever added (MIN_VALUE before any): every datom held is of it or later. */
  private volatile long firstTx = Long.MIN_VALUE;
  /** How many retractions were ever added (never decreases): none means every datom is a current fact. */
  private volatile long retractions;
  private volatile long datoms;
  private volatile long bytes;

  /**
   * The last {@linkplain #seal seal}, null if none: per order, the leading runs that hold every
   * datom up to {@code tx} and nothing after, never merged again. Written by the writer, read by
   * the index job's thread ({@link #sorted}).
   */
  private volatile Sealed sealed;

  /**
   * Taken to change the layers: by a reader sorting in what was added ({@link #sortPending}), and
   * by the writer sealing, cutting or rolling back. Taken before {@code transactions}, and after
   * {@code pairLock} when both are held.
   */
  private final Object sortLock = new Object();
  /** Per order, the {@code tx} of the last transaction whose datoms are in its layers; later ones are pending. */
  private final AtomicLongArray sortedTx = new AtomicLongArray(Index.values().length);
  /** Per order, how many leading runs are sealed (guarded by {@link #sortLock}). */
  private final int[] sealedCounts = new int[Index.values().length];

  /**
   * @param runs per order, the sealed runs of the layers when sealed
   * @param unsorted per order, the sealed transactions not yet sorted into it then: the index job sorts them
   * @param columns the columns AEVT and AVET share of those ({@link #columns}), made by the first to ask
   */
  private record Sealed(long tx, List<List<Datom[]>> runs, List<List<CommittedTx>> unsorted,
      AtomicReference<ColumnsOf> columns) {}

  /**
   * A transaction's estimated heap bytes and retractions, so that what a job leaves is not counted
   * again, and the least and greatest entity of its datoms (the whole range where not known: a
   * pushed transaction not yet read).
   */
  private record TxSize(long bytes, long retractions, long lowestEntity, long highestEntity) {}

  /** How many leading runs of an order are sealed (none without a seal); under {@link #sortLock}. */
  private int sealedRuns(Index index) {
    return sealedCounts[index.ordinal()];
  }

  private final int headLimit;
  private final int runAtOnce;
  private final LongPredicate lookedUp;
  private final ValueHash valueHash;

  /** A read of one {@code (e a)} that meets more of its datoms than this starts keeping its {@link PairHistory}. */
  static final int PAIR_HISTORY_THRESHOLD = 32;
  private final int pairThreshold;
  /** Whether transactions wait to be sorted until an order is read (else each is sorted as it is added). */
  private final boolean sortOnRead;
  private final Map<PairKey, PairHistory> pairs = new ConcurrentHashMap<>();
  /** The attributes of the pairs that have a history (guarded by {@link #pairLock}; histories are never dropped). */
  private final Set<Long> pairAttributes = new HashSet<>();
  /** Taken by the writer while it folds a transaction into the pair histories, and to start one. */
  private final Object pairLock = new Object();

  private record PairKey(long e, long a) {}

  public MemoryIndex(LongPredicate isRef) {
    this(isRef, a -> false);
  }

  /**
   * @param isRef which attributes' datoms enter VAET
   * @param lookedUp which attributes' datoms are also hashed by value for point lookups
   */
  public MemoryIndex(LongPredicate isRef, LongPredicate lookedUp) {
    this(isRef, lookedUp, false);
  }

  /**
   * @param isRef which attributes' datoms enter VAET
   * @param lookedUp which attributes' datoms are also hashed by value for point lookups
   * @param sortOnRead whether a transaction is sorted into the orders when they are first read
   *     after it rather than when it is added (see "Sorted when first read")
   */
  public MemoryIndex(LongPredicate isRef, LongPredicate lookedUp, boolean sortOnRead) {
    this(isRef, lookedUp, HEAD_LIMIT, RUN_AT_ONCE, PAIR_HISTORY_THRESHOLD, sortOnRead);
  }

  /** With other layer sizes, so that tests reach runs and merges with few datoms. */
  MemoryIndex(LongPredicate isRef, int headLimit, int runAtOnce) {
    this(isRef, a -> false, headLimit, runAtOnce, PAIR_HISTORY_THRESHOLD, false);
  }

  MemoryIndex(LongPredicate isRef, LongPredicate lookedUp, int headLimit, int runAtOnce, boolean sortOnRead) {
    this(isRef, lookedUp, headLimit, runAtOnce, PAIR_HISTORY_THRESHOLD, sortOnRead);
  }

  /** With a threshold for pair histories too, so that tests reach them with few datoms. */
  MemoryIndex(LongPredicate isRef, int headLimit, int runAtOnce, int pairThreshold, boolean sortOnRead) {
    this(isRef, a -> false, headLimit, runAtOnce, pairThreshold, sortOnRead);
  }

  private MemoryIndex(LongPredicate isRef, LongPredicate lookedUp, int headLimit, int runAtOnce, int pairThreshold,
      boolean sortOnRead) {
    this.sortOnRead = sortOnRead;
    this.pairThreshold = pairThreshold;
    this.isRef = isRef;
    this.lookedUp = lookedUp;
    this.valueHash = new ValueHash(lookedUp);
    this.headLimit = headLimit;
    this.runAtOnce = runAtOnce;
    for (Index index : Index.values()) {
      layers.set(index.ordinal(), Layers.of(index, EMPTY, List.of(), null));
      sortedTx.set(index.ordinal(), Long.MIN_VALUE);
    }
  }

  /**
   * Appends one transaction, whose {@code tx} must be above every {@code tx} added before, and
   * whose datoms must all have it. Only the single writer calls this.
   */
  public void add(CommittedTx committed) {
    long tx = committed.tx();
    List<Datom> txDatoms = committed.datoms();
    if (tx <= lastTx) {
      throw new IllegalArgumentException("transaction " + tx + " does not follow " + lastTx);
    }
    long added = 0;
    long retracting = 0;
    long lowest = Long.MAX_VALUE; // the entities' range: none yet (an empty transaction overlaps no range)
    long highest = Long.MIN_VALUE;
    DeferredDatoms deferred = txDatoms instanceof DeferredDatoms d ? d : null;
    ColumnDatoms columns = txDatoms instanceof ColumnDatoms c ? c : null;
    if (deferred != null) { // a peer's pushed transaction: counted from its summary, decoded when read
      retracting = deferred.retractions();
      added = deferred.estimatedBytes();
      lowest = Long.MIN_VALUE; // its entities unknown unread: every range
      highest = Long.MAX_VALUE;
    } else if (columns != null) { // a large transaction: read from its columns, no datom made
      if (columns.tx() != tx) {
        throw new IllegalArgumentException("datoms of transaction " + columns.tx() + " do not belong to transaction " + tx);
      }
      retracting = columns.retractions();
      for (int i = 0; i < columns.size(); i++) {
        added += 96 + ValueCodec.estimateSize(columns.v(i)); // as if datoms: the same index threshold
        lowest = Math.min(lowest, columns.e(i));
        highest = Math.max(highest, columns.e(i));
      }
    } else {
      for (Datom d : txDatoms) {
        if (d.tx() != tx) {
          throw new IllegalArgumentException("datom " + d + " does not belong to transaction " + tx);
        }
        if (!d.added()) {
          retracting++;
        }
        added += 96 + ValueCodec.estimateSize(d.v());
        lowest = Math.min(lowest, d.e());
        highest = Math.max(highest, d.e());
      }
    }
    synchronized (transactions) { // pending from now on: a reader sorts it in (sortPending), or now
      transactions.add(committed);
      transactionSizes.add(new TxSize(added, retracting, lowest, highest));
    }
    if (!sortOnRead) {
      synchronized (sortLock) {
        for (Index index : Index.values()) {
          sortPendingLocked(index);
        }
      }
    }
    // A pushed transaction is read only if the value hash or a pair history concerns the
    // attributes of its entities (the transaction's own datoms, its uuid among them, are at hand).
    List<Datom> read = deferred == null ? txDatoms : deferred.ofTransaction();
    long[] beyond = deferred == null ? null : deferred.attributesBeyondTransaction();
    hashAll(deferred == null || valueHash.concerns(beyond) ? txDatoms : read);
    foldPairs(tx, deferred == null || pairsConcern(beyond) ? txDatoms : read);
    retractions += retracting; // the single writer: no lost update
    datoms += txDatoms.size();
    bytes += added;
    if (firstTx == Long.MIN_VALUE) {
      firstTx = tx;
    }
    lastTx = tx;
  }

  /**
   * Whether a pair history may be of one of these attributes (else a transaction of only them
   * folds into none). Checked under the pair lock, as {@link #foldPairs} does, so that a history
   * started meanwhile either is seen here or sorts the listed transaction in itself.
   */
  private boolean pairsConcern(long[] attributes) {
    synchronized (pairLock) {
      for (long a : attributes) {
        if (pairAttributes.contains(a)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Folds a transaction (already listed) into the histories of the pairs it touches. The check
   * for no history at all is made under the lock too: a history being built meanwhile either
   * was stored before (and is folded here) or sorts this listed transaction in ({@link #pairHistory}).
   */
  private void foldPairs(long tx, List<Datom> txDatoms) {
    synchronized (pairLock) {
      if (pairs.isEmpty()) {
        return;
      }
      Map<PairKey, List<Datom>> touched = null;
      // a large transaction's columns are read without making its datoms (a touched one is made anew)
      ColumnDatoms columns = txDatoms instanceof ColumnDatoms c ? c : null;
      Iterator<Datom> read = columns == null ? txDatoms.iterator() : null;
      for (int i = 0; i < txDatoms.size(); i++) {
        Datom d = columns == null ? read.next() : null;
        PairKey k = columns == null ? new PairKey(d.e(), d.a()) : new PairKey(columns.e(i), columns.a(i));
        PairHistory h = pairs.get(k);
        if (h != null && h.coveredTx() < tx) {
          if (touched == null) {
            touched = new HashMap<>();
          }
          touched.computeIfAbsent(k, x -> new ArrayList<>()).add(columns == null ? d : columns.fresh(i));
        }
      }
      if (touched != null) {
        touched.forEach((k, datoms) -> pairs.get(k).append(tx, datoms));
      }
    }
  }

  /**
   * The history of one entity's attribute in this layer ({@link PairHistory}), or null when the
   * layer holds at most {@code threshold} of its datoms (reading them is cheap). A pair read over
   * the threshold gets one, built from the layer's datoms once and kept up to date by
   * {@link #add}; a reader with a limit reads the state at it.
   */
  PairHistory pairHistory(long e, long a) {
    PairKey key = new PairKey(e, a);
    PairHistory h = pairs.get(key);
    if (h != null) {
      return h;
    }
    Datom from = Index.EAVT.lowerBound(e, a);
    Datom to = Index.EAVT.upperBound(e, a);
    if (count(Index.EAVT, from, true, to, true) <= pairThreshold) {
      return null;
    }
    synchronized (pairLock) {
      h = pairs.get(key);
      if (h == null) {
        // every transaction listed so far, sorted in now: one still being added (listed, lastTx not
        // yet past it) is in the history, and its fold skips it by its tx
        List<Iterator<Datom>> layers;
        synchronized (sortLock) {
          sortPendingLocked(Index.EAVT);
          layers = layerRanges(Index.EAVT, from, true, to, true, false);
        }
        List<Datom> datoms = new ArrayList<>();
        for (Iterator<Datom> it : layers) {
          it.forEachRemaining(datoms::add);
        }
        h = PairHistory.of(datoms);
        pairs.put(key, h);
        pairAttributes.add(a);
      }
      return h;
    }
  }

  /** Adds datoms to the value hash; backfills an attribute the first time it is looked up. */
  private void hashAll(List<Datom> txDatoms) {
    Set<Long> fresh = valueHash.add(txDatoms);
    if (fresh != null) {
      for (long a : fresh) {
        // every datom held of it, this transaction's included (recorded already), sorted or pending
        backfill(a);
      }
    }
  }

  /** Hashes every datom of attribute {@code a} this index holds, from the layers and the pending transactions. */
  private void backfill(long a) {
    synchronized (sortLock) { // the sorted and the pending ones stay apart meanwhile
      List<Iterator<Datom>> datoms = new ArrayList<>(layerRanges(Index.AVET, Index.AVET.lowerBound(a), true,
          Index.AVET.upperBound(a), true, false));
      List<Datom> pending = new ArrayList<>();
      for (CommittedTx t : pendingAfter(sortedTx.get(Index.AVET.ordinal()))) {
        for (Datom d : datomsOf(t, a)) {
          if (d.a() == a) {
            pending.add(d);
          }
        }
      }
      datoms.add(pending.iterator());
      valueHash.backfill(a, datoms);
    }
  }

  /**
   * A transaction's datoms that may be of attribute {@code a}: a pushed one whose entities other
   * than the transaction have no datom of it answers from the transaction's own.
   */
  private static List<Datom> datomsOf(CommittedTx t, long a) {
    if (t.datoms() instanceof DeferredDatoms d) {
      for (long beyond : d.attributesBeyondTransaction()) {
        if (beyond == a) {
          return d;
        }
      }
      return d.ofTransaction();
    }
    return t.datoms();
  }

  /** The transactions added after {@code tx}, in order. */
  private List<CommittedTx> pendingAfter(long tx) {
    synchronized (transactions) {
      int lo = 0;
      int hi = transactions.size();
      while (lo < hi) { // the first above tx
        int mid = (lo + hi) >>> 1;
        if (transactions.get(mid).tx() <= tx) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo == transactions.size() ? List.of() : new ArrayList<>(transactions.subList(lo, transactions.size()));
    }
  }

  /** Sorts every transaction added since the order was last sorted into its layers, if any was. */
  private void sortPending(Index index) {
    if (sortedTx.get(index.ordinal()) < lastTx) {
      synchronized (sortLock) {
        sortPendingLocked(index);
      }
    }
  }

  /**
   * Sorts an order's pending transactions into its layers, in one batch: those up to the seal (if
   * a seal holds some) into a sealed run of their own, the rest as {@link #add} once did one
   * transaction's. Under {@link #sortLock}.
   */
  private void sortPendingLocked(Index index) {
    long last = lastTx; // read first: a transaction is listed before lastTx passes it
    int o = index.ordinal();
    List<CommittedTx> pending = pendingAfter(sortedTx.get(o));
    if (pending.isEmpty()) {
      sortedTx.set(o, Math.max(sortedTx.get(o), last)); // e.g. an index after a cut that kept nothing: no lock next time
      return;
    }
    Sealed s = sealed;
    int split = 0;
    while (s != null && split < pending.size() && pending.get(split).tx() <= s.tx()) {
      split++;
    }
    if (split > 0) {
      appendSealed(index, batch(index, pending.subList(0, split)));
    }
    if (split < pending.size()) {
      append(index, batch(index, pending.subList(split, pending.size())));
    }
    sortedTx.set(o, pending.get(pending.size() - 1).tx());
  }

  /** The datoms of some transactions that enter an order (VAET: the refs), in the order added. */
  private Datom[] batch(Index index, List<CommittedTx> txs) {
    return batch(index, txs, false);
  }

  /**
   * As {@link #batch(Index, List)}; with {@code fresh}, a transaction held as columns gives new
   * datoms equal to its own ({@link ColumnDatoms#fresh}), made in sequence and never kept by it:
   * only for an index job that picks nothing by identity (its novelty retracts nothing).
   */
  private Datom[] batch(Index index, List<CommittedTx> txs, boolean fresh) {
    int n = 0;
    for (CommittedTx t : txs) {
      n += t.datoms().size();
    }
    Datom[] out = new Datom[n];
    int k = 0;
    for (CommittedTx t : txs) {
      List<Datom> datoms = t.datoms();
      for (int i = 0; i < datoms.size(); i++) {
        Datom d = fresh ? ColumnDatoms.fresh(datoms, i) : datoms.get(i);
        if (index != Index.VAET || isRef.test(d.a())) {
          out[k++] = d;
        }
      }
    }
    return k == n ? out : Arrays.copyOf(out, k);
  }

  /** Adds sealed transactions' datoms as one more sealed run (they were sealed before they were sorted). */
  private void appendSealed(Index index, Datom[] batch) {
    if (batch.length == 0) {
      return;
    }
    Layers l = layers.get(index.ordinal());
    List<Datom[]> runs = new ArrayList<>(l.runs());
    runs.add(sealedRuns(index), sortBatch(index, batch, runAtOnce));
    sealedCounts[index.ordinal()]++;
    layers.set(index.ordinal(), Layers.of(index, l.head(), runs, l));
  }

  private void append(Index index, Datom[] batch) {
    if (batch.length == 0) {
      return;
    }
    Layers l = layers.get(index.ordinal());
    Datom[] sorted = sortBatch(index, batch, runAtOnce);
    if (sorted.length >= runAtOnce) {
      List<Datom[]> runs = new ArrayList<>(l.runs());
      SortedRuns.push(runs, sorted, index, sealedRuns(index));
      layers.set(index.ordinal(), Layers.of(index, l.head(), runs, l));
      return;
    }
    Datom[] head = SortedRuns.insert(l.head(), sorted, index.comparator());
    if (head.length >= headLimit) {
      List<Datom[]> runs = new ArrayList<>(l.runs());
      SortedRuns.push(runs, head, index, sealedRuns(index));
      layers.set(index.ordinal(), Layers.of(index, EMPTY, runs, l));
    } else {
      layers.set(index.ordinal(), l.withHead(head));
    }
  }

  /**
   * Datoms of one or more transactions (in the order added) in an index's order. Each
   * transaction's usually come in EAVT order (the transactor sorts them so), and a bulk load's
   * transactions follow one another in it (new entities), which is kept as it is; for AEVT and AVET, which lead with the attribute, a
   * large batch ({@code splitAtLeast} datoms or more: a bulk load's rows × columns) is first split by attribute in one
   * stable pass, which leaves AEVT sorted and AVET with one small sort per attribute.
   */
  static Datom[] sortBatch(Index index, Datom[] datoms, int splitAtLeast) {
    Comparator<Datom> cmp = index.comparator();
    if (isSorted(datoms, 0, datoms.length, cmp)) {
      return datoms;
    }
    if (datoms.length < splitAtLeast || (index != Index.AEVT && index != Index.AVET)) {
      Arrays.sort(datoms, cmp);
      return datoms;
    }
    int[] bucket = new int[datoms.length];
    int k = attributeBuckets(datoms.length, i -> datoms[i].a(), bucket);
    int[] start = new int[k + 1];
    for (int i = 0; i < datoms.length; i++) {
      start[bucket[i] + 1]++;
    }
    for (int b = 0; b < k; b++) {
      start[b + 1] += start[b];
    }
    Datom[] out = new Datom[datoms.length];
    int[] next = Arrays.copyOf(start, k);
    for (int i = 0; i < datoms.length; i++) {
      out[next[bucket[i]]++] = datoms[i];
    }
    // An attribute's datoms in EAVT order are in (e, v, tx) order: a stable sort by value alone
    // then leaves AVET's (v, e, tx). (Several transactions' datoms are in EAVT order per
    // attribute though not as a whole when each ends with its transaction entity's.)
    for (int b = 0; b < k; b++) {
      if (!isSorted(out, start[b], start[b + 1], cmp)) {
        if (index == Index.AVET && isSorted(out, start[b], start[b + 1], Index.EAVT.comparator())) {
          ValueSort.sort(out, start[b], start[b + 1]);
        } else {
          Arrays.sort(out, start[b], start[b + 1], cmp);
        }
      }
    }
    return out;
  }

  /**
   * Numbers each datom's attribute in attribute order (0 for the least) into {@code bucket} and
   * returns how many distinct attributes there are: numbered as first met through a small hash
   * (a batch has few attributes), then renumbered by the sorted distinct attributes.
   */
  static int attributeBuckets(int n, IntToLongFunction attributeAt, int[] bucket) {
    long[] distinct = new long[16];
    int k = 0;
    int mask = 63;
    long[] slots = new long[mask + 1];
    int[] numbers = new int[mask + 1]; // number + 1; 0 for an empty slot
    for (int i = 0; i < n; i++) {
      long a = attributeAt.applyAsLong(i);
      int h = slot(a, mask);
      while (numbers[h] != 0 && slots[h] != a) {
        h = (h + 1) & mask;
      }
      if (numbers[h] != 0) {
        bucket[i] = numbers[h] - 1;
        continue;
      }
      if (k == distinct.length) {
        distinct = Arrays.copyOf(distinct, 2 * k);
      }
      distinct[k++] = a;
      slots[h] = a;
      numbers[h] = k;
      bucket[i] = k - 1;
      if (2 * k > mask) { // at most half full: rehash into twice the slots
        mask = 2 * mask + 1;
        slots = new long[mask + 1];
        numbers = new int[mask + 1];
        for (int j = 0; j < k; j++) {
          int g = slot(distinct[j], mask);
          while (numbers[g] != 0) {
            g = (g + 1) & mask;
          }
          slots[g] = distinct[j];
          numbers[g] = j + 1;
        }
      }
    }
    long[] sorted = Arrays.copyOf(distinct, k);
    Arrays.sort(sorted);
    int[] rank = new int[k];
    for (int j = 0; j < k; j++) {
      rank[j] = Arrays.binarySearch(sorted, distinct[j]);
    }
    for (int i = 0; i < n; i++) {
      bucket[i] = rank[bucket[i]];
    }
    return k;
  }

  /** A slot for an attribute in a table of {@code mask + 1} slots. */
  private static int slot(long a, int mask) {
    return (int) ((a * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }

  private static boolean isSorted(Datom[] datoms, int from, int to, Comparator<Datom> cmp) {
    for (int i = from + 1; i < to; i++) {
      if (cmp.compare(datoms[i - 1], datoms[i]) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes the transactions after {@code tx} again (their log write failed). Readers never saw
   * them: a database value reads only up to its basis, which never passed {@code tx}. Only the
   * single writer calls this.
   */
  public void removeAfter(long tx) {
    synchronized (sortLock) {
      // Pending transactions are not sorted first: those removed leave the list unsorted, those
      // kept stay pending; only what was sorted into the layers is filtered.
      synchronized (transactions) {
        boolean any = false;
        while (!transactions.isEmpty() && transactions.get(transactions.size() - 1).tx() > tx) {
          CommittedTx last = transactions.remove(transactions.size() - 1);
          long removed = transactionSizes.remove(transactionSizes.size() - 1).bytes();
          for (Datom d : last.datoms()) {
            valueHash.remove(d, tx);
          }
          datoms -= last.datoms().size();
          bytes -= removed;
          any = true;
        }
        if (any) {
          Sealed s = sealed;
          if (s != null && tx < s.tx()) {
            unseal(); // not so in the transactor: it seals only what is published, and rolls back only what is not
          }
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
        for (Index index : Index.values()) {
          sortedTx.set(index.ordinal(), Math.min(sortedTx.get(index.ordinal()), lastTx));
        }
      }
    }
    synchronized (pairLock) { // after the sort lock, never inside it: pairHistory takes them the other way round
      pairs.values().forEach(h -> h.removeAfter(tx));
    }
  }

  /** The transactions added so far with {@code tx} at or below {@code upTo}, in order. */
  public List<CommittedTx> transactions(long upTo) {
    synchronized (transactions) {
      List<CommittedTx> out = new ArrayList<>();
      for (CommittedTx t : transactions) {
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
    if (valueHash.answers(index, from, to)) {
      // One attribute and one value: the hash has all its datoms.
      return valueHash.range(index, from, fromInclusive, to, toInclusive, reverse);
    }
    sortPending(index, from, to);
    return layerRanges(index, from, fromInclusive, to, toInclusive, reverse);
  }

  /**
   * {@link #sortPending(Index)}, unless the range is of EAVT and no pending transaction has a
   * datom of an entity in it: the writer's look at a bulk load's reserved ids (new entities)
   * then leaves the load's transactions to the index job, which sorts them in one batch.
   */
  private void sortPending(Index index, Datom from, Datom to) {
    if (index != Index.EAVT || from == null || to == null || sortedTx.get(index.ordinal()) >= lastTx
        || pendingMayHold(from.e(), to.e())) {
      sortPending(index);
    }
  }

  /**
   * Whether a transaction not sorted into EAVT may have a datom of an entity from {@code lowest}
   * to {@code highest}; true too where more are pending than a read looks at (then sorting them
   * in is cheaper than looking at each at every read): {@link #PENDING_LOOKED_AT}, or one per
   * {@link #PENDING_BYTES_PER_LOOK} of their estimated bytes where that is more, never more than
   * {@link #PENDING_LOOKED_AT_MOST}. Large
   * transactions (a load committed every few hundred rows) are thus looked at rather than sorted
   * in, which would make the datoms of those held as columns.
   */
  private boolean pendingMayHold(long lowest, long highest) {
    long sorted = sortedTx.get(Index.EAVT.ordinal());
    synchronized (transactions) {
      int looked = 0;
      long bytesLooked = 0;
      for (int i = transactions.size() - 1; i >= 0 && transactions.get(i).tx() > sorted; i--) {
        TxSize size = transactionSizes.get(i);
        bytesLooked += size.bytes();
        if (++looked > Math.min(PENDING_LOOKED_AT_MOST, Math.max(PENDING_LOOKED_AT, bytesLooked / PENDING_BYTES_PER_LOOK))
            || (size.lowestEntity() <= highest && size.highestEntity() >= lowest)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The most pending transactions an EAVT read looks at before it sorts them in instead (small ones). */
  static final int PENDING_LOOKED_AT = 64;

  /** Pending transactions' estimated bytes that earn an EAVT read one more look (16 KiB: a transaction of ~100 datoms). */
  static final long PENDING_BYTES_PER_LOOK = 16 << 10;

  /** The most pending transactions an EAVT read looks at, however large (a lagging job's novelty under the lock). */
  static final int PENDING_LOOKED_AT_MOST = 4096;

  /** {@link #ranges} of the sorted layers alone, pending transactions left out. */
  private List<Iterator<Datom>> layerRanges(Index index, Datom from, boolean fromInclusive, Datom to,
      boolean toInclusive, boolean reverse) {
    Layers l = layers.get(index.ordinal());
    List<Iterator<Datom>> out = new ArrayList<>(l.runs().size() + 1);
    for (int i = 0; i < l.runs().size(); i++) {
      RunKeys.Keys k = l.keys().forRead(i);
      addRange(out, l.runs().get(i), k == null ? null : k.lead(), k == null ? null : k.second(), index, from,
          fromInclusive, to, toInclusive, reverse);
    }
    addRange(out, l.head(), null, null, index, from, fromInclusive, to, toInclusive, reverse);
    return out;
  }

  private static void addRange(List<Iterator<Datom>> out, Datom[] run, long[] lead, long[] second, Index index,
      Datom from, boolean fromInclusive, Datom to, boolean toInclusive, boolean reverse) {
    if (SortedRuns.outside(run, index, from, fromInclusive, to, toInclusive)) {
      return;
    }
    int[] span = SortedRuns.span(run, lead, index, from, to);
    int lo = from == null ? span[0]
        : SortedRuns.search(run, span[0], span[1], from, !fromInclusive, index.comparator());
    int hi = SortedRuns.endFrom(run, lo, span[1], to, toInclusive, index);
    if (lo < hi) {
      out.add(reverse ? new RunCursor(run, hi - 1, lo - 1, -1, null, null, index)
          : new RunCursor(run, lo, hi, 1, lead, second, index));
    }
  }

  /**
   * The datoms of one order with {@code tx} in {@code (afterTx, upToTx]}, in that order: the
   * layers merged (for an index job, which would otherwise sort them again). When they are
   * exactly what was {@linkplain #seal sealed}, only the sealed runs are read, without a filter;
   * the sealed transactions not sorted then are read from their columns where held so and where
   * no transaction up to {@code upToTx} retracts (see "Transactions held as columns": the datoms
   * are then new ones, equal to the transactions' own), else as the transactions' own datoms.
   */
  public Iterator<Datom> sorted(Index index, long afterTx, long upToTx) {
    Sealed s = sealed;
    if (s != null && s.tx() == upToTx && firstTx > afterTx) {
      // exactly the sealed runs and the sealed transactions not sorted then (sorted here): no datom to filter out
      List<Iterator<Datom>> sources = new ArrayList<>();
      for (Datom[] run : s.runs().get(index.ordinal())) {
        sources.add(new RunCursor(run, 0, run.length, 1, null, null, index));
      }
      List<CommittedTx> unsorted = s.unsorted().get(index.ordinal());
      if (!unsorted.isEmpty()) {
        // a bulk load's share: in AEVT and AVET as new datoms laid out in the order's sequence
        // (not where the job retracts: it picks its additions from the stream by identity then)
        ColumnSort.Columns columns = index == Index.EAVT ? null : columns(s, unsorted, upToTx);
        if (columns != null && index != Index.VAET) {
          sources.add(columns.in(index));
        } else if (columns == null || columns.anyAttribute(isRef)) {
          // (VAET holds refs only: a load without any needs no read of every datom to find none)
          // New datoms from a load's columns where the job picks nothing by identity (no retraction):
          // in EAVT read in sequence where its transactions follow one another, else sorted
          boolean fresh = !retractsUpTo(upToTx);
          Iterator<Datom> inOrder = fresh && index == Index.EAVT ? ColumnSort.eavt(unsorted) : null;
          if (inOrder != null) {
            sources.add(inOrder);
          } else {
            Datom[] run = sortBatch(index, batch(index, unsorted, fresh), runAtOnce);
            sources.add(new RunCursor(run, 0, run.length, 1, null, null, index));
          }
        }
      }
      return sources.size() == 1 ? sources.get(0) : new MergedCursor(sources, index.comparator());
    }
    List<Iterator<Datom>> sources = new ArrayList<>();
    for (Iterator<Datom> layer : ranges(index, null, true, null, true, false)) {
      sources.add(new FilteredCursor(layer, d -> d.tx() > afterTx && d.tx() <= upToTx));
    }
    return new MergedCursor(sources, index.comparator());
  }

  /**
   * The columns of sealed transactions an index job sorts itself, made once for AEVT and AVET
   * (whose merges run on two threads: the second waits for the first to make them; VAET asks
   * which attributes they hold), or null where
   * they do not apply: a batch smaller than {@link #MADE_IN_ORDER_RUNS} runs, a retraction up to
   * the seal, an attribute whose entities do not ascend ({@link ColumnSort.Columns#of}).
   */
  private ColumnSort.Columns columns(Sealed s, List<CommittedTx> txs, long upToTx) {
    long n = 0;
    for (CommittedTx t : txs) {
      n += t.datoms().size();
    }
    if (n < (long) MADE_IN_ORDER_RUNS * runAtOnce || retractsUpTo(upToTx)) {
      return null;
    }
    synchronized (s.columns()) {
      ColumnsOf made = s.columns().get();
      // the orders' unsorted transactions are the same unless a reader sorted one order meanwhile
      if (made == null || made.first() != txs.get(0).tx() || made.count() != txs.size()) {
        made = new ColumnsOf(txs.get(0).tx(), txs.size(), ColumnSort.Columns.of(ColumnSort.Batch.of(txs)));
        s.columns().set(made);
      }
      return made.columns();
    }
  }

  /** Columns of the sealed transactions from {@code first} on, {@code count} of them (null: they do not apply). */
  private record ColumnsOf(long first, int count, ColumnSort.Columns columns) {}

  /** Whether a transaction up to {@code tx} retracts anything. */
  private boolean retractsUpTo(long tx) {
    if (retractions == 0) {
      return false;
    }
    synchronized (transactions) {
      for (int i = 0; i < transactions.size() && transactions.get(i).tx() <= tx; i++) {
        if (transactionSizes.get(i).retractions() > 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** How many datoms of one order lie in a range (including those above any reader's basis). */
  public long count(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    sortPending(index, from, to);
    Layers l = layers.get(index.ordinal());
    long n = Math.max(0,
        SortedRuns.end(l.head(), to, toInclusive, index) - SortedRuns.start(l.head(), from, fromInclusive, index));
    for (int i = 0; i < l.runs().size(); i++) {
      Datom[] run = l.runs().get(i);
      RunKeys.Keys k = l.keys().forRead(i);
      int[] span = SortedRuns.span(run, k == null ? null : k.lead(), index, from, to);
      int lo = from == null ? span[0]
          : SortedRuns.search(run, span[0], span[1], from, !fromInclusive, index.comparator());
      int hi = to == null ? span[1] : SortedRuns.search(run, lo, span[1], to, toInclusive, index.comparator());
      n += Math.max(0, hi - lo);
    }
    return n;
  }

  /** The last transaction sorted into an order's layers (for tests). */
  long sortedUpTo(Index index) {
    return sortedTx.get(index.ordinal());
  }

  /** How many sorted layers an order has now (for tests and diagnostics). */
  int layerCount(Index index) {
    sortPending(index);
    Layers l = layers.get(index.ordinal());
    return l.runs().size() + (l.head().length == 0 ? 0 : 1);
  }

  /**
   * Whether any retraction was ever added. Without one, the datoms of this layer are all
   * assertions of distinct facts (the transactor drops redundant ones), so a reader of the current
   * value need not group them by fact.
   */
  public boolean hasRetractions() {
    return retractions > 0;
  }

  /**
   * A transaction at or below every datom this index holds (the first ever added; MIN_VALUE while
   * empty): a reader whose persisted trees end before it needs no filter on this layer.
   */
  public long firstTx() {
    return firstTx;
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

  /**
   * Seals the datoms up to {@code tx}, for an index job that is about to merge them into
   * storage: in every order they are moved into runs of their own (the head and any run that
   * also holds later transactions are split by transaction), and those runs are never merged with
   * later ones. Merging them again would copy datoms that the job's {@link #after} drops anyway;
   * sealed, {@code after(tx)} keeps the later runs as they are instead of filtering every run.
   * Later transactions (processed while their log write is in flight) stay unsealed. Only the
   * single writer calls this.
   *
   * @throws IllegalArgumentException if {@code tx} is before the last seal
   */
  public void seal(long tx) {
    Sealed last = sealed;
    if (last != null && tx < last.tx()) {
      throw new IllegalArgumentException("seal at " + tx + " is before the last seal at " + last.tx());
    }
    synchronized (sortLock) {
      List<List<Datom[]>> runs = new ArrayList<>();
      List<List<CommittedTx>> unsorted = new ArrayList<>();
      for (Index index : Index.values()) {
        Layers l = layers.get(index.ordinal());
        int wasSealed = sealedRuns(index);
        List<Datom[]> upTo = new ArrayList<>(l.runs().subList(0, wasSealed));
        List<Datom[]> later = new ArrayList<>();
        List<Datom[]> unsealed = new ArrayList<>(l.runs().subList(wasSealed, l.runs().size()));
        if (l.head().length > 0) {
          unsealed.add(l.head());
        }
        boolean all = tx >= sortedTx.get(index.ordinal()); // the usual seal, at or after the last sorted: no run to split
        for (Datom[] run : unsealed) {
          int upToTx = all ? run.length : countUpTo(run, tx);
          Datom[] before = upToTx == run.length ? run : upToTx == 0 ? EMPTY : between(run, Long.MIN_VALUE, tx);
          Datom[] after = upToTx == run.length ? EMPTY : upToTx == 0 ? run : between(run, tx, Long.MAX_VALUE);
          if (before.length > 0) {
            SortedRuns.push(upTo, before, index, wasSealed);
          }
          if (after.length > 0) {
            later.add(after);
          }
        }
        int nowSealed = upTo.size();
        for (Datom[] run : later) {
          SortedRuns.push(upTo, run, index, nowSealed);
        }
        layers.set(index.ordinal(), Layers.of(index, EMPTY, upTo, l));
        sealedCounts[index.ordinal()] = nowSealed;
        runs.add(List.copyOf(upTo.subList(0, nowSealed)));
        List<CommittedTx> pending = new ArrayList<>();
        for (CommittedTx t : pendingAfter(sortedTx.get(index.ordinal()))) {
          if (t.tx() <= tx) {
            pending.add(t);
          }
        }
        unsorted.add(List.copyOf(pending));
      }
      sealed = new Sealed(tx, List.copyOf(runs), List.copyOf(unsorted), new AtomicReference<>());
    }
  }

  /**
   * Lets sealed runs merge again (the index job they were sealed for failed; a later one seals
   * anew). Only the single writer calls this.
   */
  public void unseal() {
    synchronized (sortLock) {
      sealed = null;
      Arrays.fill(sealedCounts, 0);
    }
  }

  /**
   * A new index holding the transactions after {@code tx}, in order. Built from this index's
   * sorted layers, filtered by transaction, rather than by adding the transactions again: an
   * index job's installation costs a pass over the novelty, not a sort of what remains of it.
   * Only the single writer calls this (or a reader that holds what feeds it, as a peer does).
   */
  public MemoryIndex after(long tx) {
    MemoryIndex rest = new MemoryIndex(isRef, lookedUp, headLimit, runAtOnce, pairThreshold, sortOnRead);
    synchronized (sortLock) { // the layers and what is pending stay as they are meanwhile
      List<CommittedTx> kept = new ArrayList<>();
      List<TxSize> keptSizes = new ArrayList<>();
      synchronized (transactions) {
        for (int i = 0; i < transactions.size(); i++) {
          if (transactions.get(i).tx() > tx) {
            kept.add(transactions.get(i));
            keptSizes.add(transactionSizes.get(i));
          }
        }
      }
      rest.lastTx = lastTx;
      if (kept.isEmpty()) {
        return rest;
      }
      long upTo = kept.get(kept.size() - 1).tx();
      for (Index index : Index.values()) {
        Layers l = layers.get(index.ordinal());
        Sealed s = sealed;
        if (s != null && tx == s.tx()) {
          // the runs after the sealed ones hold exactly the sorted transactions after tx: kept as they are
          int n = sealedRuns(index);
          rest.layers.set(index.ordinal(), l.from(n, between(l.head(), tx, upTo)));
          continue;
        }
        List<Datom[]> runs = new ArrayList<>();
        for (Datom[] run : l.runs()) {
          Datom[] left = between(run, tx, upTo);
          if (left.length > 0) {
            SortedRuns.push(runs, left, index, 0);
          }
        }
        rest.layers.set(index.ordinal(), Layers.of(index, between(l.head(), tx, upTo), runs, l));
      }
      long bytesKept = 0;
      long retractionsKept = 0;
      long datomsKept = 0;
      for (int i = 0; i < kept.size(); i++) {
        bytesKept += keptSizes.get(i).bytes();
        retractionsKept += keptSizes.get(i).retractions();
        datomsKept += kept.get(i).datoms().size();
      }
      rest.transactions.addAll(kept);
      rest.transactionSizes.addAll(keptSizes);
      for (Index index : Index.values()) { // the kept transactions this index had not sorted stay pending
        rest.sortedTx.set(index.ordinal(), Math.max(tx, sortedTx.get(index.ordinal())));
      }
      rest.datoms = datomsKept;
      rest.bytes = bytesKept;
      rest.retractions = retractionsKept;
      rest.firstTx = kept.get(0).tx();
      rest.lastTx = Math.max(upTo, lastTx);
      // the looked-up attributes this index hashed (every looked-up attribute of a transaction
      // added) keep their kept transactions' entries; one of the sorted datoms kept that is looked
      // up but not hashed yet is hashed anew
      rest.valueHash.keepAfter(valueHash, tx);
      for (long a : rest.attributes()) {
        if (lookedUp.test(a) && !rest.valueHash.isHashed(a)) {
          rest.backfill(a);
        }
      }
      return rest;
    }
  }

  /** The attributes of the sorted datoms held, from the AEVT layers (their lead arrays are the attributes). */
  private Set<Long> attributes() {
    Set<Long> out = new HashSet<>();
    Layers l = layers.get(Index.AEVT.ordinal());
    for (int i = 0; i < l.runs().size(); i++) {
      RunKeys.Keys k = l.keys().ifBuilt(i);
      long[] leads = k == null ? null : k.lead();
      Datom[] run = l.runs().get(i);
      long last = 0;
      for (int j = 0; j < run.length; j++) {
        long a = leads != null ? leads[j] : run[j].a();
        if (j == 0 || a != last) {
          out.add(a);
          last = a;
        }
      }
    }
    for (Datom d : l.head()) {
      out.add(d.a());
    }
    return out;
  }

  /** How many datoms of {@code run} are of transactions up to {@code tx}: one pass, to split a run only when it must be. */
  private static int countUpTo(Datom[] run, long tx) {
    int n = 0;
    for (Datom d : run) {
      if (d.tx() <= tx) {
        n++;
      }
    }
    return n;
  }

  /** The datoms of a sorted array with {@code after < tx <= upTo}, in order (the array itself if all are). */
  private static Datom[] between(Datom[] sorted, long after, long upTo) {
    int n = 0;
    for (Datom d : sorted) {
      if (d.tx() > after && d.tx() <= upTo) {
        n++;
      }
    }
    if (n == sorted.length) {
      return sorted;
    }
    Datom[] out = new Datom[n];
    int i = 0;
    for (Datom d : sorted) {
      if (d.tx() > after && d.tx() <= upTo) {
        out[i++] = d;
      }
    }
    return out;
  }
}

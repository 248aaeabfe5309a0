package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.DeferredDatoms;
import org.datolite.storage.log.LogBlock;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The novelty's layers (a small sorted head and sorted runs merged like a binary counter) against a
 * plain sorted set per order: every range, forward and reverse, and every count, after random
 * transactions of random sizes, an index job's seal of the first ones, rollbacks of the last ones
 * and an index job's cut ({@code after}: what remains once the first transactions are indexed,
 * against the same transactions added to a fresh index), at the seal or elsewhere; and the
 * galloping merge of two runs against a sort.
 */
class MemoryIndexModelTest {
  private static final long TX0 = 1_000;

  /** Two runs made of alternating stretches (long ones make the merge gallop) merge into one sorted run. */
  @Test
  void merge_interleavesStretches() {
    Gen<Integer> sizes = Gen.ints(0, 400);
    Gen<Integer> maxStretches = Gen.ints(1, 60);
    Seeds.check(300, random -> interleave(sizes.next(random), maxStretches.next(random), random));
  }

  private static void interleave(int n, int maxStretch, Random random) {
    List<Datom> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new Datom(i, 10, (long) i, TX0, true));
    }
    List<Datom> x = new ArrayList<>();
    List<Datom> y = new ArrayList<>();
    boolean toX = random.nextBoolean();
    for (int i = 0; i < n; ) {
      int stretch = 1 + random.nextInt(maxStretch);
      for (int k = 0; k < stretch && i < n; k++, i++) {
        (toX ? x : y).add(all.get(i));
      }
      toX = !toX;
    }
    Datom[] merged = SortedRuns.merge(x.toArray(new Datom[0]), y.toArray(new Datom[0]), Index.EAVT.comparator());
    assertEquals(all, List.of(merged));
    assertEquals(all, List.of(SortedRuns.merge(y.toArray(new Datom[0]), x.toArray(new Datom[0]),
        Index.EAVT.comparator())));
  }

  /** A transaction's datoms sorted into each order (split by attribute first when large) as a plain sort does. */
  @Test
  void sortBatch_sortsLikeASort() {
    Gen<Integer> sizes = Gen.ints(0, 300);
    Seeds.check(300, random -> {
      TreeSet<Datom> eavt = new TreeSet<>(Index.EAVT.comparator());
      int n = sizes.next(random);
      int attributes = random.nextBoolean() ? 4 : 150; // few, or more than the bucketing's first table holds
      for (int i = 0; i < n; i++) { // few values, so that many datoms share one (ties ordered by e, then added)
        Object v = random.nextBoolean() ? (Object) (long) random.nextInt(5) : "s" + random.nextInt(5);
        eavt.add(new Datom(1 + random.nextInt(40), 10 + random.nextInt(attributes), v, TX0, random.nextBoolean()));
      }
      List<Datom> datoms = new ArrayList<>(eavt);
      if (random.nextInt(4) == 0) {
        Collections.shuffle(datoms, random); // not in EAVT order: the general path
      }
      if (random.nextInt(4) == 0) {
        datoms = consecutiveTransactions(random); // in EAVT order per attribute, not as a whole
      }
      for (Index order : Index.values()) {
        Datom[] expected = datoms.toArray(new Datom[0]);
        Arrays.sort(expected, order.comparator());
        Datom[] sorted = MemoryIndex.sortBatch(order, datoms.toArray(new Datom[0]), 1 + random.nextInt(50));
        assertEquals(List.of(expected), List.of(sorted), order.toString());
      }
    });
  }

  /**
   * A few transactions one after another, as a bulk load's are when sorted together: each in EAVT
   * order, of new entities above the last one's, and each ending with its transaction entity's
   * datom (above every entity), so that the whole is in EAVT order per attribute but not as a whole.
   */
  private static List<Datom> consecutiveTransactions(Random random) {
    List<Datom> out = new ArrayList<>();
    long e = 1;
    int txs = 1 + random.nextInt(5);
    for (int t = 0; t < txs; t++) {
      long tx = TX0 + 1_000_000 + t;
      int entities = random.nextInt(30);
      for (int i = 0; i < entities; i++, e++) {
        for (int a = 10; a < 14; a++) {
          if (random.nextInt(3) > 0) {
            Object v = a % 2 == 0 ? (Object) (long) random.nextInt(5) : "s" + random.nextInt(5);
            out.add(new Datom(e, a, v, tx, true));
          }
        }
      }
      out.add(new Datom(tx, 14, (long) random.nextInt(5), tx, true));
    }
    return out;
  }

  /**
   * A pair's history started while a transaction touching the pair is listed but not yet
   * published (its {@code add} has checked for histories to fold into, and has not yet moved the
   * last tx past it) holds that transaction: in both ways of sorting, the history sorts every
   * listed transaction in. Found in review; the window is recreated by moving the last tx back.
   */
  @Test
  void pairHistory_startedWhileATransactionIsAdded_holdsIt() throws Exception {
    for (int way = 0; way < 3; way++) { // sorted on add, on read, on read and pushed (deferred)
      boolean sortOnRead = way > 0;
      MemoryIndex index = new MemoryIndex(a -> false, 4, 2, 1, sortOnRead);
      index.add(new CommittedTx(0, TX0, List.of(new Datom(1, 10, 1L, TX0, true))));
      index.add(new CommittedTx(1, TX0 + 1, List.of(new Datom(1, 10, 1L, TX0 + 1, false),
          new Datom(1, 10, 2L, TX0 + 1, true))));
      index.count(Index.EAVT, null, true, null, true); // sorted up to TX0 + 1 in both ways
      CommittedTx third = new CommittedTx(2, TX0 + 2, List.of(new Datom(1, 10, 2L, TX0 + 2, false),
          new Datom(1, 10, 3L, TX0 + 2, true)));
      index.add(way == 2 ? deferred(third) : third);
      Field lastTx = MemoryIndex.class.getDeclaredField("lastTx");
      lastTx.setAccessible(true);
      lastTx.setLong(index, TX0 + 1); // as inside add(TX0 + 2): listed, its fold found no history
      PairHistory h = index.pairHistory(1, 10);
      lastTx.setLong(index, TX0 + 2);
      assertEquals(List.of(new Datom(1, 10, 3L, TX0 + 2, true)), List.of(h.at(TX0 + 2).live()),
          "way " + way);
    }
  }

  /**
   * A pushed transaction not yet decoded is folded into the pair histories of its attributes
   * (decoded then), and left undecoded when no history is of its attributes.
   */
  @Test
  void pairHistory_foldsDeferredTransactionsOfItsAttribute_only() {
    MemoryIndex index = new MemoryIndex(a -> false, 4, 2, 1, true);
    index.add(new CommittedTx(0, TX0, List.of(new Datom(1, 10, 1L, TX0, true))));
    index.add(deferred(new CommittedTx(1, TX0 + 1, List.of(new Datom(1, 10, 1L, TX0 + 1, false),
        new Datom(1, 10, 2L, TX0 + 1, true)))));
    PairHistory h = index.pairHistory(1, 10);
    assertEquals(List.of(new Datom(1, 10, 2L, TX0 + 1, true)), List.of(h.at(TX0 + 1).live()));
    index.add(deferred(new CommittedTx(2, TX0 + 2, List.of(new Datom(1, 10, 2L, TX0 + 2, false),
        new Datom(1, 10, 3L, TX0 + 2, true)))));
    assertEquals(List.of(new Datom(1, 10, 3L, TX0 + 2, true)), List.of(h.at(TX0 + 2).live()), "folded");
    CommittedTx other = deferred(new CommittedTx(3, TX0 + 3, List.of(new Datom(2, 11, 5L, TX0 + 3, true))));
    index.add(other);
    assertFalse(((DeferredDatoms) other.datoms()).isDecoded(), "no history of attribute 11: not read");
    assertEquals(1, index.count(Index.AEVT, Index.AEVT.lowerBound(11), true, Index.AEVT.upperBound(11), true));
    assertTrue(((DeferredDatoms) other.datoms()).isDecoded(), "decoded by the first read of its order");
    assertEquals(6, index.count(Index.EAVT, null, true, null, true));
  }

  /**
   * A looked-up attribute of the transaction entity alone (as the transaction uuid is) is hashed
   * from the transaction's own datoms: the rest stays undecoded.
   */
  @Test
  void valueHash_ofTheTransactionEntityAlone_leavesTheRestUndecoded() {
    MemoryIndex index = new MemoryIndex(a -> false, a -> a == 50, 4, 2, true);
    index.add(deferred(new CommittedTx(0, TX0, List.of(new Datom(TX0, 50, "uuid-0", TX0, true),
        new Datom(1, 10, 1L, TX0, true)))));
    CommittedTx second = deferred(new CommittedTx(1, TX0 + 1, List.of(new Datom(TX0 + 1, 50, "uuid-1", TX0 + 1, true),
        new Datom(2, 10, 2L, TX0 + 1, true), new Datom(2, 11, 3L, TX0 + 1, true))));
    index.add(second);
    assertFalse(((DeferredDatoms) second.datoms()).isDecoded());
    for (String uuid : List.of("uuid-0", "uuid-1")) { // one attribute and one value: the hash answers
      List<Datom> found = new ArrayList<>();
      index.ranges(Index.AVET, Index.AVET.lowerBound(50L, uuid), true, Index.AVET.upperBound(50L, uuid), true, false)
          .forEach(it -> it.forEachRemaining(found::add));
      assertEquals(1, found.size(), uuid);
    }
    assertFalse(((DeferredDatoms) second.datoms()).isDecoded(), "answered from the hash");
    assertEquals(5, index.count(Index.EAVT, null, true, null, true));
  }

  private static CommittedTx deferred(CommittedTx tx) {
    return LogBlock.decodeDeferred(LogBlock.encode(List.of(tx)), "db/log/" + tx.t()).get(0);
  }

  /**
   * An EAVT range of entities no pending transaction has (a bulk load's reserved ids) is read
   * without sorting the pending ones in; one that may hold some sorts them first.
   */
  @Test
  void anEavtRangeBeyondThePendingEntities_leavesThemPending() {
    for (boolean pushed : new boolean[] {false, true}) {
      MemoryIndex index = new MemoryIndex(a -> false, 4, 2, 1, true);
      List<Datom> first = new ArrayList<>();
      for (long e = 1; e <= 10; e++) {
        first.add(new Datom(e, 10, e, TX0, true));
      }
      first.add(new Datom(TX0, 11, 7L, TX0, true)); // the transaction entity's own
      CommittedTx committed = new CommittedTx(0, TX0, first);
      index.add(pushed ? deferred(committed) : committed);
      List<Datom> beyond = read(index.ranges(Index.EAVT, Index.EAVT.lowerBound(5000), true,
          Index.EAVT.upperBound(6000), true, false), Index.EAVT, false);
      assertEquals(List.of(), beyond);
      assertEquals(pushed ? TX0 : Long.MIN_VALUE, index.sortedUpTo(Index.EAVT),
          pushed ? "a pushed transaction's entities are not known unread: sorted" : "left pending");
      assertEquals(0, index.count(Index.EAVT, Index.EAVT.lowerBound(5000), true, Index.EAVT.upperBound(6000), true));
      Datom later = new Datom(5500, 10, 1L, TX0 + 1, true);
      index.add(new CommittedTx(1, TX0 + 1, List.of(later)));
      assertEquals(List.of(later), read(index.ranges(Index.EAVT, Index.EAVT.lowerBound(5000), true,
          Index.EAVT.upperBound(6000), true, false), Index.EAVT, false), "a pending transaction in the range");
      assertEquals(TX0 + 1, index.sortedUpTo(Index.EAVT));
      assertEquals(List.of(first.get(4)), read(index.ranges(Index.EAVT, Index.EAVT.lowerBound(5), true,
          Index.EAVT.upperBound(5), true, false), Index.EAVT, false));
    }
    // more pending transactions than a read looks at: they are sorted in
    MemoryIndex index = new MemoryIndex(a -> false, 4, 2, 1, true);
    long tx = TX0;
    for (int t = 0; t <= MemoryIndex.PENDING_LOOKED_AT; t++, tx++) {
      index.add(new CommittedTx(t, tx, List.of(new Datom(1 + t, 10, 1L, tx, true))));
    }
    assertEquals(List.of(), read(index.ranges(Index.EAVT, Index.EAVT.lowerBound(5000), true,
        Index.EAVT.upperBound(6000), true, false), Index.EAVT, false));
    assertEquals(tx - 1, index.sortedUpTo(Index.EAVT), "sorted in");
    // as many large ones (a load committed every few hundred rows): looked at, left pending, not made
    index = new MemoryIndex(a -> false, 4, 2, 1, true);
    List<ColumnDatoms> large = new ArrayList<>();
    for (int t = 0; t <= 2 * MemoryIndex.PENDING_LOOKED_AT; t++) {
      List<Datom> rows = new ArrayList<>();
      for (int r = 0; r < 300; r++) {
        rows.add(new Datom(1 + 300L * t + r, 10, (long) r, TX0 + t, true));
      }
      large.add(ColumnDatoms.of(TX0 + t, rows));
      index.add(new CommittedTx(t, TX0 + t, large.get(t)));
    }
    assertEquals(List.of(), read(index.ranges(Index.EAVT, Index.EAVT.lowerBound(1_000_000), true,
        Index.EAVT.upperBound(1_000_100), true, false), Index.EAVT, false));
    assertEquals(Long.MIN_VALUE, index.sortedUpTo(Index.EAVT), "large transactions are looked at, left pending");
    assertTrue(large.stream().noneMatch(ColumnDatoms::isMade), "their columns are not made into datoms");
  }

  @Test
  void layers_readLikeOneSortedSet() {
    Gen<List<Integer>> sizes = Gen.ints(1, 40).list(1, 30);
    Gen<Integer> rollbacks = Gen.ints(0, 5);
    Gen<Integer> headLimits = Gen.ints(2, 9);
    Gen<Integer> runsAtOnce = Gen.ints(1, 12);
    Seeds.check(200, random -> layers(sizes.next(random), rollbacks.next(random), headLimits.next(random),
        runsAtOnce.next(random), random));
  }

  /** Transactions of the given sizes added to one memory index, the last {@code rollback} removed, read back. */
  private static void layers(List<Integer> sizes, int rollback, int headLimit, int runAtOnce, Random random) {
    // Attribute 11 is looked up from the start; 10 only from the fifth transaction on (backfilled).
    int[] added = {0};
    LongPredicate lookedUp = a -> a == 11 || (a == 10 && added[0] >= 5);
    boolean sortOnRead = random.nextBoolean(); // a peer's novelty, else the transactor's
    MemoryIndex index = new MemoryIndex(a -> a == 12, lookedUp, headLimit, runAtOnce, sortOnRead);
    List<List<Datom>> txs = new ArrayList<>();
    // Most of the time an index job seals the first transactions on the way (MemoryIndex.seal).
    int sealWhen = random.nextInt(3) == 0 ? -1 : random.nextInt(sizes.size());
    int sealedUpTo = -1;
    // A third of the time a load: assertions only, which an index job reads as new datoms made
    // from the columns (MemoryIndex.sorted) rather than the transactions' own
    boolean load = random.nextInt(3) == 0;
    for (int t = 0; t < sizes.size(); t++) {
      long tx = TX0 + t;
      TreeSet<Datom> datoms = new TreeSet<>(Index.EAVT.comparator());
      while (datoms.size() < sizes.get(t)) {
        datoms.add(new Datom(1 + random.nextInt(30), 10 + random.nextInt(3), (long) random.nextInt(20), tx,
            load || random.nextBoolean()));
      }
      if (random.nextBoolean()) { // the transaction entity's own datom of a looked-up attribute, as its uuid is
        datoms.add(new Datom(tx, 11, (long) random.nextInt(20), tx, true));
      }
      txs.add(new ArrayList<>(datoms));
      // the transactor holds a large transaction as columns (ColumnDatoms), read as a list or not
      CommittedTx committed = new CommittedTx(t, tx, random.nextBoolean() ? ColumnDatoms.of(tx, new ArrayList<>(datoms))
          : new ArrayList<>(datoms));
      // a peer's novelty is pushed transactions, mostly decoded when first read (DeferredDatoms)
      index.add(sortOnRead && random.nextInt(4) != 0 ? deferred(committed) : committed);
      added[0]++;
      if (random.nextInt(3) == 0) { // a reader now: what was added so far is sorted in; else it stays pending
        Index order = Index.values()[random.nextInt(Index.values().length)];
        assertEquals(expected(txs, order).size(), index.count(order, null, true, null, true), order + " after " + t);
      } else if (random.nextInt(3) == 0) { // entities of a range, perhaps none pending (sorted in only if some may be)
        long lowest = 1 + random.nextInt(40);
        long highest = lowest + random.nextInt(10);
        List<Datom> expected = expected(txs, Index.EAVT).stream().filter(d -> d.e() >= lowest && d.e() <= highest).toList();
        assertEquals(expected, read(index.ranges(Index.EAVT, Index.EAVT.lowerBound(lowest), true,
            Index.EAVT.upperBound(highest), true, false), Index.EAVT, false), "entities " + lowest + ".." + highest);
      }
      if (t == sealWhen) {
        sealedUpTo = random.nextInt(t + 1);
        index.seal(TX0 + sealedUpTo);
        for (Index order : Index.values()) { // what the index job reads: the sealed runs alone
          TreeSet<Datom> model = new TreeSet<>(order.comparator());
          for (List<Datom> sealedTx : txs.subList(0, sealedUpTo + 1)) {
            for (Datom d : sealedTx) {
              if (order != Index.VAET || d.a() == 12) {
                model.add(d);
              }
            }
          }
          List<Datom> read = new ArrayList<>();
          index.sorted(order, TX0 - 1, TX0 + sealedUpTo).forEachRemaining(read::add);
          assertEquals(new ArrayList<>(model), read, order + " sealed up to " + sealedUpTo);
        }
      }
    }
    if (sealedUpTo >= 0) { // what the job reads after later transactions were added, and perhaps read
      for (Index order : Index.values()) {
        TreeSet<Datom> model = new TreeSet<>(order.comparator());
        for (List<Datom> sealedTx : txs.subList(0, sealedUpTo + 1)) {
          model.addAll(sealedTx.stream().filter(d -> order != Index.VAET || d.a() == 12).toList());
        }
        List<Datom> read = new ArrayList<>();
        index.sorted(order, TX0 - 1, TX0 + sealedUpTo).forEachRemaining(read::add);
        assertEquals(new ArrayList<>(model), read, order + " sealed up to " + sealedUpTo + ", read at the end");
      }
    }
    int kept = Math.max(0, txs.size() - rollback);
    if (rollback > 0) {
      index.removeAfter(TX0 + kept - 1);
    }
    if (kept > 0) {
      assertEquals(TX0 + kept - 1, index.lastTx());
    } else {
      assertTrue(index.lastTx() < TX0);
    }
    // Half the time an index job has taken the first transactions: what remains is read instead.
    int cut = random.nextBoolean() ? 0
        : sealedUpTo >= 0 && sealedUpTo < kept && random.nextBoolean() ? sealedUpTo + 1 // the job that sealed
        : random.nextInt(kept + 1);
    if (cut > 0) {
      MemoryIndex naive = new MemoryIndex(a -> a == 12, lookedUp, headLimit, runAtOnce, false);
      for (int t = cut; t < kept; t++) {
        naive.add(new CommittedTx(t, TX0 + t, txs.get(t)));
      }
      index = index.after(TX0 + cut - 1);
      assertEquals(naive.estimatedBytes(), index.estimatedBytes(), "bytes after the cut");
      assertEquals(naive.size(), index.size(), "datoms after the cut");
      assertEquals(naive.hasRetractions(), index.hasRetractions(), "retractions after the cut");
      assertEquals(kept > cut ? TX0 + cut : Long.MIN_VALUE, index.firstTx(), "first tx after the cut");
      if (kept > 0) {
        assertEquals(TX0 + kept - 1, index.lastTx());
      }
    }
    assertEquals(txs.subList(cut, kept).stream().mapToLong(List::size).sum(), index.size());
    for (int t = 0; t < txs.size(); t++) {
      assertEquals(t >= cut && t < kept ? txs.get(t) : List.of(), index.transaction(TX0 + t), "transaction " + t);
    }
    for (Index order : Index.values()) {
      TreeSet<Datom> model = new TreeSet<>(order.comparator());
      for (List<Datom> tx : txs.subList(cut, kept)) {
        for (Datom d : tx) {
          if (order != Index.VAET || d.a() == 12) {
            model.add(d);
          }
        }
      }
      List<Datom> all = new ArrayList<>(model);
      for (int probe = 0; probe < 12; probe++) {
        Datom from = random.nextInt(4) == 0 || all.isEmpty() ? null : pick(all, random);
        Datom to = random.nextInt(4) == 0 || all.isEmpty() ? null : pick(all, random);
        boolean fi = random.nextBoolean();
        boolean ti = random.nextBoolean();
        List<Datom> expected = expected(model, from, fi, to, ti, order);
        assertEquals(expected, read(index.ranges(order, from, fi, to, ti, false), order, false),
            order + " forward " + from + (fi ? "[" : "(") + " .. " + to + (ti ? "]" : ")"));
        List<Datom> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertEquals(reversed, read(index.ranges(order, from, fi, to, ti, true), order, true), order + " reverse");
        assertEquals(expected.size(), index.count(order, from, fi, to, ti), order + " count");
      }
      if (order == Index.AVET) {
        // Point lookups of one attribute and one value (answered from the hash when looked up).
        for (int probe = 0; probe < 12; probe++) {
          long a = 10 + random.nextInt(3);
          long v = random.nextInt(20);
          Datom from = Index.AVET.lowerBound(a, v);
          Datom to = Index.AVET.upperBound(a, v);
          boolean reverse = random.nextBoolean();
          List<Datom> expected = expected(model, from, true, to, true, order);
          if (reverse) {
            Collections.reverse(expected);
          }
          assertEquals(expected, read(index.ranges(order, from, true, to, true, reverse), order, reverse),
              "point lookup of attribute " + a + " value " + v);
        }
      }
      assertTrue(index.layerCount(order) <= 2 + 2 * (64 - Long.numberOfLeadingZeros(Math.max(1, all.size()))),
          order + ": " + index.layerCount(order) + " layers for " + all.size() + " datoms");
    }
  }

  /** Every datom of some transactions that enters an order, in it. */
  private static TreeSet<Datom> expected(List<List<Datom>> txs, Index order) {
    TreeSet<Datom> model = new TreeSet<>(order.comparator());
    for (List<Datom> tx : txs) {
      for (Datom d : tx) {
        if (order != Index.VAET || d.a() == 12) {
          model.add(d);
        }
      }
    }
    return model;
  }

  private static Datom pick(List<Datom> all, Random random) {
    Datom d = all.get(random.nextInt(all.size()));
    return random.nextBoolean() ? d : new Datom(d.e(), d.a(), d.v(), d.tx() + 1, d.added()); // a key between datoms
  }

  private static List<Datom> expected(TreeSet<Datom> model, Datom from, boolean fi, Datom to, boolean ti, Index order) {
    List<Datom> out = new ArrayList<>();
    for (Datom d : model) {
      int lo = from == null ? 1 : order.comparator().compare(d, from);
      int hi = to == null ? -1 : order.comparator().compare(d, to);
      if ((lo > 0 || (fi && lo == 0)) && (hi < 0 || (ti && hi == 0))) {
        out.add(d);
      }
    }
    return out;
  }

  /** Merges the layers' iterators the way a database value does. */
  private static List<Datom> read(List<Iterator<Datom>> layers, Index order, boolean reverse) {
    Comparator<Datom> cmp = reverse ? order.comparator().reversed() : order.comparator();
    record Head(Datom d, Iterator<Datom> rest) {}
    PriorityQueue<Head> queue = new PriorityQueue<>((x, y) -> cmp.compare(x.d(), y.d()));
    for (Iterator<Datom> it : layers) {
      if (it.hasNext()) {
        queue.add(new Head(it.next(), it));
      }
    }
    List<Datom> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      Head h = queue.poll();
      out.add(h.d());
      if (h.rest().hasNext()) {
        queue.add(new Head(h.rest().next(), h.rest()));
      }
    }
    return out;
  }
}

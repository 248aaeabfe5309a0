package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Database values over persisted trees and novelty layers, in every view, compared with a naive
 * replay of the transaction log. Transactions toggle facts (assert if false, retract if true);
 * a prefix of them is indexed into trees, the rest stays in memory in one or two layers.
 */
class DbModelTest {
  private static final LongPredicate REF = a -> a == 12;
  private static final Executor ORDERS = ForkJoinPool.commonPool();
  private static final long TX0 = 1000;

  record Toggle(long e, long a, long v) {}

  record View(Integer asOf, Integer since, boolean history, boolean evenEntitiesOnly) {}

  record Range(Long first, boolean bounded) {}

  private static Gen<List<Toggle>> transactions() {
    Gen<Long> e = Gen.longs(1, 6);
    Gen<Long> a = Gen.longs(10, 12);
    Gen<Long> v = Gen.longs(0, 3);
    Gen<Toggle> toggle = r -> new Toggle(e.next(r), a.next(r), v.next(r));
    return toggle.uniqueList(1, 3);
  }

  private static Gen<View> views() {
    Gen<Integer> point = Gen.ints(0, 40).orNull(0.5);
    return r -> new View(point.next(r), point.next(r), r.nextBoolean(), r.nextBoolean());
  }

  private static Gen<Range> ranges() {
    Gen<Long> first = Gen.longs(0, 13).orNull(0.3);
    return r -> new Range(first.next(r), r.nextBoolean());
  }

  /** An attribute changed since a transaction, found in a novelty of transactions held as columns without making their datoms. */
  @Test
  void changedSince_anAttribute_readsTheColumns() {
    MemoryIndex novelty = new MemoryIndex(REF, a -> false, true); // the transactor's: sorted when read
    List<ColumnDatoms> txs = new ArrayList<>();
    for (int t = 1; t <= 3; t++) {
      List<Datom> datoms = new ArrayList<>();
      for (long e = 1; e <= 5; e++) {
        datoms.add(Datom.of(100 * t + e, 10 + t, e, TX0 + t)); // transaction t sets attribute 10 + t
      }
      txs.add(ColumnDatoms.of(TX0 + t, datoms));
      novelty.add(new CommittedTx(t, TX0 + t, txs.get(t - 1)));
    }
    Db db = Db.of(IndexSet.empty(new NodeStore(new MemoryStore("changed"), new SegmentCache(1L << 20), "c/"),
        new TreeConfig(4, 1024, 3)), Long.MIN_VALUE, List.of(novelty), TX0 + 3);
    assertTrue(db.changedSince(TX0 + 1, null, 12), "attribute 12, set by transaction 2");
    assertTrue(db.changedSince(TX0, null, 11));
    assertFalse(db.changedSince(TX0 + 1, null, 11), "attribute 11 not set after transaction 1");
    assertFalse(db.changedSince(TX0, null, 14), "an attribute no transaction sets");
    assertTrue(txs.stream().noneMatch(ColumnDatoms::isMade), "the columns were read as they are");
  }

  @Test
  void views_matchNaiveReplay() {
    Gen<List<List<Toggle>>> txs = transactions().list(1, 30);
    Gen<Integer> indexedUpTo = Gen.ints(0, 30);
    Gen<Integer> layerSplit = Gen.ints(0, 30);
    Gen<List<View>> views = views().list(3, 8);
    Gen<List<Range>> ranges = ranges().list(3, 6);
    AtomicInteger bulk = new AtomicInteger();
    Seeds.check(200, random -> replay(txs.next(random), random.nextBoolean(), indexedUpTo.next(random),
        layerSplit.next(random), random.nextBoolean(), views.next(random), ranges.next(random), bulk));
    assertTrue((bulk.get() & 0xFFFFF) > 50, "bulk lookups were tried on only " + (bulk.get() & 0xFFFFF)
        + " values of current facts");
    // about 13 of the 200 tries read several levels (10 to 17 in six runs): at least 3 fails about once in 7,000 runs
    assertTrue(bulk.get() >> 20 >= 3, "only " + (bulk.get() >> 20) + " replays read persisted indexes of several levels");
  }

  /**
   * Replays the toggles (with {@code assertionsOnly}, a toggle of a true fact does nothing),
   * indexes the first {@code indexedUpTo} transactions into trees, keeps the rest in two memory
   * layers split at {@code layerSplit}, and reads every view, and the current one, against the
   * model; {@code bulk} counts the bulk lookups of current facts.
   */
  private static void replay(List<List<Toggle>> txs, boolean assertionsOnly, int indexedUpTo, int layerSplit,
      boolean untrimmedNovelty, List<View> someViews, List<Range> ranges, AtomicInteger bulk) {
    List<View> views = new ArrayList<>(someViews);
    views.add(new View(null, null, false, false));
    // Replay the log, producing the datoms of each transaction.
    Map<Datom, Datom> live = new HashMap<>();
    List<List<Datom>> log = new ArrayList<>();
    for (int t = 1; t <= txs.size(); t++) {
      long tx = TX0 + t;
      List<Datom> datoms = new ArrayList<>();
      for (Toggle toggle : txs.get(t - 1)) {
        Datom fact = new Datom(toggle.e(), toggle.a(), toggle.v(), 0, true);
        Datom assertion = assertionsOnly ? null : live.remove(fact);
        if (assertionsOnly && live.containsKey(fact)) {
          continue;
        }
        if (assertion == null) {
          Datom d = Datom.of(toggle.e(), toggle.a(), toggle.v(), tx);
          live.put(fact, d);
          datoms.add(d);
        } else {
          datoms.add(assertion.retractedBy(tx));
        }
      }
      log.add(datoms);
    }
    int n = log.size();
    int k = Math.min(indexedUpTo, n);
    int split = k + Math.min(layerSplit, n - k);

    NodeStore store = new NodeStore(new MemoryStore("db"), new SegmentCache(64L << 20), "db/");
    IndexSet persisted = IndexSet.empty(store, new TreeConfig(4, 1024, 3));
    // The prefix indexed by one to three index jobs, so that the trees form levels (IndexLevels).
    int jobs = 1 + (indexedUpTo + layerSplit) % 3;
    int done = 0;
    for (int j = 1; j <= jobs; j++) {
      int upTo = k * j / jobs;
      if (upTo == done) {
        continue;
      }
      List<Datom> job = new ArrayList<>();
      for (int t = done + 1; t <= upTo; t++) {
        job.addAll(log.get(t - 1));
      }
      if (upTo % 2 == 0) {
        persisted = persisted.merge(job, upTo, REF);
      } else {
        // The index job's way: the datoms to add picked from the novelty's sorted layers.
        MemoryIndex prefix = new MemoryIndex(REF, 3, 2);
        for (int t = done + 1; t <= upTo; t++) {
          prefix.add(new CommittedTx(t, TX0 + t, log.get(t - 1)));
        }
        persisted = persisted.merge(job, index -> prefix.sorted(index, Long.MIN_VALUE, TX0 + upTo), upTo, REF,
            a -> true, ORDERS); // the orders merged on threads of their own, as an index job does
      }
      done = upTo;
    }
    if (persisted.current(Index.AVET).levels().size() > 1 || persisted.history(Index.EAVT).levels().size() > 1) {
      bulk.addAndGet(1 << 20); // counted apart from the bulk lookups, in the high bits
    }
    // Tiny layers, so that heads freeze into runs and runs merge within a few transactions, and
    // pair histories start after 0 to 2 datoms of a pair (they also keep up with later transactions)
    int pairThreshold = layerSplit % 3;
    // (one sorts each transaction as it is added, the other when it is read: a transactor's and a peer's)
    MemoryIndex lower = new MemoryIndex(REF, 3, 2, pairThreshold, false);
    MemoryIndex upper = new MemoryIndex(REF, 4, 3, pairThreshold, true);
    for (int t = untrimmedNovelty ? 1 : k + 1; t <= n; t++) {
      // half the transactions held as columns, as the transactor keeps a large one (ColumnDatoms)
      List<Datom> datoms = log.get(t - 1);
      (t <= split ? lower : upper).add(new CommittedTx(t, TX0 + t,
          (t + layerSplit) % 2 == 0 ? ColumnDatoms.of(TX0 + t, datoms) : datoms));
      if (t == (k + n) / 2) {
        // pairs read before the last transactions arrive: their histories are then kept up to date
        Db early = Db.of(persisted, k == 0 ? Long.MIN_VALUE : TX0 + k, List.of(lower, upper), TX0 + t);
        for (long e = 1; e <= 6; e++) {
          early.currentFacts(e, 10 + e % 3);
        }
      }
    }
    Db db = Db.of(persisted, k == 0 ? Long.MIN_VALUE : TX0 + k, List.of(lower, upper), TX0 + n);

    for (View view : views) {
      Db v = db;
      if (view.asOf() != null) {
        v = v.asOf(TX0 + view.asOf());
      }
      if (view.since() != null) {
        v = v.since(TX0 + view.since());
      }
      if (view.history()) {
        v = v.history();
      }
      Predicate<Datom> even = d -> d.e() % 2 == 0;
      if (view.evenEntitiesOnly()) {
        v = v.filter(even);
      }
      lookups(v, log, view, bulk);
      // each entity's attribute read as one pair (Db.currentFacts), from pair histories where kept
      List<Datom> eavt = expected(log, Index.EAVT, view);
      for (long e = 0; e <= 7; e++) {
        for (long a = 10; a <= 12; a++) {
          List<Datom> pair = new ArrayList<>();
          for (Datom d : eavt) {
            if (d.e() == e && d.a() == a) {
              pair.add(d);
            }
          }
          if (!view.history()) {
            assertEquals(pair, v.currentFacts(e, a), "pair " + e + " " + a + " " + view);
          }
        }
      }
      for (Index index : Index.values()) {
        List<Datom> expected = expected(log, index, view);
        assertEquals(expected, drain(v.range(index, null, true, null, true)), index + " " + view);
        for (Range range : ranges) {
          Datom from = range.first() == null ? null : index.lowerBound(range.first());
          Datom to = range.first() == null ? null : range.bounded() ? index.upperBound(range.first()) : null;
          List<Datom> inRange = new ArrayList<>();
          for (Datom d : expected) {
            if ((from == null || index.comparator().compare(d, from) >= 0)
                && (to == null || index.comparator().compare(d, to) <= 0)) {
              inRange.add(d);
            }
          }
          assertEquals(inRange, drain(v.range(index, from, true, to, true)), index + " " + view + " " + range);
          List<Datom> reversed = new ArrayList<>(inRange);
          Collections.reverse(reversed);
          assertEquals(reversed, drain(v.rangeReverse(index, from, true, to, true)), "reverse " + index + " " + view + " " + range);
          assertEquals(inRange.size(), v.count(index, from, true, to, true), "count " + index + " " + view + " " + range);
        }
        // A cursor seeking forward through the ranges' starts (a merge join) sees what the model says.
        List<Datom> keys = new ArrayList<>();
        for (Range range : ranges) {
          if (range.first() != null) {
            keys.add(index.lowerBound(range.first()));
          }
        }
        keys.sort(index.comparator());
        DatomCursor cursor = v.cursor(index, null, true, null, true);
        int pos = 0;
        for (Datom key : keys) {
          cursor.seek(key, index.comparator());
          while (pos < expected.size() && index.comparator().compare(expected.get(pos), key) < 0) {
            pos++;
          }
          if (pos < expected.size()) {
            assertTrue(cursor.hasNext(), "seek " + index + " " + view + " " + key);
            assertEquals(expected.get(pos++), cursor.next(), "seek " + index + " " + view + " " + key);
          } else {
            assertFalse(cursor.hasNext(), "seek past the end " + index + " " + view + " " + key);
          }
        }
      }
    }
  }

  /**
   * {@link AttributeLookup}: each attribute's datoms of the entities 0..7 in ascending order
   * (forwards, AEVT), and of the ref values 0..7 (backwards, VAET, the ref attribute), read as a
   * list or as {@code first}/{@code next}, the same as the model's; some entities skipped. In AEVT
   * also the first datom of each of those entities looked up in bulk, in two calls.
   */
  private static void lookups(Db v, List<List<Datom>> log, View view, AtomicInteger bulk) {
    for (Index index : List.of(Index.AEVT, Index.VAET)) {
      List<Datom> expected = expected(log, index, view);
      for (long a = 10; a <= 12; a++) {
        if (index == Index.VAET && !REF.test(a)) {
          continue;
        }
        AttributeLookup asList = new AttributeLookup(v, index, a, 0, 7);
        AttributeLookup oneByOne = new AttributeLookup(v, index, a, 0, 7);
        AttributeLookup inBulk = new AttributeLookup(v, index, a, 0, 7);
        List<Long> asked = new ArrayList<>();
        List<Datom> firsts = new ArrayList<>();
        for (long n = 0; n <= 7; n++) {
          if ((n + a) % 3 == 0) {
            continue; // a gap: the lookups seek past it
          }
          long attribute = a;
          long key = n;
          List<Datom> want = expected.stream()
              .filter(d -> d.a() == attribute && (index == Index.AEVT ? d.e() == key : (long) d.v() == key))
              .toList();
          assertEquals(want, asList.datoms(n), index + " " + a + " " + n + " " + view);
          List<Datom> got = new ArrayList<>();
          for (Datom d = oneByOne.first(n); d != null; d = oneByOne.next(n)) {
            got.add(d);
          }
          assertEquals(want, got, "first/next " + index + " " + a + " " + n + " " + view);
          asked.add(n);
          firsts.add(want.isEmpty() ? null : want.get(0));
        }
        if (index == Index.AEVT) {
          long[] es = asked.stream().mapToLong(Long::longValue).toArray();
          int half = es.length / 2;
          Datom[] out = new Datom[es.length];
          Datom[] rest = new Datom[es.length - half];
          inBulk.firsts(es, half, out);
          inBulk.firsts(Arrays.copyOfRange(es, half, es.length), es.length - half, rest);
          System.arraycopy(rest, 0, out, half, rest.length);
          assertEquals(firsts, Arrays.asList(out), "firsts " + a + " " + Arrays.toString(es) + " " + view);
          if (inBulk.isBulk()) {
            bulk.incrementAndGet();
          }
        }
      }
    }
  }

  private static List<Datom> expected(List<List<Datom>> log, Index index, View view) {
    long limit = view.asOf() == null ? Long.MAX_VALUE : TX0 + view.asOf();
    long since = view.since() == null ? Long.MIN_VALUE : TX0 + view.since();
    TreeSet<Datom> out = new TreeSet<>(index.comparator());
    Map<Datom, Datom> latest = new HashMap<>();
    for (List<Datom> tx : log) {
      for (Datom d : tx) {
        if (d.tx() > limit) {
          continue;
        }
        if (view.history()) {
          out.add(d);
        } else {
          latest.put(new Datom(d.e(), d.a(), d.v(), 0, true), d);
        }
      }
    }
    if (!view.history()) {
      for (Datom d : latest.values()) {
        if (d.added()) {
          out.add(d);
        }
      }
    }
    out.removeIf(d -> d.tx() <= since
        || (view.evenEntitiesOnly() && d.e() % 2 != 0)
        || (index == Index.VAET && !REF.test(d.a())));
    return new ArrayList<>(out);
  }

  private static List<Datom> drain(Iterator<Datom> it) {
    List<Datom> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}

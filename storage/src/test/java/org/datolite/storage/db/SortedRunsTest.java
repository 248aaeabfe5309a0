package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** The sorted-run algorithms alone, against a sorted set and linear scans. */
class SortedRunsTest {
  private static final Gen<Index> ORDERS = Gen.elements(Index.values());
  private static final Datom[] NONE = new Datom[0];

  @Test
  void insert_placesEachDatomInOrder() {
    Seeds.check(300, random -> {
      Index order = ORDERS.next(random);
      TreeSet<Datom> all = RandomDatoms.sorted(random, random.nextInt(80), order);
      List<Datom> head = new ArrayList<>();
      List<Datom> inserted = new ArrayList<>();
      for (Datom d : all) {
        (random.nextInt(4) == 0 ? inserted : head).add(d);
      }
      Datom[] out = SortedRuns.insert(head.toArray(NONE), inserted.toArray(NONE), order.comparator());
      assertEquals(new ArrayList<>(all), List.of(out));
    });
  }

  @Test
  void merge_equalsTheSortedUnion() {
    Seeds.check(300, random -> {
      Index order = ORDERS.next(random);
      TreeSet<Datom> all = RandomDatoms.sorted(random, random.nextInt(200), order);
      List<Datom> x = new ArrayList<>();
      List<Datom> y = new ArrayList<>();
      int bias = 1 + random.nextInt(9);
      for (Datom d : all) {
        (random.nextInt(10) < bias ? x : y).add(d);
      }
      Datom[] merged = SortedRuns.merge(x.toArray(NONE), y.toArray(NONE), order.comparator());
      assertEquals(new ArrayList<>(all), List.of(merged));
    });
  }

  @Test
  void push_keepsABinaryCounterOfRuns() {
    Seeds.check(200, random -> {
      Index order = ORDERS.next(random);
      TreeSet<Datom> model = new TreeSet<>(order.comparator());
      List<Datom[]> runs = new ArrayList<>();
      for (int round = random.nextInt(30); round > 0; round--) {
        TreeSet<Datom> batch = RandomDatoms.sorted(random, 1 + random.nextInt(20), order);
        batch.removeAll(model);
        if (batch.isEmpty()) {
          continue;
        }
        model.addAll(batch);
        SortedRuns.push(runs, batch.toArray(NONE), order, 0);
        for (int i = 1; i < runs.size(); i++) {
          assertTrue(runs.get(i - 1).length > runs.get(i).length, "run " + i + " is not smaller than the one before");
        }
      }
      TreeSet<Datom> read = new TreeSet<>(order.comparator());
      for (Datom[] run : runs) {
        for (int i = 1; i < run.length; i++) {
          assertTrue(order.comparator().compare(run[i - 1], run[i]) < 0, "run not sorted");
        }
        read.addAll(List.of(run));
      }
      assertEquals(new ArrayList<>(model), new ArrayList<>(read));
    });
  }

  @Test
  void searches_agreeWithALinearScan() {
    Seeds.check(300, random -> {
      Index order = ORDERS.next(random);
      Comparator<Datom> cmp = order.comparator();
      List<Datom> all = new ArrayList<>(RandomDatoms.sorted(random, random.nextInt(100), order));
      Datom[] run = all.toArray(NONE);
      for (int probe = 0; probe < 20; probe++) {
        Datom from = random.nextInt(4) == 0 ? null : RandomDatoms.key(all, random);
        Datom to = random.nextInt(4) == 0 ? null : RandomDatoms.key(all, random);
        boolean fi = random.nextBoolean();
        boolean ti = random.nextBoolean();
        List<Datom> expected = RandomDatoms.range(all, order, from, fi, to, ti);
        int lo = SortedRuns.start(run, from, fi, order);
        int hi = SortedRuns.end(run, to, ti, order);
        assertEquals(expected, lo < hi ? all.subList(lo, hi) : List.of(), "start and end");
        assertEquals(outsideByScan(all, cmp, from, fi, to, ti), SortedRuns.outside(run, order, from, fi, to, ti),
            "outside");
        long[] lead = LongKeys.hasFirst(order) ? LongKeys.firsts(order, run) : null;
        int[] span = SortedRuns.span(run, lead, order, from, to);
        assertTrue(span[0] <= lo && (lo >= hi || hi <= span[1]), "the span holds the range");
        assertEquals(Math.max(lo, hi), SortedRuns.endFrom(run, lo, run.length, to, ti, order), "endFrom");
        if (from != null) {
          int at = random.nextInt(run.length + 1);
          int expectedAt = at;
          while (expectedAt < run.length && cmp.compare(run[expectedAt], from) < 0) {
            expectedAt++;
          }
          assertEquals(expectedAt, SortedRuns.gallop(run, at, from, cmp), "gallop from " + at);
        }
      }
    });
  }

  /** Whether no datom of the run lies on the range's side of either bound. */
  private static boolean outsideByScan(List<Datom> all, Comparator<Datom> cmp, Datom from, boolean fi, Datom to,
      boolean ti) {
    if (all.isEmpty()) {
      return true;
    }
    Datom last = all.get(all.size() - 1);
    Datom first = all.get(0);
    boolean before = from != null && (cmp.compare(last, from) < 0 || (!fi && cmp.compare(last, from) == 0));
    boolean after = to != null && (cmp.compare(first, to) > 0 || (!ti && cmp.compare(first, to) == 0));
    return before || after;
  }
}

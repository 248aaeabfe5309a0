package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The merge of sorted sources and the filter over it, against the sorted union: sources are run
 * cursors (whose bounds let the merge skip comparisons), plain iterators, or filtered ones, with
 * random seeks between reads.
 */
class MergedCursorTest {
  private static final Datom[] NONE = new Datom[0];

  @Test
  void merged_readsAndSeeksLikeTheSortedUnion() {
    Gen<Index> orders = Gen.elements(Index.values());
    Seeds.check(300, random -> {
      Index order = orders.next(random);
      Comparator<Datom> cmp = order.comparator();
      List<Datom> all = new ArrayList<>(RandomDatoms.sorted(random, random.nextInt(200), order));
      // few sources, or as many as an index job's seal merges (the loser tree's deeper paths)
      int k = random.nextInt(4) == 0 ? random.nextInt(40) : 1 + random.nextInt(5);
      List<List<Datom>> parts = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        parts.add(new ArrayList<>());
      }
      // Stretches to one source each, as runs written at different times cover.
      // Long stretches (one comparison a datom) or short ones (the lead changes all the time, as in AVET).
      int stretch = random.nextBoolean() ? 20 : 2;
      for (int i = 0; i < all.size() && k > 0; ) {
        List<Datom> part = parts.get(random.nextInt(k));
        for (int n = 1 + random.nextInt(stretch); n > 0 && i < all.size(); n--) {
          part.add(all.get(i++));
        }
      }
      // Equal datoms in several sources (each still at most once in one): every copy comes out.
      List<Datom> withCopies = new ArrayList<>(all);
      if (k > 1 && random.nextInt(3) == 0) {
        for (List<Datom> part : parts) {
          for (Datom d : all) {
            if (random.nextInt(4) == 0 && !part.contains(d)) {
              part.add(d);
              withCopies.add(d);
            }
          }
          part.sort(cmp);
        }
        withCopies.sort(cmp);
      }
      Predicate<Datom> keep = random.nextBoolean() ? d -> true : d -> (d.e() + d.tx()) % 3 != 0;
      List<Iterator<Datom>> sources = new ArrayList<>();
      for (List<Datom> part : parts) {
        Iterator<Datom> source = switch (random.nextInt(3)) {
          case 0 -> new RunCursor(part.toArray(NONE), 0, part.size(), 1, null, null, order);
          case 1 -> part.iterator();
          default -> new FilteredCursor(part.iterator(), d -> true);
        };
        sources.add(source);
      }
      DatomCursor cursor = new FilteredCursor(new MergedCursor(sources, cmp), keep);
      List<Datom> model = k == 0 ? List.of() : withCopies.stream().filter(keep).toList();
      int at = 0;
      while (true) {
        if (random.nextInt(4) == 0) {
          Datom key = RandomDatoms.key(all, random);
          cursor.seek(key, cmp);
          while (at < model.size() && cmp.compare(model.get(at), key) < 0) {
            at++;
          }
        }
        if (at == model.size()) {
          assertFalse(cursor.hasNext());
          break;
        }
        assertEquals(model.get(at++), cursor.next());
      }
    });
  }

  @Test
  void limited_keepsTransactionsUpToTheLimit() {
    Seeds.check(100, random -> {
      List<Datom> all = new ArrayList<>(RandomDatoms.sorted(random, random.nextInt(100), Index.AEVT));
      long limit = RandomDatoms.TX0 + random.nextInt(10);
      List<Datom> read = new ArrayList<>();
      new FilteredCursor.Limited(all.iterator(), limit).forEachRemaining(read::add);
      assertEquals(all.stream().filter(d -> d.tx() <= limit).toList(), read);
    });
  }
}

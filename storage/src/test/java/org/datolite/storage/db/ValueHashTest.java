package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The value hash alone: transactions of random datoms added, attributes looked up from the start or
 * backfilled later, the last transactions removed again; every point range against a sorted set.
 */
class ValueHashTest {

  @Test
  void range_isTheAttributeValueRangeOfEverythingAdded() {
    Seeds.check(200, random -> {
      // Attribute 11 is looked up from the start, 10 from a random transaction on, 12 never.
      int lateFrom = random.nextInt(10);
      int[] added = {0};
      ValueHash hash = new ValueHash(a -> a == 11 || (a == 10 && added[0] >= lateFrom));
      TreeSet<Datom> model = new TreeSet<>(Index.AVET.comparator());
      Set<Long> seenLookedUp = new HashSet<>();
      int txs = 1 + random.nextInt(10);
      for (int t = 0; t < txs; t++) {
        long tx = RandomDatoms.TX0 + t;
        TreeSet<Datom> distinct = new TreeSet<>(Index.EAVT.comparator());
        for (Datom d : RandomDatoms.sorted(random, random.nextInt(15), Index.EAVT)) {
          distinct.add(new Datom(d.e(), d.a(), d.v(), tx, d.added()));
        }
        List<Datom> datoms = new ArrayList<>(distinct);
        model.addAll(datoms);
        for (Datom d : datoms) {
          if (d.a() == 11 || (d.a() == 10 && added[0] >= lateFrom)) {
            seenLookedUp.add(d.a());
          }
        }
        Set<Long> fresh = hash.add(datoms);
        if (fresh != null) {
          for (long a : fresh) {
            List<Datom> stored = RandomDatoms.range(model, Index.AVET, Index.AVET.lowerBound(a), true,
                Index.AVET.upperBound(a), true);
            hash.backfill(a, List.of(stored.iterator()));
          }
        }
        added[0]++;
      }
      int kept = random.nextInt(txs + 1);
      long keptTx = RandomDatoms.TX0 + kept - 1;
      for (Datom d : List.copyOf(model)) {
        if (d.tx() > keptTx) {
          hash.remove(d, keptTx);
          model.remove(d);
        }
      }
      for (long a = 10; a <= 12; a++) {
        for (long v = 0; v < 20; v++) {
          Datom from = Index.AVET.lowerBound(a, v);
          Datom to = Index.AVET.upperBound(a, v);
          boolean expectAnswer = seenLookedUp.contains(a); // backfilled when first seen looked up
          assertEquals(expectAnswer, hash.answers(Index.AVET, from, to), "answers for attribute " + a);
          if (expectAnswer) {
            boolean reverse = random.nextBoolean();
            List<Datom> expected = RandomDatoms.range(model, Index.AVET, from, true, to, true);
            if (reverse) {
              Collections.reverse(expected);
            }
            assertEquals(expected, read(hash.range(Index.AVET, from, true, to, true, reverse)),
                "attribute " + a + " value " + v);
          }
        }
      }
    });
  }

  @Test
  void answers_onlyOnePointOfAHashedAttributeInAvet() {
    ValueHash hash = new ValueHash(a -> true);
    hash.backfill(10, List.of());
    assertTrue(hash.answers(Index.AVET, Index.AVET.lowerBound(10L, 5L), Index.AVET.upperBound(10L, 5L)));
    assertFalse(hash.answers(Index.EAVT, Index.AVET.lowerBound(10L, 5L), Index.AVET.upperBound(10L, 5L)));
    assertFalse(hash.answers(Index.AVET, Index.AVET.lowerBound(10L), Index.AVET.upperBound(10L)), "all values");
    assertFalse(hash.answers(Index.AVET, Index.AVET.lowerBound(10L, 5L), Index.AVET.upperBound(10L, 6L)));
    assertFalse(hash.answers(Index.AVET, Index.AVET.lowerBound(11L, 5L), Index.AVET.upperBound(11L, 5L)),
        "not backfilled");
    assertFalse(hash.answers(Index.AVET, null, Index.AVET.upperBound(10L, 5L)));
  }

  private static List<Datom> read(List<Iterator<Datom>> iterators) {
    List<Datom> out = new ArrayList<>();
    for (Iterator<Datom> it : iterators) {
      it.forEachRemaining(out::add);
    }
    return out;
  }
}

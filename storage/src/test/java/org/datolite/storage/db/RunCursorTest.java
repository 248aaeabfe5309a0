package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** A cursor over a stretch of one run, against the stretch as a list: reading, seeking and its bound. */
class RunCursorTest {
  private static final Datom[] NONE = new Datom[0];

  @Test
  void seek_landsOnTheFirstDatomAtOrAfterTheKey() {
    Gen<Index> orders = Gen.elements(Index.values());
    Seeds.check(300, random -> {
      Index order = orders.next(random);
      List<Datom> all = new ArrayList<>(RandomDatoms.sorted(random, random.nextInt(120), order));
      Datom[] run = all.toArray(NONE);
      int lo = random.nextInt(run.length + 1);
      int hi = lo + random.nextInt(run.length - lo + 1);
      // With the primitive arrays (as the memory index gives for EAVT and AEVT runs) or without.
      boolean primitive = random.nextBoolean();
      RunCursor cursor = new RunCursor(run, lo, hi, 1, primitive ? LongKeys.firsts(order, run) : null,
          primitive ? LongKeys.seconds(order, run) : null, order);
      assertEquals(hi > 0 ? run[hi - 1] : null, cursor.bound());
      List<Datom> model = all.subList(lo, hi);
      int at = 0;
      while (true) {
        if (random.nextInt(3) == 0) {
          Datom key = RandomDatoms.key(all, random);
          cursor.seek(key, order.comparator());
          while (at < model.size() && order.comparator().compare(model.get(at), key) < 0) {
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
  void descending_readsTheStretchBackwardsAndCannotSeek() {
    Seeds.check(100, random -> {
      List<Datom> all = new ArrayList<>(RandomDatoms.sorted(random, random.nextInt(60), Index.EAVT));
      Datom[] run = all.toArray(NONE);
      int lo = random.nextInt(run.length + 1);
      int hi = lo + random.nextInt(run.length - lo + 1);
      RunCursor cursor = new RunCursor(run, hi - 1, lo - 1, -1, null, null, Index.EAVT);
      List<Datom> read = new ArrayList<>();
      cursor.forEachRemaining(read::add);
      List<Datom> expected = new ArrayList<>(all.subList(lo, hi));
      Collections.reverse(expected);
      assertEquals(expected, read);
      assertNull(cursor.bound());
      assertThrows(IllegalStateException.class, () -> cursor.seek(run.length > 0 ? run[0] : null,
          Index.EAVT.comparator()));
    });
  }
}

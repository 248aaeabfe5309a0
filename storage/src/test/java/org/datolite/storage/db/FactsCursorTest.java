package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Grouping by fact alone: random histories of assertions and retractions, read ascending (with
 * seeks) and descending, against a map from each fact to its latest event.
 */
class FactsCursorTest {

  @Test
  void facts_areTheLatestAssertionOfEachFact() {
    Seeds.check(300, random -> {
      Index order = random.nextBoolean() ? Index.EAVT : Index.AVET;
      List<Datom> events = new ArrayList<>(RandomDatoms.sorted(random, random.nextInt(150), order));
      Map<List<Object>, Datom> latest = new LinkedHashMap<>();
      for (Datom d : events) {
        latest.merge(List.of(d.e(), d.a(), d.v()), d, (x, y) -> x.tx() >= y.tx() ? x : y);
      }
      List<Datom> model = new ArrayList<>();
      for (Datom d : latest.values()) {
        if (d.added()) {
          model.add(d);
        }
      }
      model.sort(order.comparator());

      List<Datom> reversedEvents = new ArrayList<>(events);
      Collections.reverse(reversedEvents);
      List<Datom> descending = new ArrayList<>();
      new FactsCursor(reversedEvents.iterator(), true).forEachRemaining(descending::add);
      List<Datom> expectedDescending = new ArrayList<>(model);
      Collections.reverse(expectedDescending);
      assertEquals(expectedDescending, descending, "descending");

      DatomCursor cursor = new FactsCursor(events.iterator(), false);
      int at = 0;
      while (true) {
        if (random.nextInt(4) == 0) {
          // Keys fall between facts: the least datom of a fact, with an open transaction.
          Datom d = RandomDatoms.key(events, random);
          Datom key = order.lowerBound(order == Index.EAVT ? new Object[] {d.e(), d.a(), d.v()}
              : new Object[] {d.a(), d.v(), d.e()});
          cursor.seek(key, order.comparator());
          while (at < model.size() && order.comparator().compare(model.get(at), key) < 0) {
            at++;
          }
        }
        if (at == model.size()) {
          assertEquals(false, cursor.hasNext());
          break;
        }
        assertEquals(model.get(at++), cursor.next());
      }
    });
  }
}

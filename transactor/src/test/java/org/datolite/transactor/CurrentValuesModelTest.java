package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.testkit.Seeds;
import org.datolite.transactor.tx.TxException;
import org.junit.jupiter.api.Test;

/**
 * The writer remembers current cardinality-one values ({@code CurrentValues}) instead of reading
 * them through every past version in the novelty. Seeded random transactions on a few hot values
 * (assertions, retractions with and without a value, {@code :db/cas}, {@code :db.sql/increment},
 * rejected transactions, index jobs between them) must leave exactly
 * the values a model computes, after every transaction.
 */
class CurrentValuesModelTest {
  private static final int ENTITIES = 4;
  private static final String[] ATTRS = {":c/x", ":c/y"};

  @Test
  void hotValues_matchTheModel_afterEveryTransaction() {
    Seeds.check(20, random -> {
      try (TransactorFixture f = new TransactorFixture()) {
        f.tx("[{:db/ident :c/x :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
            + " {:db/ident :c/y :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
            + " {:db/ident :c/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
        List<Long> es = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
          es.add(f.tx("[{:db/id \"e\" :c/name \"e" + i + "\"}]").tempids().get("e"));
        }
        Map<String, Long> model = new HashMap<>(); // "e a" -> value
        for (int step = 0; step < 120; step++) {
          long e = es.get(random.nextInt(ENTITIES));
          String a = ATTRS[random.nextInt(ATTRS.length)];
          String key = e + " " + a;
          Long was = model.get(key);
          long v = random.nextInt(5);
          String tx;
          Runnable expect;
          switch (random.nextInt(7)) {
            case 0, 1 -> {
              tx = "[[:db/add " + e + " " + a + " " + v + "]]";
              expect = () -> model.put(key, v);
            }
            case 2 -> {
              tx = "[[:db/retract " + e + " " + a + (random.nextBoolean() ? "" : " " + v) + "]]";
              boolean all = !tx.endsWith(v + "]]");
              expect = () -> {
                if (all || Long.valueOf(v).equals(was)) {
                  model.remove(key);
                }
              };
            }
            case 3 -> {
              long expected = random.nextBoolean() && was != null ? was : v;
              tx = "[[:db/cas " + e + " " + a + " " + (random.nextInt(4) == 0 ? "nil" : Long.toString(expected)) + " "
                  + (v + 10) + "]]";
              boolean nil = tx.contains(" nil ");
              expect = () -> {
                if (nil ? was == null : Long.valueOf(expected).equals(was)) {
                  model.put(key, v + 10);
                }
              };
            }
            case 4 -> {
              tx = "[[:db.sql/increment " + e + " " + a + " " + (v - 2) + "]]";
              expect = () -> {
                if (was != null) {
                  model.put(key, was + v - 2);
                }
              };
            }
            case 5 -> {
              tx = "[[:db/retract " + e + " :c/x] [:db/retract " + e + " :c/y]]";
              expect = () -> {
                model.remove(e + " :c/x");
                model.remove(e + " :c/y");
              };
            }
            default -> {
              tx = "[[:db/add " + e + " " + a + " " + v + "] [:db/add " + e + " " + a + " " + (v + 1) + "]]"; // rejected
              expect = () -> { };
            }
          }
          try {
            f.tx(tx);
            expect.run();
          } catch (TxException rejected) {
            // a rejected transaction (a cas that did not match, two values) changes nothing
          }
          if (random.nextInt(25) == 0) {
            f.transactor.requestIndex();
          }
          for (long x : es) {
            for (String attr : ATTRS) {
              List<Object> values = new ArrayList<>();
              for (Iterator<Datom> it = f.db().datoms(Index.EAVT, x, f.attr(attr)); it.hasNext(); ) {
                values.add(it.next().v());
              }
              Long m = model.get(x + " " + attr);
              assertEquals(m == null ? List.of() : List.of(m), values, "step " + step + " after " + tx + ": " + x + " "
                  + attr);
            }
          }
        }
      }
    });
  }
}

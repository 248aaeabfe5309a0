package org.datolite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Ids;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/**
 * The index APIs of a database value against a naive model: random transactions (assertions and
 * retractions on a few entities and attributes, refs included) are replayed into a plain list of
 * datoms, and every {@code datoms} call with random leading components, on the current value, its
 * history and as-of views, must return exactly the model's datoms in index order.
 */
class DatabaseIndexModelTest {
  private static final String SCHEMA = "[{:db/ident :m/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
      + " {:db/ident :m/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}"
      + " {:db/ident :m/link :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}]";
  private static final List<Keyword> ATTRS = List.of(Keyword.of("m/n"), Keyword.of("m/tag"), Keyword.of("m/link"));

  /** A fact as the model keeps it, with the transaction that asserted it. */
  private record Fact(long e, long a, Object v) {}

  @Test
  void datoms_matchANaiveScan() {
    Gen<Integer> txCounts = Gen.ints(1, 12);
    Seeds.check(60, random -> transactAndScan(txCounts.next(random), random));
  }

  private static void transactAndScan(int txCount, Random random) {
    try (DatoliteConnection conn = QueryFixture.connect("model")) {
      conn.transact(SCHEMA);
      long firstUserT = conn.db().basisT() + 1;
      List<Long> entities = new ArrayList<>(conn.transact("[{:db/id \"e0\" :m/n 0} {:db/id \"e1\" :m/n 1}"
          + " {:db/id \"e2\" :m/n 2} {:db/id \"e3\" :m/n 3}]").tempids().values());
      Map<Long, List<Datom>> txData = new LinkedHashMap<>(); // every user datom, by t
      firstUserT = conn.db().basisT();
      txData.put(firstUserT, conn.db().txRange(firstUserT, null).get(0).data());
      Map<Fact, Datom> current = new LinkedHashMap<>();
      for (Datom d : txData.get(firstUserT)) {
        current.put(new Fact(d.e(), d.a(), d.v()), d);
      }
      for (int i = 0; i < txCount; i++) {
        StringBuilder tx = new StringBuilder("[");
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          long e = entities.get(random.nextInt(entities.size()));
          Keyword a = ATTRS.get(random.nextInt(ATTRS.size()));
          String v = switch (a.name()) {
            case "n" -> Long.toString(random.nextInt(5));
            case "tag" -> "\"t" + random.nextInt(3) + "\"";
            default -> Long.toString(entities.get(random.nextInt(entities.size())));
          };
          if (!seen.add(e + " " + a)) {
            continue; // one change per entity and attribute keeps the transaction free of conflicts
          }
          Object value = a.name().equals("tag") ? v.substring(1, v.length() - 1) : Long.parseLong(v);
          long aid = conn.db().entid(a);
          // :m/n is only ever replaced (cardinality one), so that every entity keeps a datom and stays an entity.
          boolean retract = !a.name().equals("n") && current.containsKey(new Fact(e, aid, value)) && random.nextBoolean();
          tx.append(retract ? "[:db/retract " : "[:db/add ").append(e).append(' ').append(a).append(' ').append(v)
              .append("] ");
        }
        TxReport r = conn.transact(tx.append(']').toString());
        txData.put(r.t(), r.txData());
        for (Datom d : r.txData()) {
          Fact f = new Fact(d.e(), d.a(), d.v());
          if (d.added()) {
            current.put(f, d);
          } else {
            current.remove(f);
          }
        }
      }
      Database db = conn.db();
      List<Datom> history = txData.values().stream().flatMap(List::stream).toList();
      check(db, List.copyOf(current.values()), firstUserT, random);
      check(db.history(), history, firstUserT, random);
      long asOfT = firstUserT + random.nextInt(txCount + 1);
      Map<Fact, Datom> then = new LinkedHashMap<>();
      for (Map.Entry<Long, List<Datom>> e : txData.entrySet()) {
        if (e.getKey() <= asOfT) {
          for (Datom d : e.getValue()) {
            Fact f = new Fact(d.e(), d.a(), d.v());
            if (d.added()) {
              then.put(f, d);
            } else {
              then.remove(f);
            }
          }
        }
      }
      check(db.asOf(asOfT), List.copyOf(then.values()), firstUserT, random);
    }
  }

  /** Random prefixes of random model datoms, in every order: the value's datoms (user transactions only) equal the model's. */
  private static void check(Database db, List<Datom> model, long firstUserT, Random random) {
    List<Datom> all = new ArrayList<>(model);
    for (Index index : Index.values()) {
      for (int probe = 0; probe < 8 && !all.isEmpty(); probe++) {
        Datom pick = all.get(random.nextInt(all.size()));
        long linkId = db.entid(Keyword.of("m/link"));
        if (index == Index.VAET && pick.a() != linkId) {
          continue;
        }
        int length = random.nextInt(4);
        Object[] prefix = new Object[length];
        String order = index.name().toLowerCase();
        for (int i = 0; i < length; i++) {
          prefix[i] = switch (order.charAt(i)) {
            case 'e' -> pick.e();
            case 'a' -> db.ident(pick.a());
            case 'v' -> pick.v();
            default -> pick.tx();
          };
        }
        List<Datom> expected = new ArrayList<>();
        for (Datom d : all) {
          if ((index != Index.VAET || d.a() == linkId) && matches(order, d, pick, length)) {
            expected.add(d);
          }
        }
        expected.sort(index.comparator());
        List<Datom> actual = new ArrayList<>();
        for (Datom d : db.datoms(index, prefix)) {
          if (d.tx() >= Ids.tx(firstUserT)) {
            actual.add(d);
          }
        }
        assertEquals(expected, actual, index + " " + Arrays.toString(prefix) + " on " + db);
      }
    }
  }

  private static boolean matches(String order, Datom d, Datom pick, int length) {
    for (int i = 0; i < length; i++) {
      boolean same = switch (order.charAt(i)) {
        case 'e' -> d.e() == pick.e();
        case 'a' -> d.a() == pick.a();
        case 'v' -> d.v().equals(pick.v());
        default -> d.tx() == pick.tx();
      };
      if (!same) {
        return false;
      }
    }
    return true;
  }
}

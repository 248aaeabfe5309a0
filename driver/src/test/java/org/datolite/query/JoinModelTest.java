package org.datolite.query;

import static org.datolite.QueryFixture.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.QueryFixture;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/**
 * The engine's join methods (a seek per binding, a merge over the attribute for many sorted
 * entities, one scan joined by hash) against a model computed from the index API: random
 * entities with a cardinality-one number and cardinality-many tags, asserted and retracted over
 * several transactions, queried on the current value, an as-of value and a filtered one, in both
 * the planned and the written order; and pulling many entities at once against pulling each.
 */
class JoinModelTest {
  @Test
  void q_joinsMatchTheIndexes() {
    Gen<Integer> people = Gen.ints(1, 120);
    Seeds.check(40, random -> joinAndCompare(people.next(random), random));
  }

  private static void joinAndCompare(int people, Random random) {
    try (DatoliteConnection conn = QueryFixture.connect("joins")) {
      conn.transact("[{:db/ident :m/x :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
          + " {:db/ident :m/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]");
      StringBuilder tx = new StringBuilder("[");
      for (int i = 0; i < people; i++) {
        tx.append("{:db/id \"p").append(i).append("\" :m/x ").append(random.nextInt(100)).append(" :m/tag [");
        for (int t = random.nextInt(4); t > 0; t--) {
          tx.append("\"t").append(random.nextInt(6)).append("\" ");
        }
        tx.append("]}");
      }
      List<Long> ids = new ArrayList<>(conn.transact(tx.append("]").toString()).tempids().values());
      long middle = conn.db().basisT();
      for (int round = 0; round < 3; round++) {
        StringBuilder change = new StringBuilder("[");
        Set<String> touched = new HashSet<>(); // one change per fact a transaction
        for (int k = 0; k < 1 + people / 4; k++) {
          long e = ids.get(random.nextInt(ids.size()));
          int kind = random.nextInt(3);
          String tag = "\"t" + random.nextInt(6) + "\"";
          if (!touched.add(kind == 0 ? e + " x" : e + " " + tag)) {
            continue;
          }
          switch (kind) {
            case 0 -> change.append("[:db/add ").append(e).append(" :m/x ").append(random.nextInt(100)).append("] ");
            case 1 -> change.append("[:db/retract ").append(e).append(" :m/tag ").append(tag).append("] ");
            default -> change.append("[:db/add ").append(e).append(" :m/tag ").append(tag).append("] ");
          }
        }
        conn.transact(change.append("]").toString());
      }
      Database now = conn.db();
      for (Database db : List.of(now, now.asOf(middle), now.filter(d -> d.e() % 3 != 0))) {
        // pulling many entities at once (merged attribute by attribute) gives what pulling each does
        List<Long> some = new ArrayList<>();
        for (int k = 0; k < 20 + people / 2; k++) {
          some.add(ids.get(random.nextInt(ids.size())));
        }
        List<Object> each = new ArrayList<>();
        for (Long id : some) {
          each.add(db.pull("[:m/x :m/tag]", id));
        }
        assertEquals(each, db.pullMany("[:m/x :m/tag]", some));
        Set<List<Object>> tagged = new HashSet<>();
        Set<List<Object>> small = new HashSet<>();
        Set<Long> withX = new HashSet<>();
        Set<Long> smallX = new HashSet<>();
        for (Datom d : db.datoms(Index.AEVT, Keyword.of("m/x"))) {
          withX.add(d.e());
          if ((Long) d.v() < 50) {
            smallX.add(d.e());
          }
        }
        for (Datom d : db.datoms(Index.AEVT, Keyword.of("m/tag"))) {
          if (withX.contains(d.e())) {
            tagged.add(List.of(d.e(), d.v()));
          }
          if (smallX.contains(d.e())) {
            small.add(List.of(d.e(), d.v()));
          }
        }
        for (QueryLimits limits : List.of(QueryLimits.DEFAULT, QueryLimits.DEFAULT.withWrittenOrder(true))) {
          assertEquals(tagged, set(Datolite.q(limits, "[:find ?e ?t :where [?e :m/x _] [?e :m/tag ?t]]", db)));
          assertEquals(small, set(Datolite.q(limits,
              "[:find ?e ?t :where [?e :m/x ?x] [(< ?x 50)] [?e :m/tag ?t]]", db)));
          assertEquals(small, set(Datolite.q(limits,
              "[:find ?e ?t :where [?e :m/tag ?t] [?e :m/x ?x] [(< ?x 50)]]", db)));
          Set<List<Object>> t3 = new HashSet<>();
          for (List<Object> r : tagged) {
            if (r.get(1).equals("t3")) {
              t3.add(List.of(r.get(0)));
            }
          }
          assertEquals(t3, set(Datolite.q(limits, "[:find ?e :where [?e :m/x _] [?e :m/tag \"t3\"]]", db)));
          // patterns on one bound entity, scanned together: each t3 entity's x with each of its tags
          Set<List<Object>> xTags = new HashSet<>();
          Map<Long, Long> xs = new HashMap<>();
          for (Datom d : db.datoms(Index.AEVT, Keyword.of("m/x"))) {
            xs.put(d.e(), (Long) d.v());
          }
          for (List<Object> r : tagged) {
            if (t3.contains(List.of(r.get(0)))) {
              xTags.add(List.of(r.get(0), xs.get((Long) r.get(0)), r.get(1)));
            }
          }
          assertEquals(xTags, set(Datolite.q(limits, "[:find ?e ?x ?t :where [?e :m/tag \"t3\"] [?e :m/x ?x]"
              + " [?e :m/tag ?t]]", db)));
        }
      }
    }
  }
}

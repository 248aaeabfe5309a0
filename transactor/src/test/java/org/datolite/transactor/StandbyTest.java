package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * A standby that followed the database while another transactor wrote and indexed it takes over
 * with exactly what a cold recovery of the same storage reads: the same datoms, basis, next
 * entity id, schema and last instant; and it goes on writing from there.
 */
class StandbyTest {
  private static final String SCHEMA = "[{:db/ident :item/name :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}"
      + " {:db/ident :item/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
      + " {:db/ident :item/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]";

  @Test
  void aStandbyThatFollowed_takesOverWithWhatAColdRecoveryReads() {
    Seeds.check(12, random -> {
      MemoryStore kv = new MemoryStore("standby");
      SegmentCache cache = new SegmentCache(64L << 20);
      TransactorConfig config = TransactorConfig.defaults("test");
      Transactor.Standby standby = new Transactor.Standby(kv, cache, config);
      assertEquals(-1, standby.follow(), "no database yet");
      try (Transactor active = Transactor.open(kv, cache, config)) {
        active.transact(Edn.read(SCHEMA));
        int txs = 20 + random.nextInt(200);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
          if (!names.isEmpty() && random.nextInt(4) == 0) { // a retraction, so that the novelty holds some
            String name = names.get(random.nextInt(names.size()));
            active.transact(Edn.read("[[:db/retract [:item/name \"" + name + "\"] :item/tag \"t" + (i % 5) + "\"]]"));
          } else {
            String name = "x" + random.nextInt(txs);
            names.add(name);
            active.transact(Edn.read("[{:item/name \"" + name + "\" :item/n " + i + " :item/tag [\"t" + (i % 5) + "\"]}]"));
          }
          if (random.nextInt(25) == 0) {
            // following just before and just after an index job: its novelty moves onto the new trees
            if (random.nextBoolean()) {
              standby.follow();
            }
            indexNow(active);
            if (random.nextBoolean()) {
              standby.follow();
            }
          }
          if (random.nextInt(10) == 0) {
            assertTrue(standby.follow() <= active.basisT());
          }
          if (i % 50 == 49 && random.nextBoolean()) {
            active.transact(Edn.read("[{:db/ident :item/extra" + i + " :db/valueType :db.type/long"
                + " :db/cardinality :db.cardinality/one}]")); // a schema change while it follows
          }
        }
      }
      State cold = Recovery.recover(kv, new NodeStore(kv, new SegmentCache(64L << 20), config.keyPrefix()), config,
          new AtomicReference<Schema>());
      try (Transactor warm = Transactor.open(kv, cache, config, null, standby)) {
        assertEquals(cold.t(), warm.basisT());
        assertSameDatoms(all(cold.db()), all(warm.db()), "current");
        assertSameDatoms(all(cold.db().history()), all(warm.db().history()), "history");
        assertEquals(idents(cold.schema()), idents(warm.schema()));
        assertEquals(cold.nextEntityIndex(), Ids.nextEntityIndex(warm.db()));
        TxReport r = warm.transact(Edn.read("[{:db/id \"new\" :item/name \"after takeover\" :item/n 1}]"));
        assertEquals(cold.t() + 1, r.t());
        assertEquals(Ids.entity(Ids.PARTITION_USER, cold.nextEntityIndex()), (long) r.tempids().get("new"),
            "the next entity id continues where the old transactor stopped");
      }
    });
  }

  private static void indexNow(Transactor t) {
    t.requestIndex();
    long deadline = System.currentTimeMillis() + 10_000;
    while (t.db().persisted().basisT() < t.basisT() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Fails naming the first datoms one side has and the other lacks (not the whole databases). */
  private static void assertSameDatoms(List<Datom> expected, List<Datom> actual, String what) {
    if (!expected.equals(actual)) {
      List<Datom> missing = new ArrayList<>(expected);
      missing.removeAll(actual);
      List<Datom> extra = new ArrayList<>(actual);
      extra.removeAll(expected);
      fail(what + ": the warm standby lacks " + missing.subList(0, Math.min(5, missing.size())) + " (" + missing.size()
          + ") and has more " + extra.subList(0, Math.min(5, extra.size())) + " (" + extra.size() + ")");
    }
  }

  private static List<String> idents(Schema schema) {
    return schema.attributes().stream().map(a -> a.ident() + " " + a.valueType()).sorted().toList();
  }

  private static List<Datom> all(Db db) {
    List<Datom> out = new ArrayList<>();
    db.datoms(Index.EAVT, new Object[0]).forEachRemaining(out::add);
    return out;
  }
}

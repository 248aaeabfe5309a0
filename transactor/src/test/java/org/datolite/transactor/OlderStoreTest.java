package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.transactor.tx.TxErrorCode;
import org.junit.jupiter.api.Test;

/**
 * A store created before the SQL mapping's built-in attributes ({@code :db.sql/*}) existed: its
 * bootstrap transaction lacks their datoms. It must open, take them like a new store, and keep
 * what it took across a restart.
 */
class OlderStoreTest {
  @Test
  void storeWithoutTheSqlAttributes_opensAndTakesThem() {
    MemoryStore kv = new MemoryStore("older");
    TransactorConfig config = TransactorConfig.defaults("older");
    List<Datom> bootstrap = new ArrayList<>();
    for (Datom d : Bootstrap.datoms()) {
      if (!Bootstrap.isSqlAttribute(d.e())) {
        bootstrap.add(d);
      }
    }
    // what an older release wrote at creation; the transactor finds the log block and adds the root
    assertTrue(kv.putIfAbsent(LogBlock.key(config.keyPrefix(), 0),
        LogBlock.encode(List.of(new CommittedTx(0, Ids.tx(0), bootstrap)))));
    long name;
    try (TransactorFixture f = new TransactorFixture(kv, config)) {
      assertNull(f.db().first(Index.EAVT, Bootstrap.SQL_TABLE), "no datoms of :db.sql/table in this store");
      f.tx("[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
          + " {:db/ident :audit/by :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
      f.tx("[{:db/id :person/name :db.sql/table \"PEOPLE\" :db.sql/include [:audit/by]}]");
      name = f.attr(":person/name");
      assertEquals("PEOPLE", f.transactor.schema().sqlFacts(name).table());
      assertEquals(List.of(f.attr(":audit/by")), f.transactor.schema().sqlFacts(name).include());
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :audit/by :db.sql/table \"people\"}]");
    }
    try (TransactorFixture f = new TransactorFixture(kv, config)) {
      assertEquals("PEOPLE", f.transactor.schema().sqlFacts(name).table(), "recovered from the log");
      assertEquals("PEOPLE", f.value(name, ":db.sql/table"));
    }
  }
}

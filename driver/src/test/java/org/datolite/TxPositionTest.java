package org.datolite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.DeferredDatoms;
import org.datolite.storage.log.LogBlock;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** A peer's log position moves the same whether a pushed transaction has been decoded or not. */
class TxPositionTest {
  @Test
  void after_aDeferredTransaction_isAsAfterItsDatoms() {
    Seeds.check(100, random -> {
      long t = 1 + random.nextInt(1000);
      long tx = Ids.tx(t);
      List<Datom> datoms = new ArrayList<>();
      if (random.nextInt(4) != 0) {
        datoms.add(new Datom(tx, Bootstrap.TX_INSTANT, Instant.ofEpochSecond(random.nextInt(1 << 30)), tx, true));
      }
      for (int i = random.nextInt(30); i > 0; i--) {
        long e = random.nextBoolean() ? Ids.entity(Ids.PARTITION_USER, random.nextInt(1 << 20))
            : Ids.entity(Ids.PARTITION_DB, random.nextInt(100));
        datoms.add(new Datom(e, 100 + random.nextInt(5), (long) i, tx, random.nextBoolean()));
      }
      CommittedTx committed = new CommittedTx(t, tx, datoms);
      CommittedTx deferred = LogBlock.decodeDeferred(LogBlock.encode(List.of(committed)), "db/log/" + t).get(0);
      Database.TxPosition from = new Database.TxPosition(Instant.EPOCH, random.nextInt(1 << 19));
      Database.TxPosition expected = from.after(committed);
      assertEquals(expected, from.after(deferred));
      assertFalse(((DeferredDatoms) deferred.datoms()).isDecoded(), "from the summary alone");
    });
  }
}

package org.datolite.transactor.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The pair tables of a transaction are kept for the next one only on a thread that asked for it
 * (the transactor's writer); any other thread (a peer's speculative {@code with}) keeps nothing.
 */
class ChangesTablesTest {

  /**
   * Runs on a thread of its own, so that a pooled thread that asked to keep tables in one test
   * is not the thread that must not have them in another.
   */
  private static void onNewThread(Runnable body) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        body.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "changes-tables-test");
    t.start();
    done.get();
  }

  @Test
  void aThreadThatDidNotAsk_keepsNoTables() throws Exception {
    try (TxUnitFixture fx = new TxUnitFixture()) {
      onNewThread(() -> {
        Changes changes = new Changes(fx.db(), fx.schema(), fx.nextTx(), Set.of(), null, 100_000);
        changes.datoms();
        changes.release();
        assertNull(Changes.spareTablesForTests(), "tables kept by a thread that did not ask");
      });
    }
  }

  @Test
  void aThreadThatAsked_reusesItsTables_andEachTransactionStartsEmpty() throws Exception {
    try (TxUnitFixture fx = new TxUnitFixture()) {
      AtomicReference<Object> first = new AtomicReference<>();
      onNewThread(() -> {
        TxProcessor.reuseScratchOnThisThread();
        Changes one = new Changes(fx.db(), fx.schema(), fx.nextTx(), Set.of(1L), null, 1_000);
        one.datoms();
        one.release();
        PairTable[] spare = Changes.spareTablesForTests();
        assertNotNull(spare);
        assertNotNull(spare[0]);
        first.set(spare[0]);
        Changes two = new Changes(fx.db(), fx.schema(), fx.nextTx(), Set.of(), null, 900);
        assertNull(spare[0], "a transaction's tables are taken while it runs");
        two.release();
        assertEquals(first.get(), spare[0], "the next transaction reused the table");
        assertEquals(-1, spare[1].get(1L, 0), "an entity of the last transaction left in the table");
      });
    }
  }
}

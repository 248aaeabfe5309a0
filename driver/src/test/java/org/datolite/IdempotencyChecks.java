package org.datolite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;

/**
 * Idempotent transactions through the native API, the same on every kind of peer: a caller's
 * UUID is recorded, its status is looked up, and a retry under it is never applied twice.
 */
final class IdempotencyChecks {
  private IdempotencyChecks() {}

  /** Runs the checks on a connection to an empty database. */
  static void check(DatoliteConnection conn) {
    conn.transact("[{:db/ident :order/id :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
    UUID id = UUID.randomUUID();
    assertEquals(TxStatus.State.NOT_COMMITTED, conn.txStatus(id).state(), "before it is sent");

    // A rejected transaction commits nothing, and leaves its UUID free for a corrected retry.
    assertThrows(TxException.class, () -> conn.transact("[{:order/id 42}]", id));
    assertEquals(TxStatus.State.NOT_COMMITTED, conn.txStatus(id).state(), "after a rejection");

    TxReport r = conn.transact("[{:order/id \"o-1\"}]", id);
    assertEquals(id, r.txUuid(), "the report carries the caller's UUID");
    TxStatus status = conn.txStatus(id);
    assertEquals(TxStatus.committed(r.t()), status);
    assertTrue(status.isCommitted());

    // The retry after an outcome the caller did not learn: rejected, never applied twice.
    long datoms = count(conn);
    TxException again = assertThrows(TxException.class, () -> conn.transact("[{:order/id \"o-1\"}]", id));
    assertEquals(TxErrorCode.ALREADY_COMMITTED, again.code());
    assertTrue(again.getMessage().contains("t " + r.t()), again.getMessage());
    assertEquals(r.t(), conn.db().basisT(), "nothing committed");
    assertEquals(datoms, count(conn));
    TxException async = assertThrows(TxException.class, () -> {
      try {
        conn.transactAsync("[{:order/id \"o-1\"}]", id).join();
      } catch (CompletionException e) {
        throw e.getCause();
      }
    });
    assertEquals(TxErrorCode.ALREADY_COMMITTED, async.code());

    // Without a UUID of the caller's, one is picked (and reported); each is distinct.
    TxReport a = conn.transact("[{:order/id \"o-2\"}]");
    TxReport b = conn.transactAsync("[{:order/id \"o-3\"}]", null).join();
    assertTrue(a.txUuid() != null && b.txUuid() != null && !a.txUuid().equals(b.txUuid()));
    assertEquals(TxStatus.committed(b.t()), conn.txStatus(b.txUuid()));
    assertThrows(NullPointerException.class, () -> conn.txStatus(null));
  }

  private static long count(DatoliteConnection conn) {
    long n = 0;
    for (Datom ignored : conn.db().datoms(Index.EAVT)) {
      n++;
    }
    return n;
  }
}

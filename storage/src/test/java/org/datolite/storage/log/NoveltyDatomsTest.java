package org.datolite.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * An index job's novelty ({@link NoveltyDatoms}) against the transactions' datoms one after
 * another: the same datoms by position and by iteration; where none retracts, a transaction held
 * as columns is read without making its own datoms, and where one does, the list holds the
 * transactions' own datoms (the job pairs by identity then).
 */
class NoveltyDatomsTest {
  @Test
  void novelty_isTheTransactionsDatomsInOrder() {
    Seeds.check(300, random -> {
      List<CommittedTx> txs = new ArrayList<>();
      List<Datom> expected = new ArrayList<>();
      int n = random.nextInt(6);
      long tx = (3L << 42) + 1;
      for (int t = 0; t < n; t++, tx++) {
        List<Datom> datoms = ColumnDatomsTest.datoms(random, tx);
        if (random.nextInt(3) != 0) { // mostly assertions: the load's case
          datoms = datoms.stream().map(d -> Datom.of(d.e(), d.a(), d.v(), d.tx())).toList();
        }
        expected.addAll(datoms);
        txs.add(new CommittedTx(t, tx, random.nextBoolean() ? ColumnDatoms.of(tx, datoms) : datoms));
      }
      boolean retracts = expected.stream().anyMatch(d -> !d.added());
      List<Datom> novelty = NoveltyDatoms.of(txs);
      assertEquals(expected.size(), novelty.size());
      assertEquals(expected, new ArrayList<>(novelty), "iterated");
      for (int probe = 0; probe < 50 && !expected.isEmpty(); probe++) {
        int i = random.nextInt(expected.size());
        assertEquals(expected.get(i), novelty.get(i), "at " + i);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> novelty.get(novelty.size()));
      assertThrows(IndexOutOfBoundsException.class, () -> novelty.get(-1));
      int at = 0;
      for (CommittedTx t : txs) {
        if (t.datoms() instanceof ColumnDatoms c) {
          if (retracts) {
            for (int i = 0; i < c.size(); i++) {
              assertSame(c.get(i), novelty.get(at + i), "after a retraction: the transaction's own datom");
            }
          } else {
            assertFalse(c.isMade(), "without a retraction the columns are read as they are");
          }
        }
        at += t.datoms().size();
      }
    });
  }
}

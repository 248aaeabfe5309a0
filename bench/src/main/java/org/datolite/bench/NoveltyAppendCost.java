package org.datolite.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.log.CommittedTx;

/**
 * What appending one small transaction to the novelty costs: rounds of 70,000 transactions like
 * the transactor benchmark's (a unique random UUID, a long, a string, the transaction's instant
 * and random uuid: five datoms) added to a fresh {@link MemoryIndex}, in microseconds per
 * transaction. The first rounds include the JIT; quote the later ones.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.NoveltyAppendCost [rounds]}.
 */
public final class NoveltyAppendCost {
  private static final int TXS = 70_000;

  private NoveltyAppendCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    for (int round = 0; round < rounds; round++) {
      // Data made first, so that only the appends are timed.
      List<List<Datom>> txs = new ArrayList<>(TXS);
      for (int i = 0; i < TXS; i++) {
        long tx = (1L << 42) + 1000 + i;
        long e = (1L << 43) + i;
        txs.add(List.of(Datom.of(tx, 50, Instant.ofEpochMilli(i), tx), Datom.of(tx, 51, UUID.randomUUID(), tx),
            Datom.of(e, 70, UUID.randomUUID(), tx), Datom.of(e, 71, (long) i, tx),
            Datom.of(e, 72, "item " + (i % 8) + "-" + i, tx)));
      }
      MemoryIndex novelty = new MemoryIndex(a -> false, a -> a == 70 || a == 51);
      long started = System.nanoTime();
      long t = 0;
      for (List<Datom> tx : txs) {
        novelty.add(new CommittedTx(t++, tx.get(0).tx(), tx)); // timed with the copy the record makes
      }
      System.out.printf("round %d: %.2f µs per transaction%n", round + 1, (System.nanoTime() - started) / 1e3 / TXS);
    }
  }
}

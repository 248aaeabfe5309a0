package org.datolite.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;

/**
 * What one background index job costs as the database grows: jobs of 56,000 transactions like the
 * transactor benchmark's (a unique random UUID, a long, a string, and the transaction's instant
 * and random uuid: 280,000 datoms) merged one after another into the four trees of a memory
 * store, each job timed on its own. Flat times mean the cost follows the novelty, rising ones
 * that it follows the size of the trees.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.IndexJobCost [jobs]}.
 */
public final class IndexJobCost {
  private static final int TXS_PER_JOB = 56_000;
  private static final long TX_INSTANT = 50;
  private static final long TX_UUID = 51;
  private static final long ID = 70;
  private static final long N = 71;
  private static final long NAME = 72;

  private long seq;
  private long nextEntity = 1L << 43;
  private long nextTx = (1L << 42) + 1000;

  private IndexJobCost() {}

  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    new IndexJobCost().run(jobs);
  }

  private void run(int jobs) {
    NodeStore store = new NodeStore(new MemoryStore("index-job-cost"), new SegmentCache(), "bench/");
    IndexSet trees = IndexSet.empty(store, TreeConfig.DEFAULT);
    long t = 0;
    for (int job = 0; job < jobs; job++) {
      MemoryIndex novelty = novelty();
      List<Datom> datoms = new ArrayList<>();
      for (CommittedTx tx : novelty.transactions(Long.MAX_VALUE)) {
        datoms.addAll(tx.datoms());
      }
      t += TXS_PER_JOB;
      long started = System.nanoTime();
      trees = trees.merge(datoms, index -> novelty.sorted(index, Long.MIN_VALUE, Long.MAX_VALUE), t, a -> false,
          a -> true, Runnable::run); // one thread: the job's cost, not its wall time on several cores
      System.out.printf("job %d: %,d datoms into trees of %,d in %,d ms (%d new segments)%n", job + 1, datoms.size(),
          (long) job * datoms.size(), (System.nanoTime() - started) / 1_000_000, trees.writeStats().segments());
    }
  }

  private MemoryIndex novelty() {
    MemoryIndex m = new MemoryIndex(a -> false, a -> a == ID || a == TX_UUID);
    for (int i = 0; i < TXS_PER_JOB; i++) {
      long tx = nextTx++;
      long e = nextEntity++;
      long n = seq++;
      m.add(new CommittedTx(n, tx, List.of(Datom.of(tx, TX_INSTANT, Instant.ofEpochMilli(n), tx),
          Datom.of(tx, TX_UUID, UUID.randomUUID(), tx), Datom.of(e, ID, UUID.randomUUID(), tx),
          Datom.of(e, N, n % 50_000, tx), Datom.of(e, NAME, "item " + (n % 8) + "-" + n, tx))));
    }
    return m;
  }
}

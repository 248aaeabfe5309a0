package org.datolite.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.datom.Datom;
import org.datolite.storage.kv.ForwardingStore;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The batched forward read of the log, against a log of random group commits written block by
 * block: every transaction from the start block on, in order, in about one storage read per
 * window of keys.
 */
class LogScanTest {
  private static final String PREFIX = "db/";

  @Test
  void readsEveryTransactionFromABlockBoundary_inOrder_inBatches() {
    Seeds.check(60, random -> {
      MemoryStore store = new MemoryStore("log");
      List<Long> starts = new ArrayList<>();
      long t = 0;
      int blocks = 1 + random.nextInt(random.nextBoolean() ? 20 : 900);
      for (int b = 0; b < blocks; b++) {
        // mostly one transaction a block, sometimes a large group commit (beyond a window, too)
        int size = random.nextInt(10) == 0 ? 1 + random.nextInt(2 * LogScan.WINDOW) : 1 + random.nextInt(3);
        List<CommittedTx> txs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          long tx = 1000 + t;
          txs.add(new CommittedTx(t, tx, List.of(Datom.of(tx, 9, t, tx))));
          t++;
        }
        starts.add(txs.get(0).t());
        store.putIfAbsent(LogBlock.key(PREFIX, txs.get(0).t()), LogBlock.encode(txs));
      }
      long end = t;
      long from = starts.get(random.nextInt(starts.size()));
      AtomicInteger reads = new AtomicInteger();
      ForwardingStore counting = new ForwardingStore(store) {
        @Override
        public Map<String, byte[]> getMany(Collection<String> keys) {
          reads.incrementAndGet();
          return super.getMany(keys);
        }

        @Override
        public byte[] get(String key) {
          throw new AssertionError("a scan reads in batches, never one key at a time");
        }
      };
      List<Long> seen = new ArrayList<>();
      long after = LogScan.read(counting, PREFIX, from, (key, txs) -> {
        assertEquals(LogBlock.key(PREFIX, txs.get(0).t()), key);
        txs.forEach(tx -> seen.add(tx.t()));
        return true;
      });
      assertEquals(end, after, "the t after the last transaction");
      assertEquals(end - from, seen.size());
      for (int i = 0; i < seen.size(); i++) {
        assertEquals(from + i, seen.get(i));
      }
      long windows = (end - from) / LogScan.WINDOW + 1;
      assertTrue(reads.get() <= windows + 1, reads.get() + " storage reads for " + (end - from)
          + " transactions; expected at most " + (windows + 1));
    });
  }

  @Test
  void readFrom_anyT_insideABlockOrAtItsStartOrPastTheEnd_readsWhatFollows_withoutListing() {
    Seeds.check(80, random -> {
      MemoryStore store = new MemoryStore("log");
      long t = 0;
      int blocks = 1 + random.nextInt(random.nextBoolean() ? 10 : 600);
      for (int b = 0; b < blocks; b++) {
        // now and then a group commit longer than a window (the largest is 1,000 transactions)
        int size = random.nextInt(8) == 0 ? 1 + random.nextInt(1000) : 1 + random.nextInt(4);
        List<CommittedTx> txs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          txs.add(tx(t++));
        }
        store.putIfAbsent(LogBlock.key(PREFIX, txs.get(0).t()), LogBlock.encode(txs));
      }
      long end = t;
      long from = random.nextLong(end + 3); // anywhere, a little past the end too
      AtomicInteger reads = new AtomicInteger();
      ForwardingStore guarded = new ForwardingStore(store) {
        @Override
        public Map<String, byte[]> getMany(Collection<String> keys) {
          reads.incrementAndGet();
          return super.getMany(keys);
        }

        @Override
        public List<String> keys(String prefix) {
          throw new AssertionError("readFrom never lists the log");
        }
      };
      List<Long> seen = new ArrayList<>();
      long after = LogScan.readFrom(guarded, PREFIX, from, (key, txs) -> {
        txs.stream().filter(tx -> tx.t() >= from).forEach(tx -> seen.add(tx.t()));
        return true;
      });
      assertEquals(Math.max(end, from), after, "from " + from + " in a log of " + end);
      assertEquals(Math.max(0, end - from), seen.size());
      for (int i = 0; i < seen.size(); i++) {
        assertEquals(from + i, seen.get(i));
      }
      assertTrue(reads.get() <= (end - from) / LogScan.WINDOW + 2 + LogScan.BACK / LogScan.WINDOW + 1,
          reads.get() + " reads");
    });
  }

  @Test
  void aReaderStops_andAStartInsideABlockOrPastTheEndReadsNothing() {
    MemoryStore store = new MemoryStore("log");
    store.putIfAbsent(LogBlock.key(PREFIX, 0), LogBlock.encode(List.of(tx(0))));
    store.putIfAbsent(LogBlock.key(PREFIX, 1), LogBlock.encode(List.of(tx(1), tx(2), tx(3))));
    store.putIfAbsent(LogBlock.key(PREFIX, 4), LogBlock.encode(List.of(tx(4))));
    List<String> keys = new ArrayList<>();
    assertEquals(4, LogScan.read(store, PREFIX, 0, (key, txs) -> keys.add(key) && txs.get(0).t() < 1));
    assertEquals(List.of(LogBlock.key(PREFIX, 0), LogBlock.key(PREFIX, 1)), keys, "stopped after the second block");
    assertEquals(2, LogScan.read(store, PREFIX, 2, (key, txs) -> {
      throw new AssertionError("no block starts at t 2");
    }));
    assertEquals(5, LogScan.read(store, PREFIX, 5, (key, txs) -> {
      throw new AssertionError("the log ends at t 4");
    }));
  }

  private static CommittedTx tx(long t) {
    return new CommittedTx(t, 1000 + t, List.of(Datom.of(1000 + t, 9, t, 1000 + t)));
  }
}

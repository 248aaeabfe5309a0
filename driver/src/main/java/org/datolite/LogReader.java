package org.datolite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;

/** Reads a database's transaction log from its log blocks in storage. */
final class LogReader {
  private LogReader() {}

  /** The log block keys of a database, ascending (so by first {@code t}). */
  static List<String> keys(KeyValueStore kv, String prefix) {
    return kv.keys(prefix + "log/");
  }

  /** The position in {@code keys} of the block that holds {@code t}: the last whose first t is at most it. */
  static int blockHolding(List<String> keys, String prefix, long t) {
    int i = Collections.binarySearch(keys, LogBlock.key(prefix, t));
    return i >= 0 ? i : Math.max(0, -i - 2);
  }

  /** The transactions with {@code from <= t < to}, in order. */
  static List<Transaction> read(KeyValueStore kv, String prefix, long from, long to) {
    List<String> keys = keys(kv, prefix);
    List<Transaction> out = new ArrayList<>();
    for (int i = blockHolding(keys, prefix, from); i < keys.size(); i++) {
      byte[] bytes = kv.get(keys.get(i));
      if (bytes == null) {
        continue;
      }
      for (CommittedTx tx : LogBlock.decode(bytes, keys.get(i))) {
        if (tx.t() >= to) {
          return out;
        }
        if (tx.t() >= from) {
          out.add(new Transaction(tx.t(), tx.tx(), tx.datoms()));
        }
      }
    }
    return out;
  }
}

package org.datolite.storage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datolite.storage.kv.KeyValueStore;

/**
 * Reads the log forwards from a block boundary in batches: the keys a window of {@value #WINDOW}
 * consecutive {@code t}s could have as block keys are asked for in one
 * {@link KeyValueStore#getMany getMany}, and the blocks found are walked in order, each starting
 * where the previous ended. A window that holds the next block's key continues the walk; the
 * first missing one is the end of the log. So catching up on {@code n} blocks costs about
 * {@code n / WINDOW} round trips to storage rather than {@code n} (a block holds one group
 * commit, one or more transactions, so a window covers at least {@code WINDOW} transactions' worth
 * of keys).
 */
public final class LogScan {
  /** The consecutive {@code t}s whose keys one storage read asks for. */
  static final int WINDOW = 256;

  private LogScan() {}

  /** Receives the blocks of a scan in order. */
  @FunctionalInterface
  public interface BlockReader {
    /**
     * One block: its key and transactions (consecutive {@code t}s, the first where the previous
     * block ended).
     *
     * @return whether to go on reading
     */
    boolean block(String key, List<CommittedTx> txs);
  }

  /**
   * Reads the blocks from the one whose first transaction is {@code firstT} on, to the end of the
   * log or until the reader stops.
   *
   * @return the {@code t} after the last transaction read ({@code firstT} if no block starts there)
   */
  public static long read(KeyValueStore kv, String prefix, long firstT, BlockReader reader) {
    long next = firstT;
    while (true) {
      long windowEnd = next + WINDOW;
      List<String> keys = new ArrayList<>(WINDOW);
      for (long t = next; t < windowEnd; t++) {
        keys.add(LogBlock.key(prefix, t));
      }
      Map<String, byte[]> found = kv.getMany(keys);
      while (next < windowEnd) {
        String key = LogBlock.key(prefix, next);
        byte[] bytes = found.get(key);
        if (bytes == null) {
          return next; // the end of the log: no block starts where the last one ended
        }
        List<CommittedTx> txs = LogBlock.decode(bytes, key);
        long following = txs.get(txs.size() - 1).t() + 1;
        if (!reader.block(key, txs)) {
          return following;
        }
        next = following;
      }
    }
  }

  /**
   * Reads the transactions from {@code t} on, whether or not a block starts at {@code t}: a reader
   * that stopped inside a block (a push delivered part of one) resumes within it. When no block
   * starts at {@code t}, the keys before it are asked for a window at a time (up to {@value
   * #BACK} back), and the last block found there is read if it reaches {@code t} (its
   * transactions before {@code t} are passed too: the reader skips what it has). Never lists the
   * log.
   *
   * @return the {@code t} after the last transaction read, or {@code t} when the log has nothing
   *     from {@code t} on, or {@link #UNKNOWN} when no block starts within {@value #BACK} before it
   */
  public static long readFrom(KeyValueStore kv, String prefix, long t, BlockReader reader) {
    long end = read(kv, prefix, t, reader);
    if (end != t || t == 0) {
      return end;
    }
    // look back a window at a time, as far as the largest group commit (1,000 transactions) reaches
    for (long upTo = t; upTo > 0 && t - upTo < BACK; upTo -= WINDOW) {
      long from = Math.max(0, upTo - WINDOW);
      List<String> keys = new ArrayList<>(WINDOW);
      for (long s = from; s < upTo; s++) {
        keys.add(LogBlock.key(prefix, s));
      }
      Map<String, byte[]> found = kv.getMany(keys);
      for (long s = upTo - 1; s >= from; s--) {
        String key = LogBlock.key(prefix, s);
        byte[] bytes = found.get(key);
        if (bytes != null) {
          List<CommittedTx> txs = LogBlock.decode(bytes, key);
          long following = txs.get(txs.size() - 1).t() + 1;
          if (following <= t) {
            return t; // the block before t ends before it: the log has nothing from t on
          }
          if (!reader.block(key, txs)) {
            return following;
          }
          return read(kv, prefix, following, reader);
        }
      }
      if (from == 0) {
        return t;
      }
    }
    return UNKNOWN;
  }

  /** How far back {@link #readFrom} looks for the block holding its start: a window beyond the largest group commit. */
  static final int BACK = 1024 + WINDOW;

  /** What {@link #readFrom} answers when no block starts within {@link #BACK} before {@code t}. */
  public static final long UNKNOWN = -1;
}

package org.datolite.transactor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datolite.storage.StorageException;
import org.datolite.storage.log.CommittedTx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log writes whose outcome is unknown, until storage tells.
 *
 * <h2>Design</h2>
 * A log write that failed ambiguously (the store may or may not have kept the block) leaves its
 * submitters with an unknown outcome and the writer with a question: is the block in its slot?
 * The writer rolls the novelty back and goes on as if it were not, remembering the slot and the
 * block (blocks, if writes to the same slot failed ambiguously more than once). Before it writes
 * again, or when it is idle, it reads the slot ({@link #resolve}): empty, the write did not land;
 * one of its own blocks, that block is adopted ({@link BlockAdoption#adopt}) so that its
 * transactions are committed and found by their UUIDs; another block, another transactor wrote
 * there and this one has been replaced. A write that lands in the remembered slot settles the
 * question too: no earlier block can be there. While a question is open,
 * {@link Transactor#committedT} answers {@code UNKNOWN_OUTCOME} rather than a wrong "no".
 *
 * <p>Everything here but {@link #pending()} runs on the writer thread.
 */
final class UncertainWrites {
  // Logs under the transactor's name, as it did before this had a class of its own.
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

  private final Core core;
  private final BlockAdoption adoption;
  private String key;
  private final List<byte[]> blocks = new ArrayList<>();
  private final List<List<CommittedTx>> txs = new ArrayList<>();
  private volatile boolean pending;

  UncertainWrites(Core core, BlockAdoption adoption) {
    this.core = core;
    this.adoption = adoption;
  }

  /** Whether a write's outcome is still unknown (read by any thread). */
  boolean pending() {
    return pending;
  }

  /** Whether a write's outcome is unknown (writer thread). */
  boolean any() {
    return key != null;
  }

  /** Whether the write whose outcome is unknown went to the slot {@code slotKey}. */
  boolean isFor(String slotKey) {
    return slotKey.equals(key);
  }

  /** Remembers a write of {@code block} (holding {@code blockTxs}) to {@code slotKey} whose outcome is unknown. */
  void add(String slotKey, byte[] block, List<CommittedTx> blockTxs) {
    if (!slotKey.equals(key)) {
      clear();
    }
    key = slotKey;
    blocks.add(block);
    txs.add(blockTxs);
    pending = true;
  }

  void clear() {
    key = null;
    blocks.clear();
    txs.clear();
    pending = false;
  }

  /**
   * After an ambiguous log write, finds out whether the block landed: if it did, its
   * transactions are applied (their submitters can find them by uuid). Returns false if the
   * slot holds someone else's block (the transactor is then deposed).
   */
  boolean resolve() {
    if (key == null) {
      return true;
    }
    byte[] found;
    try {
      found = core.kv.get(key);
    } catch (StorageException e) {
      return true; // still unknown; the next write to this slot settles it
    }
    if (found != null) {
      int which = -1;
      for (int i = 0; i < blocks.size(); i++) {
        if (Arrays.equals(found, blocks.get(i))) {
          which = i;
        }
      }
      if (which < 0) {
        core.deposed(key);
        return false;
      }
      List<CommittedTx> landed = txs.get(which);
      LOG.info("{}: the uncertain log block {} did land; applying its {} transactions", core.name, key,
          landed.size());
      clear();
      adoption.adopt(landed);
      return true;
    }
    clear();
    return true;
  }
}

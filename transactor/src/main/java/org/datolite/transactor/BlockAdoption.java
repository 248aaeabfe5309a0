package org.datolite.transactor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.datolite.datom.Datom;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a transactor takes on durable transactions it did not publish itself, and fences the one
 * it replaces.
 *
 * <h2>Design</h2>
 * A transactor that takes over under a lease first rewrites the root with itself
 * ({@link #claimRoot}), so that an index job of its predecessor fails its compare-and-set; the
 * {@link Transactor#claim()} that calls it then commits an empty transaction, which takes the
 * predecessor's next log slot. If the predecessor wrote one more block between this transactor's
 * recovery and its first write, the writer finds its slot taken; while storage confirms the lease
 * ({@link Fence#confirmed()}) that block is the predecessor's last, written against everything
 * before it, and is adopted ({@link #adoptForeignBlock}): its transactions are applied to the
 * novelty as recovery would, the schema and the next entity index follow them, and the listeners
 * hear of each. A block of this transactor's own whose write failed ambiguously but did land is
 * adopted the same way ({@link UncertainWrites}).
 *
 * <p>Everything here runs on the writer thread.
 */
final class BlockAdoption {
  // Logs under the transactor's name, as it did before adoption had a class of its own.
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

  private final Core core;

  BlockAdoption(Core core) {
    this.core = core;
  }

  /**
   * Fences a predecessor's index jobs: replaces the root with itself by compare-and-set, which
   * moves its revision. Completes {@code fenced}, exceptionally (and the transactor stops) if the
   * root moved since recovery.
   */
  void claimRoot(CompletableFuture<Void> fenced) {
    try {
      State s = core.state;
      KeyValueStore kv = core.kv;
      String rootKey = Recovery.rootKey(core.config);
      KeyValueStore.Versioned root = kv.getVersioned(rootKey);
      if (root == null || root.rev() != s.rootRev() || !kv.compareAndSet(rootKey, s.rootRev(), root.value())) {
        core.fatal = new TransactorException(TransactorException.Code.DEPOSED, "the root of " + core.config.database()
            + " changed while " + core.name + " was taking over", true, null);
        fenced.completeExceptionally(core.fatal);
        return;
      }
      core.state = s.rooted(s.persisted(), s.rootRev() + 1, s.novelty());
      fenced.complete(null);
    } catch (RuntimeException e) {
      fenced.completeExceptionally(e);
    }
  }

  /**
   * Reads a block another transactor wrote into the slot this one wanted and applies it; false
   * if it cannot be read or does not follow this transactor's basis.
   */
  boolean adoptForeignBlock(String key) {
    byte[] found = core.kv.get(key);
    if (found == null) {
      return false;
    }
    List<CommittedTx> txs = LogBlock.decode(found, key);
    if (txs.get(0).t() != core.state.t() + 1) {
      return false;
    }
    LOG.warn("{}: log slot {} holds {} transactions of the previous transactor; adopting them", core.name, key,
        txs.size());
    adopt(txs);
    return true;
  }

  /** Applies durable transactions this transactor did not process, and tells the listeners. */
  void adopt(List<CommittedTx> txs) {
    State s = core.state;
    Instant last = s.lastTxInstant();
    long nextIndex = s.nextEntityIndex();
    for (CommittedTx tx : txs) {
      for (Datom d : tx.datoms()) {
        if (Ids.partition(d.e()) == Ids.PARTITION_USER) {
          nextIndex = Math.max(nextIndex, (d.e() & Ids.INDEX_MASK) + 1);
        }
        if (d.e() == tx.tx() && d.a() == Bootstrap.TX_INSTANT) {
          last = (Instant) d.v();
        }
      }
    }
    apply(txs, s.schema(), nextIndex, last);
    Schema newSchema = Schema.of(core.state.db());
    core.schema.set(newSchema);
    core.state = core.state.withSchema(newSchema);
    for (CommittedTx tx : txs) {
      UUID uuid = null;
      Instant instant = null;
      for (Datom d : tx.datoms()) {
        if (d.e() == tx.tx() && d.a() == Bootstrap.TX_UUID) {
          uuid = (UUID) d.v();
        } else if (d.e() == tx.tx() && d.a() == Bootstrap.TX_INSTANT) {
          instant = (Instant) d.v();
        }
      }
      State st = core.state;
      TxReport report = new TxReport(tx.t(), tx.tx(), uuid, instant, st.db(Ids.tx(tx.t() - 1)), st.db(tx.tx()),
          tx.datoms(), Map.of());
      core.listeners.adopted(report);
    }
  }

  /** Adds durable transactions to the novelty and publishes the new state. */
  private void apply(List<CommittedTx> txs, Schema newSchema, long nextIndex, Instant last) {
    State s = core.state;
    Schema current = newSchema;
    core.schema.set(current);
    for (CommittedTx tx : txs) {
      s.novelty().add(tx);
      if (Bootstrap.touchesSchema(tx.datoms())) {
        // The next transaction's datoms enter VAET by the schema this one leaves, as in recovery.
        current = Schema.of(s.db(tx.tx()));
        core.schema.set(current);
      }
    }
    core.state = s.at(txs.get(txs.size() - 1).t(), current, nextIndex, last);
  }
}

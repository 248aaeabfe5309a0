package org.datolite.transactor.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.transactor.TransactorListener;
import org.datolite.transactor.TxReport;
import org.datolite.transactor.remote.PeerProtocol;

/**
 * Pushes every commit and index job to every peer, in order: a {@link PeerProtocol#NOVELTY}
 * push per committed log block and an {@link PeerProtocol#INDEXED} push per installed index job.
 * After each commit's push it tells {@code committedUpTo} the last {@code t}, which releases the
 * {@code SYNC} requests waiting for it: a peer's stream carries a commit before its sync returns.
 *
 * <h2>Splitting</h2>
 * The body of a NOVELTY push is the log block as the writer wrote it, not encoded again. A block
 * of several transactions whose body is over {@link #PUSH_SPLIT_BYTES} is pushed as two halves,
 * each encoded here and halved again while still too large, so that a large group-commit batch
 * never exceeds a peer's frame limit (a frame over it would drop the peer's session). Whole
 * transactions are never split: a single one goes out as it is, whatever its size. The pushes of
 * one block go out in {@code t} order, without gaps.
 */
final class NoveltyBroadcaster implements TransactorListener {
  /**
   * A NOVELTY push of several transactions larger than this is split: an eighth of the default
   * frame limit ({@link org.datolite.transactor.protocol.ProtocolSetting#MAX_FRAME_SIZE}, 64 MiB),
   * chosen when splitting was introduced so that a batch of up to 1000 ordinary transactions
   * stays one push while leaving peers with lower limits room.
   */
  static final int PUSH_SPLIT_BYTES = 8 << 20;

  /** Where pushes go: every connected peer. */
  interface Peers {
    void broadcast(int type, byte[] body);
  }

  private final Supplier<Peers> peers;
  private final LongConsumer committedUpTo;
  private volatile int splitBytes = PUSH_SPLIT_BYTES;

  /**
   * @param peers the peers to push to, or null while there are none (no wire server bound)
   * @param committedUpTo told the last {@code t} of every commit, after its push
   */
  NoveltyBroadcaster(Supplier<Peers> peers, LongConsumer committedUpTo) {
    this.peers = peers;
    this.committedUpTo = committedUpTo;
  }

  /** Splits NOVELTY pushes above {@code bytes} instead of {@link #PUSH_SPLIT_BYTES} (for tests). */
  void splitBytes(int bytes) {
    splitBytes = bytes;
  }

  @Override
  public void committed(TxReport report) {
    committed(List.of(report));
  }

  /**
   * One push for the transactions of one log block, split into pushes of whole transactions
   * when it would be large.
   */
  @Override
  public void committed(List<TxReport> reports) {
    committed(reports, null);
  }

  /** The log block, when given, is the push's body as it is (unless it needs splitting). */
  @Override
  public void committed(List<TxReport> reports, byte[] logBlock) {
    Peers s = peers.get();
    if (s != null) {
      push(s, reports, logBlock);
    }
    committedUpTo.accept(reports.get(reports.size() - 1).t());
  }

  /** Pushes transactions as one NOVELTY body ({@code encoded}, or encoded here), halved while too large. */
  private void push(Peers s, List<TxReport> reports, byte[] encoded) {
    byte[] body = encoded;
    if (body == null) {
      List<CommittedTx> txs = new ArrayList<>(reports.size());
      for (TxReport report : reports) {
        txs.add(new CommittedTx(report.t(), report.tx(), report.txData()));
      }
      body = LogBlock.encode(txs);
    }
    if (body.length > splitBytes && reports.size() > 1) {
      push(s, reports.subList(0, reports.size() / 2), null);
      push(s, reports.subList(reports.size() / 2, reports.size()), null);
      return;
    }
    s.broadcast(PeerProtocol.NOVELTY, body);
  }

  @Override
  public void indexed(IndexRoots roots) {
    Peers s = peers.get();
    if (s != null) {
      s.broadcast(PeerProtocol.INDEXED, roots.encode());
    }
  }
}

package org.datolite.transactor;

import java.util.List;
import org.datolite.storage.tree.IndexRoots;

/**
 * Told of every commit and every finished index job, on the writer thread, in order. A listener
 * must return quickly (hand work to another thread); an exception it throws is logged and
 * ignored.
 */
public interface TransactorListener {
  /** A transaction was committed (its log write is durable). */
  default void committed(TxReport report) {}

  /**
   * The transactions of one log block were committed, in order; by default each is passed to
   * {@link #committed(TxReport)}. A listener that forwards them (the server's push to peers)
   * sends them together.
   */
  default void committed(List<TxReport> reports) {
    for (TxReport report : reports) {
      committed(report);
    }
  }

  /**
   * As {@link #committed(java.util.List)}, with the log block that holds exactly those
   * transactions as written ({@link org.datolite.storage.log.LogBlock} encoding), for a listener
   * that forwards them in that encoding and need not encode them again.
   */
  default void committed(List<TxReport> reports, byte[] logBlock) {
    committed(reports);
  }

  /** The persisted trees now include every transaction up to {@code roots.basisT()}. */
  default void indexed(IndexRoots roots) {}
}

package org.datolite.transactor;

import org.datolite.storage.tree.IndexRoots;

/**
 * Told of every commit and every finished index job, on the writer thread, in order. A listener
 * must return quickly (hand work to another thread); an exception it throws is logged and
 * ignored.
 */
public interface TransactorListener {
  /** A transaction was committed (its log write is durable). */
  default void committed(TxReport report) {}

  /** The persisted trees now include every transaction up to {@code roots.basisT()}. */
  default void indexed(IndexRoots roots) {}
}

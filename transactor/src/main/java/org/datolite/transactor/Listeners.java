package org.datolite.transactor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.datolite.storage.tree.IndexRoots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener fan-out of one transactor: tells every {@link TransactorListener} of a commit, an
 * adopted transaction or a finished index job, on the writer thread, in order. A listener that
 * throws is logged and skipped; the others still hear of it, and the writer goes on.
 */
final class Listeners {
  // Logs under the transactor's name, as it did before the fan-out had a class of its own.
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

  private final String name;
  private final List<TransactorListener> listeners = new CopyOnWriteArrayList<>();

  Listeners(String name) {
    this.name = name;
  }

  void add(TransactorListener listener) {
    listeners.add(listener);
  }

  void remove(TransactorListener listener) {
    listeners.remove(listener);
  }

  /** The transactions of one log block ({@code block}, as written) were committed. */
  void committed(List<TxReport> reports, byte[] block) {
    for (TransactorListener l : listeners) {
      try {
        l.committed(reports, block);
      } catch (RuntimeException e) {
        LOG.warn("{}: listener {} failed on t {} to {}", name, l, reports.get(0).t(),
            reports.get(reports.size() - 1).t(), e);
      }
    }
  }

  /** A transaction this transactor did not process itself was adopted from the log. */
  void adopted(TxReport report) {
    for (TransactorListener l : listeners) {
      try {
        l.committed(report);
      } catch (RuntimeException e) {
        LOG.warn("{}: listener {} failed on adopted t {}", name, l, report.t(), e);
      }
    }
  }

  /** An index job was installed: the trees now include everything up to {@code roots.basisT()}. */
  void indexed(IndexRoots roots) {
    for (TransactorListener l : listeners) {
      try {
        l.indexed(roots);
      } catch (RuntimeException e) {
        LOG.warn("{}: listener {} failed on index at t {}", name, l, roots.basisT(), e);
      }
    }
  }
}

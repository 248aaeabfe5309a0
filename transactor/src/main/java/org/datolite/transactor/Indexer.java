package org.datolite.transactor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.StorageException;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.NoveltyDatoms;
import org.datolite.storage.tree.IndexLevels;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.RootHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background indexing and back-pressure for one transactor.
 *
 * <h2>Design</h2>
 * When the novelty passes {@link TransactorConfig#indexThresholdBytes()}, a job on the indexer
 * thread merges it into the persisted trees copy-on-write ({@link IndexSet#merge}) while the
 * writer goes on. The job only writes new, immutable nodes; installing its result (the root's
 * compare-and-set on its revision, dropping the novelty the new trees include, telling the
 * listeners) runs on the writer thread, handed over through {@code onWriter}, so the state has
 * one writer. A failed compare-and-set means another transactor moved the root: this one stops
 * ({@link TransactorException.Code#DEPOSED}). Above {@link TransactorConfig#maxNoveltyBytes()}
 * the writer waits for indexing before it takes more transactions
 * ({@link #awaitBelowNoveltyLimit}): writes slow down rather than exhaust memory.
 *
 * <p>Everything here but the job itself runs on the writer thread.
 */
final class Indexer {
  // Logs under the transactor's name, as it did before the indexer had a class of its own.
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);
  /**
   * How long the writer sleeps between looks at the novelty while it waits for indexing: short
   * against an index job (hundreds of milliseconds and more), long enough not to spin.
   */
  private static final long BACK_PRESSURE_POLL_MILLIS = 5;

  private final Core core;
  private final Consumer<Runnable> onWriter;
  private final ExecutorService executor;
  /**
   * The threads an index job merges the orders on (EAVT, AEVT, AVET, VAET are independent): as
   * many as the machine has cores, up to the four orders. While the writer waits for indexing
   * (a bulk load above the novelty limit) a job on one thread would leave the other cores idle.
   */
  private final ExecutorService orders;
  private static final int ORDER_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  // Writer thread only.
  private boolean indexing;
  private boolean requested;

  /** @param onWriter runs a task on the writer thread, between batches */
  Indexer(Core core, Consumer<Runnable> onWriter) {
    this.core = core;
    this.onWriter = onWriter;
    this.executor = Executors.newSingleThreadExecutor(r -> Writer.daemon(r, "datolite-indexer " + core.name));
    this.orders = Executors.newFixedThreadPool(ORDER_THREADS, r -> Writer.daemon(r, "datolite-index-order " + core.name));
  }

  /** Indexes everything committed so far: starts a job now, or, if one is running, another right after it. */
  void request() {
    requested = true;
    start(true);
  }

  /** Starts a job if the novelty is over the threshold (or {@code force}) and none is running. */
  void start(boolean force) {
    State s = core.state;
    if (indexing || core.closed || core.fatal != null || s.novelty().size() == 0
        || (!force && s.novelty().estimatedBytes() < core.config.indexThresholdBytes())) {
      return;
    }
    indexing = true;
    requested = false;
    // on the writer thread: what the job merges is never merged in memory again (MemoryIndex.seal)
    s.novelty().seal(Ids.tx(s.t()));
    executor.execute(() -> job(s));
  }

  /** What each order's current index wrote and how many levels it has now: which order a long job spent on. */
  private static String byOrder(IndexSet next) {
    StringBuilder out = new StringBuilder("by order (segments, levels):");
    for (Index index : Index.values()) {
      IndexLevels current = next.current(index);
      out.append(' ').append(index).append(' ').append(current.writeStats().segments()).append(", ")
          .append(current.levels().size());
    }
    return out.toString();
  }

  boolean overNoveltyLimit() {
    return core.state.novelty().estimatedBytes() > core.config.maxNoveltyBytes();
  }

  /**
   * Back-pressure: above the novelty limit, waits for the running index job to finish (starting
   * one if none runs), running the writer's control tasks meanwhile, since the job's
   * installation is one of them.
   */
  void awaitBelowNoveltyLimit(Runnable runControl) throws InterruptedException {
    boolean warned = false;
    while (core.serving() && overNoveltyLimit()) {
      start(true);
      if (!warned) {
        LOG.warn("{}: novelty of {} bytes is above the limit of {}; writes wait for indexing", core.name,
            core.state.novelty().estimatedBytes(), core.config.maxNoveltyBytes());
        warned = true;
      }
      runControl.run();
      Thread.sleep(BACK_PRESSURE_POLL_MILLIS);
    }
  }

  private void job(State s) {
    long started = System.nanoTime();
    try {
      List<CommittedTx> txs = new ArrayList<>();
      for (CommittedTx tx : s.novelty().transactions(Ids.tx(s.t()))) {
        if (tx.tx() > s.persistedBasisTx()) {
          txs.add(tx);
        }
      }
      List<Datom> novelty = NoveltyDatoms.of(txs); // a bulk load's is millions of datoms, read as they are held
      Schema sc = s.schema();
      MemoryIndex layers = s.novelty();
      long after = s.persistedBasisTx();
      long upTo = Ids.tx(s.t());
      IndexSet next = s.persisted().merge(novelty, index -> layers.sorted(index, after, upTo), s.t(), sc::isRef, a -> {
        Attribute attr = sc.attribute(a);
        return attr == null || !attr.noHistory();
      }, orders);
      // recorded before it is installed: garbage collection keeps what a root in use reaches (StorageGc)
      RootHistory.record(core.kv, core.config.keyPrefix(), next.roots());
      LOG.info("{}: index job merged {} datoms up to t {} in {} ms ({} new segments, {} bytes written); {}", core.name,
          novelty.size(), s.t(), (System.nanoTime() - started) / 1_000_000, next.writeStats().segments(),
          next.writeStats().bytes(), byOrder(next));
      onWriter.accept(() -> install(next));
    } catch (RuntimeException e) {
      if (core.closed) {
        // the transactor closed its storage under the job: nothing is lost, the log holds the novelty
        LOG.info("{}: index job up to t {} stopped: the transactor is closing ({})", core.name, s.t(), e.getMessage());
      } else {
        LOG.error("{}: index job up to t {} failed; the novelty stays in memory and a later job retries", core.name,
            s.t(), e);
      }
      onWriter.accept(() -> {
        s.novelty().unseal();
        indexing = false;
      });
    }
  }

  private void install(IndexSet next) {
    State s = core.state;
    boolean swapped;
    try {
      swapped = core.kv.compareAndSet(Recovery.rootKey(core.config), s.rootRev(), next.roots().encode());
    } catch (StorageException e) {
      LOG.error("{}: swapping the root to t {} failed; a later job retries", core.name, next.basisT(), e);
      s.novelty().unseal();
      indexing = false;
      return;
    }
    indexing = false;
    if (!swapped) {
      core.fatal = new TransactorException(TransactorException.Code.DEPOSED, "the root of " + core.config.database()
          + " in " + core.kv.describe() + " was changed by another transactor; this one stops writing", true, null);
      LOG.error("{}: {}", core.name, core.fatal.getMessage());
      return;
    }
    MemoryIndex rest = s.novelty().after(Ids.tx(next.basisT()));
    core.state = s.rooted(next, s.rootRev() + 1, rest);
    if (requested) {
      start(true);
    }
    core.listeners.indexed(next.roots());
  }

  /** Stops the indexer thread; a job still running is interrupted. */
  void close() {
    executor.shutdownNow();
    orders.shutdownNow();
  }
}

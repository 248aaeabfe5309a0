package org.datolite.transactor;

import java.util.concurrent.atomic.AtomicReference;
import org.datolite.schema.Schema;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one transactor share: its store and settings, the published {@link State},
 * the schema the novelty files datoms by, the listeners, and whether it still serves.
 *
 * <p>Only the writer thread changes {@link #state}, {@link #schema} and {@link #fatal} (an index
 * job hands its result to the writer thread to install); anyone may read them. {@link #closed} is
 * set by {@link Transactor#close()} on the caller's thread.
 */
final class Core {
  // Logs under the transactor's name, as everything it logged did before it was split.
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

  final KeyValueStore kv;
  final TransactorConfig config;
  final NodeStore nodes;
  /** The store and the database, for messages and thread names. */
  final String name;
  /** The schema the novelty files datoms by (VAET holds refs): the newest, processed batches included. */
  final AtomicReference<Schema> schema;
  final Listeners listeners;
  /** The state after the last commit. */
  volatile State state;
  volatile boolean closed;
  /** Why this transactor stopped serving (its writer died, or it was deposed), or null. */
  volatile TransactorException fatal;

  /**
   * Recovers the database ({@link Recovery}): the published state starts as what storage holds.
   *
   * @param warm a recovery a standby kept current while it waited (its trees, novelty and
   *     schema are taken over, and only what it has not read yet is read), or null to read it all
   */
  Core(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Recovery warm) {
    this.kv = kv;
    this.config = config;
    this.nodes = warm != null ? warm.nodes() : new NodeStore(kv, cache, config.keyPrefix());
    this.schema = warm != null ? warm.schema() : new AtomicReference<>();
    this.name = kv.describe() + " " + config.database();
    this.listeners = new Listeners(name);
    this.state = (warm != null ? warm : new Recovery(kv, nodes, config, schema)).finish();
  }

  /** Whether the writer may go on: not closed, not failed. */
  boolean serving() {
    return !closed && fatal == null;
  }

  TransactorException closedError() {
    return new TransactorException(TransactorException.Code.CLOSED, name + " is closed", true, null);
  }

  /** Stops this transactor for good: another one wrote into the log slot {@code key}. */
  void deposed(String key) {
    fatal = new TransactorException(TransactorException.Code.DEPOSED, "log slot '" + key + "' in " + kv.describe()
        + " was written by another transactor; this one has been replaced and stops writing", true, null);
    LOG.error("{}: {}", name, fatal.getMessage());
  }
}

package org.datolite.transactor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.log.LogScan;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a transactor up to date with storage: creates the database if its root is missing
 * (the bootstrap transaction at {@code t = 0} as the first log block, empty trees, the root),
 * then opens the trees the root points to and replays every log block after their basis.
 * Replay ends at the first missing block: a block is written whole or not at all, and the next
 * one only after it, so what is found is exactly what was acknowledged (plus, possibly, one
 * batch whose write completed but whose acknowledgement was lost).
 *
 * <p>A standby keeps one open while it waits ({@link #follow}): each call reads what the active
 * transactor added since the last one (a new root after an index job, and the log after what it
 * has), so that on taking over {@link #finish} reads only the last few blocks. Not thread-safe
 * beyond this: {@code follow} and {@code finish} are synchronized, and after {@code finish} the
 * state belongs to the transactor and {@code follow} does nothing.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final KeyValueStore kv;
  private final NodeStore nodes;
  private final TransactorConfig config;
  /** The schema the novelty files datoms by; the transactor that finishes this recovery keeps it. */
  private final AtomicReference<Schema> schema;
  private final String rootKey;
  private long rootRev;
  private IndexRoots roots;
  private IndexSet persisted;
  private MemoryIndex novelty;
  /** The last {@code t} read (the trees' basis before any block), and what the replay has counted and seen. */
  private long t;
  private int blocks;
  private int replayed;
  private Instant lastInstant;
  private boolean finished;

  Recovery(KeyValueStore kv, NodeStore nodes, TransactorConfig config, AtomicReference<Schema> schema) {
    this.kv = kv;
    this.nodes = nodes;
    this.config = config;
    this.schema = schema;
    this.rootKey = rootKey(config);
  }

  static String rootKey(TransactorConfig config) {
    return config.keyPrefix() + "root";
  }

  /** Recovers the database in one go (creating it if it does not exist). */
  static State recover(KeyValueStore kv, NodeStore nodes, TransactorConfig config, AtomicReference<Schema> schema) {
    return new Recovery(kv, nodes, config, schema).finish();
  }

  NodeStore nodes() {
    return nodes;
  }

  AtomicReference<Schema> schema() {
    return schema;
  }

  /**
   * Reads what storage added since the last call: the trees of a new root, and the log after
   * what this recovery holds. Does nothing once finished, or while the database does not exist.
   *
   * @return the basis {@code t} reached, or -1 if the database does not exist yet
   */
  synchronized long follow() {
    if (finished) {
      return roots == null ? -1 : t;
    }
    KeyValueStore.Versioned root = kv.getVersioned(rootKey);
    if (root == null) {
      return -1;
    }
    catchUp(root);
    return t;
  }

  /** The state to serve from: the database created if missing, everything in storage read. */
  synchronized State finish() {
    if (finished) {
      throw new IllegalStateException("this recovery of " + config.database() + " has been handed over already");
    }
    KeyValueStore.Versioned root = kv.getVersioned(rootKey);
    if (root == null) {
      create(kv, nodes, config);
      root = kv.getVersioned(rootKey);
    }
    catchUp(root);
    finished = true;
    if (t < 0) {
      throw new StorageException(StorageErrorCode.SEGMENT_MISSING, "database " + config.database() + " in "
          + kv.describe() + " has a root but no log block at t 0 ('" + LogBlock.key(config.keyPrefix(), 0) + "')");
    }
    Db db = State.db(persisted, List.of(novelty), Ids.tx(t));
    Instant instant = lastInstant;
    if (instant == null) {
      Datom d = db.first(Index.EAVT, Ids.tx(t), Bootstrap.TX_INSTANT);
      instant = d == null ? Instant.EPOCH : (Instant) d.v();
    }
    long nextIndex = Ids.nextEntityIndex(db);
    LOG.info("{}: recovered database {} at t {} (trees at t {}, {} transactions replayed from {} log blocks)",
        kv.describe(), config.database(), t, roots.basisT(), replayed, blocks);
    return new State(persisted, rootRev, novelty, t, schema.get(), nextIndex, instant);
  }

  /**
   * Opens the trees of {@code root} if they are new (keeping the novelty after their basis), then
   * replays the log after what is held.
   */
  private void catchUp(KeyValueStore.Versioned root) {
    if (roots == null || root.rev() != rootRev) {
      IndexRoots next = IndexRoots.decode(root.value(), rootKey);
      if (roots == null || next.basisT() != roots.basisT() || t < next.basisT()) {
        persisted = IndexSet.open(nodes, config.tree(), next);
        long persistedTx = next.basisT() < 0 ? Long.MIN_VALUE : Ids.tx(next.basisT());
        if (novelty == null || t < next.basisT()) {
          // Unique attributes are hashed by value: every upsert and unique check asks for their holders.
          // Sorted when read: the index job sorts what the writer never read (a bulk load's AEVT
          // and AVET), as new datoms in each order's sequence (MemoryIndex.sorted).
          novelty = new MemoryIndex(a -> schema.get().isRef(a), a -> {
            Attribute attribute = schema.get().attribute(a);
            return attribute != null && attribute.isUnique();
          }, true);
          schema.set(next.basisT() < 0 ? Schema.bootstrap()
              : Schema.of(State.db(persisted, List.of(), persistedTx)));
          t = next.basisT();
        } else {
          // an index job of the active transactor: the trees now hold the novelty up to their basis
          novelty = novelty.after(persistedTx);
        }
      }
      roots = next;
      rootRev = root.rev();
    }
    LogScan.read(kv, config.keyPrefix(), t + 1, this::block);
  }

  private static void create(KeyValueStore kv, NodeStore nodes, TransactorConfig config) {
    List<Datom> bootstrap = Bootstrap.datoms();
    String logKey = LogBlock.key(config.keyPrefix(), 0);
    if (!kv.putIfAbsent(logKey, LogBlock.encode(List.of(new CommittedTx(0, Ids.tx(0), bootstrap))))) {
      LOG.info("{}: database {} is being created by another transactor", kv.describe(), config.database());
    }
    IndexSet empty = IndexSet.empty(nodes, config.tree());
    if (kv.compareAndSet(rootKey(config), 0, empty.roots().encode())) {
      LOG.info("{}: created database {} ({} built-in datoms)", kv.describe(), config.database(), bootstrap.size());
    }
  }

  /** A readable summary of a value for logs. */
  static String show(Object v) {
    return Edn.describe(v);
  }

  /** A log block after what is held: its transactions added to the novelty in order, the schema kept current. */
  private boolean block(String key, List<CommittedTx> txs) {
    for (CommittedTx tx : txs) {
      if (tx.t() != t + 1 || tx.tx() != Ids.tx(tx.t())) {
        throw new StorageException(StorageErrorCode.SEGMENT_CORRUPT, "log block '" + key + "' holds t "
            + tx.t() + " (tx " + tx.tx() + ") where t " + (t + 1) + " was expected");
      }
      novelty.add(tx);
      t = tx.t();
      replayed++;
      for (Datom d : tx.datoms()) {
        if (d.e() == tx.tx() && d.a() == Bootstrap.TX_INSTANT && d.added()) {
          lastInstant = (Instant) d.v();
        }
      }
      if (Bootstrap.touchesSchema(tx.datoms())) {
        schema.set(Schema.of(State.db(persisted, List.of(novelty), tx.tx())));
      }
    }
    blocks++;
    return true;
  }
}

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
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  static String rootKey(TransactorConfig config) {
    return config.keyPrefix() + "root";
  }

  static State recover(KeyValueStore kv, NodeStore nodes, TransactorConfig config, AtomicReference<Schema> schema) {
    String rootKey = rootKey(config);
    KeyValueStore.Versioned root = kv.getVersioned(rootKey);
    if (root == null) {
      create(kv, nodes, config);
      root = kv.getVersioned(rootKey);
    }
    IndexRoots roots = IndexRoots.decode(root.value(), rootKey);
    IndexSet persisted = IndexSet.open(nodes, config.tree(), roots);
    long persistedTx = roots.basisT() < 0 ? Long.MIN_VALUE : Ids.tx(roots.basisT());
    // Unique attributes are hashed by value: every upsert and unique check asks for their holders.
    MemoryIndex novelty = new MemoryIndex(a -> schema.get().isRef(a), a -> {
      Attribute attribute = schema.get().attribute(a);
      return attribute != null && attribute.isUnique();
    });
    schema.set(roots.basisT() < 0 ? Schema.bootstrap()
        : Schema.of(State.db(persisted, List.of(), persistedTx)));
    Replay replay = new Replay(roots.basisT(), novelty, persisted, schema);
    LogScan.read(kv, config.keyPrefix(), roots.basisT() + 1, replay::block);
    long t = replay.t;
    int blocks = replay.blocks;
    int replayed = replay.replayed;
    Instant lastInstant = replay.lastInstant;
    if (t < 0) {
      throw new StorageException(StorageErrorCode.SEGMENT_MISSING, "database " + config.database() + " in "
          + kv.describe() + " has a root but no log block at t 0 ('" + LogBlock.key(config.keyPrefix(), 0) + "')");
    }
    Db db = State.db(persisted, List.of(novelty), Ids.tx(t));
    if (lastInstant == null) {
      Datom d = db.first(Index.EAVT, Ids.tx(t), Bootstrap.TX_INSTANT);
      lastInstant = d == null ? Instant.EPOCH : (Instant) d.v();
    }
    long nextIndex = Ids.nextEntityIndex(db);
    LOG.info("{}: recovered database {} at t {} (trees at t {}, {} transactions replayed from {} log blocks)",
        kv.describe(), config.database(), t, roots.basisT(), replayed, blocks);
    return new State(persisted, root.rev(), novelty, t, schema.get(), nextIndex, lastInstant);
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

  /** The log's blocks after the trees' basis, added to the novelty in order (the schema kept current). */
  private static final class Replay {
    private final MemoryIndex novelty;
    private final IndexSet persisted;
    private final AtomicReference<Schema> schema;
    long t;
    int blocks;
    int replayed;
    Instant lastInstant;

    Replay(long basisT, MemoryIndex novelty, IndexSet persisted, AtomicReference<Schema> schema) {
      this.t = basisT;
      this.novelty = novelty;
      this.persisted = persisted;
      this.schema = schema;
    }

    boolean block(String key, List<CommittedTx> txs) {
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
}

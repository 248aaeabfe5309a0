package org.datolite.transactor.remote;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorConfig;
import org.datolite.value.Keyword;

/**
 * A long log since the last index job, written fast: the database created with a schema by an
 * in-process transactor, then {@code blocks} one-transaction blocks (a new entity with one
 * {@code :preload/n} each) put straight into storage, as a busy database leaves them. Shared with
 * the benchmarks ({@code bench} depends on this module's test jar).
 */
public final class LogPreload {
  private LogPreload() {}

  /** @return the first {@code t} of the written blocks */
  public static long write(KeyValueStore kv, TransactorConfig config, String schema, int blocks) {
    long first;
    long attribute;
    try (Transactor t = Transactor.open(kv, new SegmentCache(64L << 20), config)) {
      t.transact(Edn.read(schema));
      t.transact(Edn.read("[{:db/ident :preload/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]"));
      first = t.basisT() + 1;
      attribute = t.db().first(Index.AVET, Bootstrap.IDENT, Keyword.of(":preload/n")).e();
    }
    Map<String, byte[]> chunk = new LinkedHashMap<>();
    long nextEntity = 1_000_000;
    for (long t = first; t < first + blocks; t++) {
      long tx = Ids.tx(t);
      long e = Ids.entity(Ids.PARTITION_USER, nextEntity++);
      List<Datom> datoms = List.of(Datom.of(tx, Bootstrap.TX_INSTANT, Instant.ofEpochMilli(1_700_000_000_000L + t), tx),
          Datom.of(e, attribute, t, tx));
      chunk.put(LogBlock.key(config.keyPrefix(), t), LogBlock.encode(List.of(new CommittedTx(t, tx, datoms))));
      if (chunk.size() == 1000) {
        kv.putAllIfAbsent(chunk);
        chunk.clear();
      }
    }
    kv.putAllIfAbsent(chunk);
    return first;
  }
}

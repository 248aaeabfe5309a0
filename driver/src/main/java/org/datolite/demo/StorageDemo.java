package org.datolite.demo;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.IndexLevels;
import org.datolite.storage.tree.IndexTree;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.datolite.value.Keyword;

/**
 * The storage layer at work on the sample dataset, for the README's first command. The first
 * run indexes a dataset of people, products and orders into the four indexes (current and
 * history trees) and publishes the roots with a compare-and-set; every run then applies an index
 * job of order status changes copy-on-write and shows what was rewritten and what was shared,
 * and reads the indexes: an entity's datoms (EAVT), range counts (AEVT, AVET), reverse
 * references (VAET) and an order's status history (history trees).
 *
 * <p>This stands in for the transactor and the peer until they exist; the datoms are the sample
 * log's, with attribute ids from {@link SampleData}.
 */
public final class StorageDemo {
  /** The mutable key holding the demo database's {@link IndexRoots}. */
  public static final String ROOTS_KEY = "demo/roots";

  private final KeyValueStore kv;
  private final PrintWriter out;
  private final NodeStore nodes;

  public StorageDemo(KeyValueStore kv, PrintWriter out) {
    this.kv = kv;
    this.out = out;
    this.nodes = new NodeStore(kv, new SegmentCache(), "demo/");
  }

  /** What a run did, for tests. */
  public record Result(long basisT, long currentDatoms, long historyDatoms, int segmentsWritten, long rev) {}

  /**
   * Creates the database on first use, applies {@code changes} status changes as one index job,
   * and prints what is there.
   */
  public Result run(long initialDatoms, int changes, long seed) {
    KeyValueStore.Versioned stored = kv.getVersioned(ROOTS_KEY);
    IndexSet indexes;
    long rev;
    if (stored == null) {
      long started = System.nanoTime();
      List<List<Datom>> txs = SampleData.transactions(initialDatoms, seed);
      List<Datom> log = new ArrayList<>();
      txs.forEach(log::addAll);
      indexes = IndexSet.empty(nodes, TreeConfig.DEFAULT).merge(log, txs.size(), SampleData::isRef);
      publish(indexes, 0);
      rev = 1;
      IndexTree.WriteStats w = indexes.writeStats();
      out.printf("Created the sample database in %s: %,d datoms in %,d transactions (%.1f s)%n",
          kv.describe(), log.size(), txs.size(), (System.nanoTime() - started) / 1e9);
      out.printf("  wrote %,d segments and %,d directories, %,d bytes%n", w.segments(), w.directories(), w.bytes());
    } else {
      indexes = IndexSet.open(nodes, TreeConfig.DEFAULT, IndexRoots.decode(stored.value(), ROOTS_KEY));
      rev = stored.rev();
      out.printf("Opened the sample database in %s at basis t %,d (roots revision %d)%n",
          kv.describe(), indexes.basisT(), rev);
    }

    List<Datom> novelty = statusChanges(indexes, changes, new SplittableRandom(seed + rev));
    long t = indexes.basisT() + 1;
    IndexSet next = indexes.merge(novelty, t, SampleData::isRef);
    publish(next, rev);
    rev++;
    IndexLevels eavt = next.current(Index.EAVT);
    int before = indexes.current(Index.EAVT).shape().get(1).intValue();
    out.printf("Index job at t %,d: %d order status changes (%,d datoms); EAVT rewrote %d of %,d segments and shared the rest%n",
        t, (novelty.size() - 1) / 2, novelty.size(), eavt.writeStats().segments(), before);

    report(next);
    return new Result(next.basisT(), eavt.count(), next.history(Index.EAVT).count(),
        next.writeStats().segments(), rev);
  }

  private void publish(IndexSet indexes, long expectedRev) {
    if (!kv.compareAndSet(ROOTS_KEY, expectedRev, indexes.roots().encode())) {
      throw new StorageException(StorageErrorCode.KEY_CONFLICT,
          "the roots of the demo database changed under this run (expected revision " + expectedRev
              + "); another process is writing to " + kv.describe());
    }
  }

  /** Retracts the status of random orders and asserts a new one, in one transaction. */
  private static List<Datom> statusChanges(IndexSet indexes, int changes, SplittableRandom random) {
    long tx = SampleData.tx(indexes.basisT() + 1);
    IndexLevels aevt = indexes.current(Index.AEVT);
    Datom low = Index.AEVT.lowerBound(SampleData.ORDER_STATUS);
    Datom high = Index.AEVT.upperBound(SampleData.ORDER_STATUS);
    List<Datom> novelty = new ArrayList<>();
    novelty.add(Datom.of(tx, SampleData.TX_INSTANT, Instant.now(), tx));
    Iterator<Datom> first = aevt.range(low, true, high, true);
    Iterator<Datom> last = aevt.rangeReverse(low, true, high, true);
    if (!first.hasNext()) {
      return novelty;
    }
    long lo = first.next().e();
    long hi = last.next().e();
    Set<Long> changed = new HashSet<>();
    for (int attempt = 0; changed.size() < changes && attempt < changes * 20; attempt++) {
      long order = lo + random.nextLong(hi - lo + 1);
      Iterator<Datom> at = aevt.range(Index.AEVT.lowerBound(SampleData.ORDER_STATUS, order), true, high, true);
      Datom current = at.hasNext() ? at.next() : null;
      Keyword status = Keyword.of(":status/" + new String[] {"shipped", "delivered", "returned"}[random.nextInt(3)]);
      if (current == null || status.equals(current.v()) || !changed.add(current.e())) {
        continue;
      }
      novelty.add(current.retractedBy(tx));
      novelty.add(Datom.of(current.e(), SampleData.ORDER_STATUS, status, tx));
    }
    return novelty;
  }

  private void report(IndexSet db) {
    out.println();
    out.printf("%-5s %14s %14s %12s%n", "index", "current datoms", "history datoms", "segments");
    for (Index index : Index.values()) {
      out.printf("%-5s %,14d %,14d %,12d%n", index, db.current(index).count(), db.history(index).count(),
          db.current(index).shape().get(1) + db.history(index).shape().get(1));
    }
    IndexLevels eavt = db.current(Index.EAVT);
    IndexLevels aevt = db.current(Index.AEVT);
    IndexLevels avet = db.current(Index.AVET);
    IndexLevels vaet = db.current(Index.VAET);

    long person = SampleData.FIRST_ENTITY + 8;
    out.printf("%nEAVT: entity %d%n", person);
    eavt.range(Index.EAVT.lowerBound(person), true, Index.EAVT.upperBound(person), true)
        .forEachRemaining(d -> out.printf("  %s %s%n", SampleData.ATTRIBUTES.get(d.a()).ident(), Edn.describe(d.v())));

    out.printf("AEVT: %,d orders, %,d order lines (range counts)%n",
        aevt.count(Index.AEVT.lowerBound(SampleData.ORDER_ID), true, Index.AEVT.upperBound(SampleData.ORDER_ID), true),
        aevt.count(Index.AEVT.lowerBound(SampleData.LINE_PRODUCT), true, Index.AEVT.upperBound(SampleData.LINE_PRODUCT), true));
    out.printf("AVET: %,d people aged 30 to 39%n",
        avet.count(Index.AVET.lowerBound(SampleData.PERSON_AGE, 30L), true, Index.AVET.lowerBound(SampleData.PERSON_AGE, 40L), false));

    Iterator<Datom> firstLine = aevt.seek(Index.AEVT.lowerBound(SampleData.LINE_PRODUCT));
    if (firstLine.hasNext()) {
      Object product = firstLine.next().v();
      out.printf("VAET: product %s is on %,d order lines%n", product, vaet.count(
          Index.VAET.lowerBound(product, SampleData.LINE_PRODUCT), true, Index.VAET.upperBound(product, SampleData.LINE_PRODUCT), true));
    }

    IndexLevels historyEavt = db.history(Index.EAVT);
    Iterator<Datom> changed = db.history(Index.AEVT).seek(Index.AEVT.lowerBound(SampleData.ORDER_STATUS));
    if (changed.hasNext()) {
      long order = changed.next().e();
      out.printf("History of order %d's status:%n", order);
      List<Datom> story = new ArrayList<>();
      historyEavt.range(Index.EAVT.lowerBound(order, SampleData.ORDER_STATUS), true,
          Index.EAVT.upperBound(order, SampleData.ORDER_STATUS), true).forEachRemaining(story::add);
      eavt.range(Index.EAVT.lowerBound(order, SampleData.ORDER_STATUS), true,
          Index.EAVT.upperBound(order, SampleData.ORDER_STATUS), true).forEachRemaining(story::add);
      story.sort(Comparator.comparingLong(Datom::tx).thenComparing(Datom::added));
      for (Datom d : story) {
        out.printf("  t %,d %s %s%n", d.tx() - SampleData.TX0, d.added() ? "asserted " : "retracted", Edn.describe(d.v()));
      }
    }
    out.printf("Segment cache: %,d hits, %,d misses, %,d bytes held%n",
        nodes.cache().stats().hitCount(), nodes.cache().stats().missCount(), nodes.cache().weightedSize());
  }
}

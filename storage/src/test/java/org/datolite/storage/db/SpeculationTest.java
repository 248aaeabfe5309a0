package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.junit.jupiter.api.Test;

/**
 * A speculative value ({@link Db#with}) over a novelty that keeps growing: the transactor adds
 * later real transactions to the same memory index, one of them with the id of the speculative
 * transaction. The speculative value shows its basis and its own transaction, never the later ones.
 */
class SpeculationTest {
  private static final long TX0 = 1000;
  private static final long E = 17;
  private static final long A = 10;

  private static List<Object> values(Db db) {
    List<Object> out = new ArrayList<>();
    for (Iterator<Datom> it = db.datoms(Index.EAVT, E, A); it.hasNext(); ) {
      out.add(it.next().v());
    }
    return out;
  }

  @Test
  void aSpeculativeValue_neverShowsLaterRealTransactions() {
    NodeStore store = new NodeStore(new MemoryStore("spec"), new SegmentCache(1L << 20), "spec/");
    IndexSet persisted = IndexSet.empty(store, new TreeConfig(4, 1024, 3));
    MemoryIndex novelty = new MemoryIndex(a -> false);
    novelty.add(new CommittedTx(1, TX0 + 1, List.of(Datom.of(E, A, 100L, TX0 + 1))));
    Db basis = Db.of(persisted, Long.MIN_VALUE, List.of(novelty), TX0 + 1);

    MemoryIndex layer = new MemoryIndex(a -> false);
    Datom old = Datom.of(E, A, 100L, TX0 + 1);
    layer.add(new CommittedTx(2, TX0 + 2, List.of(old.retractedBy(TX0 + 2), Datom.of(E, A, 70L, TX0 + 2))));
    Db spec = basis.with(layer, TX0 + 2);
    assertEquals(List.of(70L), values(spec));

    // the transactor commits real transactions 2 and 3 into the same novelty afterwards
    novelty.add(new CommittedTx(2, TX0 + 2, List.of(old.retractedBy(TX0 + 2), Datom.of(E, A, 150L, TX0 + 2))));
    novelty.add(new CommittedTx(3, TX0 + 3, List.of(Datom.of(E, A, 150L, TX0 + 2).retractedBy(TX0 + 3),
        Datom.of(E, A, 90L, TX0 + 3))));
    assertEquals(List.of(100L), values(basis), "the basis reads at its own limit");
    assertEquals(List.of(70L), values(spec), "the speculation shows its own transaction, not the real one of its id");
    assertEquals(List.of(70L), values(spec.with(new MemoryIndex(a -> false), TX0 + 3)), "nor a later one");
    assertEquals(List.of(100L), values(spec.asOf(TX0 + 1)));
    assertEquals(List.of(90L), values(Db.of(persisted, Long.MIN_VALUE, List.of(novelty), TX0 + 3)));
  }
}

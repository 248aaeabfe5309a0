package org.datolite.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.demo.SampleData;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.TreeConfig;

/** The sample dataset as the current datoms of each index, sorted, and as built trees. */
final class SampleIndexes {
  private SampleIndexes() {}

  /** The sample log replayed naively: the facts true at the end, in log order. */
  static List<Datom> currentDatoms(long targetDatoms, long seed) {
    LinkedHashMap<Datom, Datom> live = new LinkedHashMap<>();
    for (List<Datom> tx : SampleData.transactions(targetDatoms, seed)) {
      for (Datom d : tx) {
        Datom fact = new Datom(d.e(), d.a(), d.v(), 0, true);
        if (d.added()) {
          live.put(fact, d);
        } else {
          live.remove(fact);
        }
      }
    }
    return new ArrayList<>(live.values());
  }

  /** The datoms of an index, sorted in its order (VAET: refs only). */
  static Map<Index, Datom[]> sorted(List<Datom> datoms) {
    Map<Index, Datom[]> out = new EnumMap<>(Index.class);
    for (Index index : Index.values()) {
      List<Datom> list = new ArrayList<>();
      for (Datom d : datoms) {
        if (index != Index.VAET || SampleData.isRef(d.a())) {
          list.add(d);
        }
      }
      list.sort(index.comparator());
      out.put(index, list.toArray(new Datom[0]));
    }
    return out;
  }

  /** All transactions of the sample applied as one index job. */
  static IndexSet indexSet(NodeStore store, TreeConfig config, long targetDatoms, long seed) {
    List<List<Datom>> txs = SampleData.transactions(targetDatoms, seed);
    List<Datom> log = new ArrayList<>();
    txs.forEach(log::addAll);
    return IndexSet.empty(store, config).merge(log, txs.size(), SampleData::isRef);
  }
}

package org.datolite.bench;

import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.IndexTree;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;

/**
 * Bytes per datom of each index on the sample dataset (people, products, orders): the stored
 * size of every segment, directory and root of a tree built with the default shape, divided by
 * its datoms. The goal is at most 10 bytes per datom per index.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.StorageFootprint [datoms]}
 * (default 1,000,000).
 */
public final class StorageFootprint {
  private StorageFootprint() {}

  public static void main(String[] args) {
    long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    List<Datom> current = SampleIndexes.currentDatoms(target, 42);
    Map<Index, Datom[]> sorted = SampleIndexes.sorted(current);
    NodeStore store = new NodeStore(new MemoryStore("footprint"), new SegmentCache(0), "db/");
    System.out.printf("sample dataset: %,d current datoms%n", current.size());
    System.out.printf("%-5s %12s %9s %12s %14s%n", "index", "datoms", "segments", "bytes", "bytes/datom");
    for (Index index : Index.values()) {
      Datom[] datoms = sorted.get(index);
      IndexTree tree = IndexTree.build(index, store, TreeConfig.DEFAULT, List.of(datoms).iterator());
      IndexTree.WriteStats stats = tree.writeStats();
      System.out.printf("%-5s %,12d %,9d %,12d %14.2f%n", index, datoms.length, stats.segments(), stats.bytes(),
          (double) stats.bytes() / datoms.length);
    }
  }
}

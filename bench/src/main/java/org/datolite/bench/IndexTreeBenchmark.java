package org.datolite.bench;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.IndexTree;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The index tree against the same datoms in a {@link TreeSet}, the in-memory limit, side by
 * side ({@code impl} = {@code tree} or {@code treeset}), on the EAVT order of the sample dataset
 * (about a million datoms) with every segment in cache:
 * <ul>
 *   <li>{@code seek}: find the first datom at or after a random key (ns per seek);
 *   <li>{@code scan}: iterate 10,000 datoms from a random key (datoms per second);
 *   <li>{@code count}: count the datoms of a random entity range of ~10,000 datoms.
 * </ul>
 * {@code tree-uncached} is the same tree with a cache of zero bytes: every node is fetched from
 * the memory store and decoded on each visit, the cost of a cold peer.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar IndexTreeBenchmark}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class IndexTreeBenchmark {
  static final int SCAN = 10_000;

  @Param({"tree", "tree-uncached", "treeset"})
  public String impl;

  private IndexTree tree;
  private TreeSet<Datom> set;
  private Datom[] keys;
  private Datom[] rangeEnds;
  private int next;

  @Setup
  public void setUp() {
    List<Datom> current = SampleIndexes.currentDatoms(1_000_000, 42);
    Datom[] sorted = SampleIndexes.sorted(current).get(Index.EAVT);
    MemoryStore kv = new MemoryStore("bench");
    NodeStore store = new NodeStore(kv, new SegmentCache(2L << 30), "db/");
    tree = IndexTree.build(Index.EAVT, store, TreeConfig.DEFAULT, List.of(sorted).iterator());
    if (impl.equals("tree-uncached")) {
      tree = IndexTree.open(Index.EAVT, new NodeStore(kv, new SegmentCache(0), "db/"), TreeConfig.DEFAULT, tree.rootId());
    }
    if (impl.equals("treeset")) {
      set = new TreeSet<>(Index.EAVT.comparator());
      set.addAll(List.of(sorted));
    }
    SplittableRandom random = new SplittableRandom(7);
    keys = new Datom[4096];
    rangeEnds = new Datom[keys.length];
    for (int i = 0; i < keys.length; i++) {
      int at = random.nextInt(sorted.length - SCAN - 1);
      keys[i] = sorted[at];
      rangeEnds[i] = sorted[at + SCAN];
    }
    if (impl.equals("tree")) {
      // Touch every segment once so that the tree is fully cached, as the TreeSet is.
      tree.iterator().forEachRemaining(d -> { });
    }
  }

  private int nextKey() {
    int i = next;
    next = (next + 1) & (keys.length - 1);
    return i;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Datom seek() {
    Datom key = keys[nextKey()];
    return !impl.equals("treeset") ? tree.seek(key).next() : set.ceiling(key);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(SCAN)
  public void scan(Blackhole bh) {
    Datom key = keys[nextKey()];
    Iterator<Datom> it = !impl.equals("treeset") ? tree.seek(key) : set.tailSet(key, true).iterator();
    for (int i = 0; i < SCAN; i++) {
      bh.consume(it.next());
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long count() {
    int i = nextKey();
    return !impl.equals("treeset")
        ? tree.count(keys[i], true, rangeEnds[i], false)
        : set.subSet(keys[i], true, rangeEnds[i], false).size();
  }
}

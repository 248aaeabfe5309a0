package org.datolite.storage.db;

import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;

/**
 * The primitive keys of a {@link Layers}' runs, one array per run (each datom's leading component,
 * or its second), built when a run is first read rather than when it is published: the
 * transactor's novelty publishes a run at every merge of its binary counter, and in a bulk load
 * nothing reads most of them before an index job takes them away. Arrays already built for a run
 * carry over to the next layers that hold the same run. {@link #get} gives null where the order
 * has no such component (VAET; the second of AVET).
 */
final class RunKeys extends AbstractList<long[]> {
  private final Index index;
  private final boolean second;
  private final List<Datom[]> runs;
  private final AtomicReferenceArray<long[]> built;

  private RunKeys(Index index, boolean second, List<Datom[]> runs, AtomicReferenceArray<long[]> built) {
    this.index = index;
    this.second = second;
    this.runs = runs;
    this.built = built;
  }

  /** Keys of {@code runs}, with those {@code previous} built for the same run objects. */
  static RunKeys of(Index index, boolean second, List<Datom[]> runs, RunKeys previous) {
    AtomicReferenceArray<long[]> built = new AtomicReferenceArray<>(runs.size());
    if (previous != null) {
      for (int i = 0; i < runs.size(); i++) {
        for (int j = 0; j < previous.runs.size(); j++) {
          if (previous.runs.get(j) == runs.get(i)) {
            built.set(i, previous.built.get(j));
            break;
          }
        }
      }
    }
    return new RunKeys(index, second, runs, built);
  }

  /** The keys of the runs from {@code n} on (those of {@code runs.subList(n, size)}), sharing what is built. */
  RunKeys from(int n) {
    int start = Math.min(n, runs.size());
    AtomicReferenceArray<long[]> out = new AtomicReferenceArray<>(runs.size() - start);
    for (int i = start; i < runs.size(); i++) {
      out.set(i - start, built.get(i));
    }
    return new RunKeys(index, second, List.copyOf(runs.subList(start, runs.size())), out);
  }

  /** Run {@code i}'s keys if they were built, else null (for a pass that would not build them for itself). */
  long[] ifBuilt(int i) {
    return built.get(i);
  }

  @Override
  public long[] get(int i) {
    if (second ? !LongKeys.hasSecond(index) : !LongKeys.hasFirst(index)) {
      return null;
    }
    long[] k = built.get(i);
    if (k == null) {
      k = second ? LongKeys.seconds(index, runs.get(i)) : LongKeys.firsts(index, runs.get(i));
      built.set(i, k); // two readers may both build them: the same arrays either way
    }
    return k;
  }

  @Override
  public int size() {
    return runs.size();
  }
}

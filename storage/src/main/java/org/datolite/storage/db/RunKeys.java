package org.datolite.storage.db;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;

/**
 * The primitive keys of a {@link Layers}' runs (per run, each datom's leading component and, in
 * EAVT and AEVT, its second), built once a run has been read a few times
 * ({@link #BUILD_AFTER_READS}) rather than when it is published: the transactor's novelty
 * publishes a run at every merge of its binary counter, and in a bulk load nothing but a lookup or
 * two per transaction reads them before an index job takes them away (a read without keys
 * binary-searches the datoms instead). Keys already built for a run carry over to the next layers
 * that hold the same run.
 */
final class RunKeys {
  /** Reads of a run after which its keys are built. */
  static final int BUILD_AFTER_READS = 8;

  /**
   * One run's keys.
   *
   * @param lead each datom's leading component ({@code e} in EAVT, {@code a} in AEVT and AVET)
   * @param second each datom's second component ({@code a} in EAVT, {@code e} in AEVT), or null
   */
  record Keys(long[] lead, long[] second) {
  }

  private final Index index;
  private final List<Datom[]> runs;
  private final AtomicReferenceArray<Keys> built;
  private final AtomicIntegerArray reads;

  private RunKeys(Index index, List<Datom[]> runs, AtomicReferenceArray<Keys> built, AtomicIntegerArray reads) {
    this.index = index;
    this.runs = runs;
    this.built = built;
    this.reads = reads;
  }

  /**
   * Keys of {@code runs}, with what {@code previous} built for the same run objects, and the reads
   * it counted for those not built yet (the writer publishes new layers at every transaction: a
   * run read a few times under each would otherwise never get keys).
   */
  static RunKeys of(Index index, List<Datom[]> runs, RunKeys previous) {
    AtomicReferenceArray<Keys> built = new AtomicReferenceArray<>(runs.size());
    AtomicIntegerArray reads = new AtomicIntegerArray(runs.size());
    if (previous != null) {
      for (int i = 0; i < runs.size(); i++) {
        for (int j = 0; j < previous.runs.size(); j++) {
          if (previous.runs.get(j) == runs.get(i)) {
            built.set(i, previous.built.get(j));
            reads.set(i, previous.reads.get(j));
            break;
          }
        }
      }
    }
    return new RunKeys(index, runs, built, reads);
  }

  /** The keys of the runs from {@code n} on (those of {@code runs.subList(n, size)}), sharing what is built and counted. */
  RunKeys from(int n) {
    int start = Math.min(n, runs.size());
    AtomicReferenceArray<Keys> out = new AtomicReferenceArray<>(runs.size() - start);
    AtomicIntegerArray counted = new AtomicIntegerArray(runs.size() - start);
    for (int i = start; i < runs.size(); i++) {
      out.set(i - start, built.get(i));
      counted.set(i - start, reads.get(i));
    }
    return new RunKeys(index, List.copyOf(runs.subList(start, runs.size())), out, counted);
  }

  /** Run {@code i}'s keys if they were built, else null (for a pass that would not build them for itself). */
  Keys ifBuilt(int i) {
    return built.get(i);
  }

  /**
   * Run {@code i}'s keys for a read, built if this is its {@link #BUILD_AFTER_READS}th; null if
   * not built yet or the order has none (VAET).
   */
  Keys forRead(int i) {
    Keys k = built.get(i);
    if (k == null && LongKeys.hasFirst(index)) {
      if (reads.get(i) < BUILD_AFTER_READS && reads.incrementAndGet(i) < BUILD_AFTER_READS) {
        return null;
      }
      Datom[] run = runs.get(i);
      k = new Keys(LongKeys.firsts(index, run), LongKeys.seconds(index, run));
      built.set(i, k); // two readers may both build them: equal arrays either way
    }
    return k;
  }
}

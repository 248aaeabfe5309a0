package org.datolite.storage.db;

import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;

/**
 * One order's sorted layers in the novelty: a small head taking inserts, and runs merged in a
 * binary counter ({@link SortedRuns}), oldest (largest) first; all sorted and immutable, so a
 * reader holding one {@code Layers} sees a fixed snapshot while the writer publishes the next.
 * Each run has a parallel array of its datoms' leading component ({@code e} in EAVT, {@code a} in
 * AEVT and AVET; null for VAET), so that a seek binary-searches a contiguous {@code long[]}
 * instead of chasing a pointer to a datom at every probe, and compares whole datoms only among
 * the few that share the leading component; those arrays are built once a run has been read a
 * few times ({@link RunKeys}).
 */
record Layers(Datom[] head, List<Datom[]> runs, RunKeys keys) {
  /** These layers, with the keys built for unchanged runs of {@code previous} (null: none) kept. */
  static Layers of(Index index, Datom[] head, List<Datom[]> runs, Layers previous) {
    List<Datom[]> copy = List.copyOf(runs);
    return new Layers(head, copy, RunKeys.of(index, copy, previous == null ? null : previous.keys));
  }

  /** These layers with another head. */
  Layers withHead(Datom[] newHead) {
    return new Layers(newHead, runs, keys);
  }

  /** The runs from {@code n} on under another head, their keys kept. */
  Layers from(int n, Datom[] newHead) {
    return new Layers(newHead, List.copyOf(runs.subList(Math.min(n, runs.size()), runs.size())), keys.from(n));
  }
}

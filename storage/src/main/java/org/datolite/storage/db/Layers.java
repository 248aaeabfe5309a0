package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;

/**
 * One order's sorted layers in the novelty: a small head taking inserts, and runs merged in a
 * binary counter ({@link SortedRuns}), oldest (largest) first; all sorted and immutable, so a
 * reader holding one {@code Layers} sees a fixed snapshot while the writer publishes the next.
 * Each run has a parallel array of its datoms' leading component ({@code e} in EAVT, {@code a} in
 * AEVT and AVET; null for VAET), so that a seek binary-searches a contiguous {@code long[]}
 * instead of chasing a pointer to a datom at every probe, and compares whole datoms only among
 * the few that share the leading component.
 */
record Layers(Datom[] head, List<Datom[]> runs, List<long[]> leads, List<long[]> seconds) {
  Layers(Datom[] head, List<Datom[]> runs) {
    this(head, runs, List.of(), List.of());
  }

  /**
   * These layers with lead arrays (and, for EAVT and AEVT, arrays of the second component) for
   * every run, reusing the previous layers' for unchanged runs.
   */
  static Layers of(Index index, Datom[] head, List<Datom[]> runs, Layers previous) {
    List<long[]> leads = new ArrayList<>(runs.size());
    List<long[]> seconds = new ArrayList<>(runs.size());
    for (Datom[] run : runs) {
      int known = -1;
      if (previous != null) {
        for (int i = 0; i < previous.runs.size() && i < previous.leads.size(); i++) {
          if (previous.runs.get(i) == run) {
            known = i;
            break;
          }
        }
      }
      leads.add(known >= 0 ? previous.leads.get(known) : LongKeys.firsts(index, run));
      seconds.add(known >= 0 ? previous.seconds.get(known) : LongKeys.seconds(index, run));
    }
    return new Layers(head, List.copyOf(runs), Collections.unmodifiableList(leads),
        Collections.unmodifiableList(seconds));
  }
}

package org.datolite.storage.db;

import java.util.Comparator;
import java.util.NoSuchElementException;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;
import org.datolite.value.Values;

/**
 * A cursor over a stretch of one sorted run, ascending ({@code step} 1) or descending
 * ({@code step} -1). An ascending cursor seeks by galloping forward from where it is; given the
 * run's arrays of first and second components (EAVT and AEVT runs, see {@link Layers}) it compares
 * those longs first and whole datoms only on a tie. Its {@link #bound()} is the stretch's last
 * datom, so a {@link MergedCursor} emits from it without comparisons while it stays below the
 * other sources.
 */
final class RunCursor implements DatomCursor {
  private final Datom[] run;
  private final int end;
  private final int step;
  /** The run's first and second components as longs (or null): seeks compare these first. */
  private final long[] lead;
  private final long[] second;
  private final Index index;
  private int i;

  /**
   * @param start the first position to return
   * @param end the position after the last (before it, descending)
   * @param step 1 (ascending) or -1 (descending)
   */
  RunCursor(Datom[] run, int start, int end, int step, long[] lead, long[] second, Index index) {
    this.lead = lead;
    this.second = second;
    this.index = index;
    this.run = run;
    this.i = start;
    this.end = end;
    this.step = step;
  }

  /**
   * The order of position {@code p} against a key with those first two components, then the whole
   * key; a {@code floor} key (its value {@link Values#MIN}) is below every datom that shares its
   * first two components, so those need no whole comparison.
   */
  private int compareAt(int p, long keyLead, long keySecond, boolean floor, Datom key, Comparator<Datom> order) {
    int c = Long.compare(lead[p], keyLead);
    if (c == 0) {
      c = Long.compare(second[p], keySecond);
      if (c == 0) {
        c = floor ? 1 : order.compare(run[p], key);
      }
    }
    return c;
  }

  /** A gallop and a binary search over the primitive arrays (EAVT and AEVT runs). */
  private void seekPrimitive(Datom key, Comparator<Datom> order) {
    long kl = LongKeys.first(index, key);
    long ks = LongKeys.second(index, key);
    boolean floor = key.v() == Values.MIN;
    if (i >= end || compareAt(i, kl, ks, floor, key, order) >= 0) {
      return;
    }
    int lo = i;
    int bound = 1;
    while (lo + bound < end && compareAt(lo + bound, kl, ks, floor, key, order) < 0) {
      lo += bound;
      bound <<= 1;
    }
    int a = lo + 1;
    int b = Math.min(end, lo + bound + 1);
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (compareAt(mid, kl, ks, floor, key, order) < 0) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    i = a;
  }

  @Override
  public Datom bound() {
    return step == 1 && end > 0 ? run[end - 1] : null;
  }

  /** Gallops forward to the first position at or after {@code key} (ascending iterators only). */
  @Override
  public void seek(Datom key, Comparator<Datom> order) {
    if (step != 1) {
      throw new IllegalStateException("a descending run iterator cannot seek forward");
    }
    if (lead != null && second != null && order == index.comparator()) {
      seekPrimitive(key, order);
      return;
    }
    if (i >= end || order.compare(run[i], key) >= 0) {
      return;
    }
    int lo = i; // run[lo] < key
    int bound = 1;
    while (lo + bound < end && order.compare(run[lo + bound], key) < 0) {
      lo += bound;
      bound <<= 1;
    }
    i = SortedRuns.search(run, lo + 1, Math.min(end, lo + bound + 1), key, false, order);
  }

  /** A bulk lookup from the current position; on the primitive arrays when the run has them. */
  @Override
  public boolean lookUp(long first, long[] seconds, int n, Datom[] out) {
    if (step != 1 || !LongKeys.hasSecond(index)) {
      return false;
    }
    Comparator<Datom> order = index.comparator();
    for (int k = 0; k < n; k++) {
      Datom key = LongKeys.floor(index, first, seconds[k]);
      seek(key, order);
      if (i == end) {
        return true;
      }
      boolean found = lead != null ? lead[i] == first && second[i] == seconds[k]
          : LongKeys.first(index, run[i]) == first && LongKeys.second(index, run[i]) == seconds[k];
      if (found) {
        out[k] = LongKeys.least(index, run[i], out[k]);
      }
    }
    return true;
  }

  /** Steps back onto {@code last} and seeks on the primitive keys: {@code last} itself is not read. */
  @Override
  public Datom seekFrom(Datom last, Datom key, Comparator<Datom> order) {
    if (step != 1 || lead == null || second == null || order != index.comparator() || i == 0 || run[i - 1] != last) {
      return DatomCursor.super.seekFrom(last, key, order);
    }
    i--;
    seekPrimitive(key, order);
    return i < end ? run[i++] : null;
  }

  @Override
  public boolean hasNext() {
    return i != end;
  }

  @Override
  public Datom next() {
    if (i == end) {
      throw new NoSuchElementException();
    }
    Datom d = run[i];
    i += step;
    return d;
  }
}

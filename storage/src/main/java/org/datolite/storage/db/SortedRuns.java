package org.datolite.storage.db;

import java.util.Comparator;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;

/**
 * The algorithms over sorted runs: immutable arrays of distinct datoms in one index's order, as
 * the novelty keeps them ({@link Layers}).
 *
 * <p>Writing: a few datoms are {@linkplain #insert inserted} into a small run by copying the
 * stretches between their places; a new run is {@linkplain #push pushed} onto a list of runs kept
 * like a binary counter (the last two merged while the older is no larger than the newer, up to
 * {@link #MAX_RUN} datoms, and whatever their size past {@link #MAX_RUNS} runs), so a list holds
 * O(log n) runs (plus one per {@code MAX_RUN} datoms) and each datom is copied O(log n) times. Two runs {@linkplain #merge
 * merge} with galloping, as TimSort does: where one run supplies many datoms in a row (new
 * entities in EAVT, rising values in AVET) the end of the stretch is found by exponential search
 * and copied at once.
 *
 * <p>Reading: the bounds of a range within a run are found by binary search ({@link #search}),
 * narrowed first by the run's array of leading components ({@link #span}) and skipped altogether
 * when the run lies wholly outside the range ({@link #outside}); a short range's end is found by
 * galloping from its start ({@link #endFrom}).
 */
final class SortedRuns {
  /**
   * The most datoms two runs merge into while there are at most {@link #MAX_RUNS} unsealed runs:
   * small enough that the run's array stays below G1's humongous size (half a heap region). A
   * humongous array is allocated straight into the old generation, so its references to the
   * young datoms it holds are scanned at every young collection until they are promoted; in a
   * bulk load that scanning was most of the collector's time.
   */
  static final int MAX_RUN = maxRun();
  /** Past this many unsealed runs, the last two merge whatever their size (a read checks every run). */
  static final int MAX_RUNS = 24;

  /** A merge copies in bulk after one run has supplied this many datoms in a row. */
  private static final int GALLOP = 7;

  private SortedRuns() {}

  /**
   * Half the region G1 picks for this heap, in references: G1 sizes regions to about 2,048 per
   * heap, a power of two from 1 to 32 MiB (rounded down here, so a run never exceeds half the real
   * region; an explicit {@code -XX:G1HeapRegionSize} is not looked up, which would cost the JMX
   * start-up on every first transaction). References are 4 bytes below 32 GiB of heap.
   */
  private static int maxRun() {
    long max = Runtime.getRuntime().maxMemory();
    long region = Long.highestOneBit(Math.max(1L << 20, Math.min(32L << 20, max / 2048)));
    return (int) ((region / 2 - 64) / (max < 32L << 30 ? 4 : 8));
  }

  /** A copy of the sorted {@code head} with the few sorted {@code datoms} inserted in their places. */
  static Datom[] insert(Datom[] head, Datom[] datoms, Comparator<Datom> cmp) {
    Datom[] out = new Datom[head.length + datoms.length];
    int from = 0;
    int k = 0;
    for (Datom d : datoms) {
      int at = search(head, from, head.length, d, false, cmp);
      System.arraycopy(head, from, out, k, at - from);
      k += at - from;
      out[k++] = d;
      from = at;
    }
    System.arraycopy(head, from, out, k, head.length - from);
    return out;
  }

  /**
   * Adds a sorted run, merging the last two while the older is no larger than the newer and not
   * among the first {@code sealed} runs (those are never merged: {@link MemoryIndex#seal}).
   */
  static void push(List<Datom[]> runs, Datom[] run, Index index, int sealed) {
    runs.add(run);
    while (runs.size() - 2 >= sealed && (runs.size() - sealed > MAX_RUNS
        || (runs.get(runs.size() - 2).length <= runs.get(runs.size() - 1).length
            && runs.get(runs.size() - 2).length + runs.get(runs.size() - 1).length <= MAX_RUN))) {
      Datom[] newer = runs.remove(runs.size() - 1);
      Datom[] older = runs.remove(runs.size() - 1);
      runs.add(merge(older, newer, index.comparator()));
    }
  }

  /**
   * Merges two sorted runs of distinct datoms. After {@value #GALLOP} datoms in a row from one run,
   * the rest of its stretch below the other's next datom is found by exponential search and
   * copied at once (as TimSort does), so interleaved stretches cost a few comparisons each.
   */
  static Datom[] merge(Datom[] x, Datom[] y, Comparator<Datom> cmp) {
    Datom[] out = new Datom[x.length + y.length];
    if (x.length == 0 || y.length == 0 || cmp.compare(x[x.length - 1], y[0]) < 0) {
      System.arraycopy(x, 0, out, 0, x.length);
      System.arraycopy(y, 0, out, x.length, y.length);
      return out;
    }
    int i = 0;
    int j = 0;
    int k = 0;
    int xWins = 0;
    int yWins = 0;
    while (i < x.length && j < y.length) {
      if (cmp.compare(x[i], y[j]) < 0) {
        out[k++] = x[i++];
        yWins = 0;
        if (++xWins >= GALLOP && i < x.length) {
          int end = gallop(x, i, y[j], cmp);
          System.arraycopy(x, i, out, k, end - i);
          k += end - i;
          i = end;
          xWins = 0;
        }
      } else {
        out[k++] = y[j++];
        xWins = 0;
        if (++yWins >= GALLOP && j < y.length) {
          int end = gallop(y, j, x[i], cmp);
          System.arraycopy(y, j, out, k, end - j);
          k += end - j;
          j = end;
          yWins = 0;
        }
      }
    }
    System.arraycopy(x, i, out, k, x.length - i);
    k += x.length - i;
    System.arraycopy(y, j, out, k, y.length - j);
    return out;
  }

  /**
   * The first position at or after {@code from} whose datom is at or above {@code key}:
   * exponential, then binary search.
   */
  static int gallop(Datom[] run, int from, Datom key, Comparator<Datom> cmp) {
    int lo = from;
    int step = 1;
    int hi;
    while (true) {
      int probe = lo + step - 1;
      if (probe >= run.length) {
        hi = run.length;
        break;
      }
      if (cmp.compare(run[probe], key) < 0) {
        lo = probe + 1;
        step <<= 1;
      } else {
        hi = probe;
        break;
      }
    }
    return search(run, lo, hi, key, false, cmp);
  }

  /** The first position of a run in a range that starts at {@code from} (null: open). */
  static int start(Datom[] run, Datom from, boolean inclusive, Index index) {
    return from == null ? 0 : search(run, 0, run.length, from, !inclusive, index.comparator());
  }

  /**
   * Whether a run lies wholly before or after a range (two comparisons: runs of entities written at
   * different times often cover disjoint stretches of an index, so a seek skips most of them).
   */
  static boolean outside(Datom[] run, Index index, Datom from, boolean fromInclusive, Datom to,
      boolean toInclusive) {
    if (run.length == 0) {
      return true;
    }
    Comparator<Datom> cmp = index.comparator();
    if (from != null) {
      int c = cmp.compare(run[run.length - 1], from);
      if (c < 0 || (c == 0 && !fromInclusive)) {
        return true;
      }
    }
    if (to != null) {
      int c = cmp.compare(run[0], to);
      return c > 0 || (c == 0 && !toInclusive);
    }
    return false;
  }

  /**
   * As {@link #end}, knowing the range starts at {@code lo}: gallops from there, so that a short
   * range (one entity's datoms, one value's) costs a few comparisons instead of a full search.
   */
  static int endFrom(Datom[] run, int lo, int limit, Datom to, boolean inclusive, Index index) {
    if (to == null) {
      return limit;
    }
    Comparator<Datom> cmp = index.comparator();
    int step = 1;
    int base = lo;
    while (base + step <= limit) {
      int c = cmp.compare(run[base + step - 1], to);
      if (c > 0 || (c == 0 && !inclusive)) {
        return search(run, base, base + step - 1, to, inclusive, cmp);
      }
      base += step;
      step <<= 1;
    }
    return search(run, base, limit, to, inclusive, cmp);
  }

  /**
   * The positions {@code [lo, hi)} of a run whose leading component lies between the bounds'
   * (all of it without a lead array): a range's datoms are within, found by a search of the
   * contiguous {@code long[]}.
   */
  static int[] span(Datom[] run, long[] lead, Index index, Datom from, Datom to) {
    if (lead == null) {
      return new int[] {0, run.length};
    }
    int lo = from == null ? 0 : LongKeys.firstAtLeast(lead, 0, lead.length, LongKeys.first(index, from));
    int hi = to == null ? run.length : LongKeys.firstAbove(lead, lo, lead.length, LongKeys.first(index, to));
    return new int[] {lo, Math.max(lo, hi)};
  }

  /** The position after the last one of a run in a range that ends at {@code to} (null: open). */
  static int end(Datom[] run, Datom to, boolean inclusive, Index index) {
    return to == null ? run.length : search(run, 0, run.length, to, inclusive, index.comparator());
  }

  /**
   * The first position in {@code [lo, hi)} whose datom is above {@code key} (after) or at or above
   * it (not after), or {@code hi}.
   */
  static int search(Datom[] run, int lo, int hi, Datom key, boolean after, Comparator<Datom> cmp) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = cmp.compare(run[mid], key);
      if (c < 0 || (after && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

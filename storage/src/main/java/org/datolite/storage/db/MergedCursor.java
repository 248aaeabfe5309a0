package org.datolite.storage.db;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;

/**
 * A k-way merge of sorted iterators: the persisted trees and the novelty's runs (up to
 * {@link SortedRuns#MAX_RUNS} and a few more).
 *
 * <p>It keeps the source it emitted from and the least head of the others (the runner-up): while
 * the current source stays at or below that head it emits without looking at the others, so
 * sources covering disjoint stretches (memory-index runs written at different times, EAVT's new
 * entities) cost one comparison a datom. A source that is a {@link DatomCursor} with a
 * {@linkplain DatomCursor#bound() bound} below the runner-up is emitted from without any
 * comparison.
 *
 * <p>When the lead passes to another source (at nearly every datom where the sources interleave,
 * as AVET's values of a bulk load do), a <em>loser tree</em> over the heads finds the new least
 * head and the runner-up with about 2·log₂ k comparisons instead of comparing all k heads (an
 * index job merges 15 to 25 runs a seal). Internal node {@code n} (1 ≤ n &lt; k) holds the source
 * that lost the match there; its children are nodes {@code 2n} and {@code 2n + 1}, and source
 * {@code i} is leaf {@code k + i}. The runner-up lost its match to the winner, so it is the least
 * of the losers on the winner's path.
 */
final class MergedCursor implements DatomCursor {
  private final List<Iterator<Datom>> sources;
  private final Datom[] heads;
  private final Comparator<Datom> cmp;
  /** losers[n]: the source that lost the match at internal node n (index 0 unused). */
  private final int[] losers;
  /** Scratch for building the tree: the winner of each node's subtree. */
  private final int[] winners;
  /** The source with the least head (-1: exhausted), and the least head among the others (or null). */
  private int best = -1;
  private Datom runnerUp;
  /** Whether everything the best source has left comes before the runner-up (no comparisons needed). */
  private boolean alone;

  /** @param sources sorted in {@code cmp}, each a datom at most once; seeking replaces them by cursors */
  MergedCursor(List<Iterator<Datom>> sources, Comparator<Datom> cmp) {
    this.sources = sources;
    this.cmp = cmp;
    int k = sources.size();
    this.heads = new Datom[k];
    this.losers = new int[Math.max(1, k)];
    this.winners = new int[2 * k];
    for (int i = 0; i < k; i++) {
      heads[i] = sources.get(i).hasNext() ? sources.get(i).next() : null;
    }
    build();
  }

  /** Whether source i's head comes before source j's: an exhausted source after all others, ties by source. */
  private boolean before(int i, int j) {
    Datom a = heads[i];
    Datom b = heads[j];
    if (a == null) {
      return false;
    }
    if (b == null) {
      return true;
    }
    int c = cmp.compare(a, b);
    return c < 0 || c == 0 && i < j;
  }

  /** Plays every match from the leaves up (k - 1 comparisons), then settles the winner. */
  private void build() {
    int k = heads.length;
    if (k == 0) {
      best = -1;
      runnerUp = null;
      alone = false;
      return;
    }
    for (int i = 0; i < k; i++) {
      winners[k + i] = i;
    }
    for (int n = k - 1; n >= 1; n--) {
      int a = winners[2 * n];
      int b = winners[2 * n + 1];
      boolean aWins = before(a, b);
      winners[n] = aWins ? a : b;
      losers[n] = aWins ? b : a;
    }
    settle(k == 1 ? 0 : winners[1]);
  }

  /** Source i's head changed: plays its matches again on the way to the root, then settles the winner. */
  private void replay(int i) {
    int w = i;
    for (int n = (heads.length + i) >> 1; n >= 1; n >>= 1) {
      if (before(losers[n], w)) {
        int t = losers[n];
        losers[n] = w;
        w = t;
      }
    }
    settle(w);
  }

  /** Makes {@code w} the best source and finds the runner-up among the losers on its path. */
  private void settle(int w) {
    alone = false;
    runnerUp = null;
    if (heads[w] == null) {
      best = -1;
      return;
    }
    best = w;
    int second = -1;
    for (int n = (heads.length + w) >> 1; n >= 1; n >>= 1) {
      int l = losers[n];
      if (heads[l] != null && (second < 0 || before(l, second))) {
        second = l;
      }
    }
    if (second >= 0) {
      runnerUp = heads[second];
      if (sources.get(best) instanceof DatomCursor c) {
        Datom last = c.bound();
        alone = last != null && cmp.compare(last, runnerUp) <= 0;
      }
    }
  }

  @Override
  public boolean hasNext() {
    return best >= 0;
  }

  @Override
  public void seek(Datom key, Comparator<Datom> order) {
    boolean moved = false;
    for (int i = 0; i < heads.length; i++) {
      if (heads[i] != null) {
        DatomCursor c = DatomCursor.of(sources.get(i));
        sources.set(i, c);
        Datom h = c.seekFrom(heads[i], key, order);
        if (h != heads[i]) {
          heads[i] = h;
          moved = true;
        }
      }
    }
    if (moved) {
      build();
    }
  }

  @Override
  public Datom next() {
    if (best < 0) {
      throw new NoSuchElementException();
    }
    Datom d = heads[best];
    Iterator<Datom> it = sources.get(best);
    Datom following = it.hasNext() ? it.next() : null;
    heads[best] = following;
    // At or below the runner-up the best source still wins every match on its path (on a tie with
    // a lower source it would lose by rule, but the datoms are equal), so the tree holds.
    if (following == null || !alone && runnerUp != null && cmp.compare(following, runnerUp) > 0) {
      replay(best);
    }
    return d;
  }
}

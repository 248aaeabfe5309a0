package org.datolite.storage.db;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;

/**
 * A k-way merge of sorted iterators (k is at most a handful: the persisted trees and the novelty's
 * runs). It keeps the source it emitted from and the least head of the others: while the current
 * source stays at or below that head it emits without looking at the others, so sources covering
 * disjoint stretches (memory-index runs written at different times) cost one comparison a datom,
 * not k; only when the lead passes to another source are all heads compared again. A source that
 * is a {@link DatomCursor} with a {@linkplain DatomCursor#bound() bound} below the runner-up is
 * emitted from without any comparison.
 */
final class MergedCursor implements DatomCursor {
  private final List<Iterator<Datom>> sources;
  private final Datom[] heads;
  private final Comparator<Datom> cmp;
  /** The source with the least head (-1: exhausted), and the least head among the others (or null). */
  private int best = -1;
  private Datom runnerUp;
  /** Whether everything the best source has left comes before the runner-up (no comparisons needed). */
  private boolean alone;

  /** @param sources sorted in {@code cmp}, each a datom at most once; seeking replaces them by cursors */
  MergedCursor(List<Iterator<Datom>> sources, Comparator<Datom> cmp) {
    this.sources = sources;
    this.cmp = cmp;
    this.heads = new Datom[sources.size()];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = sources.get(i).hasNext() ? sources.get(i).next() : null;
    }
    elect();
  }

  /** Finds the least head and the least of the others. */
  private void elect() {
    best = -1;
    runnerUp = null;
    alone = false;
    for (int i = 0; i < heads.length; i++) {
      Datom h = heads[i];
      if (h == null) {
        continue;
      }
      if (best < 0 || cmp.compare(h, heads[best]) < 0) {
        if (best >= 0) {
          runnerUp = heads[best];
        }
        best = i;
      } else if (runnerUp == null || cmp.compare(h, runnerUp) < 0) {
        runnerUp = h;
      }
    }
    if (best >= 0 && runnerUp != null && sources.get(best) instanceof DatomCursor c) {
      Datom last = c.bound();
      alone = last != null && cmp.compare(last, runnerUp) <= 0;
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
      elect();
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
    if (following == null || (!alone && runnerUp != null && cmp.compare(following, runnerUp) > 0)) {
      elect();
    }
    return d;
  }
}

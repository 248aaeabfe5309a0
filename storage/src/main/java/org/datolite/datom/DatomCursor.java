package org.datolite.datom;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An ascending iterator over datoms that can skip forward: {@link #seek} moves past every datom
 * before a key, so that looking up many sorted keys in one index range (a merge join) costs a
 * short gallop from the current position each, not a search from the top.
 */
public interface DatomCursor extends Iterator<Datom> {
  /**
   * Skips the datoms before {@code key} in {@code order} (the cursor's own): {@link #next()} then
   * returns the first datom at or after it. Never moves backwards.
   */
  void seek(Datom key, Comparator<Datom> order);

  /**
   * A datom at or above every datom this cursor can still return, if known cheaply (null
   * otherwise): a merge emits from a source whose bound is below the other sources' heads without
   * comparing each datom.
   */
  default Datom bound() {
    return null;
  }

  /** A cursor over any ascending iterator (itself if it is one): other iterators seek by reading forward. */
  static DatomCursor of(Iterator<Datom> it) {
    return it instanceof DatomCursor c ? c : new Reading(it);
  }

  /** Seeks by reading forward, one datom of lookahead. */
  final class Reading implements DatomCursor {
    private final Iterator<Datom> in;
    private Datom ahead;

    Reading(Iterator<Datom> in) {
      this.in = in;
    }

    @Override
    public void seek(Datom key, Comparator<Datom> order) {
      while (ahead != null || in.hasNext()) {
        Datom d = ahead != null ? ahead : in.next();
        if (order.compare(d, key) >= 0) {
          ahead = d;
          return;
        }
        ahead = null;
      }
    }

    @Override
    public boolean hasNext() {
      return ahead != null || in.hasNext();
    }

    @Override
    public Datom next() {
      if (ahead != null) {
        Datom d = ahead;
        ahead = null;
        return d;
      }
      if (!in.hasNext()) {
        throw new NoSuchElementException();
      }
      return in.next();
    }
  }
}

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
   * For a merge that holds {@code last}, the datom {@link #next()} returned last, as this cursor's
   * unread head: the first datom at or after {@code key} from {@code last} on (null if none), as
   * if {@code last} had not been read and {@link #seek} then {@link #next()} were called. A cursor
   * over primitive keys decides without touching {@code last}, so a merge join of sparse keys
   * does not pay a cache miss per key on a datom it then skips.
   */
  default Datom seekFrom(Datom last, Datom key, Comparator<Datom> order) {
    if (order.compare(last, key) >= 0) {
      return last;
    }
    seek(key, order);
    return hasNext() ? next() : null;
  }

  /**
   * A bulk merge join on the first two components (EAVT and AEVT order): for each {@code i < n},
   * the first datom this cursor holds with first component {@code first} and second
   * {@code seconds[i]}, into {@code out[i]} (where {@code out[i]} already holds one, from another
   * source, the lesser of the two stays). The {@code seconds} ascend and none is below a key asked
   * before; nothing is consumed, but the cursor may only be asked for more lookups afterwards. A
   * cursor over primitive keys reads no datom, so the caller's later loads of the datoms found
   * overlap instead of stalling one lookup each.
   *
   * @return false, having done nothing, if this cursor cannot (with {@code n} 0: whether it can)
   */
  default boolean lookUp(long first, long[] seconds, int n, Datom[] out) {
    return false;
  }

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

package org.datolite.storage.db;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.value.Values;

/**
 * The facts true at a view's limit, from the merged datoms of every source. Datoms of one fact
 * {@code (e a v)} sort next to each other, ordered by {@code tx}, because every index compares
 * its three leading components before {@code tx}; so of each run of datoms of one fact (ascending
 * or descending) the latest decides: an assertion is emitted, a retraction hides the fact.
 */
final class FactsCursor implements DatomCursor {
  private Iterator<Datom> in;
  private final boolean reverse;
  private Datom pending;
  private Datom next;

  /** @param reverse whether {@code in} is descending (the latest datom of a fact comes first) */
  FactsCursor(Iterator<Datom> in, boolean reverse) {
    this.in = in;
    this.reverse = reverse;
  }

  /** Ascending only; keys fall between facts (their tx is open), so no fact is split. */
  @Override
  public void seek(Datom key, Comparator<Datom> order) {
    if (next != null) {
      if (order.compare(next, key) >= 0) {
        return;
      }
      next = null;
    }
    if (pending != null) {
      if (order.compare(pending, key) >= 0) {
        return;
      }
      pending = null;
    }
    in = FilteredCursor.seekWithin(in, key, order);
  }

  @Override
  public boolean hasNext() {
    while (next == null && (pending != null || in.hasNext())) {
      Datom latest = pending != null ? pending : in.next();
      pending = null;
      while (in.hasNext()) {
        Datom d = in.next();
        if (!sameFact(d, latest)) {
          pending = d;
          break;
        }
        if (!reverse) {
          latest = d; // ascending: the last of the run is the latest
        }
      }
      if (latest.added()) {
        next = latest;
      }
    }
    return next != null;
  }

  @Override
  public Datom next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Datom d = next;
    next = null;
    return d;
  }

  private static boolean sameFact(Datom x, Datom y) {
    return x.e() == y.e() && x.a() == y.a() && Values.equals(x.v(), y.v());
  }
}

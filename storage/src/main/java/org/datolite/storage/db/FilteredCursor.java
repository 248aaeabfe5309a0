package org.datolite.storage.db;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;

/** Datoms from an iterator that pass a test, looked ahead one at a time; seeks pass to the iterator. */
class FilteredCursor implements DatomCursor {
  private Iterator<Datom> in;
  private final Predicate<Datom> keep;
  private Datom next;

  FilteredCursor(Iterator<Datom> in, Predicate<Datom> keep) {
    this.in = in;
    this.keep = keep;
  }

  /** Datoms of transactions at or below a limit. */
  static final class Limited extends FilteredCursor {
    Limited(Iterator<Datom> in, long limit) {
      super(in, d -> d.tx() <= limit);
    }
  }

  /** Seeks an inner iterator (made a cursor if it is not one), returning what to keep reading. */
  static DatomCursor seekWithin(Iterator<Datom> in, Datom key, Comparator<Datom> order) {
    DatomCursor c = DatomCursor.of(in);
    c.seek(key, order);
    return c;
  }

  @Override
  public void seek(Datom key, Comparator<Datom> order) {
    if (next != null) {
      if (order.compare(next, key) >= 0) {
        return;
      }
      next = null;
    }
    in = seekWithin(in, key, order);
  }

  @Override
  public boolean hasNext() {
    while (next == null && in.hasNext()) {
      Datom d = in.next();
      if (keep.test(d)) {
        next = d;
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
}

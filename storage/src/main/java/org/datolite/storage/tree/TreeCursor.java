package org.datolite.storage.tree;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.LongKeys;

/**
 * Iteration over a range of an {@link IndexTree}. A cursor holds its position as (directory,
 * segment, offset) and the current segment's array; the range's far bound is located once per
 * segment, so the step within a segment is an array read and a comparison of two ints.
 * Segments and directories are fetched through the cache only when the cursor reaches them.
 */
abstract class TreeCursor implements Iterator<Datom> {
  final IndexTree tree;
  final Comparator<Datom> cmp;
  final Datom from;
  final boolean fromInclusive;
  final Datom to;
  final boolean toInclusive;

  Directory dir;
  int dirIndex;
  int segIndex;
  Segment segment;
  Datom[] datoms;
  int pos;
  /** Forward: one past the last position in range in this segment; reverse: the first. */
  int limit;
  boolean lastSegment;

  TreeCursor(IndexTree tree, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
    this.tree = tree;
    this.cmp = tree.index().comparator();
    this.from = from;
    this.fromInclusive = fromInclusive;
    this.to = to;
    this.toInclusive = toInclusive;
  }

  /** Ascending; seeks within the current segment, or descends again from the root for a key beyond it. */
  static final class Forward extends TreeCursor implements DatomCursor {
    @Override
    public void seek(Datom key, Comparator<Datom> order) {
      if (!hasNext() || segment.compareAt(pos, key) >= 0) {
        return;
      }
      if (segment.compareAt(limit - 1, key) >= 0) {
        pos = segment.seek(pos, limit, key);
        return;
      }
      if (to != null && cmp.compare(key, to) > 0) {
        pos = limit;
        lastSegment = true;
        return;
      }
      Directory root = tree.root();
      dirIndex = root.childFor(key);
      dir = tree.directory(dirIndex);
      segIndex = dir.childFor(key);
      lastSegment = false;
      load();
      pos = segment.rank(datoms.length, key, false);
    }

    /** A bulk lookup by seeks on the segments' primitive keys; no datom is read. */
    @Override
    public boolean lookUp(long first, long[] seconds, int n, Datom[] out) {
      if (!LongKeys.hasSecond(tree.index())) {
        return false;
      }
      for (int k = 0; k < n; k++) {
        seek(LongKeys.floor(tree.index(), first, seconds[k]), cmp);
        if (!hasNext()) {
          return true;
        }
        if (segment.has(pos, first, seconds[k])) {
          out[k] = LongKeys.least(tree.index(), datoms[pos], out[k]);
        }
      }
      return true;
    }

    /** Steps back onto {@code last} and seeks on the segment's primitive keys, not reading {@code last}. */
    @Override
    public Datom seekFrom(Datom last, Datom key, Comparator<Datom> order) {
      if (order != cmp || pos == 0 || pos > limit || datoms[pos - 1] != last) {
        return DatomCursor.super.seekFrom(last, key, order);
      }
      pos--;
      seek(key, order);
      return hasNext() ? next() : null;
    }

    Forward(IndexTree tree, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
      super(tree, from, fromInclusive, to, toInclusive);
      Directory root = tree.root();
      if (root.size() == 0 || (from != null && to != null && cmp.compare(from, to) > 0)) {
        lastSegment = true;
        return;
      }
      dirIndex = from == null ? 0 : root.childFor(from);
      dir = tree.directory(dirIndex);
      segIndex = from == null ? 0 : dir.childFor(from);
      load();
      pos = from == null ? 0 : segment.rank(datoms.length, from, !fromInclusive);
    }

    /** The segments ahead in this directory that the range still covers, batched. */
    private void readAhead() {
      int end = segIndex + NodeStore.READ_AHEAD;
      if (to != null) {
        end = Math.min(end, dir.childrenAtOrBelow(to));
      }
      tree.readAhead(dir, segIndex, end);
    }

    private void load() {
      segment = tree.segment(dir, segIndex);
      datoms = segment.datoms();
      limit = datoms.length;
      if (to != null) {
        int end = segment.rank(datoms.length, to, toInclusive);
        boolean finalDir = dirIndex == tree.root().size() - 1;
        boolean beyond = end < datoms.length
            || (segIndex + 1 < dir.size() ? cmp.compare(dir.firstKey(segIndex + 1), to) > 0
                : !finalDir && cmp.compare(tree.root().firstKey(dirIndex + 1), to) > 0);
        limit = end;
        lastSegment = beyond;
      }
      if (segIndex == dir.size() - 1 && dirIndex == tree.root().size() - 1) {
        lastSegment = true;
      }
    }

    @Override
    public boolean hasNext() {
      while (pos >= limit) {
        if (lastSegment) {
          return false;
        }
        if (++segIndex == dir.size()) {
          dir = tree.directory(++dirIndex);
          segIndex = 0;
        }
        readAhead();
        load();
        pos = 0;
      }
      return true;
    }

    @Override
    public Datom next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return datoms[pos++];
    }
  }

  /** Descending. */
  static final class Reverse extends TreeCursor {
    Reverse(IndexTree tree, Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {
      super(tree, from, fromInclusive, to, toInclusive);
      Directory root = tree.root();
      if (root.size() == 0 || (from != null && to != null && cmp.compare(from, to) > 0)) {
        lastSegment = true;
        pos = -1;
        return;
      }
      dirIndex = to == null ? root.size() - 1 : root.childFor(to);
      dir = tree.directory(dirIndex);
      segIndex = to == null ? dir.size() - 1 : dir.childFor(to);
      load();
      pos = (to == null ? datoms.length : segment.rank(datoms.length, to, toInclusive)) - 1;
    }

    private void load() {
      segment = tree.segment(dir, segIndex);
      datoms = segment.datoms();
      limit = 0;
      if (from != null) {
        limit = segment.rank(datoms.length, from, !fromInclusive);
        // The range starts in this segment if its first datom is already below it.
        lastSegment = limit > 0 || (cmp.compare(datoms[0], from) == 0);
      }
      if (segIndex == 0 && dirIndex == 0) {
        lastSegment = true;
      }
    }

    @Override
    public boolean hasNext() {
      while (pos < limit) {
        if (lastSegment) {
          return false;
        }
        if (--segIndex < 0) {
          dir = tree.directory(--dirIndex);
          segIndex = dir.size() - 1;
        }
        tree.readAheadBackwards(dir, segIndex, from);
        load();
        pos = datoms.length - 1;
      }
      return true;
    }

    @Override
    public Datom next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return datoms[pos--];
    }
  }
}

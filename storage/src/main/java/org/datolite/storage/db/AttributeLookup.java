package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.DatomCursor;
import org.datolite.datom.Index;
import org.datolite.value.Values;

/**
 * One attribute's datoms for many entities asked in ascending order (a merge join): forwards,
 * the datoms of each entity (AEVT); backwards, the datoms whose ref value is each entity (VAET).
 * One cursor over the range between the first and last entity skips forward from each entity to
 * the next, so each lookup costs a short gallop instead of a seek from the top of the index.
 */
public final class AttributeLookup {
  private final Index index;
  private final long attribute;
  private final Comparator<Datom> order;
  private final DatomCursor cursor;
  private Datom ahead;

  /**
   * @param index {@link Index#AEVT} (by entity) or {@link Index#VAET} (by ref value)
   * @param first the least entity that will be asked for
   * @param last the greatest
   */
  public AttributeLookup(Db db, Index index, long attribute, long first, long last) {
    if (index != Index.AEVT && index != Index.VAET) {
      throw new IllegalArgumentException(index + " cannot look entities up by attribute; expected AEVT or VAET");
    }
    this.index = index;
    this.attribute = attribute;
    this.order = index.comparator();
    this.cursor = index == Index.AEVT
        ? db.cursor(index, index.lowerBound(attribute, first), true, index.upperBound(attribute, last), true)
        : db.cursor(index, index.lowerBound(first, attribute), true, index.upperBound(last, attribute), true);
  }

  /** The datoms of entity {@code n}, which is not below any entity asked before (in index order). */
  public List<Datom> datoms(long n) {
    List<Datom> out = new ArrayList<>(1);
    for (Datom d = first(n); d != null; d = next(n)) {
      out.add(d);
    }
    return out;
  }

  /**
   * The first datom of entity {@code n} (the only one of a cardinality-one attribute), or null;
   * {@code n} is not below any entity asked before. Builds no list: {@link #next} gives the others.
   */
  public Datom first(long n) {
    // the range's lower bound for n, built directly: this runs once per entity
    Datom key = index == Index.AEVT ? new Datom(n, attribute, Values.MIN, Long.MIN_VALUE, false)
        : new Datom(Long.MIN_VALUE, attribute, n, Long.MIN_VALUE, false);
    if (ahead == null || order.compare(ahead, key) < 0) {
      ahead = null;
      cursor.seek(key, order);
    }
    return next(n);
  }

  /** After {@link #first}{@code (n)}: the next datom of entity {@code n}, or null when it has no more. */
  public Datom next(long n) {
    if (ahead == null) {
      if (!cursor.hasNext()) {
        return null;
      }
      ahead = cursor.next();
    }
    Datom d = ahead;
    boolean belongs = index == Index.AEVT ? d.e() == n
        : d.a() == attribute && d.v() instanceof Long v && v == n;
    if (!belongs) {
      return null;
    }
    ahead = null;
    return d;
  }
}

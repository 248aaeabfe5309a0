package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Arrays;
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
  private final Db db;
  private final Datom from;
  private final Datom to;
  /** The cursor of one-at-a-time lookups, made at the first. */
  private DatomCursor cursor;
  private Datom ahead;
  /** The sources of bulk lookups ({@link #firsts}), made at the first (null before). */
  private List<DatomCursor> bulk;
  /** Whether {@link #firsts} looks up in bulk (decided at its first call). */
  private boolean bulkUsable;

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
    this.db = db;
    this.from = index == Index.AEVT ? index.lowerBound(attribute, first) : index.lowerBound(first, attribute);
    this.to = index == Index.AEVT ? index.upperBound(attribute, last) : index.upperBound(last, attribute);
  }

  /**
   * The first datom of each entity {@code es[0..n)} into {@code out} (null where it has none): for
   * a cardinality-one attribute its value. The entities ascend, none below an entity asked before;
   * a lookup asked this way is asked only this way. When the database value shows current facts
   * only, each sorted source (persisted tree, novelty run) is searched on its primitive keys
   * without reading a datom ({@link DatomCursor#lookUp}), so the caller's reads of the datoms
   * found overlap; otherwise one lookup after another.
   */
  public void firsts(long[] es, int n, Datom[] out) {
    if (bulk == null) {
      List<DatomCursor> sources = cursor == null && index == Index.AEVT
          ? db.plainSources(index, from, true, to, true) : null;
      bulkUsable = sources != null && sources.stream().allMatch(c -> c.lookUp(attribute, es, 0, out));
      bulk = bulkUsable ? sources : List.of();
    }
    if (bulkUsable) {
      Arrays.fill(out, 0, n, null);
      for (DatomCursor c : bulk) {
        c.lookUp(attribute, es, n, out);
      }
      return;
    }
    for (int k = 0; k < n; k++) {
      out[k] = first(es[k]);
    }
  }

  /** The datoms of entity {@code n}, which is not below any entity asked before (in index order). */
  public List<Datom> datoms(long n) {
    List<Datom> out = new ArrayList<>(1);
    for (Datom d = first(n); d != null; d = next(n)) {
      out.add(d);
    }
    return out;
  }

  /** Whether {@link #firsts} has looked up in bulk (for tests). */
  boolean isBulk() {
    return bulkUsable;
  }

  /**
   * The first datom of entity {@code n} (the only one of a cardinality-one attribute), or null;
   * {@code n} is not below any entity asked before. Builds no list: {@link #next} gives the others.
   */
  public Datom first(long n) {
    // the range's lower bound for n, built directly: this runs once per entity
    Datom key = index == Index.AEVT ? new Datom(n, attribute, Values.MIN, Long.MIN_VALUE, false)
        : new Datom(Long.MIN_VALUE, attribute, n, Long.MIN_VALUE, false);
    if (cursor == null) {
      cursor = db.cursor(index, from, true, to, true);
    }
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

package org.datolite.storage.db;

import java.util.function.Predicate;
import org.datolite.datom.Datom;

/**
 * How a {@link Db} looks at its datoms: the limits and filters that {@link Db#asOf},
 * {@link Db#since}, {@link Db#history}, {@link Db#filter} and {@link Db#with} set, apart from what
 * the datoms are read from (the persisted trees, the novelty and the basis), so that each of those
 * methods changes one component instead of passing ten.
 *
 * @param asOfTx the as-of limit, or {@link Long#MAX_VALUE} if none
 * @param sinceTx the since limit (exclusive), or {@link Long#MIN_VALUE} if none
 * @param history whether every assertion and retraction is shown instead of the facts
 * @param filter only datoms it accepts are shown (null: all)
 * @param specAfter with {@code specUpTo}: speculative transactions added on top of an as-of view
 *     ({@link Db#with} after {@link Db#asOf}), those in {@code (specAfter, specUpTo]}, are visible
 *     although they follow the as-of point; none unless {@code specAfter < specUpTo}
 * @param specUpTo see {@code specAfter}
 */
record View(long asOfTx, long sinceTx, boolean history, Predicate<Datom> filter, long specAfter, long specUpTo) {
  /** The plain current view: no limit, no filter, no speculation. */
  static final View CURRENT = new View(Long.MAX_VALUE, Long.MIN_VALUE, false, null, Long.MAX_VALUE, Long.MIN_VALUE);

  /** Whether it has neither as-of nor since limits, history or filters (speculation aside). */
  boolean isUnfiltered() {
    return asOfTx == Long.MAX_VALUE && sinceTx == Long.MIN_VALUE && !history && filter == null;
  }

  boolean hasSpeculation() {
    return specAfter < specUpTo;
  }

  /** With the as-of limit at {@code tx} if that is earlier; speculation is cut there too. */
  View asOf(long tx) {
    return new View(Math.min(asOfTx, tx), sinceTx, history, filter, specAfter, Math.min(specUpTo, tx));
  }

  /** With the since limit at {@code tx} if that is later. */
  View since(long tx) {
    return new View(asOfTx, Math.max(sinceTx, tx), history, filter, specAfter, specUpTo);
  }

  /** Showing every assertion and retraction. */
  View withHistory() {
    return new View(asOfTx, sinceTx, true, filter, specAfter, specUpTo);
  }

  /** With another filter, combined with "and". */
  View filtered(Predicate<Datom> predicate) {
    Predicate<Datom> combined = filter == null ? predicate : filter.and(predicate);
    return new View(asOfTx, sinceTx, history, combined, specAfter, specUpTo);
  }

  /** With the speculative window {@code (after, upTo]}. */
  View speculating(long after, long upTo) {
    return new View(asOfTx, sinceTx, history, filter, after, upTo);
  }
}

package org.datolite.query;

import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.AttributeStatistics;
import org.datolite.schema.Resolver;
import org.datolite.storage.db.Db;

/**
 * A database value as the query engine reads it: the one thing a {@code $} source of a query
 * (and the log of {@code tx-ids} and {@code tx-data}) must be. The peer's
 * {@code org.datolite.Database} implements it, and the SQL layer's database value is to implement
 * it too when a {@code DATALOG('…')} table function runs a query inside SQL.
 *
 * <h2>Design</h2>
 * The engine reads a value in two ways, and the interface has one part for each:
 * <ul>
 *   <li><b>By ids</b>, on its hot paths: once a pattern's constants are resolved, each binding
 *       costs a seek or a cursor step straight into {@link #db()} (the storage value: datoms,
 *       ranges, forward-skipping cursors and O(log n) estimates by index, in entity and
 *       attribute ids and stored values), with no resolution per datom or row.
 *   <li><b>By names</b>, once per pattern or call: {@link #resolver()} turns idents, lookup refs,
 *       attribute names and points in time into ids by the schema at the value's basis, and
 *       {@link #datoms}, {@link #indexRange} and {@link #estimateCount} read with components
 *       written as a caller writes them (what {@code missing?}, {@code get-else} and a pattern
 *       with constants read). The planner asks {@link #statistics()}.
 * </ul>
 * The log is the value's log up to its basis, unaffected by as-of, since and filters, as in
 * Datomic. Pull needs nothing more than the above ({@link Pull}). The engine creates no views:
 * whether a value shows history ({@link #isHistory()}, which makes patterns bind {@code added})
 * is all it asks of them.
 *
 * <p>Every type in these signatures comes from the storage module, and nothing in this package
 * depends on the rest of the driver, so an implementation (and the engine with it) can live in
 * any module above storage. Errors are {@link org.datolite.DatoliteException}s with the SQLStates
 * the index API gives: an unknown attribute 42703, a lookup ref on an attribute that is not
 * unique 42P10, a component that cannot name what it stands for 22023.
 */
public interface QueryDatabase {
  /** The storage value: datoms, ranges, cursors and estimates by index, in ids and stored values. */
  Db db();

  /** How this value resolves idents, lookup refs, attributes, values and points in time. */
  Resolver resolver();

  /**
   * Statistics of this value's attributes for planning: a new instance each call (with its own
   * memo of counts, for one query), over samples shared by every query on the value.
   */
  AttributeStatistics statistics();

  /** Whether the value holds every assertion and retraction (datoms carry {@code added}) instead of the facts at its basis. */
  boolean isHistory();

  /**
   * The datoms of an index whose leading components, resolved as the {@link #resolver()} resolves
   * them, equal {@code components}, in index order; none if an entity among them does not resolve.
   */
  Iterable<Datom> datoms(Index index, Object... components);

  /** The AVET datoms of an attribute whose value lies between {@code start} and {@code end} (null: open), each end inclusive or not. */
  Iterable<Datom> indexRange(Object attribute, Object start, boolean startInclusive, Object end, boolean endInclusive);

  /** An O(log n) upper estimate of how many datoms {@link #datoms} returns for these components (0 if they do not resolve). */
  long estimateCount(Index index, Object... components);

  /** The log: the ids of the transactions with {@code from <= t < to} (a basis t or a transaction id; null: open), in order, up to the basis. */
  List<Long> txIds(Long from, Long to);

  /** The log: every datom transaction {@code t} (a basis t) added or retracted, in the order written; none if the value's log has no such transaction. */
  List<Datom> txData(long t);
}

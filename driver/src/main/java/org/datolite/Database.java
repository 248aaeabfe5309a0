package org.datolite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.error.SqlState;
import org.datolite.query.Pull;
import org.datolite.query.QueryDatabase;
import org.datolite.schema.Attribute;
import org.datolite.schema.AttributeStatistics;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Resolver;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.DeferredDatoms;
import org.datolite.transactor.tx.EnsurePredicates;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.transactor.tx.TxProcessor;
import org.datolite.transactor.tx.TxResult;
import org.datolite.value.Keyword;
import org.datolite.value.Uuids;

/**
 * An immutable database value: every datom up to its basis, read from the persisted indexes and
 * the peer's novelty. Views ({@link #asOf}, {@link #since}, {@link #history}, {@link #filter}) are
 * new values over the same datoms; none of them ever changes.
 *
 * <p>Wherever an entity is expected, an id ({@code Long}), an ident ({@link Keyword}) or a lookup
 * ref ({@code List.of(uniqueAttribute, value)}) will do; wherever an attribute is expected, its
 * ident or id. Idents and attributes resolve by the schema at the database's basis.
 */
public final class Database implements QueryDatabase {
  private final Db db;
  private final Schema schema;
  private final Log log;
  private final Resolver resolver;
  /**
   * Where the next speculative transaction on this value starts ({@link #with}): read from the
   * indexes once, on first use, or given by the {@code with} that made this value. Immutable, so
   * a racing first use at worst reads it twice.
   */
  private TxPosition position;

  /** The last transaction's instant and the next free entity index in {@code :db.part/user}. */
  record TxPosition(Instant lastInstant, long nextEntityIndex) {
    /** Read from the indexes: the newest {@code :db/txInstant} and the highest entity ever used. */
    static TxPosition of(Db db) {
      Iterator<Datom> instants = db.rangeReverse(Index.AVET, Index.AVET.lowerBound(Bootstrap.TX_INSTANT), true,
          Index.AVET.upperBound(Bootstrap.TX_INSTANT), true);
      return new TxPosition(instants.hasNext() ? (Instant) instants.next().v() : Instant.EPOCH, Ids.nextEntityIndex(db));
    }

    /** The position after one more committed transaction, from its datoms alone. */
    TxPosition after(CommittedTx committed) {
      Instant instant = lastInstant;
      long next = nextEntityIndex;
      if (committed.datoms() instanceof DeferredDatoms deferred) { // a push: from its summary, decoded or not
        for (Datom d : deferred.ofTransaction()) {
          if (d.a() == Bootstrap.TX_INSTANT && d.added()) {
            instant = (Instant) d.v();
          }
        }
        long highest = deferred.highestUserEntity();
        return new TxPosition(instant, highest == Long.MIN_VALUE ? next : Math.max(next, (highest & Ids.INDEX_MASK) + 1));
      }
      for (Datom d : committed.datoms()) {
        if (d.e() == committed.tx() && d.a() == Bootstrap.TX_INSTANT && d.added()) {
          instant = (Instant) d.v();
        } else if (Ids.partition(d.e()) == Ids.PARTITION_USER) {
          next = Math.max(next, (d.e() & Ids.INDEX_MASK) + 1);
        }
      }
      return new TxPosition(instant, next);
    }
  }

  /** The transaction log behind a database: the transactions with {@code from <= t < to}, in order. */
  interface Log {
    List<Transaction> read(long from, long to);
  }

  Database(Db db, Schema schema, Log log) {
    this(db, schema, log, null);
  }

  /** @param position where the next speculative transaction starts, when the caller knows it (else read on first use) */
  Database(Db db, Schema schema, Log log, TxPosition position) {
    this.db = db;
    this.schema = schema;
    this.log = log;
    this.resolver = new Resolver(db, schema);
    this.position = position;
  }

  private Database view(Db next) {
    return new Database(next, schema, log);
  }

  /** The storage-level value (for the query engine and the SQL adapter). */
  @Override
  public Db db() {
    return db;
  }

  /** The schema at this value's basis (one object per schema: values with the same schema share it). */
  public Schema schema() {
    return schema;
  }

  /** How this value resolves idents, lookup refs, attributes, values and points in time. */
  @Override
  public Resolver resolver() {
    return resolver;
  }

  /**
   * Statistics of this value's attributes for query planning: counts by index and value range,
   * and samples (taken once per value and shared). A new instance each call, with its own memo
   * of counts: one per planning session.
   */
  @Override
  public AttributeStatistics statistics() {
    return AttributeStatistics.of(resolver);
  }

  /** The {@code t} of the last transaction this value includes. */
  public long basisT() {
    return resolver.basisT();
  }

  /**
   * The database as of a point in time: only transactions up to {@code t} (a basis {@code t} or
   * a transaction entity id).
   */
  public Database asOf(long t) {
    return view(db.asOf(Resolver.txOf(t)));
  }

  /** The database as of an instant: only transactions whose {@code :db/txInstant} is at or before it. */
  public Database asOf(Instant instant) {
    return view(db.asOf(resolver.txAt(instant)));
  }

  /** Only the transactions after {@code t} (a basis {@code t} or a transaction entity id). */
  public Database since(long t) {
    return view(db.since(Resolver.txOf(t)));
  }

  /** Only the transactions after an instant. */
  public Database since(Instant instant) {
    return view(db.since(resolver.txAt(instant)));
  }

  /** Every assertion and retraction ever made, up to the basis (and within asOf/since). */
  public Database history() {
    return view(db.history());
  }

  @Override
  public boolean isHistory() {
    return db.isHistory();
  }

  /** Only the datoms the predicate keeps (on top of any earlier filter). */
  public Database filter(Predicate<Datom> predicate) {
    return view(db.filter(predicate));
  }

  /**
   * The datoms of an index whose leading components equal {@code components}, in index order
   * ({@code e} and {@code v} of a ref attribute may be idents or lookup refs, {@code a} an ident,
   * {@code t} a basis {@code t} or transaction id). An entity that does not resolve matches
   * nothing; an unknown attribute is an error.
   */
  @Override
  public Iterable<Datom> datoms(Index index, Object... components) {
    Object[] resolved = resolver.components(index, components);
    if (resolved == null) {
      return List.of();
    }
    return () -> db.datoms(index, resolved);
  }

  /**
   * Pulls an entity (an id, ident or lookup ref) into a map by a pull pattern (docs/datalog.md),
   * or returns null if it does not resolve.
   */
  public Map<Object, Object> pull(String pattern, Object eid) {
    Object parsed = Pull.parse(pattern);
    Long id = entid(eid);
    return id == null ? null : Pull.pull(this, parsed, id);
  }

  /** {@link #pull} for several entities, in order (null for those that do not resolve). */
  public List<Map<Object, Object>> pullMany(String pattern, Collection<?> eids) {
    Object parsed = Pull.parse(pattern);
    if (eids == null) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "pullMany of a null collection; expected a collection of entities (ids,"
          + " idents or lookup refs)");
    }
    List<Long> ids = new ArrayList<>(eids.size());
    for (Object eid : eids) {
      ids.add(entid(eid));
    }
    return Pull.pullMany(this, parsed, ids);
  }

  /** Pulls entity ids by an already parsed pattern ({@link Pull#parse}), all at once. */
  public List<Map<Object, Object>> pullParsedMany(Object pattern, List<Long> ids) {
    return Pull.pullMany(this, pattern, ids);
  }

  /** Pulls an entity id by an already parsed pattern ({@link Pull#parse}). */
  public Map<Object, Object> pullParsed(Object pattern, long id) {
    return Pull.pull(this, pattern, id);
  }

  /**
   * Runs a Datalog query with this database as its first input ({@code $}) and {@code inputs} as
   * the rest of its {@code :in}, in order: {@code db.q(query, a, b)} is Datomic's
   * {@code (d/q query db a b)}. The result's shape follows the find specification (docs/datalog.md).
   */
  public Object q(String query, Object... inputs) {
    return Datolite.q(query, Datolite.withFirst(this, inputs));
  }

  /**
   * A speculative transaction on this value: the report of what {@code edn} would do, with a
   * {@code dbAfter} that includes it, without writing anything (Datomic's {@code with}). Values
   * derived from the result compose: {@code with} again builds on it, and {@code with} on an
   * as-of value applies to that past state (its result is the past state plus the transaction;
   * Datomic's would hide the transaction behind the as-of limit).
   *
   * @throws org.datolite.transactor.tx.TxException if the transaction would be rejected
   */
  public TxReport with(String edn) {
    Object data;
    try {
      data = Edn.read(edn);
    } catch (EdnException e) {
      throw new TxException(TxErrorCode.MALFORMED_TX_DATA, e.getMessage());
    }
    return withData(data);
  }

  /** As {@link #with(String)}, with the data as objects, as {@code Edn.read} gives them for the text. */
  public TxReport with(List<?> txData) {
    return withData(txData);
  }

  private TxReport withData(Object data) {
    TxPosition at = position();
    UUID uuid = Uuids.random();
    // No :db/txUUID check against earlier transactions: a fresh random uuid names none.
    TxResult r = TxProcessor.process(data, new TxProcessor.Context(db, schema, basisT() + 1, Instant.now(),
        at.lastInstant(), uuid, at.nextEntityIndex(), EnsurePredicates.NONE, WITH_MAX_DATOMS, null, false));
    MemoryIndex layer = new MemoryIndex(schema::isRef);
    layer.add(new CommittedTx(r.t(), r.tx(), r.datoms()));
    Db after = db.with(layer, r.tx());
    Database afterDb = new Database(after, r.schemaChanged() ? Schema.of(after) : schema, log,
        new TxPosition(r.instant(), r.nextEntityIndex()));
    return new TxReport(r.t(), r.tx(), uuid, r.instant(), this, afterDb, r.datoms(), r.tempids());
  }

  private TxPosition position() {
    TxPosition at = position;
    if (at == null) {
      at = TxPosition.of(db);
      position = at;
    }
    return at;
  }

  /** The most datoms a speculative transaction may add, as the transactor's default limit. */
  private static final int WITH_MAX_DATOMS = 1_000_000;

  /**
   * The datoms of an index from the position the components give to the end of the index (Datomic's
   * {@code seek-datoms}), in index order.
   */
  public Iterable<Datom> seekDatoms(Index index, Object... components) {
    Object[] resolved = resolver.components(index, components);
    if (resolved == null) {
      throw new DatoliteException(SqlState.UNDEFINED_OBJECT, "cannot seek to " + Arrays.toString(components)
          + ": an entity there does not resolve");
    }
    Datom from = index.lowerBound(resolved);
    return () -> db.range(index, from, true, null, true);
  }

  /**
   * The AVET datoms of one attribute with {@code start <= v < end} (null: open), in value order
   * (Datomic's {@code index-range}).
   */
  public Iterable<Datom> indexRange(Object attribute, Object start, Object end) {
    return indexRange(attribute, start, true, end, false);
  }

  /**
   * The datoms of an attribute whose value lies between {@code start} and {@code end} (null:
   * open), each end inclusive or not, in {@code AVET} order.
   */
  @Override
  public Iterable<Datom> indexRange(Object attribute, Object start, boolean startInclusive, Object end,
      boolean endInclusive) {
    Datom[] bounds = resolver.valueBounds(resolver.attributeOrThrow(attribute), start, startInclusive, end, endInclusive);
    return () -> db.range(Index.AVET, bounds[0], true, bounds[1], true);
  }

  /**
   * A quick upper estimate, in O(log n), of how many datoms {@link #datoms} returns for these
   * components (exact for a plain current value without novelty in the range); for query
   * planning. Components that do not resolve give 0.
   */
  @Override
  public long estimateCount(Index index, Object... components) {
    Object[] resolved = resolver.components(index, components);
    if (resolved == null) {
      return 0;
    }
    return db.estimateCount(index, index.lowerBound(resolved), true, index.upperBound(resolved), true);
  }

  /** As {@link #estimateCount}, for the datoms {@link #indexRange(Object, Object, boolean, Object, boolean)} returns. */
  public long estimateRange(Object attribute, Object start, boolean startInclusive, Object end, boolean endInclusive) {
    Datom[] bounds = resolver.valueBounds(resolver.attributeOrThrow(attribute), start, startInclusive, end, endInclusive);
    return db.estimateCount(Index.AVET, bounds[0], true, bounds[1], true);
  }

  /**
   * The log: the transactions with {@code from <= t < to} (null: open), each with every datom it
   * added, in order; bounded by this value's basis. Unaffected by asOf, since and filters, as in
   * Datomic.
   */
  public List<Transaction> txRange(Long from, Long to) {
    long lo = from == null ? 0 : Ids.t(Resolver.txOf(from));
    long hi = Math.min(to == null ? Long.MAX_VALUE : Ids.t(Resolver.txOf(to)), basisT() + 1);
    if (lo >= hi) {
      return List.of();
    }
    return log.read(lo, hi);
  }

  @Override
  public List<Long> txIds(Long from, Long to) {
    List<Long> ids = new ArrayList<>();
    for (Transaction t : txRange(from, to)) {
      ids.add(t.tx());
    }
    return ids;
  }

  @Override
  public List<Datom> txData(long t) {
    List<Datom> datoms = new ArrayList<>();
    for (Transaction tx : txRange(t, t + 1)) {
      datoms.addAll(tx.data());
    }
    return datoms;
  }

  /** The entity {@code eid} (an id, ident or lookup ref) as a lazy, navigable {@link Entity}, or null if it does not resolve. */
  public Entity entity(Object eid) {
    Long id = entid(eid);
    return id == null ? null : new Entity(this, id);
  }

  /**
   * The entity id of {@code eid} (an id, ident or lookup ref), or null if it does not resolve: an
   * unknown ident, or a lookup ref whose value no entity has. An id is returned as it is.
   */
  public Long entid(Object eid) {
    return resolver.entid(eid);
  }

  /** The ident of an entity, or null if it has none. */
  public Keyword ident(Object eid) {
    return resolver.ident(eid);
  }

  /** The attribute named by an ident or id, or null if there is none. */
  public Attribute attribute(Object ident) {
    return resolver.attribute(ident);
  }

  @Override
  public String toString() {
    return "Database[basisT=" + basisT() + (db.asOfTx() != Long.MAX_VALUE ? ", asOf tx " + db.asOfTx() : "")
        + (db.sinceTx() != Long.MIN_VALUE ? ", since tx " + db.sinceTx() : "") + (isHistory() ? ", history" : "")
        + "]";
  }
}

package org.datolite.transactor.tx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.schema.Uniqueness;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.log.CommittedTx;
import org.datolite.value.Values;

/**
 * Turns one transaction's data into the datoms it adds, with Datomic's semantics, or rejects it.
 *
 * <h2>Design</h2>
 * Every operation of a transaction sees the database <em>before</em> it, as in Datomic: lookup
 * refs and upserts resolve against it, {@code :db/cas} compares against it, and redundancy and
 * cardinality are judged against it. (So two {@code :db/cas} on one value in one transaction
 * cannot both succeed, and a lookup ref to an entity created by the same transaction does not
 * resolve.) Entity specs ({@code :db/ensure}) then run on the database <em>after</em>, so that
 * invariants spanning several operations can be enforced. The steps:
 *
 * <ol>
 *   <li>expand the data into operations ({@link TxExpander}), type-checking values;
 *   <li>resolve tempids by their unique identities (upsert), unify tempids that assert the same
 *       identity, give the rest new ids ({@link TempidResolver}); resolve ids, idents and lookup
 *       refs ({@link EntityResolver});
 *   <li>apply each operation, one method per kind: {@code :db/add} (list and map forms alike),
 *       {@code :db/retract} (with or without a value), {@code :db/retractEntity} (with its
 *       components and references), {@code :db/cas} and {@code :db/ensure};
 *   <li>drop redundant assertions and retractions of absent facts; retract the old value of a
 *       cardinality-one attribute; reject contradictions ({@link Changes});
 *   <li>recompute composite tuples of changed entities ({@link CompositeTuples}); reject
 *       unique-value conflicts ({@link UniqueCheck}); add the transaction entity's facts;
 *   <li>check schema changes ({@link SchemaChanges}) and entity specs ({@link Ensure}) on the
 *       database after.
 * </ol>
 * Nothing is written here: the result goes to the log only if every step passes.
 */
public final class TxProcessor {
  /**
   * What a transaction is processed against.
   *
   * @param before the database before the transaction
   * @param schema its schema
   * @param t the basis the transaction will create
   * @param now the transactor's clock
   * @param lastTxInstant the previous transaction's {@code :db/txInstant}
   * @param txUuid the client's id for the transaction, recorded as {@code :db/txUuid}, or null
   * @param nextEntityIndex the next free index in {@code :db.part/user}
   * @param predicates the entity predicates allowed to run
   * @param maxDatoms the most datoms a transaction may add
   * @param current the writer's memory of current cardinality-one values as of {@code before}, or null
   * @param checkTxUuid whether {@code txUuid} may name a committed transaction (a client's retry),
   *     which is then rejected; false for a fresh random uuid, which names none
   */
  public record Context(Db before, Schema schema, long t, Instant now, Instant lastTxInstant, UUID txUuid,
      long nextEntityIndex, EnsurePredicates predicates, int maxDatoms, CurrentValues current, boolean checkTxUuid) {
    /** A context with the writer's memory of current values, checking the uuid. */
    public Context(Db before, Schema schema, long t, Instant now, Instant lastTxInstant, UUID txUuid,
        long nextEntityIndex, EnsurePredicates predicates, int maxDatoms, CurrentValues current) {
      this(before, schema, t, now, lastTxInstant, txUuid, nextEntityIndex, predicates, maxDatoms, current, true);
    }

    /** A context without the writer's memory of current values (every value is read from {@code before}). */
    public Context(Db before, Schema schema, long t, Instant now, Instant lastTxInstant, UUID txUuid,
        long nextEntityIndex, EnsurePredicates predicates, int maxDatoms) {
      this(before, schema, t, now, lastTxInstant, txUuid, nextEntityIndex, predicates, maxDatoms, null);
    }
  }

  private final Context ctx;
  private final Db db;
  private final Schema schema;
  private final long tx;
  private final EntityResolver entities;
  private final List<long[]> ensures = new ArrayList<>();
  private Changes changes;
  private Instant instant;

  private TxProcessor(Context ctx) {
    this.ctx = ctx;
    this.db = ctx.before();
    this.schema = ctx.schema();
    this.tx = Ids.tx(ctx.t());
    this.entities = new EntityResolver(db, schema, tx);
  }

  /**
   * Processes transaction data (the forms of an EDN vector).
   *
   * @throws TxException naming what is wrong; nothing is changed then
   */
  public static TxResult process(Object txData, Context ctx) {
    return new TxProcessor(ctx).run(txData);
  }

  /**
   * Makes the transactions processed on this thread reuse one another's scratch tables (a
   * 5,000-row insert's are megabytes): for the transactor's writer, which processes one
   * transaction after another for its whole life. Other threads allocate them per transaction.
   */
  public static void reuseScratchOnThisThread() {
    Changes.reuseTablesOnThisThread();
  }

  private TxResult run(Object txData) {
    if (ctx.txUuid() != null && ctx.checkTxUuid()) {
      Datom earlier = db.first(Index.AVET, Bootstrap.TX_UUID, ctx.txUuid());
      if (earlier != null) {
        throw new TxException(TxErrorCode.ALREADY_COMMITTED, "transaction uuid " + ctx.txUuid()
            + " was already committed by transaction " + earlier.e() + " (t " + Ids.t(earlier.e())
            + "); a retry of a committed transaction is not applied twice");
      }
    }
    List<TxOp> ops = TxExpander.expand(txData, schema);
    Set<Long> reservedNew = reservedNew(ops);
    long firstFree = ctx.nextEntityIndex();
    for (long id : reservedNew) {
      firstFree = Math.max(firstFree, (id & Ids.INDEX_MASK) + 1);
    }
    TempidResolver.Tempids resolved = TempidResolver.resolve(ops, entities, firstFree);
    Set<Long> created = new HashSet<>(resolved.created());
    created.addAll(reservedNew);
    TempidResolver.Tempids tempids = new TempidResolver.Tempids(resolved.ids(), created, resolved.nextIndex());
    entities.tempidsResolved(tempids);
    checkNew(ops, tempids);

    changes = new Changes(db, schema, tx, tempids.created(), ctx.current(), ops.size());
    for (TxOp op : ops) {
      apply(op);
    }

    List<Datom> datoms = changes.datoms();
    changes.release();
    datoms.addAll(new CompositeTuples(db, schema, tx).recompute(datoms));
    UniqueCheck.check(datoms, schema, entities);
    Instant when = instant != null ? instant : clock();
    datoms.add(Datom.of(tx, Bootstrap.TX_INSTANT, when, tx));
    if (ctx.txUuid() != null) {
      datoms.add(Datom.of(tx, Bootstrap.TX_UUID, ctx.txUuid(), tx));
    }
    if (datoms.size() > ctx.maxDatoms()) {
      throw new TxException(TxErrorCode.TOO_LARGE, "transaction of " + datoms.size()
          + " datoms exceeds the limit of " + ctx.maxDatoms() + "; split it into smaller transactions");
    }
    datoms.sort(Index.EAVT.comparator());

    Db after = null;
    boolean schemaChanged = Bootstrap.touchesSchema(datoms);
    Map<String, List<Attribute>> notNull = schema.notNullByNamespace();
    Set<NotNullCheck.Touched> rows = notNull.isEmpty() ? Set.of() : NotNullCheck.touched(datoms, schema, notNull, db);
    if (schemaChanged || !ensures.isEmpty() || !rows.isEmpty()) {
      MemoryIndex layer = new MemoryIndex(a -> schema.isRef(a) || a == Bootstrap.VALUE_TYPE);
      layer.add(new CommittedTx(ctx.t(), tx, datoms));
      after = db.with(layer, tx);
    }
    if (schemaChanged) {
      SchemaChanges.check(datoms, db, after, schema);
    }
    for (long[] ensure : ensures) {
      Ensure.check(ensure[0], ensure[1], after, schema, ctx.predicates());
    }
    if (!rows.isEmpty()) {
      NotNullCheck.check(rows, notNull, after, schema);
    }

    Map<String, Long> reported = new LinkedHashMap<>();
    for (Map.Entry<EntityRef.Temp, Long> e : tempids.ids().entrySet()) {
      if (!e.getKey().automatic()) {
        reported.put(e.getKey().name(), e.getValue());
      }
    }
    long nextIndex = tempids.nextIndex();
    for (TxOp op : ops) {
      if (op instanceof TxOp.Reserve r) {
        if (reported.putIfAbsent(r.name(), Ids.entity(Ids.PARTITION_USER, nextIndex)) != null) {
          throw new TxException(TxErrorCode.MALFORMED_TX_DATA, "reservation \"" + r.name()
              + "\" has the name of a tempid or of another reservation of the transaction; give it its own");
        }
        nextIndex += r.n();
      }
    }
    return new TxResult(ctx.t(), tx, when, datoms, reported, schemaChanged, nextIndex);
  }

  // ---- operations, one method per kind ------------------------------------------------------------

  private void apply(TxOp op) {
    if (op instanceof TxOp.Add add) {
      add(add);
    } else if (op instanceof TxOp.Retract retract) {
      retract(retract);
    } else if (op instanceof TxOp.RetractEntity retractEntity) {
      retractEntity(retractEntity);
    } else if (op instanceof TxOp.Cas cas) {
      cas(cas);
    } else if (op instanceof TxOp.Ensure ensure) {
      ensure(ensure);
    } else if (op instanceof TxOp.Unchanged unchanged) {
      unchanged(unchanged);
    } else if (op instanceof TxOp.Increment increment) {
      increment(increment);
    }
  }

  /** {@code [:db/add e a v]} (and every attribute of a map form): {@code :db/txInstant} of the transaction is its instant. */
  private void add(TxOp.Add add) {
    long e = entities.id(add.e());
    Object v = entities.value(add.a(), add.v());
    if (e == tx && add.a().id() == Bootstrap.TX_INSTANT) {
      if (instant != null && !instant.equals(v)) {
        throw new TxException(TxErrorCode.DATOMS_CONFLICT, "two values for :db/txInstant of the transaction: "
            + Edn.describe(instant) + " and " + Edn.describe(v) + "; it has cardinality one");
      }
      instant = userInstant((Instant) v);
    } else {
      changes.add(e, add.a(), v);
    }
  }

  /** {@code [:db/retract e a v]}, or {@code [:db/retract e a]} for every value of {@code a}. */
  private void retract(TxOp.Retract r) {
    Long e = entities.idToRetract(r.e());
    if (e != null && r.v() == null) {
      for (Iterator<Datom> it = db.datoms(Index.EAVT, e, r.a().id()); it.hasNext(); ) {
        changes.retract(it.next());
      }
    } else if (e != null) {
      Object v = entities.valueOrNull(r.a(), r.v());
      changes.retractRequested(e, r.a().id(), v);
      Datom d = db.first(Index.EAVT, e, r.a().id(), v);
      if (d != null) {
        changes.retract(d);
      }
    }
  }

  /** {@code [:db/retractEntity e]}: every datom of e and every reference to it, its components' too. */
  private void retractEntity(TxOp.RetractEntity r) {
    Long root = entities.idToRetract(r.e());
    if (root == null) {
      return;
    }
    Deque<Long> work = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    work.add(root);
    while (!work.isEmpty()) {
      long e = work.poll();
      if (!seen.add(e)) {
        continue;
      }
      for (Iterator<Datom> it = db.datoms(Index.EAVT, e); it.hasNext(); ) {
        Datom d = it.next();
        changes.retract(d);
        Attribute a = schema.attribute(d.a());
        if (a != null && a.component()) {
          work.add((Long) d.v());
        }
      }
      for (Iterator<Datom> it = db.datoms(Index.VAET, e); it.hasNext(); ) {
        changes.retract(it.next());
      }
    }
  }

  /** {@code [:db/cas e a old new]}: compared against the database before the transaction. */
  private void cas(TxOp.Cas cas) {
    long e = entities.id(cas.e());
    Object expected = cas.expected() == null ? null : entities.value(cas.a(), cas.expected());
    Datom current = db.first(Index.EAVT, e, cas.a().id());
    Object found = current == null ? null : current.v();
    if (!(expected == null ? found == null : found != null && Values.equals(expected, found))) {
      throw new TxException(TxErrorCode.CAS_FAILED, ":db/cas on " + schema.name(e) + " " + cas.a().ident()
          + " expected " + TxExpander.show(expected) + " but found " + TxExpander.show(found));
    }
    changes.add(e, cas.a(), entities.value(cas.a(), cas.v()));
  }

  /** {@code [:db.sql/increment e a delta]}: the value as of the database before, plus delta; none stays none. */
  private void increment(TxOp.Increment inc) {
    // An entity id needs no existence check: one that names nothing has no value to add to.
    Long e = inc.e() instanceof EntityRef.Id id ? Long.valueOf(id.id()) : entities.idToRetract(inc.e());
    Object v = e == null ? null : changes.currentValue(e, inc.a().id());
    if (v == null) {
      return; // NULL + delta is NULL; a row deleted meanwhile has nothing to add to
    }
    Object d = inc.delta();
    Object sum;
    try {
      sum = switch (inc.a().valueType()) {
        case LONG -> Math.addExact((Long) v, (Long) d);
        case BIGINT -> ((BigInteger) v).add((BigInteger) d);
        case BIGDEC -> ((BigDecimal) v).add((BigDecimal) d);
        case DOUBLE -> (Double) v + (Double) d;
        case FLOAT -> (Float) v + (Float) d;
        default -> throw new IllegalStateException("not a number attribute: " + inc.a().ident());
      };
    } catch (ArithmeticException overflow) {
      throw new TxException(TxErrorCode.WRONG_TYPE, ":db.sql/increment of " + inc.a().ident() + " of entity " + e
          + " by " + TxExpander.show(d) + " overflows its value " + TxExpander.show(v));
    }
    changes.add(e, inc.a(), sum);
  }

  /** {@code :db/ensure}: checked on the database after the transaction, once every operation is in. */
  private void ensure(TxOp.Ensure ensure) {
    ensures.add(new long[] {entities.id(ensure.e()), entities.id(ensure.spec())});
  }

  /**
   * {@code [:db.sql/new tempid]}: the tempid became a new entity, not an existing one through a
   * unique identity, and no other such tempid became the same entity (SQL's INSERT of a key that
   * exists, or of one key twice).
   */
  private void checkNew(List<TxOp> ops, TempidResolver.Tempids tempids) {
    Map<Long, EntityRef.Temp> fresh = new HashMap<>();
    for (TxOp op : ops) {
      if (!(op instanceof TxOp.New n) || !(n.e() instanceof EntityRef.Temp temp)) {
        continue;
      }
      long id = tempids.ids().get(temp);
      EntityRef.Temp other = fresh.putIfAbsent(id, temp);
      if (tempids.created().contains(id) && (other == null || other.equals(temp))) {
        continue;
      }
      String key = identityOf(ops, tempids, id);
      throw new TxException(TxErrorCode.UNIQUE_CONFLICT, other == null || other.equals(temp)
          ? "duplicate key: " + key + " already belongs to entity " + id + "; an INSERT creates a new row"
              + " and never overwrites one (MERGE or Datalog's upsert does)"
          : "duplicate key: " + other + " and " + temp + " both assert " + key + "; two new rows cannot share it");
    }
  }

  /**
   * The entity ids of {@code [:db.sql/new id]}: ids reserved with {@code :db.sql/reserve}, which
   * this transaction creates. One that holds facts already was given out again after its
   * reservation was lost (a transactor restart forgets reservations): a conflict worth a retry.
   */
  private Set<Long> reservedNew(List<TxOp> ops) {
    Set<Long> out = new HashSet<>();
    long lowest = Long.MAX_VALUE;
    long highest = Long.MIN_VALUE;
    for (TxOp op : ops) {
      if (op instanceof TxOp.New n && n.e() instanceof EntityRef.Id id && out.add(id.id())) {
        lowest = Math.min(lowest, id.id());
        highest = Math.max(highest, id.id());
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    // One look at the ids' range answers for all of them when it holds nothing (a bulk INSERT's
    // reserved block); otherwise each id is looked up.
    Iterator<Datom> inRange = db.range(Index.EAVT, Index.EAVT.lowerBound(lowest), true,
        Index.EAVT.upperBound(highest), true);
    if (!inRange.hasNext()) {
      return out;
    }
    for (TxOp op : ops) {
      if (op instanceof TxOp.New n && n.e() instanceof EntityRef.Id id && db.first(Index.EAVT, id.id()) != null) {
        throw new TxException(TxErrorCode.WRITE_CONFLICT, "entity id " + id.id() + ", reserved for a new entity,"
            + " already holds facts (a transactor restart forgets reservations); run the transaction again");
      }
    }
    return out;
  }


  /** The unique identity through which a tempid became entity {@code id}, as {@code :attr value}. */
  private static String identityOf(List<TxOp> ops, TempidResolver.Tempids tempids, long id) {
    for (TxOp op : ops) {
      if (op instanceof TxOp.Add add && add.e() instanceof EntityRef.Temp t && tempids.ids().get(t) == id
          && add.a().unique() == Uniqueness.IDENTITY) {
        return add.a().ident() + " " + TxExpander.show(add.v());
      }
    }
    return "a unique identity";
  }

  /** {@code [:db.sql/unchanged t e a]}: checked against every transaction after the basis. */
  private void unchanged(TxOp.Unchanged u) {
    long since = Ids.tx(u.basisT());
    if (u.a() == null) {
      if (db.basisTx() > since) {
        throw new TxException(TxErrorCode.WRITE_CONFLICT, "transactions committed after t " + u.basisT()
            + ", and this transaction read what cannot be checked more precisely; run the transaction again");
      }
      return;
    }
    boolean changed = u.v() != null ? db.valueChangedSince(since, u.a().id(), u.v())
        : db.changedSince(since, u.e(), u.a().id());
    if (changed) {
      throw new TxException(TxErrorCode.WRITE_CONFLICT, "a transaction after t " + u.basisT() + " changed "
          + u.a().ident() + (u.e() == null ? "" : " of entity " + u.e())
          + (u.v() == null ? "" : " " + TxExpander.show(u.v()))
          + ", which this transaction read or wrote; run the transaction again");
    }
  }

  // ---- the transaction entity -------------------------------------------------------------------

  private Instant clock() {
    Instant now = ctx.now();
    return ctx.lastTxInstant() != null && now.isBefore(ctx.lastTxInstant()) ? ctx.lastTxInstant() : now;
  }

  private Instant userInstant(Instant wanted) {
    if (ctx.lastTxInstant() != null && wanted.isBefore(ctx.lastTxInstant())) {
      throw new TxException(TxErrorCode.INVALID_TX_INSTANT, ":db/txInstant " + Edn.describe(wanted)
          + " is before the previous transaction's " + Edn.describe(ctx.lastTxInstant())
          + "; a transaction's instant may only move forward");
    }
    if (wanted.isAfter(ctx.now())) {
      throw new TxException(TxErrorCode.INVALID_TX_INSTANT, ":db/txInstant " + Edn.describe(wanted)
          + " is after the transactor's clock " + Edn.describe(ctx.now()) + "; it may not be in the future");
    }
    return wanted;
  }
}

package org.datolite.transactor.tx;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.schema.Uniqueness;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
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
 *   <li>resolve ids, idents and lookup refs; resolve tempids by their unique identities
 *       (upsert), unify tempids that assert the same identity, give the rest new ids;
 *   <li>expand {@code :db/retractEntity} (with its components and references),
 *       {@code [:db/retract e a]} and {@code :db/cas};
 *   <li>drop redundant assertions and retractions of absent facts; retract the old value of a
 *       cardinality-one attribute; reject contradictions and unique-value conflicts;
 *   <li>recompute composite tuples of changed entities; add the transaction entity's facts;
 *   <li>check schema changes and entity specs on the database after.
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
   */
  public record Context(Db before, Schema schema, long t, Instant now, Instant lastTxInstant, UUID txUuid,
      long nextEntityIndex, EnsurePredicates predicates, int maxDatoms) {}

  private final Context ctx;
  private final Db db;
  private final Schema schema;
  private final long tx;
  private final Map<EntityRef.Temp, EntityRef.Temp> parent = new HashMap<>();
  private final Map<EntityRef.Temp, Long> upserted = new HashMap<>();
  private final Map<EntityRef.Temp, Long> temps = new LinkedHashMap<>();
  private final Set<Long> newEntities = new HashSet<>();
  private final Map<List<Object>, Object[]> holders = new HashMap<>();
  private long nextIndex;

  private TxProcessor(Context ctx) {
    this.ctx = ctx;
    this.db = ctx.before();
    this.schema = ctx.schema();
    this.tx = Ids.tx(ctx.t());
    this.nextIndex = ctx.nextEntityIndex();
  }

  /**
   * Processes transaction data (the forms of an EDN vector).
   *
   * @throws TxException naming what is wrong; nothing is changed then
   */
  public static TxResult process(Object txData, Context ctx) {
    return new TxProcessor(ctx).run(txData);
  }

  private TxResult run(Object txData) {
    if (ctx.txUuid() != null) {
      Datom earlier = db.first(Index.AVET, Bootstrap.TX_UUID, ctx.txUuid());
      if (earlier != null) {
        throw new TxException(TxErrorCode.ALREADY_COMMITTED, "transaction uuid " + ctx.txUuid()
            + " was already committed by transaction " + earlier.e() + " (t " + Ids.t(earlier.e())
            + "); a retry of a committed transaction is not applied twice");
      }
    }
    List<TxOp> ops = TxExpander.expand(txData, schema);
    resolveTempids(ops);

    Changes changes = new Changes();
    List<long[]> ensures = new ArrayList<>();
    Instant instant = null;
    for (TxOp op : ops) {
      if (op instanceof TxOp.Add add) {
        long e = id(add.e());
        Object v = value(add.a(), add.v());
        if (e == tx && add.a().id() == Bootstrap.TX_INSTANT) {
          if (instant != null && !instant.equals(v)) {
            throw new TxException(TxErrorCode.DATOMS_CONFLICT, "two values for :db/txInstant of the transaction: "
                + Values.toEdn(instant) + " and " + Values.toEdn(v) + "; it has cardinality one");
          }
          instant = userInstant((Instant) v);
        } else {
          changes.add(e, add.a(), v);
        }
      } else if (op instanceof TxOp.Retract r) {
        Long e = idToRetract(r.e());
        if (e != null && r.v() == null) {
          for (Iterator<Datom> it = db.datoms(Index.EAVT, e, r.a().id()); it.hasNext(); ) {
            changes.retract(it.next());
          }
        } else if (e != null) {
          Object v = valueOrNull(r.a(), r.v());
          changes.retractRequested(e, r.a().id(), v);
          Datom d = db.first(Index.EAVT, e, r.a().id(), v);
          if (d != null) {
            changes.retract(d);
          }
        }
      } else if (op instanceof TxOp.RetractEntity r) {
        Long e = idToRetract(r.e());
        if (e != null) {
          retractEntity(e, changes);
        }
      } else if (op instanceof TxOp.Cas cas) {
        long e = id(cas.e());
        Object expected = cas.expected() == null ? null : value(cas.a(), cas.expected());
        Datom current = db.first(Index.EAVT, e, cas.a().id());
        Object found = current == null ? null : current.v();
        if (!(expected == null ? found == null : found != null && Values.equals(expected, found))) {
          throw new TxException(TxErrorCode.CAS_FAILED, ":db/cas on " + schema.name(e) + " " + cas.a().ident()
              + " expected " + TxExpander.show(expected) + " but found " + TxExpander.show(found));
        }
        changes.add(e, cas.a(), value(cas.a(), cas.v()));
      } else if (op instanceof TxOp.Ensure ensure) {
        ensures.add(new long[] {id(ensure.e()), id(ensure.spec())});
      }
    }

    List<Datom> datoms = changes.datoms();
    datoms.addAll(compositeTuples(datoms));
    checkUnique(datoms);
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
    if (schemaChanged || !ensures.isEmpty()) {
      MemoryIndex layer = new MemoryIndex(a -> schema.isRef(a) || a == Bootstrap.VALUE_TYPE);
      layer.add(tx, datoms);
      after = db.with(layer, tx);
    }
    if (schemaChanged) {
      SchemaChanges.check(datoms, db, after, schema);
    }
    for (long[] ensure : ensures) {
      Ensure.check(ensure[0], ensure[1], after, schema, ctx.predicates());
    }

    Map<String, Long> tempids = new LinkedHashMap<>();
    for (Map.Entry<EntityRef.Temp, Long> e : temps.entrySet()) {
      if (!e.getKey().automatic()) {
        tempids.put(e.getKey().name(), e.getValue());
      }
    }
    return new TxResult(ctx.t(), tx, when, datoms, tempids, schemaChanged, nextIndex);
  }

  // ---- entities ------------------------------------------------------------------------------

  /** The id an entity reference names; tempids must have been resolved. */
  private long id(EntityRef ref) {
    Long id = idOrNull(ref);
    if (id == null) {
      throw new TxException(TxErrorCode.UNKNOWN_ENTITY, describe(ref) + " names no entity");
    }
    return id;
  }

  private Long idOrNull(EntityRef ref) {
    if (ref instanceof EntityRef.Temp temp) {
      return temps.get(temp);
    } else if (ref instanceof EntityRef.Id i) {
      return exists(i.id()) ? i.id() : null;
    } else if (ref instanceof EntityRef.Ident i) {
      return schema.entid(i.ident());
    } else if (ref instanceof EntityRef.Lookup l) {
      return lookup(l);
    }
    return tx;
  }

  /**
   * The entity a retraction names, or null if it names none: retracting from an entity id that
   * holds nothing changes nothing, but an ident or lookup ref that resolves to no entity is an
   * error (as in Datomic), since it usually means a typo or a wrong value.
   */
  private Long idToRetract(EntityRef ref) {
    Long id = idOrNull(ref);
    if (id == null && (ref instanceof EntityRef.Lookup || ref instanceof EntityRef.Ident)) {
      throw new TxException(TxErrorCode.UNKNOWN_ENTITY, describe(ref) + " names no entity");
    }
    return id;
  }

  private boolean exists(long id) {
    return id == tx || newEntities.contains(id) || schema.ident(id) != null || db.first(Index.EAVT, id) != null;
  }

  private Long lookup(EntityRef.Lookup l) {
    Object v = l.value();
    if (l.attribute().isRef() && !(v instanceof Long)) {
      v = TxValues.coerce(l.attribute(), v, schema, "");
    }
    Datom d = holder(l.attribute().id(), v);
    return d == null ? null : d.e();
  }

  /**
   * The datom of the db before that holds a value of an attribute (the holder of a unique
   * value), or null; remembered, since upserts, lookup refs and the unique check ask the same.
   */
  private Datom holder(long a, Object v) {
    Object[] found = holders.computeIfAbsent(List.of(a, new ValueKey(v)),
        k -> new Object[] {db.first(Index.AVET, a, v)});
    return (Datom) found[0];
  }

  private static String describe(EntityRef ref) {
    if (ref instanceof EntityRef.Id i) {
      return "entity id " + i.id();
    } else if (ref instanceof EntityRef.Ident i) {
      return "ident " + i.ident();
    } else if (ref instanceof EntityRef.Lookup l) {
      return "lookup ref " + l;
    }
    return ref.toString();
  }

  /** The stored form of a value: a ref's entity reference becomes an id. */
  private Object value(Attribute a, Object v) {
    return a.isRef() ? id((EntityRef) v) : v;
  }

  private Object valueOrNull(Attribute a, Object v) {
    if (!a.isRef()) {
      return v;
    }
    Long id = idToRetract((EntityRef) v);
    return id == null ? Values.MAX : id; // a value no datom has: the retraction finds nothing
  }

  // ---- tempids --------------------------------------------------------------------------------

  private EntityRef.Temp find(EntityRef.Temp t) {
    EntityRef.Temp p = parent.getOrDefault(t, t);
    if (p.equals(t)) {
      return t;
    }
    EntityRef.Temp root = find(p);
    parent.put(t, root);
    return root;
  }

  private boolean union(EntityRef.Temp x, EntityRef.Temp y) {
    EntityRef.Temp a = find(x);
    EntityRef.Temp b = find(y);
    if (a.equals(b)) {
      return false;
    }
    Long ea = upserted.get(a);
    Long eb = upserted.get(b);
    if (ea != null && eb != null && !ea.equals(eb)) {
      throw new TxException(TxErrorCode.TEMPID_CONFLICT, x + " and " + y
          + " assert the same unique identity but resolve to different entities " + ea + " and " + eb);
    }
    parent.put(b, a);
    if (ea == null && eb != null) {
      upserted.put(a, eb);
    }
    return true;
  }

  /**
   * Resolves every tempid: to the existing entity that holds one of its unique identities
   * (upsert), to the same entity as other tempids asserting the same identity, or to a new id.
   */
  private void resolveTempids(List<TxOp> ops) {
    Set<EntityRef.Temp> asEntity = new LinkedHashSet<>();
    Set<EntityRef.Temp> asValue = new LinkedHashSet<>();
    for (TxOp op : ops) {
      EntityRef e = op instanceof TxOp.Add a ? a.e()
          : op instanceof TxOp.Retract r ? r.e()
          : op instanceof TxOp.RetractEntity r ? r.e()
          : op instanceof TxOp.Cas c ? c.e()
          : ((TxOp.Ensure) op).e();
      if (e instanceof EntityRef.Temp temp) {
        asEntity.add(temp);
      }
      Object v = op instanceof TxOp.Add a ? a.v() : op instanceof TxOp.Cas c ? c.v() : null;
      if (v instanceof EntityRef.Temp temp) {
        asValue.add(temp);
      }
    }
    Set<EntityRef.Temp> asserted = new HashSet<>();
    for (TxOp op : ops) {
      if (op instanceof TxOp.Add add && add.e() instanceof EntityRef.Temp temp) {
        asserted.add(temp);
      }
    }
    for (EntityRef.Temp temp : asValue) {
      if (!asEntity.contains(temp)) {
        throw new TxException(TxErrorCode.MALFORMED_TX_DATA, temp + " is only used as a value;"
            + " a tempid must be the entity of at least one assertion");
      }
    }
    for (EntityRef.Temp temp : asEntity) {
      if (!asserted.contains(temp)) {
        throw new TxException(TxErrorCode.MALFORMED_TX_DATA, temp + " is only retracted, compared or checked,"
            + " never asserted; a tempid names a new entity (or upserts one) and must be the entity of at least"
            + " one assertion: name an existing entity by its id, ident or a lookup ref instead");
      }
    }
    boolean changed = true;
    for (int round = 0; changed && round <= ops.size(); round++) {
      changed = false;
      Map<List<Object>, EntityRef.Temp> identities = new HashMap<>();
      for (TxOp op : ops) {
        if (!(op instanceof TxOp.Add add) || !(add.e() instanceof EntityRef.Temp temp)
            || add.a().unique() != Uniqueness.IDENTITY) {
          continue;
        }
        Object v = add.v();
        if (v instanceof EntityRef.Temp vt) {
          Long resolved = upserted.get(find(vt));
          if (resolved == null) {
            continue; // not known yet; a later round may know it
          }
          v = resolved;
        } else if (v instanceof EntityRef ref) {
          v = idOrNull(ref);
          if (v == null) {
            continue;
          }
        }
        Datom holder = holder(add.a().id(), v);
        EntityRef.Temp root = find(temp);
        if (holder != null) {
          Long known = upserted.get(root);
          if (known == null) {
            upserted.put(root, holder.e());
            changed = true;
          } else if (known != holder.e()) {
            throw new TxException(TxErrorCode.TEMPID_CONFLICT, temp + " resolves to entity " + known
                + " and, through " + add.a().ident() + " " + Values.toEdn(v) + ", to entity " + holder.e());
          }
        }
        EntityRef.Temp same = identities.putIfAbsent(List.of(add.a().id(), new ValueKey(v)), root);
        if (same != null && union(same, root)) {
          changed = true;
        }
      }
    }
    for (EntityRef.Temp temp : asEntity) {
      EntityRef.Temp root = find(temp);
      Long id = upserted.get(root);
      if (id == null) {
        id = temps.get(root);
        if (id == null) {
          id = Ids.entity(Ids.PART_USER, nextIndex++);
          newEntities.add(id);
        }
      }
      temps.put(root, id);
      temps.put(temp, id);
    }
  }

  /** A value as a map key, equal by content (byte arrays, tuples). */
  private record ValueKey(Object v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ValueKey k && Values.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Values.hash(v);
    }
  }

  // ---- retractEntity ---------------------------------------------------------------------------

  private void retractEntity(long root, Changes changes) {
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

  // ---- datoms ----------------------------------------------------------------------------------

  /** The assertions and retractions requested, turned into datoms against the db before. */
  private final class Changes {
    private final Map<Datom, Attribute> adds = new LinkedHashMap<>();
    private final Map<List<Long>, Object> oneValue = new HashMap<>();
    private final Map<Datom, Datom> retracts = new LinkedHashMap<>();
    private final Set<Datom> requested = new HashSet<>();

    /** An explicit retraction, true or not: asserting the same fact in this transaction contradicts it. */
    void retractRequested(long e, long a, Object v) {
      requested.add(new Datom(e, a, v, 0, true));
    }

    void add(long e, Attribute a, Object v) {
      Datom fact = new Datom(e, a.id(), v, 0, true);
      if (!a.isMany()) {
        Object other = oneValue.putIfAbsent(List.of(e, a.id()), new ValueKey(v));
        if (other != null && !other.equals(new ValueKey(v))) {
          throw new TxException(TxErrorCode.DATOMS_CONFLICT, "two values for " + a.ident() + " of entity "
              + schema.name(e) + " in one transaction: " + Values.toEdn(((ValueKey) other).v()) + " and "
              + Values.toEdn(v) + "; it has cardinality one");
        }
      }
      adds.put(fact, a);
    }

    void retract(Datom stored) {
      retracts.putIfAbsent(new Datom(stored.e(), stored.a(), stored.v(), 0, true), stored);
    }

    List<Datom> datoms() {
      List<Datom> out = new ArrayList<>();
      Map<Datom, Datom> retractions = new LinkedHashMap<>(retracts);
      for (Map.Entry<Datom, Attribute> entry : adds.entrySet()) {
        Datom fact = entry.getKey();
        Attribute a = entry.getValue();
        if (retractions.containsKey(fact) || requested.contains(fact)) {
          throw new TxException(TxErrorCode.DATOMS_CONFLICT, "the transaction both asserts and retracts "
              + a.ident() + " " + Values.toEdn(fact.v()) + " of entity " + schema.name(fact.e()));
        }
        boolean isNew = newEntities.contains(fact.e());
        if (!isNew && db.first(Index.EAVT, fact.e(), fact.a(), fact.v()) != null) {
          continue; // already true: redundant
        }
        out.add(Datom.of(fact.e(), fact.a(), fact.v(), tx));
        if (!a.isMany() && !isNew) {
          for (Iterator<Datom> it = db.datoms(Index.EAVT, fact.e(), fact.a()); it.hasNext(); ) {
            Datom old = it.next();
            retractions.putIfAbsent(new Datom(old.e(), old.a(), old.v(), 0, true), old);
          }
        }
      }
      for (Datom stored : retractions.values()) {
        out.add(stored.retractedBy(tx));
      }
      return out;
    }
  }

  /** Recomputes the composite tuples of entities whose component attributes changed. */
  private List<Datom> compositeTuples(List<Datom> datoms) {
    Map<Long, Set<Attribute>> touched = new LinkedHashMap<>();
    for (Datom d : datoms) {
      for (Attribute composite : schema.compositesOf(d.a())) {
        touched.computeIfAbsent(d.e(), k -> new LinkedHashSet<>()).add(composite);
      }
    }
    List<Datom> out = new ArrayList<>();
    if (touched.isEmpty()) {
      return out;
    }
    Set<Datom> planned = new HashSet<>(datoms);
    for (Map.Entry<Long, Set<Attribute>> entry : touched.entrySet()) {
      long e = entry.getKey();
      for (Attribute composite : entry.getValue()) {
        List<Object> tuple = new ArrayList<>();
        boolean any = false;
        for (long component : composite.tupleAttrs()) {
          Object v = valueAfter(e, component, datoms);
          tuple.add(v);
          any |= v != null;
        }
        Datom old = db.first(Index.EAVT, e, composite.id());
        if (old != null && planned.contains(old.retractedBy(tx))) {
          old = null; // already retracted, by :db/retractEntity
        }
        List<Object> value = any ? java.util.Collections.unmodifiableList(tuple) : null;
        if (old != null && (value == null || !Values.equals(old.v(), value))) {
          out.add(old.retractedBy(tx));
        }
        if (value != null && (old == null || !Values.equals(old.v(), value))) {
          out.add(Datom.of(e, composite.id(), value, tx));
        }
      }
    }
    return out;
  }

  /** The value of a cardinality-one attribute of an entity once {@code datoms} apply. */
  private Object valueAfter(long e, long a, List<Datom> datoms) {
    Object v = null;
    Datom before = db.first(Index.EAVT, e, a);
    if (before != null) {
      v = before.v();
    }
    for (Datom d : datoms) {
      if (d.e() == e && d.a() == a) {
        if (d.added()) {
          v = d.v();
        } else if (v != null && Values.equals(v, d.v())) {
          v = null;
        }
      }
    }
    return v;
  }

  /** Rejects assertions of unique values that another entity holds before or after. */
  private void checkUnique(List<Datom> datoms) {
    Map<List<Object>, Long> asserted = new HashMap<>();
    Set<Datom> retracted = new HashSet<>();
    for (Datom d : datoms) {
      if (!d.added()) {
        retracted.add(new Datom(d.e(), d.a(), d.v(), 0, true));
      }
    }
    for (Datom d : datoms) {
      Attribute a = schema.attribute(d.a());
      if (!d.added() || a == null || !a.isUnique()) {
        continue;
      }
      Long other = asserted.putIfAbsent(List.of(d.a(), new ValueKey(d.v())), d.e());
      if (other != null && other != d.e()) {
        throw uniqueConflict(a, d, other);
      }
      Datom holder = holder(d.a(), d.v());
      if (holder != null && holder.e() != d.e() && !retracted.contains(new Datom(holder.e(), d.a(), d.v(), 0, true))) {
        throw uniqueConflict(a, d, holder.e());
      }
    }
  }

  private TxException uniqueConflict(Attribute a, Datom d, long holder) {
    return new TxException(TxErrorCode.UNIQUE_CONFLICT, "unique " + a.ident() + " " + Values.toEdn(d.v())
        + " asserted for entity " + schema.name(d.e()) + " is already held by entity " + schema.name(holder)
        + (a.unique() == Uniqueness.IDENTITY && !a.isComposite() ? "; use a tempid to upsert instead of an entity id" : ""));
  }

  // ---- the transaction entity -------------------------------------------------------------------

  private Instant clock() {
    Instant now = ctx.now();
    return ctx.lastTxInstant() != null && now.isBefore(ctx.lastTxInstant()) ? ctx.lastTxInstant() : now;
  }

  private Instant userInstant(Instant wanted) {
    if (ctx.lastTxInstant() != null && wanted.isBefore(ctx.lastTxInstant())) {
      throw new TxException(TxErrorCode.INVALID_TX_INSTANT, ":db/txInstant " + Values.toEdn(wanted)
          + " is before the previous transaction's " + Values.toEdn(ctx.lastTxInstant())
          + "; a transaction's instant may only move forward");
    }
    if (wanted.isAfter(ctx.now())) {
      throw new TxException(TxErrorCode.INVALID_TX_INSTANT, ":db/txInstant " + Values.toEdn(wanted)
          + " is after the transactor's clock " + Values.toEdn(ctx.now()) + "; it may not be in the future");
    }
    return wanted;
  }
}

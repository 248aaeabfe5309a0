package org.datolite.transactor.tx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueKey;
import org.datolite.value.Values;

/**
 * Resolves how transaction data names an entity ({@link EntityRef}) to an entity id, against the
 * database before the transaction: an entity id (which must hold something, or be new in this
 * transaction), an ident, a lookup ref {@code [unique-attribute value]}, the transaction entity,
 * or a tempid once the {@link TempidResolver} has resolved them.
 *
 * <h2>Design</h2>
 * A lookup ref to an entity created by the same transaction does not resolve: like every
 * operation, it sees the database before. Who holds a unique value ({@link #holder}) is asked by
 * lookup refs, upserts and the unique check alike, so the answer is remembered for the
 * transaction. An assertion's entity must exist ({@link #id}); a retraction's may be an entity
 * id that holds nothing, which retracts nothing, but an ident or lookup ref that names no entity
 * is an error there too ({@link #idToRetract}), as in Datomic, since it usually means a typo.
 */
final class EntityResolver {
  private final Db db;
  private final Schema schema;
  private final long tx;
  private final Map<List<Object>, Object[]> holders = new HashMap<>();
  private Map<EntityRef.Temp, Long> temps = Map.of();
  private Set<Long> newEntities = Set.of();
  /** The entity id last found to exist (an entity, once found, exists for the whole transaction). */
  private long lastFound = Long.MIN_VALUE;

  /** @param tx the transaction entity's id */
  EntityResolver(Db db, Schema schema, long tx) {
    this.db = db;
    this.schema = schema;
    this.tx = tx;
  }

  /** From now on, tempids resolve as {@code tempids} says, and its new entities exist. */
  void tempidsResolved(TempidResolver.Tempids tempids) {
    this.temps = tempids.ids();
    this.newEntities = tempids.created();
  }

  /** The id an entity reference names; tempids must have been resolved. */
  long id(EntityRef ref) {
    Long id = idOrNull(ref);
    if (id == null) {
      throw new TxException(TxErrorCode.UNKNOWN_ENTITY, describe(ref) + " names no entity");
    }
    return id;
  }

  /** The id an entity reference names, or null if it names none. */
  Long idOrNull(EntityRef ref) {
    if (ref instanceof EntityRef.Temp temp) {
      return temps.get(temp);
    } else if (ref instanceof EntityRef.Id i) {
      // a row's forms name one entity many times over: the last one found is remembered
      if (i.id() == lastFound) {
        return i.id();
      }
      if (!exists(i.id())) {
        return null;
      }
      lastFound = i.id();
      return i.id();
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
  Long idToRetract(EntityRef ref) {
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
  Datom holder(long a, Object v) {
    Object[] found = holders.computeIfAbsent(List.of(a, new ValueKey(v)),
        k -> new Object[] {db.first(Index.AVET, a, v)});
    return (Datom) found[0];
  }

  static String describe(EntityRef ref) {
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
  Object value(Attribute a, Object v) {
    return a.isRef() ? id((EntityRef) v) : v;
  }

  /** As {@link #value}, for a retraction: a ref to no entity becomes a value no datom has. */
  Object valueOrNull(Attribute a, Object v) {
    if (!a.isRef()) {
      return v;
    }
    Long id = idToRetract((EntityRef) v);
    return id == null ? Values.MAX : id; // a value no datom has: the retraction finds nothing
  }
}

package org.datolite.transactor.tx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.edn.Edn;
import org.datolite.schema.Ids;
import org.datolite.schema.Uniqueness;
import org.datolite.value.ValueKey;

/**
 * Resolves the tempids of one transaction: each to the existing entity that holds one of its
 * unique identities (upsert), to the same entity as the other tempids that assert the same
 * identity (unification), or to a new entity id.
 *
 * <h2>Design</h2>
 * Tempids that must be one entity are kept as a union-find forest ({@code parent}); a root knows
 * the existing entity its set upserts to, if any ({@code upserted}). Resolution runs in rounds
 * over the {@code :db.unique/identity} assertions of tempids: each round upserts a set whose
 * value is held in the database before, and unites the sets that assert the same value. A value
 * that is itself a tempid is known only once that tempid has upserted, so a round may enable
 * the next; rounds stop when one changes nothing (at most one per operation, since each change
 * unites sets or upserts one). Two tempids, or one tempid through two identities, that resolve
 * to different existing entities are a {@code TEMPID_CONFLICT}. What is left gets new ids in
 * {@code :db.part/user}, in order of first use.
 *
 * <p>A tempid must be the entity of at least one assertion: one that is only used as a value,
 * or only retracted, compared or checked, is malformed.
 */
final class TempidResolver {
  /**
   * The outcome.
   *
   * @param ids every tempid with the entity it became, in order of first use (roots first)
   * @param created the new entity ids given out
   * @param nextIndex the next free index in {@code :db.part/user} after them
   */
  record Tempids(Map<EntityRef.Temp, Long> ids, Set<Long> created, long nextIndex) {}

  private final EntityResolver entities;
  private final Map<EntityRef.Temp, EntityRef.Temp> parent = new HashMap<>();
  private final Map<EntityRef.Temp, Long> upserted = new HashMap<>();
  private final Map<EntityRef.Temp, Long> temps = new LinkedHashMap<>();
  private final Set<Long> newEntities = new HashSet<>();
  private long nextIndex;

  private TempidResolver(EntityResolver entities, long nextEntityIndex) {
    this.entities = entities;
    this.nextIndex = nextEntityIndex;
  }

  /**
   * Resolves the tempids of {@code ops}; other entity references (values that name existing
   * entities, the holders of unique values) resolve through {@code entities}.
   *
   * @param nextEntityIndex the next free index in {@code :db.part/user}
   */
  static Tempids resolve(List<TxOp> ops, EntityResolver entities, long nextEntityIndex) {
    TempidResolver resolver = new TempidResolver(entities, nextEntityIndex);
    resolver.resolveTempids(ops);
    return new Tempids(resolver.temps, resolver.newEntities, resolver.nextIndex);
  }

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

  private void resolveTempids(List<TxOp> ops) {
    Set<EntityRef.Temp> asEntity = new LinkedHashSet<>();
    Set<EntityRef.Temp> asValue = new LinkedHashSet<>();
    for (TxOp op : ops) {
      EntityRef e = op instanceof TxOp.Add a ? a.e()
          : op instanceof TxOp.Retract r ? r.e()
          : op instanceof TxOp.RetractEntity r ? r.e()
          : op instanceof TxOp.Cas c ? c.e()
          : op instanceof TxOp.Ensure en ? en.e()
          : op instanceof TxOp.New n ? n.e()
          : op instanceof TxOp.Increment i ? i.e()
          : null; // reservations and read checks name no entity to resolve
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
          v = entities.idOrNull(ref);
          if (v == null) {
            continue;
          }
        }
        Datom holder = entities.holder(add.a().id(), v);
        EntityRef.Temp root = find(temp);
        if (holder != null) {
          Long known = upserted.get(root);
          if (known == null) {
            upserted.put(root, holder.e());
            changed = true;
          } else if (known != holder.e()) {
            throw new TxException(TxErrorCode.TEMPID_CONFLICT, temp + " resolves to entity " + known
                + " and, through " + add.a().ident() + " " + Edn.describe(v) + ", to entity " + holder.e());
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
          id = Ids.entity(Ids.PARTITION_USER, nextIndex++);
          newEntities.add(id);
        }
      }
      temps.put(root, id);
      temps.put(temp, id);
    }
  }
}

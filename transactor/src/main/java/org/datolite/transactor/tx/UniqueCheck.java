package org.datolite.transactor.tx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.schema.Uniqueness;
import org.datolite.value.ValueKey;

/**
 * Rejects a transaction that would leave a unique value ({@code :db.unique/value} or
 * {@code :db.unique/identity}) with two entities: two entities asserting it in the transaction,
 * or one asserting a value another entity holds before it, unless the transaction retracts it
 * from that one. (Tempids that assert an identity were already resolved to its holder by the
 * {@link TempidResolver}; what is left here is a conflict.)
 */
final class UniqueCheck {
  private UniqueCheck() {}

  /**
   * @param datoms the transaction's datoms
   * @param entities who holds a value before the transaction
   * @throws TxException {@code UNIQUE_CONFLICT}
   */
  static void check(List<Datom> datoms, Schema schema, EntityResolver entities) {
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
        throw uniqueConflict(schema, a, d, other);
      }
      Datom holder = entities.holder(d.a(), d.v());
      if (holder != null && holder.e() != d.e() && !retracted.contains(new Datom(holder.e(), d.a(), d.v(), 0, true))) {
        throw uniqueConflict(schema, a, d, holder.e());
      }
    }
  }

  private static TxException uniqueConflict(Schema schema, Attribute a, Datom d, long holder) {
    return new TxException(TxErrorCode.UNIQUE_CONFLICT, "unique " + a.ident() + " " + Edn.describe(d.v())
        + " asserted for entity " + schema.name(d.e()) + " is already held by entity " + schema.name(holder)
        + (a.unique() == Uniqueness.IDENTITY && !a.isComposite() ? "; use a tempid to upsert instead of an entity id" : ""));
  }
}

package org.datolite.transactor.tx;

import java.util.Iterator;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;

/**
 * Entity specs, checked on the database after a transaction: {@code [:db/add e :db/ensure
 * :spec/x]} asks that entity {@code e} have every attribute in the spec's
 * {@code :db.entity/attrs} and pass every predicate in its {@code :db.entity/preds}. The
 * {@code :db/ensure} assertion itself is not stored.
 */
final class Ensure {
  private Ensure() {}

  static void check(long e, long spec, Db after, Schema schema, EnsurePredicates predicates) {
    String context = " (spec " + schema.name(spec) + ", entity " + e + ")";
    boolean any = false;
    for (Iterator<Datom> it = after.datoms(Index.EAVT, spec, Bootstrap.ENTITY_ATTRS); it.hasNext(); ) {
      any = true;
      Keyword required = (Keyword) it.next().v();
      Attribute a = schema.attribute(required);
      if (a == null || after.first(Index.EAVT, e, a.id()) == null) {
        throw new TxException(TxErrorCode.ENSURE_FAILED, "entity " + e + " lacks " + required
            + ", which entity spec " + schema.name(spec) + " requires");
      }
    }
    for (Iterator<Datom> it = after.datoms(Index.EAVT, spec, Bootstrap.ENTITY_PREDS); it.hasNext(); ) {
      any = true;
      String predicate = (String) it.next().v();
      if (!predicates.test(predicate, after, e, context)) {
        throw new TxException(TxErrorCode.ENSURE_FAILED, "entity predicate " + predicate + " rejected entity "
            + e + " (spec " + schema.name(spec) + ")");
      }
    }
    if (!any) {
      throw new TxException(TxErrorCode.ENSURE_FAILED, schema.name(spec)
          + " is not an entity spec: it has neither :db.entity/attrs nor :db.entity/preds");
    }
  }
}

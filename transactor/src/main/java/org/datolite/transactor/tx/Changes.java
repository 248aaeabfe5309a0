package org.datolite.transactor.tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueKey;
import org.datolite.value.Values;

/**
 * The assertions and retractions one transaction requests, turned into datoms against the
 * database before it ({@link #datoms()}): a redundant assertion (already true) is dropped, a
 * retraction of an absent fact was never recorded, an assertion of a cardinality-one attribute
 * retracts the old value, and two values of a cardinality-one attribute, or a fact both asserted
 * and retracted, are a {@code DATOMS_CONFLICT}.
 */
final class Changes {
  private final Db db;
  private final Schema schema;
  private final long tx;
  private final Set<Long> newEntities;
  private final Map<Datom, Attribute> adds = new LinkedHashMap<>();
  private final Map<List<Long>, Object> oneValue = new HashMap<>();
  private final Map<Datom, Datom> retracts = new LinkedHashMap<>();
  private final Set<Datom> requested = new HashSet<>();

  /**
   * @param db the database before the transaction
   * @param tx the transaction entity's id
   * @param newEntities the entities the transaction creates (nothing of theirs is in {@code db})
   */
  Changes(Db db, Schema schema, long tx, Set<Long> newEntities) {
    this.db = db;
    this.schema = schema;
    this.tx = tx;
    this.newEntities = newEntities;
  }

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
            + schema.name(e) + " in one transaction: " + Edn.describe(((ValueKey) other).v()) + " and "
            + Edn.describe(v) + "; it has cardinality one");
      }
    }
    adds.put(fact, a);
  }

  /** Retracts a stored datom (once, however often it is asked). */
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
            + a.ident() + " " + Edn.describe(fact.v()) + " of entity " + schema.name(fact.e()));
      }
      boolean isNew = newEntities.contains(fact.e());
      if (isNew) {
        out.add(Datom.of(fact.e(), fact.a(), fact.v(), tx));
      } else if (a.isMany()) {
        if (db.first(Index.EAVT, fact.e(), fact.a(), fact.v()) == null) { // else already true: redundant
          out.add(Datom.of(fact.e(), fact.a(), fact.v(), tx));
        }
      } else {
        // one read of the entity's values of the attribute: whether the value is already there,
        // and the old value to retract (a value updated often has many past versions to pass)
        List<Datom> old = new ArrayList<>(1);
        boolean redundant = false;
        for (Iterator<Datom> it = db.datoms(Index.EAVT, fact.e(), fact.a()); it.hasNext(); ) {
          Datom d = it.next();
          if (Values.equals(d.v(), fact.v())) {
            redundant = true;
          } else {
            old.add(d);
          }
        }
        if (redundant) {
          continue; // already true
        }
        out.add(Datom.of(fact.e(), fact.a(), fact.v(), tx));
        for (Datom d : old) {
          retractions.putIfAbsent(new Datom(d.e(), d.a(), d.v(), 0, true), d);
        }
      }
    }
    for (Datom stored : retractions.values()) {
      out.add(stored.retractedBy(tx));
    }
    return out;
  }
}

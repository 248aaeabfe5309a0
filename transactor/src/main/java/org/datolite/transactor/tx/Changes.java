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

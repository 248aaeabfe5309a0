package org.datolite.transactor.tx;

import java.util.ArrayList;
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
import org.datolite.value.Values;

/**
 * The assertions and retractions one transaction requests, turned into datoms against the
 * database before it ({@link #datoms()}): a redundant assertion (already true) is dropped, a
 * retraction of an absent fact was never recorded, an assertion of a cardinality-one attribute
 * retracts the old value, and two values of a cardinality-one attribute, or a fact both asserted
 * and retracted, are a {@code DATOMS_CONFLICT}.
 */
final class Changes {
  /**
   * The writer thread's pair tables, taken by its transaction and given back when it is done
   * ({@link #release}), so that its next transaction reuses them ({@link PairTable#reuse}). Only a
   * thread that asked for it ({@link #reuseTablesOnThisThread}) has a holder: a peer's thread
   * that once ran a large speculative {@code with} keeps nothing.
   */
  private static final ThreadLocal<PairTable[]> SPARE_TABLES = new ThreadLocal<>();

  /** This thread's spare tables (null: it does not reuse them), for tests. */
  static PairTable[] spareTablesForTests() {
    return SPARE_TABLES.get();
  }

  /** Makes the transactions this thread processes reuse one another's pair tables (the transactor's writer). */
  static void reuseTablesOnThisThread() {
    if (SPARE_TABLES.get() == null) {
      SPARE_TABLES.set(new PairTable[2]);
    }
  }

  private final Db db;
  private final Schema schema;
  private final long tx;
  /** The entities the transaction creates, as pairs (e, 0). */
  private final PairTable newEntities;
  /**
   * Assertions of cardinality-many attributes (one per fact); those of cardinality one are in
   * oneAdds. Both hold the datom as it will be stored if it is (this transaction's tx), so that a
   * bulk load makes one datom per value, not a fact and then its datom.
   */
  private final Map<Datom, Attribute> adds = new LinkedHashMap<>();
  /** Assertions of cardinality-one attributes, one per entity and attribute ({@link #oneAt} keeps them apart). */
  private final List<Datom> oneAdds;
  private final List<Attribute> oneAttributes;
  /** Where in oneAdds each entity and cardinality-one attribute's assertion is. */
  private final PairTable oneAt;
  private final Map<Datom, Datom> retracts = new LinkedHashMap<>();
  private final Set<Datom> requested = new HashSet<>();
  private final CurrentValues current;

  /**
   * @param db the database before the transaction
   * @param tx the transaction entity's id
   * @param newEntities the entities the transaction creates (nothing of theirs is in {@code db})
   */
  Changes(Db db, Schema schema, long tx, Set<Long> newEntities) {
    this(db, schema, tx, newEntities, null, 0);
  }

  /**
   * @param current the writer's memory of current cardinality-one values as of {@code db}, or null
   * @param expectedAdds about how many assertions will come (the transaction's operations), so
   *     that a bulk load's tables and lists are sized once
   */
  Changes(Db db, Schema schema, long tx, Set<Long> newEntities, CurrentValues current, int expectedAdds) {
    this.db = db;
    this.schema = schema;
    this.tx = tx;
    this.oneAdds = new ArrayList<>(expectedAdds);
    this.oneAttributes = new ArrayList<>(expectedAdds);
    PairTable[] spare = SPARE_TABLES.get();
    this.oneAt = PairTable.reuse(spare == null ? null : spare[0], expectedAdds);
    this.newEntities = PairTable.reuse(spare == null ? null : spare[1], newEntities.size());
    if (spare != null) {
      spare[0] = null; // a transaction processed inside this one (none now) makes its own
      spare[1] = null;
    }
    for (long e : newEntities) {
      this.newEntities.putIfAbsent(e, 0, 0);
    }
    this.current = current;
  }

  /**
   * The value of cardinality-one attribute {@code a} of {@code e} in the database before, or null:
   * from the writer's memory when it holds it, else read (and then remembered).
   */
  Object currentValue(long e, long a) {
    Object known = current == null ? null : current.get(e, a);
    if (known != null) {
      return known == CurrentValues.NONE ? null : known;
    }
    // a hot row's versions in the novelty are not merged for this: see Db.currentFacts
    List<Datom> facts = db.currentFacts(e, a);
    Datom d = facts.isEmpty() ? null : facts.get(0);
    if (current != null) {
      current.put(e, a, d == null ? CurrentValues.NONE : d.v());
    }
    return d == null ? null : d.v();
  }

  /** Gives this transaction's pair tables back to a reusing thread for its next one; call when done with them. */
  void release() {
    PairTable[] spare = SPARE_TABLES.get();
    if (spare != null) {
      spare[0] = oneAt;
      spare[1] = newEntities;
    }
  }

  /** An explicit retraction, true or not: asserting the same fact in this transaction contradicts it. */
  void retractRequested(long e, long a, Object v) {
    requested.add(new Datom(e, a, v, 0, true));
  }

  void add(long e, Attribute a, Object v) {
    Datom datom = Datom.of(e, a.id(), v, tx);
    if (!a.isMany()) {
      int at = oneAt.putIfAbsent(e, a.id(), oneAdds.size());
      if (at < 0) {
        oneAdds.add(datom);
        oneAttributes.add(a);
      } else if (!Values.equals(oneAdds.get(at).v(), v)) { // else the same fact again
        throw new TxException(TxErrorCode.DATOMS_CONFLICT, "two values for " + a.ident() + " of entity "
            + schema.name(e) + " in one transaction: " + Edn.describe(oneAdds.get(at).v()) + " and "
            + Edn.describe(v) + "; it has cardinality one");
      }
      return;
    }
    adds.put(datom, a);
  }

  /** Retracts a stored datom (once, however often it is asked). */
  void retract(Datom stored) {
    retracts.putIfAbsent(new Datom(stored.e(), stored.a(), stored.v(), 0, true), stored);
  }

  List<Datom> datoms() {
    List<Datom> out = new ArrayList<>(oneAdds.size() + adds.size() + retracts.size() + 4);
    Map<Datom, Datom> retractions = new LinkedHashMap<>(retracts);
    for (int i = 0; i < oneAdds.size(); i++) {
      assertion(oneAdds.get(i), oneAttributes.get(i), retractions, out);
    }
    for (Map.Entry<Datom, Attribute> e : adds.entrySet()) {
      assertion(e.getKey(), e.getValue(), retractions, out);
    }
    for (Datom stored : retractions.values()) {
      out.add(stored.retractedBy(tx));
    }
    return out;
  }

  /** The datoms one requested assertion comes to (none if already true); the old value goes to {@code retractions}. */
  private void assertion(Datom datom, Attribute a, Map<Datom, Datom> retractions, List<Datom> out) {
    if (!retractions.isEmpty() || !requested.isEmpty()) {
      Datom fact = new Datom(datom.e(), datom.a(), datom.v(), 0, true); // as retractions are keyed
      if (retractions.containsKey(fact) || requested.contains(fact)) {
        throw new TxException(TxErrorCode.DATOMS_CONFLICT, "the transaction both asserts and retracts "
            + a.ident() + " " + Edn.describe(fact.v()) + " of entity " + schema.name(fact.e()));
      }
    }
    if (newEntities.get(datom.e(), 0) >= 0) {
      out.add(datom);
    } else if (a.isMany()) {
      if (db.first(Index.EAVT, datom.e(), datom.a(), datom.v()) == null) { // else already true: redundant
        out.add(datom);
      }
    } else {
      // the one value the attribute has (a value updated often has many past versions in
      // the novelty to pass when read, so the writer remembers current values)
      Object was = currentValue(datom.e(), datom.a());
      if (was != null && Values.equals(was, datom.v())) {
        return; // already true
      }
      out.add(datom);
      if (was != null) {
        retractions.putIfAbsent(new Datom(datom.e(), datom.a(), was, 0, true), Datom.of(datom.e(), datom.a(), was, 0));
      }
    }
  }
}

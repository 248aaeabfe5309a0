package org.datolite.transactor.tx;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * SQL's NOT NULL on the database after a transaction ({@code :db.sql/not-null}, declared by
 * {@code CREATE TABLE}): every entity the transaction touched that is a row of a table with NOT
 * NULL columns (it has some attribute of the table's namespace) has a value of each. An entity
 * whose every attribute of the namespace is retracted (a deleted row) is no row and needs none.
 * Every refusal is {@link TxErrorCode#NOT_NULL}.
 */
final class NotNullCheck {
  private NotNullCheck() {}

  /**
   * The entities and namespaces the datoms touch whose NOT NULL columns need a look on the db
   * after: those where the transaction retracts a NOT NULL attribute, or asserts on an entity
   * that lacked one before (a new row, or an entity becoming one). An existing row whose NOT
   * NULL values the transaction leaves alone keeps them (an UPDATE of another column needs no look).
   */
  static Set<Touched> touched(List<Datom> datoms, Schema schema, Map<String, List<Attribute>> notNull, Db before) {
    Set<Touched> candidates = new LinkedHashSet<>();
    Set<Touched> retracting = new LinkedHashSet<>();
    for (Datom d : datoms) {
      Attribute a = schema.attribute(d.a());
      String ns = a == null ? null : a.ident().namespace();
      if (ns != null && notNull.containsKey(ns)) {
        Touched t = new Touched(d.e(), ns);
        candidates.add(t);
        if (!d.added() && notNull.get(ns).contains(a)) {
          retracting.add(t);
        }
      }
    }
    Set<Touched> out = new LinkedHashSet<>();
    for (Touched t : candidates) {
      if (retracting.contains(t) || lackedOne(t, notNull.get(t.namespace()), before)) {
        out.add(t);
      }
    }
    return out;
  }

  private static boolean lackedOne(Touched t, List<Attribute> required, Db before) {
    for (Attribute a : required) {
      if (before.first(Index.EAVT, t.e(), a.id()) == null) {
        return true;
      }
    }
    return false;
  }

  /** An entity and the namespace of a table it may be a row of. */
  record Touched(long e, String namespace) {}

  static void check(Set<Touched> touched, Map<String, List<Attribute>> notNull, Db after, Schema schema) {
    for (Touched t : touched) {
      List<Attribute> required = notNull.get(t.namespace());
      if (!isRow(t.e(), t.namespace(), after, schema)) {
        continue;
      }
      for (Attribute a : required) {
        if (!after.datoms(Index.EAVT, t.e(), a.id()).hasNext()) {
          throw new TxException(TxErrorCode.NOT_NULL, "null value in column " + a.ident() + " of entity " + t.e()
              + ": the column is NOT NULL; give every row of the table a value of " + a.ident());
        }
      }
    }
  }

  private static boolean isRow(long e, String namespace, Db after, Schema schema) {
    for (Iterator<Datom> it = after.datoms(Index.EAVT, e); it.hasNext(); ) {
      Attribute a = schema.attribute(it.next().a());
      if (a != null && namespace.equals(a.ident().namespace())) {
        return true;
      }
    }
    return false;
  }
}

package org.datolite.transactor.tx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.Values;

/**
 * Composite tuples ({@code :db/tupleAttrs}), which the transactor maintains: for every entity
 * whose component attributes a transaction changes, the tuple of their values after the
 * transaction (null for a missing one) is asserted, and the old tuple retracted. A tuple whose
 * components are all missing is retracted, not asserted; one that does not change is left alone;
 * one already retracted by {@code :db/retractEntity} is not retracted twice.
 */
final class CompositeTuples {
  private final Db db;
  private final Schema schema;
  private final long tx;

  /**
   * @param db the database before the transaction
   * @param tx the transaction entity's id
   */
  CompositeTuples(Db db, Schema schema, long tx) {
    this.db = db;
    this.schema = schema;
    this.tx = tx;
  }

  /** The datoms that bring the composite tuples of the entities {@code datoms} change up to date. */
  List<Datom> recompute(List<Datom> datoms) {
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
        List<Object> value = any ? Collections.unmodifiableList(tuple) : null;
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
}

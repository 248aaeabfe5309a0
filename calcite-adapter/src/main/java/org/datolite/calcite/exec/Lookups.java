package org.datolite.calcite.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.calcite.DataContext;
import org.datolite.calcite.model.Column;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueType;

/** Index lookups shared by the row sources: AVET by values or a range of an attribute. */
final class Lookups {
  private Lookups() {}

  /**
   * The AVET datoms of a column's attribute equal to one of the access's values, or within its
   * range. An enum column's keys are idents, each looked up as the entity it names, and a keyed
   * ref's are its targets' key values, each looked up in the key's AVET; a range over either reads
   * every datom of the attribute (AVET orders them by entity id, not by what the column shows),
   * and the filter above decides.
   */
  static Iterator<Datom> avet(Db db, Column column, Schema schema, Access access, DataContext root) {
    Attribute attr = column.attribute();
    if (!column.showsTarget()) {
      return avet(db, attr, access, root);
    }
    if (access instanceof Access.Equal eq) {
      return concat(db, attr, SqlValues.targetKeys(column, schema, db, eq.values(), root));
    }
    return db.datoms(Index.AVET, attr.id());
  }

  /** The AVET datoms of an attribute equal to one of the access's values, or within its range. */
  static Iterator<Datom> avet(Db db, Attribute attr, Access access, DataContext root) {
    if (access instanceof Access.Equal eq) {
      List<Object> keys = SqlValues.keys(attr.valueType(), eq.values(), root);
      if (attr.valueType() == ValueType.BIGDEC) {
        return decimals(db, attr, keys);
      }
      if (keys.size() == 1) {
        return db.datoms(Index.AVET, attr.id(), keys.get(0));
      }
      return concat(db, attr, keys);
    }
    Access.Range r = (Access.Range) access;
    Object lowValue = r.low() == null ? null : r.low().value(root);
    Object highValue = r.high() == null ? null : r.high().value(root);
    if (r.low() != null && lowValue == null || r.high() != null && highValue == null) {
      return Collections.emptyIterator(); // a comparison with NULL is never true
    }
    Object low = SqlValues.toStored(attr.valueType(), lowValue);
    Object high = SqlValues.toStored(attr.valueType(), highValue);
    if (attr.valueType() == ValueType.BIGDEC) {
      return decimalRange(db, attr, (BigDecimal) low, (BigDecimal) high);
    }
    // An end that has no stored form (1.5 against a long) stays open: the filter above decides.
    Datom from = low == null ? Index.AVET.lowerBound(attr.id())
        : r.lowInclusive() ? Index.AVET.lowerBound(attr.id(), low) : Index.AVET.upperBound(attr.id(), low);
    Datom to = high == null ? Index.AVET.upperBound(attr.id())
        : r.highInclusive() ? Index.AVET.upperBound(attr.id(), high) : Index.AVET.lowerBound(attr.id(), high);
    return db.range(Index.AVET, from, true, to, true);
  }

  /**
   * The datoms whose decimal equals one of the keys numerically: stored decimals keep their scale
   * and order by value then scale, so 1.5 and 1.50 are neighbours; each run starts at the key's
   * smallest scale and ends at the first greater value.
   */
  private static Iterator<Datom> decimals(Db db, Attribute attr, List<Object> keys) {
    List<Datom> out = new ArrayList<>();
    for (Object k : keys) {
      BigDecimal key = (BigDecimal) k;
      BigDecimal least = key.signum() == 0 ? BigDecimal.ZERO : key.stripTrailingZeros();
      for (Iterator<Datom> it = db.range(Index.AVET, Index.AVET.lowerBound(attr.id(), least), true,
          Index.AVET.upperBound(attr.id()), true); it.hasNext(); ) {
        Datom d = it.next();
        if (((BigDecimal) d.v()).compareTo(key) != 0) {
          break;
        }
        out.add(d);
      }
    }
    return out.iterator();
  }

  /**
   * The datoms whose decimal lies between two ends, both taken inclusively (the filter above
   * decides the ends): from the low end's smallest scale to the first value above the high end.
   */
  private static Iterator<Datom> decimalRange(Db db, Attribute attr, BigDecimal low, BigDecimal high) {
    Datom from = low == null ? Index.AVET.lowerBound(attr.id())
        : Index.AVET.lowerBound(attr.id(), low.signum() == 0 ? BigDecimal.ZERO : low.stripTrailingZeros());
    Iterator<Datom> it = db.range(Index.AVET, from, true, Index.AVET.upperBound(attr.id()), true);
    if (high == null) {
      return it;
    }
    return new Iterator<>() {
      Datom next;
      boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done && it.hasNext()) {
          Datom d = it.next();
          next = ((BigDecimal) d.v()).compareTo(high) <= 0 ? d : null;
          done = next == null; // ascending: every later value is above the high end too
        }
        return next != null;
      }

      @Override
      public Datom next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Datom d = next;
        next = null;
        return d;
      }
    };
  }

  private static Iterator<Datom> concat(Db db, Attribute attr, List<Object> keys) {
    Iterator<Object> k = keys.iterator();
    return new Iterator<>() {
      Iterator<Datom> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && k.hasNext()) {
          current = db.datoms(Index.AVET, attr.id(), k.next());
        }
        return current.hasNext();
      }

      @Override
      public Datom next() {
        hasNext();
        return current.next();
      }
    };
  }

  /**
   * The first (for a low end) or last (high end) long within a range end over an id column, so
   * that {@code DB_ID > 1.5} starts at 2 and {@code DB_ID > 1} too; null when not a number (the
   * end stays open and the filter above decides).
   */
  static Long longBound(Object v, boolean low, boolean inclusive) {
    if (!(v instanceof Number n)) {
      return null;
    }
    BigDecimal d = n instanceof BigDecimal b ? b : n instanceof Long || n instanceof Integer
        ? BigDecimal.valueOf(n.longValue()) : BigDecimal.valueOf(n.doubleValue());
    BigDecimal whole = d.setScale(0, low ? RoundingMode.CEILING : RoundingMode.FLOOR);
    if (whole.compareTo(d) == 0 && !inclusive) {
      whole = low ? whole.add(BigDecimal.ONE) : whole.subtract(BigDecimal.ONE);
    }
    if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Long.MAX_VALUE;
    }
    if (whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      return Long.MIN_VALUE;
    }
    return whole.longValue();
  }
}

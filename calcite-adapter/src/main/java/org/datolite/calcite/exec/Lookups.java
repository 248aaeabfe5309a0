package org.datolite.calcite.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.storage.db.Db;

/** Index lookups shared by the row sources: AVET by values or a range of an attribute. */
final class Lookups {
  private Lookups() {}

  /** The AVET datoms of an attribute equal to one of the access's values, or within its range. */
  static Iterator<Datom> avet(Db db, Attribute attr, Access access, DataContext root) {
    if (access instanceof Access.Equal eq) {
      List<Object> values = new ArrayList<>();
      for (Operand o : eq.values()) {
        values.add(SqlValues.toStored(attr.valueType(), o.value(root)));
      }
      List<Object> keys = SqlValues.distinctSorted(values);
      if (keys.size() == 1) {
        return db.datoms(Index.AVET, attr.id(), keys.get(0));
      }
      return concat(db, attr, keys);
    }
    Access.Range r = (Access.Range) access;
    Object low = r.low() == null ? null : SqlValues.toStored(attr.valueType(), r.low().value(root));
    Object high = r.high() == null ? null : SqlValues.toStored(attr.valueType(), r.high().value(root));
    if (r.low() != null && r.low().value(root) == null || r.high() != null && r.high().value(root) == null) {
      return Collections.emptyIterator(); // a comparison with NULL is never true
    }
    // An end that has no stored form (1.5 against a long) stays open: the filter above decides.
    Datom from = low == null ? Index.AVET.lowerBound(attr.id())
        : r.lowInclusive() ? Index.AVET.lowerBound(attr.id(), low) : Index.AVET.upperBound(attr.id(), low);
    Datom to = high == null ? Index.AVET.upperBound(attr.id())
        : r.highInclusive() ? Index.AVET.upperBound(attr.id(), high) : Index.AVET.lowerBound(attr.id(), high);
    return db.range(Index.AVET, from, true, to, true);
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

package org.datolite.calcite.exec;

import com.google.common.base.Predicate;
import com.google.common.collect.Iterators;
import java.util.Collections;
import java.util.Iterator;
import org.apache.calcite.DataContext;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueType;

/**
 * The rows {@code (OWNER_ID, VALUE)} of a child table: a full scan walks the attribute's AEVT
 * run, a lookup by owner its EAVT run per owner, a lookup by value its AVET run. Where the
 * attribute does not make its holder a row of the owner table ({@link ChildTableModel#ownerMembers}),
 * a value counts only when its entity holds a member attribute.
 */
final class ChildRows {
  private ChildRows() {}

  static Iterator<Object[]> rows(Db db, Schema schema, ChildTableModel table, int[] columns, Access access,
      DataContext root) {
    long a = table.attribute().id();
    Column valueColumn = table.columns().get(1);
    Iterator<Datom> datoms;
    if (access instanceof Access.Full) {
      datoms = db.datoms(Index.AEVT, a);
    } else if (access instanceof Access.Ids ids) {
      Iterator<Object> owners = SqlValues.keys(ValueType.REF, ids.ids(), root).iterator();
      datoms = new Iterator<>() {
        Iterator<Datom> current = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && owners.hasNext()) {
            current = db.datoms(Index.EAVT, owners.next(), a);
          }
          return current.hasNext();
        }

        @Override
        public Datom next() {
          hasNext();
          return current.next();
        }
      };
    } else {
      int column = access instanceof Access.Equal eq ? eq.column() : ((Access.Range) access).column();
      if (table.columns().get(column).kind() == ColumnKind.OWNER_ID) {
        Access.Range r = (Access.Range) access;
        Long low = r.low() == null ? null : Lookups.longBound(r.low().value(root), true, r.lowInclusive());
        Long high = r.high() == null ? null : Lookups.longBound(r.high().value(root), false, r.highInclusive());
        datoms = db.range(Index.AEVT, Index.AEVT.lowerBound(a, low == null ? Long.MIN_VALUE : low), true,
            Index.AEVT.upperBound(a, high == null ? Long.MAX_VALUE : high), true);
      } else {
        datoms = Lookups.avet(db, valueColumn, schema, access, root);
      }
    }
    Iterator<Datom> source = table.ownerMembers().isEmpty() ? datoms : ofMembers(db, table, datoms);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Object[] next() {
        Datom d = source.next();
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          row[i] = table.columns().get(columns[i]).kind() == ColumnKind.OWNER_ID ? (Object) d.e()
              : SqlValues.toSql(valueColumn, schema, db, d.v());
        }
        return row;
      }
    };
  }

  /** The datoms whose entity is a row of the owner table: it holds one of the owner's member attributes. */
  private static Iterator<Datom> ofMembers(Db db, ChildTableModel table, Iterator<Datom> datoms) {
    long[] members = table.ownerMembers().stream().mapToLong(Attribute::id).toArray();
    return Iterators.filter(datoms, new Predicate<Datom>() {
      // an owner's values come together: its membership is looked up once
      long lastEntity = Long.MIN_VALUE;
      boolean lastIsMember;

      @Override
      public boolean apply(Datom d) {
        if (d.e() != lastEntity) {
          lastEntity = d.e();
          lastIsMember = false;
          for (long m : members) {
            if (db.first(Index.EAVT, d.e(), m) != null) {
              lastIsMember = true;
              break;
            }
          }
        }
        return lastIsMember;
      }
    });
  }
}

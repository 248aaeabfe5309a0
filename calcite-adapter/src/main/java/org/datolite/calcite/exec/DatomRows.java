package org.datolite.calcite.exec;

import java.time.Instant;
import java.util.Iterator;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.TableModel;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * The rows of the raw index tables ({@code E, A, V, TX, ADDED}, the attribute as its ident text,
 * the value as EDN text) and of {@code TRANSACTIONS} ({@code T, TX, INSTANT}), in index order.
 */
final class DatomRows {
  private DatomRows() {}

  static Iterator<Object[]> datoms(Db db, Schema schema, Index index, TableModel table, int[] columns) {
    Iterator<Datom> it = db.datoms(index);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Object[] next() {
        Datom d = it.next();
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          row[i] = switch (table.columns().get(columns[i]).kind()) {
            case DATOM_E -> d.e();
            case DATOM_A -> schema.name(d.a());
            case DATOM_V -> Edn.describe(d.v());
            case DATOM_TX -> d.tx();
            case DATOM_ADDED -> d.added();
            default -> throw new IllegalStateException("not a datom column: " + columns[i]);
          };
        }
        return row;
      }
    };
  }

  static Iterator<Object[]> transactions(Db db, TableModel table, int[] columns) {
    Iterator<Datom> it = db.datoms(Index.AEVT, Bootstrap.TX_INSTANT);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Object[] next() {
        Datom d = it.next();
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          ColumnKind kind = table.columns().get(columns[i]).kind();
          row[i] = switch (kind) {
            case TX_T -> Ids.t(d.e());
            case TX_ID -> d.e();
            default -> ((Instant) d.v()).toEpochMilli();
          };
        }
        return row;
      }
    };
  }
}

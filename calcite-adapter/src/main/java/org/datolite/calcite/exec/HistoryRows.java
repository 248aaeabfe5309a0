package org.datolite.calcite.exec;

import com.google.common.collect.Iterators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.HistoryTableModel;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueType;

/**
 * The rows of a history table, one per datom (assertion or retraction) of the entity table's
 * attributes, read from the history view of the statement's value (so an as-of or since limit
 * bounds them). A full scan walks each attribute's AEVT run; a lookup by {@code DB_ID} each id's
 * EAVT run; a range of ids each attribute's AEVT range; a lookup by a typed column that
 * attribute's AVET run. A datom of an attribute that does not make its entity a row (an included
 * one, or one beside membership attributes) counts only when its entity has had a member
 * attribute in the same view.
 */
final class HistoryRows {
  private HistoryRows() {}

  /** The rows of {@code table} in {@code history}, a history view. */
  static Iterator<Object[]> rows(Db history, Schema schema, HistoryTableModel table, int[] columns, Access access,
      DataContext root) {
    List<Attribute> attributes = table.table().attributes();
    Set<Long> shown = new HashSet<>();
    attributes.forEach(a -> shown.add(a.id()));
    Iterator<Datom> datoms;
    if (access instanceof Access.Full) {
      datoms = concat(attributes.stream().map(a -> history.datoms(Index.AEVT, a.id())).toList());
    } else if (access instanceof Access.Ids ids) {
      List<Iterator<Datom>> runs = new ArrayList<>();
      for (Object e : SqlValues.keys(ValueType.REF, ids.ids(), root)) {
        runs.add(history.datoms(Index.EAVT, e));
      }
      datoms = concat(runs);
    } else {
      int at = access instanceof Access.Equal eq ? eq.column() : ((Access.Range) access).column();
      Column column = table.columns().get(at);
      if (column.kind() == ColumnKind.ENTITY_ID) {
        Access.Range r = (Access.Range) access;
        Object lowValue = r.low() == null ? null : r.low().value(root);
        Object highValue = r.high() == null ? null : r.high().value(root);
        if (r.low() != null && lowValue == null || r.high() != null && highValue == null) {
          return Collections.emptyIterator(); // a comparison with NULL is never true
        }
        Long low = lowValue == null ? null : Lookups.longBound(lowValue, true, r.lowInclusive());
        Long high = highValue == null ? null : Lookups.longBound(highValue, false, r.highInclusive());
        long from = low == null ? Long.MIN_VALUE : low;
        long to = high == null ? Long.MAX_VALUE : high;
        datoms = concat(attributes.stream().map(a -> history.range(Index.AEVT, Index.AEVT.lowerBound(a.id(), from), true,
            Index.AEVT.upperBound(a.id(), to), true)).toList());
      } else {
        datoms = Lookups.avet(history, column, schema, access, root);
      }
    }
    Iterator<Datom> source = new Rows(history, table, shown, datoms);
    Db targets = history.unfiltered().asOf(history.asOfTx()); // where a keyed ref's target shows its key
    Map<Long, Column> byAttribute = new HashMap<>();
    for (Column c : table.columns()) {
      if (c.attribute() != null) {
        byAttribute.put(c.attribute().id(), c);
      }
    }
    Column[] projected = new Column[columns.length];
    for (int i = 0; i < columns.length; i++) {
      projected[i] = table.columns().get(columns[i]);
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Object[] next() {
        Datom d = source.next();
        Object[] row = new Object[projected.length];
        for (int i = 0; i < projected.length; i++) {
          Column c = projected[i];
          row[i] = switch (c.kind()) {
            case ENTITY_ID -> d.e();
            case DATOM_A -> schema.name(d.a());
            case DATOM_V -> text(byAttribute.get(d.a()), schema, targets, d);
            case DATOM_TX -> d.tx();
            case DATOM_ADDED -> d.added();
            default -> c.attribute().id() == d.a() ? SqlValues.toSql(c, schema, targets, d.v()) : null;
          };
        }
        return row;
      }
    };
  }

  /** A datom's value as text: an enum's ident, a keyed ref's target's key, else its EDN (as in {@code DATOMS.V}). */
  private static String text(Column column, Schema schema, Db targets, Datom d) {
    if (column != null && column.key() != null) {
      Object key = SqlValues.toSql(column, schema, targets, d.v());
      return key == null ? Edn.describe(d.v()) : String.valueOf(key);
    }
    return column != null && column.enumRef() ? SqlValues.enumText(schema, d.v()) : Edn.describe(d.v());
  }

  private static Iterator<Datom> concat(List<Iterator<Datom>> runs) {
    return Iterators.concat(runs.iterator());
  }


  /**
   * The datoms that are rows: of a shown attribute, and, for one that is no member, of an entity
   * that has had a member attribute (asked once per run of one entity).
   */
  private static final class Rows implements Iterator<Datom> {
    /** The history up to the as-of limit, without a since limit: where membership is judged. */
    private final Db history;
    private final Set<Long> shown;
    private final Set<Long> members = new HashSet<>();
    private final Iterator<Datom> datoms;
    private long lastEntity = Long.MIN_VALUE;
    private boolean lastIsMember;
    private Datom next;

    Rows(Db history, HistoryTableModel table, Set<Long> shown, Iterator<Datom> datoms) {
      this.history = history.unfiltered().asOf(history.asOfTx()).history();
      this.shown = shown;
      this.datoms = datoms;
      table.table().members().forEach(a -> members.add(a.id()));
    }

    @Override
    public boolean hasNext() {
      while (next == null && datoms.hasNext()) {
        Datom d = datoms.next();
        if (shown.contains(d.a()) && (members.contains(d.a()) || isMember(d.e()))) {
          next = d;
        }
      }
      return next != null;
    }

    private boolean isMember(long e) {
      if (e != lastEntity) {
        lastEntity = e;
        lastIsMember = false;
        for (long m : members) {
          if (history.first(Index.EAVT, e, m) != null) {
            lastIsMember = true;
            break;
          }
        }
      }
      return lastIsMember;
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
  }
}

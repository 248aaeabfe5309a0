package org.datolite.calcite.exec;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.calcite.DataContext;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueType;

/**
 * The rows of an entity table, each assembled from its entity's datoms in one operator.
 *
 * <p>A full scan merges the AEVT runs of the table's member attributes by entity: an entity is a
 * row when any member run holds it, and the projected columns take the values the runs hold for
 * it (NULL where none does). A projected attribute of the table's namespace that is no member
 * (beside membership attributes) joins the merge without making rows; an included one (another
 * namespace's, whose run may hold many entities that are no rows) is read from each row's EAVT. A lookup by id walks EAVT from
 * each id; a lookup by value walks AVET and then each found entity's EAVT. Only the projected
 * columns are converted; an enum column reads its target's ident from the schema.
 */
final class EntityRows {
  private final Db db;
  private final Schema schema;
  private final EntityTableModel table;
  private final int[] columns;
  /** For each attribute id read, the output positions it fills. */
  private final Map<Long, int[]> positions = new HashMap<>();
  /** The output position of DB_ID, or -1. */
  private final int idPosition;
  private final long[] members;
  /** The projected attributes that are no members, in id order. */
  private final long[] others;
  /** The runs a full scan merges: the members first, then the projected non-members of the table's namespace. */
  private final long[] merged;
  /** The projected attributes of other namespaces (included), read per row from EAVT. */
  private final long[] probed;

  EntityRows(Db db, Schema schema, EntityTableModel table, int[] columns) {
    this.db = db;
    this.schema = schema;
    this.table = table;
    this.columns = columns;
    int id = -1;
    for (int i = 0; i < columns.length; i++) {
      Column c = table.columns().get(columns[i]);
      if (c.kind() == ColumnKind.ENTITY_ID) {
        id = i;
      } else {
        int[] at = positions.get(c.attribute().id());
        int[] more = at == null ? new int[] {i} : Arrays.copyOf(at, at.length + 1);
        more[more.length - 1] = i;
        positions.put(c.attribute().id(), more);
      }
    }
    this.idPosition = id;
    this.members = table.members().stream().mapToLong(Attribute::id).sorted().toArray();
    this.others = positions.keySet().stream().mapToLong(Long::longValue)
        .filter(a -> Arrays.binarySearch(members, a) < 0).sorted().toArray();
    Set<Long> own = new HashSet<>();
    for (Column c : table.columns()) {
      if (c.attribute() != null && table.namespace().equals(c.attribute().ident().namespace())) {
        own.add(c.attribute().id());
      }
    }
    this.merged = LongStream.concat(Arrays.stream(members), Arrays.stream(others).filter(own::contains)).toArray();
    this.probed = Arrays.stream(others).filter(a -> !own.contains(a)).toArray();
  }

  Iterator<Object[]> rows(Access access, DataContext root) {
    if (access instanceof Access.Full) {
      return new Merge();
    }
    if (access instanceof Access.Ids ids) {
      return byIds(SqlValues.keys(ValueType.REF, ids.ids(), root).iterator());
    }
    Column column = table.columns().get(access instanceof Access.Equal eq ? eq.column() : ((Access.Range) access).column());
    if (column.kind() == ColumnKind.ENTITY_ID) {
      return idRange((Access.Range) access, root);
    }
    Iterator<Datom> found = Lookups.avet(db, column, schema, access, root);
    return byIds(new Iterator<>() {
      @Override
      public boolean hasNext() {
        return found.hasNext();
      }

      @Override
      public Object next() {
        return found.next().e();
      }
    });
  }

  /** Rows of the entities in a range of ids: the merge, from the first id in range. */
  private Iterator<Object[]> idRange(Access.Range r, DataContext root) {
    Long low = r.low() == null ? null : Lookups.longBound(r.low().value(root), true, r.lowInclusive());
    Long high = r.high() == null ? null : Lookups.longBound(r.high().value(root), false, r.highInclusive());
    if (r.low() != null && r.low().value(root) == null || r.high() != null && r.high().value(root) == null) {
      return Collections.emptyIterator();
    }
    long from = low == null ? Long.MIN_VALUE : low;
    long to = high == null ? Long.MAX_VALUE : high;
    return from > to ? Collections.emptyIterator() : new Merge(from, to);
  }

  /** The row of each entity id the iterator gives, skipping ids that are not rows. */
  private Iterator<Object[]> byIds(Iterator<Object> ids) {
    return new Iterator<>() {
      Object[] next;

      @Override
      public boolean hasNext() {
        while (next == null && ids.hasNext()) {
          Object id = ids.next();
          if (id instanceof Long e) {
            next = row(e);
          }
        }
        return next != null;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object[] r = next;
        next = null;
        return r;
      }
    };
  }

  /** The row of one entity, read from EAVT, or null if it has no member attribute. */
  Object[] row(long e) {
    Object[] row = null;
    boolean member = false;
    for (Iterator<Datom> it = db.datoms(Index.EAVT, e); it.hasNext(); ) {
      Datom d = it.next();
      boolean isMember = Arrays.binarySearch(members, d.a()) >= 0;
      if (!isMember && Arrays.binarySearch(others, d.a()) < 0) {
        continue;
      }
      member |= isMember;
      if (row == null) {
        row = newRow(e);
      }
      fill(row, d);
    }
    return member ? row : null;
  }

  /** Fills the columns of included attributes from the entity's EAVT. */
  private void fillProbed(Object[] row, long e) {
    for (long a : probed) {
      Datom d = db.first(Index.EAVT, e, a);
      if (d != null) {
        fill(row, d);
      }
    }
  }

  private Object[] newRow(long e) {
    Object[] row = new Object[columns.length];
    if (idPosition >= 0) {
      row[idPosition] = e;
    }
    return row;
  }

  private void fill(Object[] row, Datom d) {
    int[] at = positions.get(d.a());
    if (at != null) {
      Column c = table.columns().get(columns[at[0]]);
      Object v = SqlValues.toSql(c, schema, d.v());
      for (int p : at) {
        row[p] = v;
      }
    }
  }

  /** The merge of the member attributes' AEVT runs by entity, optionally within an id range. */
  private final class Merge implements Iterator<Object[]> {
    private final Iterator<Datom>[] runs;
    private final Datom[] heads;
    private Object[] next;

    Merge() {
      this(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @SuppressWarnings("unchecked")
    Merge(long fromId, long toId) {
      runs = new Iterator[merged.length];
      heads = new Datom[merged.length];
      for (int i = 0; i < merged.length; i++) {
        runs[i] = fromId == Long.MIN_VALUE && toId == Long.MAX_VALUE ? db.datoms(Index.AEVT, merged[i])
            : db.range(Index.AEVT, Index.AEVT.lowerBound(merged[i], fromId), true,
                Index.AEVT.upperBound(merged[i], toId), true);
        heads[i] = runs[i].hasNext() ? runs[i].next() : null;
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        long e = Long.MAX_VALUE;
        boolean any = false;
        for (Datom h : heads) {
          if (h != null && h.e() <= e) {
            e = h.e();
            any = true;
          }
        }
        if (!any) {
          return false;
        }
        Object[] row = newRow(e);
        boolean member = false;
        for (int i = 0; i < heads.length; i++) {
          while (heads[i] != null && heads[i].e() == e) {
            member |= i < members.length; // the first runs are the members'
            fill(row, heads[i]);
            heads[i] = runs[i].hasNext() ? runs[i].next() : null;
          }
        }
        if (member) {
          fillProbed(row, e);
          next = row;
        }
      }
      return true;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object[] r = next;
      next = null;
      return r;
    }
  }
}

package org.datolite.calcite.write;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A new row's map form ({@code {:db/id id, :table/marker true, :table/col v …}}), read-only: the
 * keys are the table's, shared by all its rows; the row holds its id and its stored values, and a
 * NULL value is no entry. An INSERT of many rows (a bulk load's batch) keeps every row until the
 * commit; a {@code LinkedHashMap} per row made an entry per value and a hash table on top.
 */
final class RowMap extends AbstractMap<Object, Object> {
  private final Object[] keys; // [:db/id, the marker or null, the columns' attributes…]
  private final Object id;
  private final Object[] stored; // the columns' values, null where none
  private final int size;

  /**
   * @param keys {@code :db/id}, then the marker attribute's ident (null: the table has none), then
   *     each column's attribute ident in table order (null: a column of no attribute, left out)
   * @param stored the values in table column order (owned by the map from now on)
   */
  RowMap(Object[] keys, Object id, Object[] stored) {
    if (keys.length != stored.length + 2) {
      throw new IllegalArgumentException(keys.length + " keys for " + stored.length + " columns; expected columns + 2");
    }
    this.keys = keys;
    this.id = id;
    this.stored = stored;
    int n = keys[1] != null ? 2 : 1;
    for (int c = 0; c < stored.length; c++) {
      n += keys[c + 2] != null && stored[c] != null ? 1 : 0;
    }
    this.size = n;
  }

  private Object valueAt(int i) {
    return i == 0 ? id : i == 1 ? (keys[1] != null ? Boolean.TRUE : null) : stored[i - 2];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Object get(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null && keys[i].equals(key)) {
        return valueAt(i);
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<Object, Object>> iterator() {
        return new Iterator<>() {
          private int next = advance(0);

          private int advance(int from) {
            int i = from;
            while (i < keys.length && (keys[i] == null || valueAt(i) == null)) {
              i++;
            }
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<Object, Object> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            Entry<Object, Object> e = new SimpleImmutableEntry<>(keys[next], valueAt(next));
            next = advance(next + 1);
            return e;
          }
        };
      }
    };
  }
}

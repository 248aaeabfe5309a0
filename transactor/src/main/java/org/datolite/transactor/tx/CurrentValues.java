package org.datolite.transactor.tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.value.Values;

/**
 * The writer's memory of the current value of cardinality-one attributes, as of the database its
 * next transaction is processed against: what a transaction read or wrote, kept up to date by
 * each transaction the writer accepts. A value updated by every transaction (a counter, a
 * balance) has as many past versions in the novelty as transactions since the last index job,
 * and reading its current value from the indexes passes them all; this answers at once.
 *
 * <p>Bounded (least recently used entries leave); a value not held is read from the database.
 * The writer empties it whenever the database it processes against changes other than by the
 * transactions it accepts (a write rolled back, a schema change, a new writer).
 */
public final class CurrentValues {
  /** Marks a known absence of a value. */
  static final Object NONE = new Object();
  private static final int MAX_ENTRIES = 100_000;

  private record Key(long e, long a) {}

  private final Map<Key, Object> values = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The value of {@code a} on {@code e}, {@link #NONE} for none, or null when not known here. */
  Object get(long e, long a) {
    return values.get(new Key(e, a));
  }

  /** Remembers what the database holds for {@code a} on {@code e} ({@link #NONE}: nothing). */
  void put(long e, long a, Object v) {
    values.put(new Key(e, a), v);
  }

  /** Takes the datoms of an accepted transaction into account. */
  public void apply(List<Datom> datoms, Schema schema) {
    if (values.isEmpty()) {
      return; // nothing held to update (a bulk load's writer, which reads nothing)
    }
    for (Datom d : datoms) {
      Attribute a = schema.attribute(d.a());
      if (a == null || a.isMany()) {
        continue;
      }
      Key k = new Key(d.e(), d.a());
      if (d.added()) {
        // only values held already (read before, or written and read since): a bulk load's rows
        // are written once and would only push out what is read
        values.computeIfPresent(k, (key, was) -> d.v());
      } else {
        Object known = values.get(k);
        if (known != null && known != NONE && Values.equals(known, d.v())) {
          values.put(k, NONE);
        }
      }
    }
  }

  /** Forgets everything. */
  public void clear() {
    values.clear();
  }
}

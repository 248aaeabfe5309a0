package org.datolite.edn;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The unmodifiable, insertion-ordered map a small EDN map read from binary forms
 * ({@link EdnBinary}) becomes: its keys and values in one array, a key found by a scan. A bulk
 * load's rows are such maps, thousands to a request; as a {@link java.util.LinkedHashMap} (a
 * node per entry and a table) a row took about five times the memory, which the transactor's
 * collector copied whenever a request outlived a young collection. Equal to any map of the same
 * entries, with the same hash code.
 */
final class FrozenArrayMap extends AbstractMap<Object, Object> {
  /** The most entries a map read from binary forms keeps this way; a larger one is a {@link FrozenMap}. */
  static final int MAX_ENTRIES = 32;

  /** Key {@code i} at {@code 2i}, its value at {@code 2i + 1}; nobody changes it. */
  private final Object[] entries;
  /** Computed when first asked, as {@link FrozenMap}'s. */
  private int hash;

  /** Takes ownership of {@code entries}: keys at even positions, each once, values after them. */
  FrozenArrayMap(Object[] entries) {
    this.entries = entries;
  }

  @Override
  public int size() {
    return entries.length / 2;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : entries[i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < entries.length; i += 2) {
      if (Objects.equals(entries[i], key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("an EDN map is immutable");
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException("an EDN map is immutable");
  }

  @Override
  public Set<Object> keySet() {
    return Collections.unmodifiableSet(super.keySet());
  }

  @Override
  public Collection<Object> values() {
    return Collections.unmodifiableCollection(super.values());
  }

  /** Each key and its value in order, without the entry object per key that iterating {@link #entrySet} makes. */
  @Override
  public void forEach(BiConsumer<? super Object, ? super Object> action) {
    Objects.requireNonNull(action);
    for (int i = 0; i < entries.length; i += 2) {
      action.accept(entries[i], entries[i + 1]);
    }
  }

  @Override
  public Set<Map.Entry<Object, Object>> entrySet() {
    return Collections.unmodifiableSet(new AbstractSet<>() {
      @Override
      public int size() {
        return entries.length / 2;
      }

      @Override
      public Iterator<Map.Entry<Object, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < entries.length;
          }

          @Override
          public Map.Entry<Object, Object> next() {
            if (next >= entries.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<Object, Object> e = new AbstractMap.SimpleImmutableEntry<>(entries[next], entries[next + 1]);
            next += 2;
            return e;
          }
        };
      }
    });
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      for (int i = 0; i < entries.length; i += 2) {
        h += Objects.hashCode(entries[i]) ^ Objects.hashCode(entries[i + 1]);
      }
      hash = h; // racy but safe: every thread computes the same int
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof Map<?, ?> m && m.size() == size() && (o instanceof FrozenArrayMap || o instanceof FrozenMap)
        && m.hashCode() != hashCode()) {
      return false;
    }
    return super.equals(o);
  }
}

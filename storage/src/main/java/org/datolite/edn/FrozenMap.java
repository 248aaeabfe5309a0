package org.datolite.edn;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The unmodifiable, insertion-ordered map an EDN map becomes. Its hash code is computed once,
 * when first asked.
 */
final class FrozenMap extends AbstractMap<Object, Object> {
  private final LinkedHashMap<Object, Object> entries;
  /**
   * The hash, computed when first asked (0 until then, as String's): transaction data is parsed
   * into maps that are never hashed, and hashing every value of every row was a sixth of parsing.
   */
  private int hash;

  /** Takes ownership of {@code entries}, which nobody may change afterwards. */
  FrozenMap(LinkedHashMap<Object, Object> entries) {
    this.entries = entries;
  }

  @Override
  public Set<Map.Entry<Object, Object>> entrySet() {
    return Collections.unmodifiableMap(entries).entrySet();
  }

  @Override
  public Set<Object> keySet() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  @Override
  public Collection<Object> values() {
    return Collections.unmodifiableCollection(entries.values());
  }

  @Override
  public Object get(Object key) {
    return entries.get(key);
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException("an EDN map is immutable");
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      for (Map.Entry<Object, Object> e : entries.entrySet()) {
        h += Objects.hashCode(e.getKey()) ^ Objects.hashCode(e.getValue());
      }
      hash = h; // racy but safe: every thread computes the same int
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof FrozenMap m && m.hashCode() != hashCode()) {
      return false;
    }
    return super.equals(o);
  }
}

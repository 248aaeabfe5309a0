package org.datolite.edn;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The unmodifiable, insertion-ordered map an EDN map becomes. Like {@link FrozenVector}, its hash
 * code is computed once at construction.
 */
final class FrozenMap extends AbstractMap<Object, Object> {
  private final LinkedHashMap<Object, Object> entries;
  private final int hash;

  /** Takes ownership of {@code entries}, which nobody may change afterwards. */
  FrozenMap(LinkedHashMap<Object, Object> entries) {
    this.entries = entries;
    int h = 0;
    for (Map.Entry<Object, Object> e : entries.entrySet()) {
      h += Objects.hashCode(e.getKey()) ^ Objects.hashCode(e.getValue());
    }
    this.hash = h;
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
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof FrozenMap m && m.hash != hash) {
      return false;
    }
    return super.equals(o);
  }
}

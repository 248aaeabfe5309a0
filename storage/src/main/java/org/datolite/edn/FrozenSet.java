package org.datolite.edn;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * The unmodifiable, insertion-ordered set an EDN set becomes. Like {@link FrozenVector}, its hash
 * code is computed once at construction.
 */
final class FrozenSet extends AbstractSet<Object> {
  private final LinkedHashSet<Object> elements;
  private final int hash;

  /** Takes ownership of {@code elements}, which nobody may change afterwards. */
  FrozenSet(LinkedHashSet<Object> elements) {
    this.elements = elements;
    int h = 0;
    for (Object e : elements) {
      h += Objects.hashCode(e);
    }
    this.hash = h;
  }

  @Override
  public Iterator<Object> iterator() {
    return Collections.unmodifiableSet(elements).iterator();
  }

  @Override
  public int size() {
    return elements.size();
  }

  @Override
  public boolean contains(Object o) {
    return elements.contains(o);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof FrozenSet s && s.hash != hash) {
      return false;
    }
    return super.equals(o);
  }
}

package org.datolite.edn;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The unmodifiable list an EDN vector (and the body of an {@link EdnList}) becomes. Elements may
 * be {@code null}. The hash code is computed once, at construction, from the elements' hash
 * codes, so hashing a form nested n deep costs its direct elements, not its whole subtree: the
 * reader's duplicate checks in sets and maps stay linear in the input.
 */
final class FrozenVector extends AbstractList<Object> implements RandomAccess {
  static final FrozenVector EMPTY = new FrozenVector(new Object[0]);

  private final Object[] elements;
  private final int hash;

  private FrozenVector(Object[] elements) {
    this.elements = elements;
    int h = 1;
    for (Object e : elements) {
      h = 31 * h + Objects.hashCode(e);
    }
    this.hash = h;
  }

  /** A vector of {@code elements}, which it takes over: nobody may change them afterwards. */
  static FrozenVector owning(Object[] elements) {
    return elements.length == 0 ? EMPTY : new FrozenVector(elements);
  }

  static FrozenVector copyOf(Collection<?> elements) {
    if (elements instanceof FrozenVector v) {
      return v;
    }
    return elements.isEmpty() ? EMPTY : new FrozenVector(elements.toArray());
  }

  @Override
  public Object get(int index) {
    return elements[index];
  }

  @Override
  public int size() {
    return elements.length;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof FrozenVector v && v.hash != hash) {
      return false;
    }
    return super.equals(o);
  }
}

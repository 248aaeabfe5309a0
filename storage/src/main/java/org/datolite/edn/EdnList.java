package org.datolite.edn;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An EDN list, {@code (a b c)}: in Datalog the call-shaped forms such as {@code (count ?x)},
 * {@code (not [?e :a _])} or {@code (> ?age 30)}.
 *
 * <p><b>Telling a list from a vector.</b> The reader turns a vector into a {@link List} and a list
 * into an {@code EdnList}, which is deliberately <em>not</em> a {@link List}: no form is both, so
 * {@code form instanceof List} means a vector and {@code form instanceof EdnList} a list,
 * whichever is tested first. For the same reason a list never equals a vector with the same
 * elements (unlike Clojure, where {@code (= '(1 2) [1 2])}).
 *
 * <p>Immutable; elements may be {@code nil} ({@code null}).
 */
public final class EdnList implements Iterable<Object> {
  private static final EdnList EMPTY = new EdnList(FrozenVector.EMPTY);

  private final FrozenVector elements;

  private EdnList(FrozenVector elements) {
    this.elements = elements;
  }

  /** A list of the given elements, {@code null} allowed. */
  public static EdnList of(Object... elements) {
    return of(Arrays.asList(elements));
  }

  /** A list of a copy of the given elements, {@code null} allowed. */
  public static EdnList of(List<?> elements) {
    FrozenVector v = FrozenVector.copyOf(elements);
    return v.isEmpty() ? EMPTY : new EdnList(v);
  }

  /** The elements, as an unmodifiable list. */
  public List<Object> elements() {
    return elements;
  }

  public int size() {
    return elements.size();
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  /** The element at {@code index}. */
  public Object get(int index) {
    return elements.get(index);
  }

  /** The first element, the operator of a call-shaped form, or {@code null} if the list is empty. */
  public Object first() {
    return elements.isEmpty() ? null : elements.get(0);
  }

  @Override
  public Iterator<Object> iterator() {
    return elements.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof EdnList l && elements.equals(l.elements));
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(elements) * 31 + 0x4c;
  }

  /** The EDN form, e.g. {@code (count ?x)}; values the printer does not know appear as their toString. */
  @Override
  public String toString() {
    return EdnPrinter.describe(this, Integer.MAX_VALUE);
  }
}

package org.datolite.value;

/** A value as a map key, equal by content (byte arrays, tuples), in {@link Values}' equality. */
public record ValueKey(Object v) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ValueKey k && Values.equals(v, k.v);
  }

  @Override
  public int hashCode() {
    return Values.hash(v);
  }
}

package org.datolite.datom;

import org.datolite.edn.Edn;
import org.datolite.value.Values;

/**
 * A fact: entity {@code e} has value {@code v} for attribute {@code a}, asserted ({@code added})
 * or retracted by transaction {@code tx}.
 *
 * <p>{@code e}, {@code a} and {@code tx} are entity ids; {@code v} is a value of one of the
 * {@link org.datolite.value.ValueType value types} (a ref is its entity id as a {@link Long}).
 * Equality compares values by content ({@link Values#equals}), so byte arrays and tuples work as
 * keys. A datom holds no schema: whether {@code v} is a ref is the attribute's business.
 */
public record Datom(long e, long a, Object v, long tx, boolean added) {

  /** An assertion. */
  public static Datom of(long e, long a, Object v, long tx) {
    return new Datom(e, a, v, tx, true);
  }

  /** This datom with {@code added} set to false: the retraction of the same fact by {@code tx}. */
  public Datom retractedBy(long retractingTx) {
    return new Datom(e, a, v, retractingTx, false);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Datom d
            && e == d.e
            && a == d.a
            && tx == d.tx
            && added == d.added
            && Values.equals(v, d.v));
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(e);
    h = 31 * h + Long.hashCode(a);
    h = 31 * h + Values.hash(v);
    h = 31 * h + Long.hashCode(tx);
    return 31 * h + (added ? 1 : 0);
  }

  /** {@code [e a v tx added]} with the value in EDN. */
  @Override
  public String toString() {
    return "[" + e + " " + a + " " + Edn.describe(v) + " " + tx + " " + added + "]";
  }
}

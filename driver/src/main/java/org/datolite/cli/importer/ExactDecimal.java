package org.datolite.cli.importer;

import java.math.BigDecimal;

/**
 * A decimal value as the source has it (written unchanged, {@code 100.50} stays {@code 100.50}),
 * equal to another of the same number whatever the scale ({@code 100.5}), so that a re-run finds
 * it unchanged.
 */
record ExactDecimal(BigDecimal value) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ExactDecimal d && value.compareTo(d.value) == 0;
  }

  @Override
  public int hashCode() {
    return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}

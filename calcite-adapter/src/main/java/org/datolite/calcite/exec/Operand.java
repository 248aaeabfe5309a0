package org.datolite.calcite.exec;

import java.math.BigDecimal;
import org.apache.calcite.DataContext;

/**
 * A key of an index lookup as planned: a literal (in Calcite's internal form) or a statement
 * parameter, read at each execution so that one plan serves every binding.
 *
 * @param literal the value when {@code parameter} is negative
 * @param parameter the 0-based index of a {@code ?}, or -1
 */
public record Operand(Object literal, int parameter) {

  public static Operand literal(Object value) {
    return new Operand(value, -1);
  }

  public static Operand parameter(int index) {
    return new Operand(null, index);
  }

  /** The value for one execution. */
  public Object value(DataContext root) {
    return parameter < 0 ? literal : root.get("?" + parameter);
  }

  @Override
  public String toString() {
    if (parameter >= 0) {
      return "?" + parameter;
    }
    return literal instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(literal);
  }
}

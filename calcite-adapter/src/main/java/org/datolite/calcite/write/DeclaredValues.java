package org.datolite.calcite.write;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.datolite.DatoliteException;
import org.datolite.calcite.model.Column;
import org.datolite.error.SqlState;
import org.datolite.schema.DeclaredType;

/**
 * A written value kept within its column's declaration ({@code CREATE TABLE}), as PostgreSQL
 * assigns a value to a column: SMALLINT and INTEGER within their range, CHAR(n) and VARCHAR(n)
 * at most n characters, DECIMAL(p, s) rounded half up to s digits after the point and at most
 * p − s before it, DATE a whole day (UTC).
 */
final class DeclaredValues {
  private DeclaredValues() {}

  /**
   * The stored value as the column's declaration keeps it.
   *
   * @throws DatoliteException {@code 22003} for a number out of the declared range, {@code 22001}
   *     for text longer than the declared length
   */
  static Object check(Column column, Object stored) {
    Column.Declared d = column.declared();
    if (d == null || d.type() == null || stored == null) {
      return stored;
    }
    DeclaredType type = d.type();
    return switch (type) {
      case SMALLINT -> range(column, (Long) stored, Short.MIN_VALUE, Short.MAX_VALUE);
      case INTEGER -> range(column, (Long) stored, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case CHAR, VARCHAR -> length(column, (String) stored, d.precision());
      case DECIMAL -> decimal(column, (BigDecimal) stored, d.precision(), d.scale());
      case DATE -> {
        long seconds = ((Instant) stored).getEpochSecond();
        yield Instant.ofEpochSecond(Math.floorDiv(seconds, 86_400L) * 86_400L);
      }
      default -> stored;
    };
  }

  private static Long range(Column column, Long v, long min, long max) {
    if (v < min || v > max) {
      throw new DatoliteException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value " + v + " is out of range for column "
          + column.name() + " (" + column.declared().type() + ": " + min + " to " + max + ")");
    }
    return v;
  }

  private static String length(Column column, String s, Long n) {
    if (n != null && s.codePointCount(0, s.length()) > n) {
      throw new DatoliteException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for column "
          + column.name() + " (" + column.declared().type() + "(" + n + ")): "
          + s.codePointCount(0, s.length()) + " characters");
    }
    return s;
  }

  private static BigDecimal decimal(Column column, BigDecimal v, Long precision, Long scale) {
    BigDecimal out = scale == null ? v : v.setScale(scale.intValue(), RoundingMode.HALF_UP);
    if (precision != null) {
      long s = scale == null ? 0 : scale;
      int integerDigits = out.precision() - out.scale();
      if (out.signum() != 0 && integerDigits > precision - s) {
        throw new DatoliteException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: " + v.toPlainString()
            + " does not fit column " + column.name() + " (DECIMAL(" + precision + ", " + s + ") holds less than 10^"
            + (precision - s) + ")");
      }
    }
    return out;
  }
}

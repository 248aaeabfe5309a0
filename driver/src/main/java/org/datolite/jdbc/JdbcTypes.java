package org.datolite.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import org.apache.calcite.sql.type.SqlTypeName;

/** SQL types as JDBC reports them: {@link Types} codes, names, Java classes and sizes. */
final class JdbcTypes {
  private JdbcTypes() {}

  static int jdbcType(SqlTypeName t) {
    return switch (t) {
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Types.TIMESTAMP;
      case NULL, UNKNOWN -> Types.NULL;
      case ANY, SYMBOL, MAP, MULTISET, ROW, OTHER -> Types.OTHER;
      default -> t.getJdbcOrdinal();
    };
  }

  static String typeName(SqlTypeName t) {
    return switch (t) {
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP";
      default -> t.getName();
    };
  }

  static Class<?> javaClass(SqlTypeName t) {
    return switch (t) {
      case BIGINT -> Long.class;
      case INTEGER, SMALLINT, TINYINT -> Integer.class; // as JDBC's getObject maps them
      case DOUBLE, FLOAT -> Double.class;
      case REAL -> Float.class;
      case DECIMAL -> BigDecimal.class;
      case BOOLEAN -> Boolean.class;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Timestamp.class;
      case DATE -> Date.class;
      case TIME -> Time.class;
      case VARBINARY, BINARY -> byte[].class;
      case CHAR, VARCHAR -> String.class;
      default -> Object.class;
    };
  }

  static boolean isText(SqlTypeName t) {
    return t == SqlTypeName.CHAR || t == SqlTypeName.VARCHAR;
  }

  static boolean isSigned(SqlTypeName t) {
    return switch (t) {
      case BIGINT, INTEGER, SMALLINT, TINYINT, DOUBLE, FLOAT, REAL, DECIMAL -> true;
      default -> false;
    };
  }

  /** The precision JDBC reports: digits for numbers, characters for text and times. */
  static int precision(SqlTypeName t, int precision) {
    return switch (t) {
      case BIGINT -> 19;
      case INTEGER -> 10;
      case SMALLINT -> 5;
      case TINYINT -> 3;
      case DOUBLE, FLOAT -> 17;
      case REAL -> 9;
      case BOOLEAN -> 1;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 23;
      case DATE -> 10;
      case TIME -> 12;
      case DECIMAL -> precision > 0 ? precision : 1000;
      default -> precision > 0 ? precision : Integer.MAX_VALUE;
    };
  }

  static int displaySize(SqlTypeName t, int precision) {
    int p = precision(t, precision);
    return switch (t) {
      case BIGINT, INTEGER, SMALLINT, TINYINT -> p + 1;
      case DOUBLE, FLOAT -> 24;
      case REAL -> 15;
      case DECIMAL -> Math.min(Integer.MAX_VALUE - 2, p + 2);
      case BOOLEAN -> 5;
      default -> p;
    };
  }
}

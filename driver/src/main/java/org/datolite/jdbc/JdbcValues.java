package org.datolite.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.calcite.table.DatoliteTypeSystem;
import org.datolite.error.SqlState;

/**
 * Values between JDBC and Calcite's internal form. A TIMESTAMP is an instant in UTC: read as a
 * {@link Timestamp} whose wall-clock fields are the UTC ones (as {@code TIMESTAMP '…'} literals
 * mean), or exactly as {@link Instant}, {@link OffsetDateTime} (UTC) or {@link LocalDateTime}
 * through {@code getObject(i, Class)}.
 */
final class JdbcValues {
  private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .toFormatter();

  private JdbcValues() {}

  /** The JDBC object of an internal value of a SQL type (what {@code getObject(i)} returns). */
  static Object toJdbc(SqlTypeName type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Timestamp.valueOf(utc((Long) v));
      case DATE -> Date.valueOf(date(v));
      case TIME -> Time.valueOf(LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L));
      case VARBINARY, BINARY -> ((ByteString) v).getBytes();
      case BIGINT -> ((Number) v).longValue();
      case INTEGER, SMALLINT, TINYINT -> ((Number) v).intValue(); // JDBC maps all three to Integer
      case DOUBLE, FLOAT -> ((Number) v).doubleValue();
      case REAL -> ((Number) v).floatValue();
      case DECIMAL -> decimal(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
      case CHAR, VARCHAR -> v.toString();
      default -> v;
    };
  }

  /**
   * A DECIMAL result as the user should see it: a value of an unconstrained decimal (a
   * {@code :db.type/bigdec} column, {@code DECIMAL(1000, 500)} to the planner) that a cast or an
   * aggregate padded to that scale loses the padding ({@code SUM(quantity * price)} is
   * {@code 85752.84}, not the same followed by 498 zeros), as PostgreSQL's {@code numeric} keeps no
   * scale it was not given. A value of any smaller scale is returned as it is.
   */
  static BigDecimal decimal(BigDecimal d) {
    if (d.scale() < DatoliteTypeSystem.BIGDEC_SCALE) {
      return d;
    }
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * The day of a DATE value: Calcite's internal form (epoch days, an {@code Integer}), or an
   * instant column declared DATE (epoch milliseconds, a {@code Long}, midnight UTC).
   */
  static LocalDate date(Object v) {
    return v instanceof Long ms ? utc(ms).toLocalDate() : LocalDate.ofEpochDay(((Number) v).longValue());
  }

  static LocalDateTime utc(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }

  /** The text of a value ({@code getString}). */
  static String toText(SqlTypeName type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TIMESTAMP_TEXT.format(utc((Long) v));
      case DATE -> date(v).toString();
      case TIME -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L).toString();
      case DECIMAL -> ((BigDecimal) toJdbc(type, v)).toPlainString();
      case VARBINARY, BINARY -> ((ByteString) v).toString();
      default -> v.toString();
    };
  }

  /** A value as the class {@code getObject(i, Class)} asks for. */
  @SuppressWarnings("unchecked")
  static <T> T as(SqlTypeName type, Object v, Class<T> c) throws SQLException {
    if (v == null) {
      return null;
    }
    Object out;
    try {
      out = convert(type, v, c);
    } catch (RuntimeException e) {
      throw JdbcErrors.of(SqlState.DATA_EXCEPTION, "cannot read a " + type + " value as " + c.getName() + ": " + e.getMessage());
    }
    if (out == null) {
      throw JdbcErrors.of(SqlState.DATA_EXCEPTION, "cannot read a " + type + " value as " + c.getName());
    }
    return (T) out;
  }

  private static Object convert(SqlTypeName type, Object v, Class<?> c) {
    Object j = toJdbc(type, v);
    if (c == Object.class || c.isInstance(j) && !(j instanceof Timestamp && c != Timestamp.class && c != java.util.Date.class)) {
      return j;
    }
    boolean instant = type == SqlTypeName.TIMESTAMP || type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    if (c == String.class) {
      return toText(type, v);
    }
    if (instant) {
      long ms = (Long) v;
      if (c == Instant.class) {
        return Instant.ofEpochMilli(ms);
      } else if (c == OffsetDateTime.class) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC);
      } else if (c == ZonedDateTime.class) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC);
      } else if (c == LocalDateTime.class) {
        return utc(ms);
      } else if (c == LocalDate.class) {
        return utc(ms).toLocalDate();
      } else if (c == LocalTime.class) {
        return utc(ms).toLocalTime();
      } else if (c == Timestamp.class || c == java.util.Date.class) {
        return Timestamp.valueOf(utc(ms));
      } else if (c == Long.class) {
        return ms;
      }
      return null;
    }
    if (type == SqlTypeName.DATE) {
      LocalDate d = date(v);
      return c == LocalDate.class ? d : c == Date.class || c == java.util.Date.class ? Date.valueOf(d)
          : c == LocalDateTime.class ? d.atStartOfDay() : c == Timestamp.class ? Timestamp.valueOf(d.atStartOfDay())
          : c == Instant.class ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : null;
    }
    if (type == SqlTypeName.TIME) {
      LocalTime t = LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L);
      return c == LocalTime.class ? t : c == Time.class ? Time.valueOf(t) : null;
    }
    if (j instanceof Number n) {
      if (c == Long.class) {
        return exact(n).longValueExact();
      } else if (c == Integer.class) {
        return exact(n).intValueExact();
      } else if (c == Short.class) {
        return exact(n).shortValueExact();
      } else if (c == Byte.class) {
        return exact(n).byteValueExact();
      } else if (c == Double.class) {
        return n.doubleValue();
      } else if (c == Float.class) {
        return n.floatValue();
      } else if (c == BigDecimal.class) {
        return n instanceof BigDecimal d ? d : n instanceof Double || n instanceof Float
            ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
      } else if (c == BigInteger.class) {
        return exact(n).toBigIntegerExact();
      } else if (c == Boolean.class) {
        return n.doubleValue() != 0;
      }
      return null;
    }
    if (j instanceof String s) {
      if (c == UUID.class) {
        return UUID.fromString(s);
      } else if (c == URI.class) {
        return URI.create(s);
      } else if (c == Long.class) {
        return Long.parseLong(s.trim());
      } else if (c == Integer.class) {
        return Integer.parseInt(s.trim());
      } else if (c == BigDecimal.class) {
        return new BigDecimal(s.trim());
      } else if (c == Double.class) {
        return Double.parseDouble(s.trim());
      } else if (c == Boolean.class) {
        return Boolean.parseBoolean(s.trim());
      } else if (c == byte[].class) {
        return s.getBytes(StandardCharsets.UTF_8);
      }
      return null;
    }
    if (j instanceof Boolean b) {
      return c == Integer.class ? (Object) (b ? 1 : 0) : c == Long.class ? (Object) (b ? 1L : 0L) : null;
    }
    return null;
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /**
   * A parameter value in the internal form of the SQL type validation gave its {@code ?} (an
   * untyped one: by the Java value).
   */
  static Object toInternal(SqlTypeName type, Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    try {
      Object j = normalize(v);
      if (type == null || type == SqlTypeName.ANY || type == SqlTypeName.UNKNOWN || type == SqlTypeName.NULL) {
        return j;
      }
      return switch (type) {
        case BIGINT -> j instanceof String s ? (Object) Long.parseLong(s.trim()) : j instanceof Boolean b ? (b ? 1L : 0L)
            : (Object) exact((Number) j).longValueExact();
        case INTEGER -> j instanceof String s ? (Object) Integer.parseInt(s.trim()) : (Object) exact((Number) j).intValueExact();
        case SMALLINT -> j instanceof String s ? (Object) Short.parseShort(s.trim()) : (Object) exact((Number) j).shortValueExact();
        case TINYINT -> j instanceof String s ? (Object) Byte.parseByte(s.trim()) : (Object) exact((Number) j).byteValueExact();
        case DOUBLE, FLOAT -> j instanceof String s ? (Object) Double.parseDouble(s.trim()) : (Object) ((Number) j).doubleValue();
        case REAL -> j instanceof String s ? (Object) Float.parseFloat(s.trim()) : (Object) ((Number) j).floatValue();
        case DECIMAL -> j instanceof String s ? new BigDecimal(s.trim()) : exact((Number) j);
        case BOOLEAN -> j instanceof String s ? (Object) parseBoolean(s) : j instanceof Number n ? (Object) (n.doubleValue() != 0) : j;
        case CHAR, VARCHAR -> j instanceof BigDecimal d ? d.toPlainString() : j instanceof Long ms && v instanceof Timestamp
            ? TIMESTAMP_TEXT.format(utc(ms)) : j.toString();
        case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> j instanceof String s ? timestampText(s)
            : v instanceof LocalDate || v instanceof Date ? (Object) (((Number) j).longValue() * 86_400_000L) // midnight UTC
            : (Object) ((Number) j).longValue();
        case DATE -> j instanceof String s ? (Object) (int) LocalDate.parse(s.trim()).toEpochDay()
            : v instanceof Timestamp || v instanceof Instant || v instanceof OffsetDateTime || v instanceof LocalDateTime
            ? (Object) (int) Math.floorDiv(((Number) j).longValue(), 86_400_000L) : (Object) ((Number) j).intValue();
        case VARBINARY, BINARY -> j instanceof String s ? new ByteString(s.getBytes(StandardCharsets.UTF_8)) : j;
        default -> j;
      };
    } catch (NumberFormatException | ArithmeticException | ClassCastException | DateTimeException e) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "cannot use " + v.getClass().getSimpleName() + " '" + v
          + "' as a " + type + " parameter: " + e.getMessage());
    }
  }

  private static boolean parseBoolean(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true", "t", "1", "yes", "y", "on" -> true;
      case "false", "f", "0", "no", "n", "off" -> false;
      default -> throw new NumberFormatException("not a boolean: " + s);
    };
  }

  private static long timestampText(String s) {
    String t = s.trim();
    try {
      return LocalDateTime.parse(t, TIMESTAMP_TEXT).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException e) {
      return Instant.parse(t).toEpochMilli();
    }
  }

  /**
   * 1582-10-16T00:00Z, a day into the Gregorian calendar. From then on a {@link Timestamp}'s or
   * {@link Date}'s wall-clock time in the default zone is its instant plus that zone's offset
   * there, which {@link #normalize} adds itself: {@code toLocalDateTime()} reaches the same fields
   * through the deprecated getters, whose calendar arithmetic was a tenth of a bulk load's JDBC
   * thread. Before it those getters count in the Julian calendar, and so does {@code normalize}.
   */
  static final long GREGORIAN_MILLIS = -12_219_206_400_000L;
  /**
   * 2038-01-01T00:00Z: from then on a zone's offsets come from its last rule, where the getters'
   * calendar and {@code TimeZone.getOffset} can disagree (Australia/Lord_Howe's half-hour summer
   * time in 8216), so {@link #normalize} takes the getters' path there too (no overflow either).
   */
  static final long YEAR_2038_MILLIS = 2_145_916_800_000L;
  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** A Java value in an internal form of its own kind. */
  static Object normalize(Object v) {
    if (v instanceof Timestamp ts) {
      long ms = ts.getTime();
      return ms >= GREGORIAN_MILLIS && ms < YEAR_2038_MILLIS ? ms + TimeZone.getDefault().getOffset(ms)
          : ts.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (v instanceof Instant i) {
      return i.toEpochMilli();
    } else if (v instanceof OffsetDateTime o) {
      return o.toInstant().toEpochMilli();
    } else if (v instanceof ZonedDateTime z) {
      return z.toInstant().toEpochMilli();
    } else if (v instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (v instanceof Date d) {
      long ms = d.getTime();
      return ms >= GREGORIAN_MILLIS && ms < YEAR_2038_MILLIS
          ? (int) Math.floorDiv(ms + TimeZone.getDefault().getOffset(ms), MILLIS_PER_DAY) : (int) d.toLocalDate().toEpochDay();
    } else if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    } else if (v instanceof Time t) {
      return (int) (t.toLocalTime().toNanoOfDay() / 1_000_000L);
    } else if (v instanceof LocalTime t) {
      return (int) (t.toNanoOfDay() / 1_000_000L);
    } else if (v instanceof java.util.Date d) {
      return d.getTime();
    } else if (v instanceof UUID || v instanceof URI || v instanceof Character) {
      return v.toString();
    } else if (v instanceof byte[] b) {
      return new ByteString(b);
    } else if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    return v;
  }
}

package org.datolite.cli.importer;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What a source column becomes in Datolite: the type its {@code CREATE TABLE} declares, how a
 * value is read from the source and from Datolite into one comparable form, and how it is
 * written. The comparable form is what makes a second import find unchanged rows: whole numbers
 * are {@link Long}, decimals an {@link ExactDecimal} (written as read, compared by value), dates {@link LocalDate},
 * timestamps {@link LocalDateTime} in UTC to the millisecond (Datolite keeps milliseconds), UUIDs
 * their text, bytes a {@link ByteBuffer}.
 */
public enum ColumnType {
  SMALLINT("SMALLINT"),
  INTEGER("INTEGER"),
  BIGINT("BIGINT"),
  DECIMAL("DECIMAL"),
  REAL("REAL"),
  DOUBLE("DOUBLE"),
  BOOLEAN("BOOLEAN"),
  CHAR("CHAR"),
  VARCHAR("VARCHAR"),
  DATE("DATE"),
  TIMESTAMP("TIMESTAMP"),
  /** A timestamp with a time zone: stored as the instant, read back as its UTC wall clock. */
  TIMESTAMP_TZ("TIMESTAMP"),
  UUID("UUID"),
  VARBINARY("VARBINARY"),
  /** A type Datolite has no column type for (TIME, INTERVAL, arrays, JSON…): kept as its text. */
  TEXT("VARCHAR");

  /** The largest DECIMAL precision Datolite declares. */
  static final int MAX_DECIMAL_PRECISION = 1000;
  /** A length at or above which a character column is declared without one (unbounded). */
  static final int UNBOUNDED_LENGTH = 1_000_000_000;

  private final String declared;

  ColumnType(String declared) {
    this.declared = declared;
  }

  /** The base SQL type name Datolite's metadata reports for the column. */
  public String declaredName() {
    return declared;
  }

  /** The type of a source column, {@link #TEXT} when Datolite has none for it. */
  public static ColumnType of(SourceColumn c) {
    String name = c.typeName() == null ? "" : c.typeName().toLowerCase(Locale.ROOT);
    if ("uuid".equals(name)) {
      return UUID;
    }
    return switch (c.jdbcType()) {
      case Types.BOOLEAN -> BOOLEAN;
      case Types.BIT -> c.size() <= 1 ? BOOLEAN : TEXT;
      case Types.TINYINT, Types.SMALLINT -> SMALLINT;
      case Types.INTEGER -> INTEGER;
      case Types.BIGINT -> BIGINT;
      case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
      case Types.REAL -> REAL;
      case Types.FLOAT, Types.DOUBLE -> DOUBLE;
      case Types.CHAR, Types.NCHAR -> CHAR;
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> VARCHAR;
      case Types.DATE -> DATE;
      case Types.TIMESTAMP -> name.contains("tz") || name.contains("time zone") ? TIMESTAMP_TZ : TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> VARBINARY;
      default -> TEXT;
    };
  }

  /** The column's type as {@code CREATE TABLE} declares it, with its length or precision. */
  public String ddl(SourceColumn c) {
    return switch (this) {
      case DECIMAL -> c.size() <= 0 || c.size() > MAX_DECIMAL_PRECISION ? "DECIMAL"
          : "DECIMAL(" + c.size() + ", " + Math.max(0, c.scale()) + ")";
      case CHAR -> c.size() <= 0 || c.size() >= UNBOUNDED_LENGTH ? "CHAR(1)" : "CHAR(" + c.size() + ")";
      case VARCHAR -> c.size() <= 0 || c.size() >= UNBOUNDED_LENGTH ? "VARCHAR" : "VARCHAR(" + c.size() + ")";
      default -> declared;
    };
  }

  /** The value of column {@code i} of a source row, in comparable form (null for NULL). */
  public Object readSource(ResultSet rs, int i) throws SQLException {
    return switch (this) {
      case TIMESTAMP_TZ -> {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        yield t == null ? null : storable(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
      }
      case UUID -> {
        Object u = rs.getObject(i);
        yield u == null ? null : u.toString().toLowerCase(Locale.ROOT);
      }
      default -> read(rs, i);
    };
  }

  /** The value of column {@code i} of a row read from Datolite, in comparable form. */
  public Object readTarget(ResultSet rs, int i) throws SQLException {
    return switch (this) {
      case TIMESTAMP_TZ -> read(rs, i);
      case UUID -> {
        String u = rs.getString(i);
        yield u == null ? null : u.toLowerCase(Locale.ROOT);
      }
      default -> read(rs, i);
    };
  }

  private Object read(ResultSet rs, int i) throws SQLException {
    Object v = switch (this) {
      case SMALLINT, INTEGER, BIGINT -> rs.getLong(i);
      case DECIMAL -> {
        BigDecimal d = rs.getBigDecimal(i);
        yield d == null ? null : new ExactDecimal(d);
      }
      case REAL -> rs.getFloat(i);
      case DOUBLE -> rs.getDouble(i);
      case BOOLEAN -> rs.getBoolean(i);
      case DATE -> rs.getObject(i, LocalDate.class);
      case TIMESTAMP, TIMESTAMP_TZ -> {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        yield t == null ? null : storable(t);
      }
      case VARBINARY -> {
        byte[] b = rs.getBytes(i);
        yield b == null ? null : ByteBuffer.wrap(b);
      }
      default -> rs.getString(i);
    };
    return rs.wasNull() ? null : v;
  }

  /**
   * A timestamp to the millisecond, as Datolite keeps it.
   *
   * @throws ArithmeticException when it is no long of milliseconds since 1970 (PostgreSQL's
   *     {@code infinity} reads as {@link LocalDateTime#MAX})
   */
  private static LocalDateTime storable(LocalDateTime t) {
    t.toInstant(ZoneOffset.UTC).toEpochMilli();
    return t.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Binds a comparable value (or null) as parameter {@code i} of a Datolite statement. */
  public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.NULL);
    } else if (v instanceof ExactDecimal d) {
      ps.setBigDecimal(i, d.value());
    } else if (v instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      ps.setBytes(i, bytes);
    } else {
      ps.setObject(i, v);
    }
  }
}

package org.datolite.calcite.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.datolite.DatoliteException;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.table.DatoliteTypeSystem;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * Values written through SQL: a literal of the statement as Calcite's internal form, and an
 * internal value (a literal's, a parameter's, a computed one's) as the stored value of the column
 * it is written to, or a {@code 22} error naming the column and what it takes. The conversions
 * are PostgreSQL's assignment casts: a number of another type is converted (rounded to an integer
 * column, half away from zero), a number or boolean written to a text column becomes its text.
 */
final class WriteValues {
  private WriteValues() {}

  /** Marks a node that is no literal this class reads. */
  static final Object NOT_LITERAL = new Object();

  /**
   * The internal value of a literal ({@code 42}, {@code -1.5}, {@code 'text'}, {@code TRUE},
   * {@code NULL} (null), {@code DATE '…'}, {@code TIMESTAMP '…'}), or {@link #NOT_LITERAL}.
   */
  static Object literal(SqlNode node) {
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX
        && call.operand(0) instanceof SqlNumericLiteral n) {
      Object v = literal(n);
      return v instanceof BigDecimal d ? d.negate() : v instanceof Double x ? -x : NOT_LITERAL;
    }
    if (!(node instanceof SqlLiteral lit)) {
      return NOT_LITERAL;
    }
    if (lit instanceof SqlUnknownLiteral typed) {
      // DATE '…' and TIMESTAMP '…' are parsed untyped (Calcite 1.41 types them when it validates)
      SqlTypeName type = typed.tag.equals("DATE") ? SqlTypeName.DATE
          : typed.tag.equals("TIMESTAMP") ? SqlTypeName.TIMESTAMP : null;
      if (type == null) {
        return NOT_LITERAL;
      }
      try {
        return literal(typed.resolve(type));
      } catch (RuntimeException e) {
        return NOT_LITERAL; // not a valid literal of its type: the query path reports it
      }
    }
    if (lit.getTypeName() == SqlTypeName.NULL) {
      return null;
    }
    if (lit instanceof SqlNumericLiteral n) {
      return n.isExact() ? n.getValueAs(BigDecimal.class) : (Object) n.getValueAs(Double.class);
    }
    if (lit instanceof SqlCharStringLiteral) {
      return lit.getValueAs(String.class);
    }
    if (lit.getTypeName() == SqlTypeName.BOOLEAN) {
      return lit.booleanValue();
    }
    if (lit instanceof SqlTimestampLiteral) {
      return lit.getValueAs(TimestampString.class).getMillisSinceEpoch();
    }
    if (lit instanceof SqlDateLiteral) {
      return lit.getValueAs(DateString.class).getDaysSinceEpoch();
    }
    return NOT_LITERAL;
  }

  /**
   * The stored value of an internal value written to a column of an entity or child table (an
   * enum column's ident text as the id of the entity it names, a keyed ref's key as the id of the
   * row of {@code db} that has it), or null for NULL. A declared column keeps its declaration:
   * SMALLINT and INTEGER their range, CHAR and VARCHAR their length, DECIMAL its precision and
   * scale (rounded half up), DATE whole days.
   *
   * @throws DatoliteException {@code 22xxx} for a value the column cannot hold, {@code 23503}
   *     for an enum text or key that names no entity
   */
  static Object toStored(Column column, Schema schema, Db db, Object v) {
    if (v == null) {
      return null;
    }
    if (column.key() != null) {
      Object key = DeclaredValues.check(column, stored(column, v));
      Datom target = db.first(Index.AVET, column.key().id(), key);
      if (target == null) {
        throw new DatoliteException(SqlState.FOREIGN_KEY_VIOLATION, "column " + column.name() + " references "
            + column.key().ident() + "; no row has " + column.key().ident() + " " + quote(v));
      }
      return target.e();
    }
    if (column.enumRef()) {
      String text = v.toString();
      Long id = text.startsWith(":") && text.length() > 1 ? schema.entid(Keyword.of(text.substring(1))) : null;
      if (id == null) {
        throw new DatoliteException(SqlState.FOREIGN_KEY_VIOLATION, "column " + column.name() + " takes the ident"
            + " of an entity (such as " + example(column) + "); " + quote(v) + " names none");
      }
      return id;
    }
    return column.declared() == null ? stored(column, v) : DeclaredValues.check(column, stored(column, v));
  }

  /** The stored value of an internal value as the column's value type holds it. */
  private static Object stored(Column column, Object v) {
    try {
      return switch (column.type()) {
        case LONG, REF -> integral(column, v).longValueExact();
        case BOOLEAN -> v instanceof Boolean ? v : fail(column, v, "TRUE or FALSE");
        case DOUBLE -> v instanceof Number n ? (Object) n.doubleValue() : fail(column, v, "a number");
        case FLOAT -> v instanceof Number n ? (Object) n.floatValue() : fail(column, v, "a number");
        case BIGDEC -> decimal(column, v);
        case BIGINT -> integral(column, v).toBigIntegerExact();
        case INSTANT -> v instanceof Long ms ? Instant.ofEpochMilli(ms)
            : v instanceof Integer days ? Instant.ofEpochSecond(days * 86_400L) : fail(column, v, "a TIMESTAMP");
        case STRING -> text(column, v);
        case KEYWORD -> keyword(column, v);
        case UUID -> v instanceof String s ? UUID.fromString(s.trim()) : fail(column, v, "a UUID's text");
        case URI -> v instanceof String s ? new URI(s) : fail(column, v, "a URI's text");
        case BYTES -> v instanceof ByteString b ? b.getBytes()
            : v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : fail(column, v, "bytes");
        case TUPLE -> throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + column.name()
            + " holds tuples, which SQL does not write yet; write them with transact([[:db/add e "
            + column.attribute().ident() + " [v1 v2 …]]])");
      };
    } catch (ArithmeticException e) {
      throw new DatoliteException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value " + quote(v) + " is out of range for"
          + " column " + column.name() + " (" + column.type().name().toLowerCase(Locale.ROOT) + ")");
    } catch (IllegalArgumentException | URISyntaxException e) {
      throw new DatoliteException(SqlState.INVALID_TEXT_REPRESENTATION, "value " + quote(v) + " is not valid for"
          + " column " + column.name() + ": " + e.getMessage());
    }
  }

  private static BigDecimal integral(Column column, Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigDecimal d) {
      return d.setScale(0, RoundingMode.HALF_UP);
    }
    if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw new ArithmeticException("not finite");
      }
      return BigDecimal.valueOf(Math.rint(x));
    }
    if (v instanceof String s) {
      return parse(column, s, "whole numbers").setScale(0, RoundingMode.HALF_UP);
    }
    throw mismatch(column, v, "a whole number");
  }

  private static Object decimal(Column column, Object v) {
    if (v instanceof BigDecimal d) {
      // a parameter cast to the column's DECIMAL type has its maximal scale: written as given
      return d.scale() == DatoliteTypeSystem.BIGDEC_SCALE ? d.stripTrailingZeros() : d;
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (v instanceof String s) {
      return parse(column, s, "decimals");
    }
    throw mismatch(column, v, "a decimal");
  }

  /** Text written to a number column: its number, or 22P02. */
  private static BigDecimal parse(Column column, String s, String takes) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      throw new DatoliteException(SqlState.INVALID_TEXT_REPRESENTATION, "value " + quote(s)
          + " is not a number; column " + column.name() + " takes " + takes);
    }
  }

  private static String text(Column column, Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw mismatch(column, v, "text");
  }

  private static Keyword keyword(Column column, Object v) {
    if (v instanceof String s && s.startsWith(":") && s.length() > 1) {
      return Keyword.of(s.substring(1));
    }
    throw mismatch(column, v, "a keyword's text such as :color/red");
  }

  private static Object fail(Column column, Object v, String expected) {
    throw mismatch(column, v, expected);
  }

  private static DatoliteException mismatch(Column column, Object v, String expected) {
    return new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "column " + column.name() + " takes " + expected
        + "; got " + quote(v));
  }

  private static String example(Column column) {
    return ":" + column.attribute().ident().namespace() + "." + column.attribute().ident().name() + "/…";
  }

  private static String quote(Object v) {
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return ((Number) v).toString();
    }
    return String.valueOf(v);
  }
}

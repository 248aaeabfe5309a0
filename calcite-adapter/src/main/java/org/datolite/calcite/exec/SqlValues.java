package org.datolite.calcite.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.datolite.calcite.model.Column;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Values between their stored form and Calcite's internal form (the form generated code reads):
 * an instant is a {@code Long} of epoch milliseconds, a bigint a {@code BigDecimal}, a keyword,
 * uuid, uri or tuple its text, bytes a {@link ByteString}.
 */
public final class SqlValues {
  private SqlValues() {}

  /** The internal SQL form of a stored value of the given type. */
  public static Object toSql(ValueType type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case INSTANT -> ((Instant) v).toEpochMilli();
      case BIGINT -> new BigDecimal((BigInteger) v);
      case KEYWORD, UUID, URI -> v.toString();
      case TUPLE -> Edn.describe(v);
      case BYTES -> new ByteString((byte[]) v);
      default -> v;
    };
  }

  /**
   * The internal SQL form of a stored value in a column: an enum's ident text, a keyed ref's
   * target's key value (read in {@code db}; NULL when the target has none), else as {@link
   * #toSql(ValueType, Object)}.
   */
  public static Object toSql(Column column, Schema schema, Db db, Object v) {
    if (column.key() != null) {
      if (!(v instanceof Long target)) {
        return null;
      }
      Datom d = db.first(Index.EAVT, target, column.key().id());
      return d == null ? null : toSql(column.key().valueType(), d.v());
    }
    return column.enumRef() ? enumText(schema, v) : toSql(column.type(), v);
  }

  /**
   * The entity ids a lookup of a column that shows its targets (an enum or a keyed ref) names,
   * as {@link #keys} gives stored keys: the entities of idents, or of the key's values in {@code db}.
   */
  static List<Object> targetKeys(Column column, Schema schema, Db db, List<Operand> operands, DataContext root) {
    if (column.key() == null) {
      return enumKeys(schema, operands, root);
    }
    List<Object> out = new ArrayList<>();
    for (Object k : keys(column.key().valueType(), operands, root)) {
      for (Iterator<Datom> it = db.datoms(Index.AVET, column.key().id(), k); it.hasNext(); ) {
        out.add(it.next().e());
      }
    }
    return distinctSorted(out);
  }

  /**
   * An enum column's value: the ident of the entity a stored ref names ({@code :artist.type/person}),
   * or, when that entity has no ident, its id as text.
   */
  static String enumText(Schema schema, Object v) {
    if (v == null) {
      return null;
    }
    Keyword ident = v instanceof Long id ? schema.ident(id) : null;
    return ident != null ? ident.toString() : String.valueOf(v);
  }

  /**
   * The entity id an enum column's text names, the inverse of {@link #enumText}: the entity of an
   * ident ({@code :artist.type/person}) or an id written in digits; null when it names none.
   */
  static Long enumId(Schema schema, Object v) {
    if (!(v instanceof String s) || s.isEmpty()) {
      return null;
    }
    try {
      return s.startsWith(":") ? schema.entid(Keyword.of(s)) : Long.valueOf(s);
    } catch (IllegalArgumentException e) {
      return null; // no keyword, no number: it names no entity
    }
  }

  /**
   * The stored form of an internal SQL value compared with a column of the given type, or null
   * if no stored value of that type can equal it (a lookup then finds nothing).
   */
  public static Object toStored(ValueType type, Object v) {
    if (v == null) {
      return null;
    }
    try {
      return switch (type) {
        case LONG, REF -> v instanceof Number n && isIntegral(n) ? (Object) n.longValue() : null;
        case BOOLEAN -> v instanceof Boolean ? v : null;
        case DOUBLE -> v instanceof Number n ? (Object) n.doubleValue() : null;
        case FLOAT -> v instanceof Number n ? (Object) n.floatValue() : null;
        case BIGDEC -> v instanceof Number n ? decimal(n) : null;
        case BIGINT -> v instanceof Number n && isIntegral(n) ? decimal(n).toBigIntegerExact() : null;
        case INSTANT -> v instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
        case STRING -> v instanceof String ? v : null;
        case KEYWORD -> v instanceof String s && s.startsWith(":") && s.length() > 1 ? Keyword.of(s.substring(1)) : null;
        case UUID -> v instanceof String s ? UUID.fromString(s) : null;
        case URI -> v instanceof String s ? new URI(s) : null;
        default -> null;
      };
    } catch (Exception e) {
      return null; // text that is no keyword, uuid or uri equals no stored value
    }
  }

  private static boolean isIntegral(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return true;
    }
    BigDecimal d = decimal(n);
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /**
   * The stored forms of a lookup's keys for one execution, NULLs and keys no stored value can
   * equal dropped, duplicates removed, in stored order.
   */
  static List<Object> keys(ValueType type, List<Operand> operands, DataContext root) {
    List<Object> values = new ArrayList<>();
    for (Operand o : operands) {
      values.add(toStored(type, o.value(root)));
    }
    return distinctSorted(values);
  }

  /** The entity ids of an enum lookup's keys for one execution, as {@link #keys} gives stored keys. */
  static List<Object> enumKeys(Schema schema, List<Operand> operands, DataContext root) {
    List<Object> values = new ArrayList<>();
    for (Operand o : operands) {
      values.add(enumId(schema, o.value(root)));
    }
    return distinctSorted(values);
  }

  private static List<Object> distinctSorted(List<Object> values) {
    List<Object> sorted = new ArrayList<>(values);
    sorted.removeIf(x -> x == null);
    sorted.sort(Values::compare);
    List<Object> out = new ArrayList<>(sorted.size());
    for (Object v : sorted) {
      if (out.isEmpty() || Values.compare(out.get(out.size() - 1), v) != 0) {
        out.add(v);
      }
    }
    return out;
  }
}

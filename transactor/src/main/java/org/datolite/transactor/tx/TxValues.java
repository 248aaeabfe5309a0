package org.datolite.transactor.tx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnList;
import org.datolite.edn.Symbol;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Schema;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Checks a value against its attribute's type and converts the few forms that mean the same
 * value (an {@link Integer} for a long, a {@link Long} for a bigint, an exactly representable
 * double for a float, a {@link java.util.Date} for an instant). Anything else of the wrong type
 * is a {@link TxErrorCode#WRONG_TYPE} error naming the attribute, the value and the type
 * expected.
 */
final class TxValues {
  private TxValues() {}

  static Object coerce(Attribute a, Object v, Schema schema, String where) {
    if (a.valueType() == ValueType.TUPLE) {
      return tuple(a, v, schema, where);
    }
    return coerce(a.valueType(), v, schema, a.ident(), where);
  }

  /**
   * The checked value; {@code subject} and {@code where} name it in an error (joined only then:
   * a bulk load coerces millions of values).
   */
  private static Object coerce(ValueType type, Object v, Schema schema, Object subject, String where) {
    Object c = switch (type) {
      case STRING -> v instanceof String ? v : null;
      case LONG -> v instanceof Long ? v : v instanceof Integer || v instanceof Short || v instanceof Byte
          ? Long.valueOf(((Number) v).longValue()) : null;
      case BOOLEAN -> v instanceof Boolean ? v : null;
      case DOUBLE -> v instanceof Double ? v : v instanceof Float f ? Double.valueOf(f) : null;
      case FLOAT -> v instanceof Float ? v : v instanceof Double d && (d.isNaN() || (double) (float) (double) d == d)
          ? Float.valueOf((float) (double) d) : null;
      case BIGINT -> v instanceof BigInteger ? v : v instanceof Long l ? BigInteger.valueOf(l) : null;
      case BIGDEC -> v instanceof BigDecimal ? v : null;
      case INSTANT -> v instanceof Instant ? v : v instanceof Date d ? d.toInstant() : null;
      case UUID -> v instanceof UUID ? v : null;
      case KEYWORD -> v instanceof Keyword ? v : null;
      case URI -> v instanceof URI ? v : null;
      case BYTES -> v instanceof byte[] ? v : null;
      case REF -> v instanceof Long l && l >= 0 ? v
          : v instanceof Keyword k && schema.entid(k) != null ? schema.entid(k) : null;
      case TUPLE -> null;
    };
    if (c == null) {
      throw new TxException(TxErrorCode.WRONG_TYPE,
          "value " + describe(v) + " of " + subject + where + " is not a " + type.ident().name()
              + "; expected " + expected(type));
    }
    if (type == ValueType.STRING || type == ValueType.KEYWORD || type == ValueType.URI) {
      try {
        Values.validate(c); // text must be well-formed UTF-16; a value of another type is checked above
      } catch (IllegalArgumentException e) {
        throw new TxException(TxErrorCode.WRONG_TYPE, "value of " + subject + where + ": " + e.getMessage());
      }
    }
    return c;
  }

  private static List<Object> tuple(Attribute a, Object v, Schema schema, String where) {
    if (a.isComposite()) {
      throw new TxException(TxErrorCode.WRONG_TYPE, "composite tuple " + a.ident() + where
          + " is computed from its attributes and cannot be asserted; assert "
          + names(a.tupleAttrs(), schema) + " instead");
    }
    if (!(v instanceof List<?> list)) {
      throw new TxException(TxErrorCode.WRONG_TYPE,
          "value " + describe(v) + " of tuple attribute " + a.ident() + where + " is not a vector");
    }
    if (a.tupleType() != null) {
      if (list.size() < 2 || list.size() > 8) {
        throw new TxException(TxErrorCode.WRONG_TYPE, "tuple " + describe(v) + " of " + a.ident() + where
            + " has " + list.size() + " elements; expected 2 to 8");
      }
    } else if (list.size() != a.tupleTypes().size()) {
      throw new TxException(TxErrorCode.WRONG_TYPE, "tuple " + describe(v) + " of " + a.ident() + where
          + " has " + list.size() + " elements; expected " + a.tupleTypes().size());
    }
    List<Object> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      ValueType type = a.tupleType() != null ? a.tupleType() : a.tupleTypes().get(i);
      out.add(element == null ? null : coerce(type, element, schema, "element " + i + " of " + a.ident(), where));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The value of a composite tuple in a lookup ref such as {@code [:reg/course+student [c s]]}:
   * one element per attribute of {@code :db/tupleAttrs}, each checked against that attribute's
   * type (nil allowed, as in a stored composite). Composites are never asserted, only looked up.
   */
  static List<Object> compositeLookupValue(Attribute a, Object v, Schema schema, String where) {
    if (!(v instanceof List<?> list) || list.size() != a.tupleAttrs().size()) {
      throw new TxException(TxErrorCode.WRONG_TYPE, "lookup value " + describe(v) + " of composite tuple "
          + a.ident() + where + " must be a vector of " + a.tupleAttrs().size() + " values, one for each of "
          + names(a.tupleAttrs(), schema));
    }
    List<Object> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      Attribute component = schema.attribute(a.tupleAttrs().get(i));
      out.add(element == null ? null
          : coerce(component.valueType(), element, schema,
              "element " + i + " (" + component.ident() + ") of " + a.ident(), where));
    }
    return Collections.unmodifiableList(out);
  }

  private static String names(List<Long> ids, Schema schema) {
    List<String> names = new ArrayList<>();
    for (long id : ids) {
      names.add(schema.name(id));
    }
    return String.join(", ", names);
  }

  /** A value as EDN with its kind, for messages: {@code "x" (string)}, {@code [1 2] (vector)}. */
  static String describe(Object v) {
    if (v == null) {
      return "nil";
    }
    String text;
    try {
      text = Edn.write(v);
    } catch (RuntimeException e) {
      text = String.valueOf(v);
    }
    if (text.length() > 200) {
      text = text.substring(0, 200) + "…";
    }
    return text + " (" + kind(v) + ")";
  }

  private static String kind(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return "long";
    } else if (v instanceof Map) {
      return "map";
    } else if (v instanceof Set) {
      return "set";
    } else if (v instanceof List) {
      return "vector";
    } else if (v instanceof EdnList) {
      return "list";
    } else if (v instanceof Symbol) {
      return "symbol";
    } else if (v instanceof Character) {
      return "character";
    }
    try {
      return ValueType.of(v).ident().name();
    } catch (IllegalArgumentException e) {
      return v.getClass().getSimpleName();
    }
  }

  private static String expected(ValueType type) {
    return switch (type) {
      case STRING -> "a string such as \"text\"";
      case LONG -> "an integer such as 42";
      case BOOLEAN -> "true or false";
      case DOUBLE -> "a floating-point number such as 1.5";
      case FLOAT -> "a floating-point number that a float represents exactly";
      case BIGINT -> "an integer such as 42N";
      case BIGDEC -> "a decimal such as 1.50M";
      case INSTANT -> "an instant such as #inst \"2024-01-01T00:00:00Z\"";
      case UUID -> "a uuid such as #uuid \"…\"";
      case KEYWORD -> "a keyword such as :status/active";
      case URI -> "a uri such as #uri \"https://example.com\"";
      case BYTES -> "bytes such as #bytes \"AQID\"";
      case REF -> "an entity id or an ident keyword";
      case TUPLE -> "a vector";
    };
  }

  /** The ident of a built-in value type entity, for messages. */
  static String typeName(long typeId) {
    ValueType t = Bootstrap.typeOf(typeId);
    return t == null ? Long.toString(typeId) : t.ident().toString();
  }
}

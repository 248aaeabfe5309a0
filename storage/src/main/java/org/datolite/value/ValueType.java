package org.datolite.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The value types of Datomic's {@code :db/valueType}, each with the Java class that carries it
 * and the one-byte tag that leads its binary encoding.
 *
 * <p>Values of different types order by tag, so the tag numbers are part of the storage format
 * and never change. A ref is an entity id: it is carried as a {@link Long} and shares the long
 * tag, because an attribute's schema (not the value) says whether a number names an entity.
 * Tag 0 is reserved for a missing element inside a tuple.
 */
public enum ValueType {
  BOOLEAN(1, "boolean", Boolean.class),
  LONG(2, "long", Long.class),
  REF(2, "ref", Long.class),
  BIGINT(3, "bigint", BigInteger.class),
  FLOAT(4, "float", Float.class),
  DOUBLE(5, "double", Double.class),
  BIGDEC(6, "bigdec", BigDecimal.class),
  INSTANT(7, "instant", Instant.class),
  UUID(8, "uuid", UUID.class),
  STRING(9, "string", String.class),
  KEYWORD(10, "keyword", Keyword.class),
  URI(11, "uri", URI.class),
  BYTES(12, "bytes", byte[].class),
  TUPLE(13, "tuple", List.class);

  /** Tag of a nil element inside a tuple; never a top-level value. */
  public static final int NULL_TAG = 0;

  /** One more than the largest tag. */
  public static final int TAG_LIMIT = 14;

  private static final ValueType[] BY_TAG = new ValueType[TAG_LIMIT];

  static {
    for (ValueType t : values()) {
      if (t != REF) {
        BY_TAG[t.tag] = t;
      }
    }
  }

  private final int tag;
  private final Keyword ident;
  private final Class<?> javaClass;

  ValueType(int tag, String name, Class<?> javaClass) {
    this.tag = tag;
    this.ident = Keyword.of("db.type", name);
    this.javaClass = javaClass;
  }

  /** The tag that leads this type's encoding and fixes its place in the order of types. */
  public int tag() {
    return tag;
  }

  /** Datomic's ident for the type, e.g. {@code :db.type/string}. */
  public Keyword ident() {
    return ident;
  }

  /** The Java class that carries values of this type ({@link List} for tuples). */
  public Class<?> javaClass() {
    return javaClass;
  }

  /** The type a tag encodes ({@link #LONG} for tag 2), or {@code null} for an unknown tag. */
  public static ValueType ofTag(int tag) {
    return tag >= 0 && tag < TAG_LIMIT ? BY_TAG[tag] : null;
  }

  /** The type of a value by ident, e.g. {@code :db.type/long}, or {@code null} if unknown. */
  public static ValueType ofIdent(Keyword ident) {
    for (ValueType t : values()) {
      if (t.ident.equals(ident)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The type that carries a Java value ({@link #LONG} for every {@link Long}).
   *
   * @throws IllegalArgumentException naming the class if it carries no Datolite value
   */
  public static ValueType of(Object value) {
    if (value instanceof Long) {
      return LONG;
    } else if (value instanceof String) {
      return STRING;
    } else if (value instanceof Keyword) {
      return KEYWORD;
    } else if (value instanceof Boolean) {
      return BOOLEAN;
    } else if (value instanceof Double) {
      return DOUBLE;
    } else if (value instanceof Instant) {
      return INSTANT;
    } else if (value instanceof UUID) {
      return UUID;
    } else if (value instanceof BigDecimal) {
      return BIGDEC;
    } else if (value instanceof BigInteger) {
      return BIGINT;
    } else if (value instanceof Float) {
      return FLOAT;
    } else if (value instanceof byte[]) {
      return BYTES;
    } else if (value instanceof URI) {
      return URI;
    } else if (value instanceof List) {
      return TUPLE;
    }
    throw new IllegalArgumentException(
        (value == null ? "null" : "a " + value.getClass().getName())
            + " is not a Datolite value; expected one of String, Long, Double, Float, Boolean,"
            + " Instant, UUID, Keyword, BigInteger, BigDecimal, byte[], URI or a List (tuple)");
  }
}

package org.datolite.schema;

import java.util.Locale;
import org.datolite.value.ValueType;

/**
 * The SQL types a column can be declared with ({@code :db.sql/type}, by its name), and the value
 * type that holds each. Metadata reports a column as declared; its values are stored in the
 * value type, and SQL writes keep them within the declared range, length and scale.
 */
public enum DeclaredType {
  SMALLINT(ValueType.LONG),
  INTEGER(ValueType.LONG),
  BIGINT(ValueType.LONG),
  DECIMAL(ValueType.BIGDEC),
  REAL(ValueType.FLOAT),
  DOUBLE(ValueType.DOUBLE),
  BOOLEAN(ValueType.BOOLEAN),
  CHAR(ValueType.STRING),
  VARCHAR(ValueType.STRING),
  DATE(ValueType.INSTANT),
  TIMESTAMP(ValueType.INSTANT),
  UUID(ValueType.UUID),
  VARBINARY(ValueType.BYTES);

  private final ValueType valueType;

  DeclaredType(ValueType valueType) {
    this.valueType = valueType;
  }

  /** The value type that holds values of this SQL type. */
  public ValueType valueType() {
    return valueType;
  }

  /** Whether the type takes a length or precision ({@code VARCHAR(50)}, {@code DECIMAL(10, 2)}). */
  public boolean takesPrecision() {
    return this == DECIMAL || this == CHAR || this == VARCHAR || this == VARBINARY || this == TIMESTAMP;
  }

  /** The type of a {@code :db.sql/type} value (a canonical name), or null when it names none. */
  public static DeclaredType named(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The type a DDL type name means, its aliases included ({@code INT}, {@code INT4}, {@code TEXT},
   * {@code CHARACTER VARYING}, {@code NUMERIC}, {@code DOUBLE PRECISION}, {@code BYTEA}…), or null.
   * {@code FLOAT} is {@code DOUBLE} (as in PostgreSQL); {@code FLOAT(p)} with p ≤ 24 is {@code REAL}.
   */
  public static DeclaredType parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    return switch (n) {
      case "SMALLINT", "INT2", "TINYINT" -> SMALLINT;
      case "INTEGER", "INT", "INT4", "MEDIUMINT" -> INTEGER;
      case "BIGINT", "INT8" -> BIGINT;
      case "DECIMAL", "NUMERIC", "DEC", "NUMBER" -> DECIMAL;
      case "REAL", "FLOAT4" -> REAL;
      case "DOUBLE", "DOUBLE PRECISION", "FLOAT8", "FLOAT" -> DOUBLE;
      case "BOOLEAN", "BOOL", "BIT" -> BOOLEAN;
      case "CHAR", "CHARACTER", "NCHAR", "BPCHAR" -> CHAR;
      case "VARCHAR", "CHARACTER VARYING", "CHAR VARYING", "NVARCHAR", "VARCHAR2", "NVARCHAR2", "TEXT", "CLOB",
          "NCLOB", "LONGTEXT", "MEDIUMTEXT", "TINYTEXT", "STRING", "LONGVARCHAR" -> VARCHAR;
      case "DATE" -> DATE;
      case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> TIMESTAMP;
      case "UUID" -> UUID;
      case "VARBINARY", "BINARY", "BINARY VARYING", "BYTEA", "BLOB", "LONGBLOB", "MEDIUMBLOB", "LONGVARBINARY" -> VARBINARY;
      default -> null;
    };
  }
}

package org.datolite.calcite.model;

import org.datolite.schema.Attribute;
import org.datolite.value.ValueType;

/**
 * A column of a SQL table.
 *
 * @param name its SQL name
 * @param kind what it reads
 * @param type the Datolite type of its values as SQL sees them (a ref is {@link ValueType#REF}: a
 *     BIGINT; an enum ref is {@link ValueType#KEYWORD}: its target's ident text)
 * @param attribute the attribute it reads ({@link ColumnKind#ATTRIBUTE}, {@link ColumnKind#VALUE}), else null
 * @param nullable whether it can read NULL
 * @param enumRef whether it reads a ref attribute as its target's ident ({@code :artist.type/person}),
 *     or the target's id as text when the target has no ident
 */
public record Column(String name, ColumnKind kind, ValueType type, Attribute attribute, boolean nullable,
    boolean enumRef) {

  /** A column that is no enum. */
  public Column(String name, ColumnKind kind, ValueType type, Attribute attribute, boolean nullable) {
    this(name, kind, type, attribute, nullable, false);
  }

  /** A key or system column, never NULL. */
  public static Column system(String name, ColumnKind kind, ValueType type) {
    return new Column(name, kind, type, null, false);
  }

  /** The column of a cardinality-one attribute: NULL when the entity lacks it. */
  public static Column attribute(String name, Attribute attribute) {
    return attribute(name, attribute, false);
  }

  /** The column of a cardinality-one attribute, an enum one ({@code asEnum}: ident text) or not. */
  public static Column attribute(String name, Attribute attribute, boolean asEnum) {
    return new Column(name, ColumnKind.ATTRIBUTE, asEnum ? ValueType.KEYWORD : attribute.valueType(), attribute,
        true, asEnum);
  }

  /** A child table's value column: one value of a cardinality-many attribute, an enum one or not. */
  public static Column value(String name, Attribute attribute, boolean asEnum) {
    return new Column(name, ColumnKind.VALUE, asEnum ? ValueType.KEYWORD : attribute.valueType(), attribute,
        false, asEnum);
  }
}

package org.datolite.calcite.model;

import org.datolite.schema.Attribute;
import org.datolite.value.ValueType;

/**
 * A column of a SQL table.
 *
 * @param name its SQL name
 * @param kind what it reads
 * @param type the Datolite type of its values (a ref is {@link ValueType#REF}: a BIGINT)
 * @param attribute the attribute it reads ({@link ColumnKind#ATTRIBUTE}, {@link ColumnKind#VALUE}), else null
 * @param nullable whether it can read NULL
 */
public record Column(String name, ColumnKind kind, ValueType type, Attribute attribute, boolean nullable) {

  /** A key or system column, never NULL. */
  public static Column system(String name, ColumnKind kind, ValueType type) {
    return new Column(name, kind, type, null, false);
  }

  /** The column of a cardinality-one attribute: NULL when the entity lacks it. */
  public static Column attribute(String name, Attribute attribute) {
    return new Column(name, ColumnKind.ATTRIBUTE, attribute.valueType(), attribute, true);
  }
}

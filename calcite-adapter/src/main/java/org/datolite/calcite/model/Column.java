package org.datolite.calcite.model;

import org.datolite.schema.Attribute;
import org.datolite.schema.DeclaredType;
import org.datolite.value.ValueType;

/**
 * A column of a SQL table.
 *
 * @param name its SQL name
 * @param kind what it reads
 * @param type the Datolite type of its values as SQL sees them (a ref is {@link ValueType#REF}: a
 *     BIGINT; an enum ref is {@link ValueType#KEYWORD}: its target's ident text; a keyed ref the
 *     type of its key)
 * @param attribute the attribute it reads ({@link ColumnKind#ATTRIBUTE}, {@link ColumnKind#VALUE}), else null
 * @param nullable whether it can read NULL
 * @param enumRef whether it reads a ref attribute as its target's ident ({@code :artist.type/person}),
 *     or the target's id as text when the target has no ident
 * @param key for a ref declared {@code REFERENCES t (k)} ({@code :db.sql/references}): the key
 *     attribute of the target whose value the column shows and is written with; else null
 * @param declared what {@code CREATE TABLE} declared of it, or null
 */
public record Column(String name, ColumnKind kind, ValueType type, Attribute attribute, boolean nullable,
    boolean enumRef, Attribute key, Declared declared) {

  /**
   * A column's declaration: its SQL type, length or precision, scale and default, as metadata
   * reports them.
   *
   * @param type the declared type
   * @param precision the declared length or precision, or null
   * @param scale the declared scale, or null
   * @param defaultValue the SQL literal an INSERT writes when it names no value, or null
   */
  public record Declared(DeclaredType type, Long precision, Long scale, String defaultValue) {}

  /** A column that is neither an enum nor keyed, and declared by no DDL. */
  public Column(String name, ColumnKind kind, ValueType type, Attribute attribute, boolean nullable) {
    this(name, kind, type, attribute, nullable, false, null, null);
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
        true, asEnum, null, null);
  }

  /** A child table's value column: one value of a cardinality-many attribute, an enum one or not. */
  public static Column value(String name, Attribute attribute, boolean asEnum) {
    return new Column(name, ColumnKind.VALUE, asEnum ? ValueType.KEYWORD : attribute.valueType(), attribute,
        false, asEnum, null, null);
  }

  /** The same column keyed by {@code key} (its values are the targets' values of it), declared as said. */
  public Column keyedAndDeclared(Attribute keyAttribute, Declared declaration, boolean notNull) {
    ValueType t = keyAttribute != null ? keyAttribute.valueType() : type;
    return new Column(name, kind, t, attribute, nullable && !notNull, enumRef && keyAttribute == null, keyAttribute,
        declaration);
  }

  /** Whether the column reads a ref as something of its target (an ident or a key value) rather than its id. */
  public boolean showsTarget() {
    return enumRef || key != null;
  }
}

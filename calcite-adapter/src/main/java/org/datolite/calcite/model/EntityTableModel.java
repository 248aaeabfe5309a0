package org.datolite.calcite.model;

import java.util.List;
import java.util.stream.Collectors;
import org.datolite.schema.Attribute;

/**
 * The entity table of an attribute namespace: a row per entity that has at least one member
 * attribute ({@code members}: the namespace's attributes, cardinality-many ones included, or its
 * membership attributes where {@code :db.sql/membership} names some), column {@code DB_ID} its id
 * and a column per cardinality-one attribute, NULL where the entity lacks it.
 *
 * @param namespace the attribute namespace, e.g. {@code person}
 * @param members every attribute whose presence makes an entity a row
 * @param attributes every attribute the table shows: its columns' and its child tables', in column order
 *     (the rows of its history table are their datoms)
 * @param membership whether {@code members} are membership attributes rather than the whole namespace
 * @param marked whether the table was created in SQL: its last member is a row marker ({@code
 *     :db.sql/marker}), asserted on every row an INSERT creates, so that a row of NULLs is a row
 * @param checks its CHECK constraints ({@code :db.sql/check} on its marker): boolean SQL expressions
 *     over its columns that SQL writes hold
 */
public record EntityTableModel(String name, String namespace, List<Column> columns, List<Attribute> members,
    List<Attribute> attributes, boolean membership, boolean marked, List<String> checks) implements TableModel {
  /** The name of column 0, the entity id, unless an identity column names it ({@code :db.sql/id-column}). */
  public static final String ID = "DB_ID";

  public EntityTableModel {
    columns = List.copyOf(columns);
    members = List.copyOf(members);
    attributes = List.copyOf(attributes);
    checks = List.copyOf(checks);
  }

  @Override
  public String schemaName() {
    return SqlModel.PUBLIC;
  }

  /** The name of column 0, the entity id: {@link #ID}, or an identity column a CREATE TABLE declared. */
  public String idColumn() {
    return columns.get(0).name();
  }

  /** The row marker of a table created in SQL, or null. */
  public Attribute marker() {
    return marked ? members.get(members.size() - 1) : null;
  }

  @Override
  public String remarks() {
    return membership ? "entities with " + members.stream().map(a -> a.ident().toString())
        .collect(Collectors.joining(" or ")) : "entities with a :" + namespace + "/* attribute";
  }
}

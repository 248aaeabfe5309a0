package org.datolite.calcite.model;

import java.util.List;
import org.datolite.schema.Attribute;

/**
 * The entity table of an attribute namespace: a row per entity that has at least one attribute
 * of the namespace ({@code members}, cardinality-many ones included), column {@code DB_ID} its id
 * and a column per cardinality-one attribute, NULL where the entity lacks it.
 *
 * @param namespace the attribute namespace, e.g. {@code person}
 * @param members every attribute whose presence makes an entity a row
 */
public record EntityTableModel(String name, String namespace, List<Column> columns, List<Attribute> members)
    implements TableModel {
  /** Column 0. */
  public static final String ID = "DB_ID";

  public EntityTableModel {
    columns = List.copyOf(columns);
    members = List.copyOf(members);
  }

  @Override
  public String schemaName() {
    return SqlModel.PUBLIC;
  }

  @Override
  public String remarks() {
    return "entities with a :" + namespace + "/* attribute";
  }
}

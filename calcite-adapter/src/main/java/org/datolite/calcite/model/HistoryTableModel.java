package org.datolite.calcite.model;

import java.util.List;

/**
 * The history table of an entity table, {@code HISTORY.PERSON} for {@code PERSON}: a row per
 * datom, assertion or retraction, of an attribute the entity table shows (its columns' and its
 * child tables'), of an entity that is (or was) a row of it. Columns {@code (DB_ID, ATTRIBUTE, V,
 * TX, ADDED)}: the entity, the attribute as its ident text, the value as text (EDN, or an enum's
 * ident), the transaction and whether the datom asserts; then one typed column per attribute, named
 * as in the entity table (a cardinality-many one as its child table's value column), holding the
 * datom's value in the row of that attribute and NULL in the others.
 *
 * @param table the entity table
 */
public record HistoryTableModel(EntityTableModel table, List<Column> columns) implements TableModel {

  public HistoryTableModel {
    columns = List.copyOf(columns);
  }

  @Override
  public String schemaName() {
    return SqlModel.HISTORY;
  }

  @Override
  public String name() {
    return table.name();
  }

  @Override
  public String remarks() {
    return "every assertion and retraction of the attributes of " + SqlModel.PUBLIC + "." + table.name();
  }
}

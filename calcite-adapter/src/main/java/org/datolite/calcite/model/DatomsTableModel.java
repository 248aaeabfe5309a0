package org.datolite.calcite.model;

import java.util.List;
import org.datolite.datom.Index;

/**
 * A raw index as a table, {@code DATOMS.EAVT} and the others: a row per datom in the index's
 * order, {@code (E, A, V, TX, ADDED)} with the attribute as its ident text and the value as EDN
 * text. In a history database every assertion and retraction is a row.
 */
public record DatomsTableModel(Index index, List<Column> columns) implements TableModel {

  public DatomsTableModel {
    columns = List.copyOf(columns);
  }

  @Override
  public String schemaName() {
    return SqlModel.DATOMS;
  }

  @Override
  public String name() {
    return index.name();
  }

  @Override
  public String remarks() {
    return "every datom in " + index + " order";
  }
}

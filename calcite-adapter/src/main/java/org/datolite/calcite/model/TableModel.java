package org.datolite.calcite.model;

import java.util.List;

/**
 * A SQL table over datoms: its name, its SQL schema and its columns. Each kind reads datoms its
 * own way (see the execution package).
 */
public sealed interface TableModel
    permits EntityTableModel, ChildTableModel, HistoryTableModel, DatomsTableModel, TransactionsTableModel {

  /** The SQL schema holding the table ({@code PUBLIC}, {@code HISTORY} or {@code DATOMS}). */
  String schemaName();

  /** The table's SQL name. */
  String name();

  /** The columns, in order. */
  List<Column> columns();

  /** A short description for {@code DatabaseMetaData.getTables}' REMARKS. */
  String remarks();

  /** The position of a column by its SQL name, or -1. */
  default int columnIndex(String column) {
    List<Column> cs = columns();
    for (int i = 0; i < cs.size(); i++) {
      if (cs.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }
}

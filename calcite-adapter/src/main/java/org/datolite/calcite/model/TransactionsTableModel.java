package org.datolite.calcite.model;

import java.util.List;

/** {@code DATOMS.TRANSACTIONS}: a row per transaction, {@code (T, TX, INSTANT)}, in order. */
public record TransactionsTableModel(List<Column> columns) implements TableModel {

  public TransactionsTableModel {
    columns = List.copyOf(columns);
  }

  @Override
  public String schemaName() {
    return SqlModel.DATOMS;
  }

  @Override
  public String name() {
    return "TRANSACTIONS";
  }

  @Override
  public String remarks() {
    return "every transaction: its basis t, id and :db/txInstant";
  }
}

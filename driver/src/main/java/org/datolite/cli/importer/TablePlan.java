package org.datolite.cli.importer;

import java.util.List;
import java.util.stream.Stream;

/**
 * One table of an import: its source, its columns as written, whether Datolite has it already,
 * and notes for the summary (fallbacks taken).
 */
public record TablePlan(SourceTable source, List<PlannedColumn> columns, boolean exists, List<String> notes) {

  public String targetName() {
    return source.targetName();
  }

  /** The key columns, in key order (empty for a table without a primary key). */
  public List<PlannedColumn> keyColumns() {
    return source.primaryKey().stream().map(this::column).toList();
  }

  /** The columns written with the row: the key first, then the others that are not deferred. */
  public List<PlannedColumn> rowColumns() {
    return Stream.concat(keyColumns().stream(),
        columns.stream().filter(c -> !isKey(c) && !c.deferred())).toList();
  }

  /** The columns written after every table's rows (see {@link PlannedColumn#deferred()}). */
  public List<PlannedColumn> deferredColumns() {
    return columns.stream().filter(PlannedColumn::deferred).toList();
  }

  public boolean isKey(PlannedColumn c) {
    return source.primaryKey().contains(c.source().name());
  }

  private PlannedColumn column(String name) {
    return columns.stream().filter(c -> c.source().name().equals(name)).findFirst().orElseThrow();
  }
}

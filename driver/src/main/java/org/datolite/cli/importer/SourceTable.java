package org.datolite.cli.importer;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A table of the source database: its columns in order, its primary key (empty when it has
 * none), its foreign keys, the columns a unique index of one column covers, and notes on what of
 * it was left out while reading it (a partial or expression index).
 */
public record SourceTable(String schema, String name, List<SourceColumn> columns, List<String> primaryKey,
    List<ForeignKey> foreignKeys, Set<String> uniqueColumns, List<String> notes) {

  /** The column of that name (as the source spells it), or null. */
  public SourceColumn column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElse(null);
  }

  /** The table's SQL name in Datolite (upper case; Datolite's names match ignoring case). */
  public String targetName() {
    return name.toUpperCase(Locale.ROOT);
  }

  public boolean hasPrimaryKey() {
    return !primaryKey.isEmpty();
  }
}

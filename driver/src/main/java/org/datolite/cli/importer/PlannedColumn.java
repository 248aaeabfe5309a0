package org.datolite.cli.importer;

import java.util.Locale;

/**
 * A source column as the import writes it: its Datolite type, and the reference it becomes, if
 * any.
 *
 * @param source the source column
 * @param type its Datolite type
 * @param reference the ref it becomes (a foreign key of one column), or null for a plain column
 * @param deferred whether its values are written after every table's rows (a self-reference, or
 *     a reference that closes a cycle of tables), so that each row it names exists by then
 * @param addedLater whether its reference is declared by {@code ALTER TABLE} after the tables
 *     are created (a reference that closes a cycle) instead of in {@code CREATE TABLE}
 */
public record PlannedColumn(SourceColumn source, ColumnType type, Reference reference, boolean deferred,
    boolean addedLater) {

  /** A Datolite reference: the column names the row of {@code table} whose {@code column} equals it. */
  public record Reference(String constraint, String table, String column) {}

  /** The column's SQL name in Datolite (upper case). */
  public String targetName() {
    return source.name().toUpperCase(Locale.ROOT);
  }
}

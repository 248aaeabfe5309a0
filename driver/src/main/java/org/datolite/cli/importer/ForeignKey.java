package org.datolite.cli.importer;

import java.util.List;

/**
 * A foreign key of a source table, from {@code DatabaseMetaData.getImportedKeys}.
 *
 * @param name the constraint's name, or null when the source gives none
 * @param columns the referencing columns, in key order
 * @param referencedSchema the referenced table's schema (null when the source has none)
 * @param referencedTable the referenced table's name
 * @param referencedColumns the referenced columns, in key order
 */
public record ForeignKey(String name, List<String> columns, String referencedSchema, String referencedTable,
    List<String> referencedColumns) {

  /** Whether the key has one column (only those can become Datolite refs). */
  public boolean single() {
    return columns.size() == 1;
  }
}

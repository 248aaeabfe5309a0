package org.datolite.cli.importer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops the copy of a table whose primary key has a timestamp when two source keys become one at
 * Datolite's millisecond precision ({@code 00:00:00.0001} and {@code 00:00:00.0002}): the second
 * row would overwrite the first. It holds the source text of each key read so far.
 */
final class KeyCollisions {
  private final TablePlan table;
  private final List<PlannedColumn> key;
  private final Map<List<Object>, List<String>> seen = new HashMap<>();

  private KeyCollisions(TablePlan table) {
    this.table = table;
    this.key = table.keyColumns();
  }

  /** A check for the table, or null when its key has no timestamp (nothing is truncated). */
  static KeyCollisions of(TablePlan table) {
    boolean timestamp = table.keyColumns().stream()
        .anyMatch(c -> c.type() == ColumnType.TIMESTAMP || c.type() == ColumnType.TIMESTAMP_TZ);
    return timestamp ? new KeyCollisions(table) : null;
  }

  /**
   * Records the key of the current source row (its key columns come first in {@code rs}).
   *
   * @throws ImportException when an earlier row had the same key at millisecond precision
   */
  void check(List<Object> k, ResultSet rs) throws SQLException {
    List<String> text = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      text.add(rs.getString(i + 1));
    }
    List<String> before = seen.putIfAbsent(List.copyOf(k), text);
    if (before == null) {
      return;
    }
    int i = 0;
    while (i < key.size() - 1 && before.get(i).equals(text.get(i))) {
      i++;
    }
    throw new ImportException("table " + table.targetName() + ": column " + key.get(i).targetName() + ": "
        + before.get(i) + " and " + text.get(i) + " are one value at Datolite's millisecond precision, so the"
        + " primary key no longer tells the rows apart");
  }
}

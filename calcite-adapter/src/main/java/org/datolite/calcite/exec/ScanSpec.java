package org.datolite.calcite.exec;

import java.util.Arrays;
import org.datolite.calcite.model.TableModel;

/**
 * Everything a scan's execution needs that the plan fixes: the table, the columns it reads (by
 * position in the table), how it finds rows, and whether the row is a scalar (Calcite's form of
 * a one-column row), the point in time of a {@code FOR SYSTEM_TIME AS OF} (null: the
 * statement's value), and a condition the scan applies to its rows itself (null: none). It holds
 * no database value, so one plan serves every snapshot.
 */
public record ScanSpec(TableModel table, int[] columns, Access access, boolean scalar, AsOf asOf, ScanFilter filter) {
  /** A scan that hands on every row it finds. */
  public ScanSpec(TableModel table, int[] columns, Access access, boolean scalar, AsOf asOf) {
    this(table, columns, access, scalar, asOf, null);
  }

  @Override
  public String toString() {
    return table.schemaName() + "." + table.name() + Arrays.toString(columns) + " " + access
        + (asOf == null ? "" : " " + asOf) + (filter == null ? "" : " filter " + filter);
  }
}

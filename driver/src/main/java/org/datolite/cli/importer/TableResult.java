package org.datolite.cli.importer;

/**
 * What the copy of one table did.
 *
 * @param table the table's name in Datolite
 * @param read the source rows read (or counted, for a table skipped whole)
 * @param inserted rows that were not in the target and were written
 * @param updated rows whose key the target had, with other values, that were brought up to date
 * @param unchanged rows the target had as they are
 * @param skipped rows not copied (a table without a primary key whose target table has rows)
 * @param nanos the time taken
 * @param note why rows were skipped, or null
 */
public record TableResult(String table, long read, long inserted, long updated, long unchanged, long skipped,
    long nanos, String note) {

  /** The same result, with {@code more} nanoseconds taken (by writing its deferred references). */
  public TableResult plus(long more) {
    return new TableResult(table, read, inserted, updated, unchanged, skipped, nanos + more, note);
  }
}

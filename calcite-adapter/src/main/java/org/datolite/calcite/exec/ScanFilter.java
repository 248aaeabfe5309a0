package org.datolite.calcite.exec;

import java.util.Arrays;
import org.apache.calcite.DataContext;

/**
 * A condition a scan applies to its own rows, so that a row it rejects is never handed on. A scan
 * that reads each row column by column (the rows found by a lookup) reads the columns the
 * condition needs first and skips the others of a row it rejects.
 *
 * @param reads the output positions the condition reads
 * @param test the condition: true keeps the row (false and NULL drop it)
 * @param text the condition as written in the plan, for messages and {@code toString}
 */
public record ScanFilter(int[] reads, Test test, String text) {
  /** The condition's evaluation over one row; {@code root} supplies the parameters. */
  @FunctionalInterface
  public interface Test {
    boolean accepts(Object[] row, DataContext root);
  }

  public ScanFilter {
    reads = reads.clone();
  }

  /** Whether the condition reads output position {@code p}. */
  boolean reads(int p) {
    for (int r : reads) {
      if (r == p) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text + " reading " + Arrays.toString(reads);
  }
}

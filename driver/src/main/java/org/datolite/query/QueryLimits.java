package org.datolite.query;

import java.time.Duration;

/**
 * Limits of one query run: how long it may take (null: no limit) and how many bindings it may
 * hold at once in any intermediate relation, so that a runaway query fails with a clear error
 * (SQLState 57014 for the timeout, 54000 for the rows) instead of taking the JVM down. A query
 * whose thread is interrupted stops with 57014 too.
 */
public record QueryLimits(Duration timeout, long maxRows) {
  /** No timeout, at most 10 million bindings per relation. */
  public static final QueryLimits DEFAULT = new QueryLimits(null, 10_000_000);

  public QueryLimits {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows " + maxRows + "; expected at least 1");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout " + timeout + "; expected a positive duration or null");
    }
  }
}

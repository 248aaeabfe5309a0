package org.datolite.query;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * When a running query must stop: past its timeout, or as soon as its thread is interrupted or
 * its caller's cancellation check answers true. Both fail with SQLState 57014; this class is the one place that raises them,
 * for the engine's periodic check and for work that runs long inside one step (regular
 * expressions, {@link DeadlineCharSequence}). The interrupt flag is left set, so the caller still
 * sees it. Nested queries share their outer query's deadline.
 */
final class Deadline {
  private final long start;
  /** The timeout in nanoseconds; {@link Long#MAX_VALUE}: none. */
  private final long nanos;
  private final Duration timeout;
  /** The caller's cancellation check, or null. */
  private final BooleanSupplier cancelled;

  private Deadline(Duration timeout, BooleanSupplier cancelled) {
    this.start = System.nanoTime();
    this.timeout = timeout;
    this.nanos = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
    this.cancelled = cancelled;
  }

  /** The deadline of a query starting now within these limits. */
  static Deadline startingNow(QueryLimits limits) {
    return new Deadline(limits.timeout(), limits.cancelled());
  }

  /** No timeout: only an interrupt stops the work. */
  static Deadline none() {
    return new Deadline(null, null);
  }

  /** Fails with 57014 if the thread was interrupted, the caller cancelled or the timeout has passed. */
  void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new DatoliteException(SqlState.QUERY_CANCELED, "the query was cancelled (its thread was interrupted)");
    }
    if (cancelled != null && cancelled.getAsBoolean()) {
      throw new DatoliteException(SqlState.QUERY_CANCELED, "the query was cancelled");
    }
    if (nanos != Long.MAX_VALUE && System.nanoTime() - start > nanos) {
      throw new DatoliteException(SqlState.QUERY_CANCELED, "the query ran longer than its timeout of " + timeout.toMillis() + " ms");
    }
  }
}

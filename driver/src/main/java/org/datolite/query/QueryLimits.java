package org.datolite.query;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Limits and options of one query run: how long it may take (null: no limit), how many bindings
 * it may hold at once in any intermediate relation, so that a runaway query fails with a clear
 * error (SQLState 57014 for the timeout, 54000 for the rows) instead of taking the JVM down, and
 * whether clauses run in the order written (as in Datomic) instead of the order the
 * {@link Planner} chooses, and which Java classes a query may call methods of (none by default). A query whose thread is interrupted stops with 57014 too, and one that
 * runs while the heap is nearly full after a collection stops with 53200 ({@link MemoryGuard}).
 * Nesting has fixed bounds, {@link #MAX_QUERY_NESTING} and {@link #MAX_CLAUSE_NESTING} (54001).
 */
public record QueryLimits(Duration timeout, long maxRows, boolean writtenOrder, Set<String> javaClasses,
    BooleanSupplier cancelled) {
  /**
   * How deep nested queries ({@code [(q …) ?r]} inside a nested query, and so on) may go: one
   * more fails with SQLState 54001. Deep enough for any real query, and low enough that the
   * nesting fits a default thread stack; a query that calls itself hits it at once.
   */
  public static final int MAX_QUERY_NESTING = 16;

  /**
   * How deep {@code not}, {@code or} and {@code and} (and their {@code -join} forms) may nest: in
   * a query or rule as written (one more fails with SQLState 54001 when it is parsed), and as
   * evaluated, where a rule body and a nested query's {@code :where} each count one level more than
   * the clause that calls them (54001 when it would run). The parser and the evaluator recurse a
   * few frames per level, so this keeps them, nested queries included, well inside a default
   * thread stack.
   */
  public static final int MAX_CLAUSE_NESTING = 64;

  /** No timeout, at most 10 million bindings per relation, cost-based order, no Java methods. */
  public static final QueryLimits DEFAULT = new QueryLimits(null, 10_000_000, false, Set.of(), null);

  public QueryLimits {
    javaClasses = Set.copyOf(javaClasses);
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows " + maxRows + "; expected at least 1");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout " + timeout + "; expected a positive duration or null");
    }
  }

  /** Cost-based order within a timeout and a row limit. */
  public QueryLimits(Duration timeout, long maxRows) {
    this(timeout, maxRows, false, Set.of(), null);
  }

  /** These limits, without a cancellation check. */
  public QueryLimits(Duration timeout, long maxRows, boolean writtenOrder, Set<String> javaClasses) {
    this(timeout, maxRows, writtenOrder, javaClasses, null);
  }

  /**
   * These limits with a cancellation check: the query looks at {@code cancelled} as often as at
   * its timeout and stops with 57014 once it answers true (how {@code Statement.cancel()} reaches
   * a {@code DATALOG} table function in SQL).
   */
  public QueryLimits withCancellation(BooleanSupplier isCancelled) {
    return new QueryLimits(timeout, maxRows, writtenOrder, javaClasses, isCancelled);
  }

  /** These limits with clauses run in the order written ({@code true}) or as planned. */
  public QueryLimits withWrittenOrder(boolean written) {
    return new QueryLimits(timeout, maxRows, written, javaClasses, cancelled);
  }

  /**
   * These limits allowing queries to call the public methods of the named classes (fully
   * qualified): static ones as {@code [(java.lang.Math/abs ?x) ?y]}, and instance ones as
   * {@code [(.toUpperCase ?s) ?u]} on values of those classes.
   */
  public QueryLimits withJavaClasses(Set<String> classes) {
    return new QueryLimits(timeout, maxRows, writtenOrder, classes, cancelled);
  }
}

package org.datolite.query;

import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * What one running query may spend, and what it has spent: the one object its parts consult on
 * their way. It gathers the limits a caller set ({@link QueryLimits}: the timeout through a
 * {@link Deadline}, the most bindings one relation may hold) with the guards every query has (the
 * {@link MemoryGuard} and the nesting bounds of {@link StackGuard}), and counts the work done.
 *
 * <h2>Design</h2>
 * The parts of the engine call {@link #check} whenever a relation they build grows by a row: it
 * compares the size with the row limit every time (54000), and only every
 * {@link #DEADLINE_EVERY} calls asks the clock and the thread's interrupt flag (57014), and every
 * {@link #MEMORY_EVERY} calls the memory guard (53200), so the check costs an increment and two
 * comparisons on the inner loops. The counters of seeks and datoms read are plain fields the
 * inner loops increment; they are the deterministic measure of a plan that tests compare
 * ({@link QueryEngine#measure}).
 *
 * <p>A nested query ({@code (q …)}) and the sub-program that magic sets evaluate get budgets of
 * their own, sharing the deadline and limits: one more level of query nesting for the first,
 * the same for the second; each starts at the body nesting level it is called from, and its
 * work is added to its caller's when it returns. A budget belongs to one thread.
 */
final class QueryBudget {
  /**
   * Row checks between two looks at the deadline and the interrupt flag (a power of two). No
   * benchmark set it: often enough that a query stops within a few milliseconds of its timeout,
   * rarely enough that {@link System#nanoTime()} stays out of the inner loops' profile.
   */
  static final int DEADLINE_EVERY = 256;
  /**
   * Row checks between two looks at the memory guard (a power of two, a multiple of
   * {@link #DEADLINE_EVERY}). No benchmark set it: the guard reads the memory pools' beans, which
   * costs microseconds; {@code MemoryLimitTest} checks that it still trips before the heap is gone.
   */
  static final int MEMORY_EVERY = 65_536;

  final QueryLimits limits;
  final Deadline deadline;
  private final long maxRows;
  /** How many nested queries ({@code (q …)}) this one runs inside: 0 at the top. */
  private final int depth;
  /**
   * The nesting level of the body being evaluated: the {@code :where} of the outermost query is 0,
   * a {@code not}, {@code or} or {@code and} body, a rule body or a nested query's {@code :where}
   * one more than the body it is called from ({@link StackGuard#checkBodyNesting}).
   */
  private int level;
  private int ticks;
  /** Work done, for tests and diagnostics: index seeks and datoms read. */
  long seeks;
  long datomsRead;

  private QueryBudget(QueryLimits limits, Deadline deadline, int depth, int level) {
    this.limits = limits;
    this.deadline = deadline;
    this.maxRows = limits.maxRows();
    this.depth = depth;
    this.level = level;
  }

  /** The budget of a query called by the application, starting now (its deadline runs from here). */
  static QueryBudget startingNow(QueryLimits limits) {
    return new QueryBudget(limits, Deadline.startingNow(limits), 0, -1);
  }

  /** The budget of a query nested in this one's current body: one level deeper, the same deadline. */
  QueryBudget forNestedQuery() {
    return new QueryBudget(limits, deadline, depth + 1, level);
  }

  /** The budget of a sub-program evaluated for this query (magic sets): the same depth and deadline. */
  QueryBudget forSubProgram() {
    return new QueryBudget(limits, deadline, depth, level);
  }

  /** How many nested queries this one runs inside. */
  int depth() {
    return depth;
  }

  /** Fails the query if it ran out of time, was cancelled, holds too many bindings, or the heap is full. */
  void check(int rows) {
    if (rows > maxRows) {
      throw new DatoliteException(SqlState.PROGRAM_LIMIT_EXCEEDED, "the query holds more than " + limits.maxRows() + " bindings in one"
          + " relation; narrow it (more selective clauses first, or bound inputs) or raise query-max-rows");
    }
    if ((++ticks & (DEADLINE_EVERY - 1)) == 0) {
      deadline.check();
      if ((ticks & (MEMORY_EVERY - 1)) == 0 && MemoryGuard.exhausted()) {
        throw new DatoliteException(SqlState.OUT_OF_MEMORY, "the query stopped because the heap is " + MemoryGuard.percentUsed()
            + "% full of live data; narrow the query (more selective clauses, bound inputs), lower query-max-rows"
            + " or give the JVM more memory");
      }
    }
  }

  /** A body one level deeper is evaluated now (54001 past {@link QueryLimits#MAX_CLAUSE_NESTING}); {@link #leaveBody} when done. */
  void enterBody() {
    StackGuard.checkBodyNesting(++level);
  }

  void leaveBody() {
    level--;
  }

  /** Adds the work of a nested query or sub-program to this budget's. */
  void addWork(QueryBudget sub) {
    seeks += sub.seeks;
    datomsRead += sub.datomsRead;
  }

  /**
   * The error for a query whose own allocation failed (a relation growing past the heap in one
   * step, before the guard's next look): its bindings are garbage once the error unwinds.
   */
  static DatoliteException outOfMemory(OutOfMemoryError e) {
    return new DatoliteException(SqlState.OUT_OF_MEMORY, "the query ran out of memory (" + e.getMessage() + "); narrow it (more"
        + " selective clauses, bound inputs), lower query-max-rows or give the JVM more memory", e);
  }
}

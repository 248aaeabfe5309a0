package org.datolite.query;

import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * Keeps a query from overflowing its thread's stack, and turns an overflow that happens anyway
 * into an error of the query (SQLState 54001) instead of a {@link StackOverflowError} for the
 * caller. The structural bounds come first: nested queries go at most
 * {@link QueryLimits#MAX_QUERY_NESTING} deep, {@code not}, {@code or} and {@code and} at most
 * {@link QueryLimits#MAX_CLAUSE_NESTING}, EDN (queries, rules, pull patterns) at most 512 levels,
 * pull recursion at most 100 and the collections of an input at most {@link Inputs#MAX_DEPTH},
 * and regular expressions catch their own overflow ({@link Regex}). What still overflows (a thread
 * with a small stack, nesting of several kinds at once) is caught at the query boundary (the
 * engine's, and the parser's for what it reads before), as the memory guard catches
 * {@link OutOfMemoryError}.
 */
final class StackGuard {
  private StackGuard() {}

  /** Fails with 54001 if a nested query would run {@code depth} levels down. */
  static void checkNesting(int depth) {
    if (depth > QueryLimits.MAX_QUERY_NESTING) {
      throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, "nested queries go deeper than " + QueryLimits.MAX_QUERY_NESTING
          + " levels ((q …) inside (q …) …); expected at most " + QueryLimits.MAX_QUERY_NESTING
          + " (QueryLimits.MAX_QUERY_NESTING): does a query call itself?");
    }
  }

  /**
   * Fails with 54001 if a body would be evaluated {@code level} levels deep: {@code not},
   * {@code or}, {@code and}, rule bodies and nested queries within one another, counted across
   * nested queries (the parser bounds each query's own nesting the same way). A level costs a few
   * KiB of stack, a nested query a few more: together within the bounds they stay well inside a
   * default thread stack.
   */
  static void checkBodyNesting(int level) {
    if (level > QueryLimits.MAX_CLAUSE_NESTING) {
      throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, "not, or, and, rule bodies and nested queries nest deeper than "
          + QueryLimits.MAX_CLAUSE_NESTING + " levels in all; expected at most " + QueryLimits.MAX_CLAUSE_NESTING
          + " (QueryLimits.MAX_CLAUSE_NESTING)");
    }
  }

  /** The error for a query that overflowed its thread's stack anyway. */
  static DatoliteException overflowed(StackOverflowError e) {
    return new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, "the query nests too deeply for its thread's stack (or, and, not, rules"
        + " and nested queries within one another); simplify its nesting or run it on a thread with a larger"
        + " stack", e);
  }
}

package org.datolite.query;

import org.datolite.DatoliteException;

/**
 * Keeps a query from overflowing its thread's stack, and turns an overflow that happens anyway
 * into an error of the query (SQLState 54001) instead of a {@link StackOverflowError} for the
 * caller. The structural bounds come first: nested queries go at most
 * {@link QueryLimits#MAX_QUERY_NESTING} deep, EDN (queries, rules, pull patterns) at most 512,
 * pull recursion at most 100 levels and the collections of an input at most
 * {@link Inputs#MAX_DEPTH}, and regular expressions catch their own overflow ({@link Regex}). What still overflows (a thread
 * with a small stack, nesting of several kinds at once) is caught at the query boundary, as the
 * memory guard catches {@link OutOfMemoryError}.
 */
final class StackGuard {
  private StackGuard() {}

  /** Fails with 54001 if a nested query would run {@code depth} levels down. */
  static void checkNesting(int depth) {
    if (depth > QueryLimits.MAX_QUERY_NESTING) {
      throw new DatoliteException("54001", "nested queries go deeper than " + QueryLimits.MAX_QUERY_NESTING
          + " levels ((q …) inside (q …) …); expected at most " + QueryLimits.MAX_QUERY_NESTING
          + " (QueryLimits.MAX_QUERY_NESTING): does a query call itself?");
    }
  }

  /** The error for a query that overflowed its thread's stack anyway. */
  static DatoliteException overflowed(StackOverflowError e) {
    return new DatoliteException("54001", "the query nests too deeply for its thread's stack (or, and, not, rules"
        + " and nested queries within one another); simplify its nesting or run it on a thread with a larger"
        + " stack", e);
  }
}

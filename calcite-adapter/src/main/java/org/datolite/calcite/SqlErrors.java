package org.datolite.calcite;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/** Calcite's exceptions as Datolite errors with the SQLState a client expects. */
public final class SqlErrors {
  private SqlErrors() {}

  /** An error while parsing, validating or planning {@code sql}. */
  public static DatoliteException prepare(Throwable e, String sql) {
    if (e instanceof DatoliteException d) {
      return d;
    }
    if (e instanceof SqlParseException p) {
      return new DatoliteException(SqlState.SYNTAX_ERROR, "syntax error: " + firstLine(p.getMessage()), p);
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ArithmeticException || c instanceof NumberFormatException) {
        return execute(c); // constant folding ran the expression while planning
      }
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof RelOptPlanner.CannotPlanException) {
        return new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "this statement's shape cannot be planned yet: "
            + firstLine(c.getMessage()) + " (statement: " + sql + ")", e);
      }
    }
    Throwable cause = e;
    while (cause != null && !(cause instanceof CalciteContextException) && !(cause instanceof SqlValidatorException)
        && cause.getCause() != cause) {
      if (cause instanceof DatoliteException d) {
        return d;
      }
      cause = cause.getCause();
    }
    String message = cause == null ? String.valueOf(e.getMessage()) : cause.getMessage();
    if (cause instanceof CalciteContextException c && c.getCause() != null) {
      message = c.getCause().getMessage() + positionOf(c);
    }
    return new DatoliteException(stateOf(message), message == null ? e.toString() : message, e);
  }

  private static String positionOf(CalciteContextException c) {
    return c.getPosLine() > 0 ? " (line " + c.getPosLine() + ", column " + c.getPosColumn() + ")" : "";
  }

  /** The SQLState of a validation message. */
  static SqlState stateOf(String message) {
    String m = message == null ? "" : message;
    if (m.startsWith("Object '") && m.contains("' not found") || m.startsWith("Table '") && m.contains("not found")) {
      return SqlState.UNDEFINED_TABLE;
    }
    if (m.startsWith("Column '") && m.contains("not found")) {
      return SqlState.UNDEFINED_COLUMN;
    }
    if (m.contains("No match found for function signature") || m.startsWith("Cannot apply")) {
      return SqlState.UNDEFINED_FUNCTION;
    }
    if (m.contains("ambiguous")) {
      return SqlState.INVALID_COLUMN_REFERENCE;
    }
    return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
  }

  /** An error while running a statement. */
  static DatoliteException execute(Throwable thrown) {
    Throwable e = thrown;
    for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof DatoliteException d) {
        return d;
      }
      if (c instanceof ArithmeticException || c instanceof NumberFormatException) {
        e = c; // also from a constant's initializer in generated code
      }
    }
    if (e instanceof ArithmeticException a) {
      boolean zero = a.getMessage() != null && a.getMessage().contains("zero");
      return new DatoliteException(zero ? SqlState.DIVISION_BY_ZERO : SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          (zero ? "division by zero" : "numeric value out of range") + " (" + a.getMessage() + ")", a);
    }
    if (e instanceof NumberFormatException n) {
      return new DatoliteException(SqlState.INVALID_TEXT_REPRESENTATION, "not a number: " + n.getMessage(), n);
    }
    if (e instanceof IllegalArgumentException || e instanceof ClassCastException) {
      return new DatoliteException(SqlState.DATA_EXCEPTION, String.valueOf(e.getMessage()), e);
    }
    return new DatoliteException(SqlState.INTERNAL_ERROR, "the statement failed: " + e, e);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

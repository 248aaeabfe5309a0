package org.datolite.calcite.write;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datolite.DatoliteException;
import org.datolite.calcite.model.Column;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * The {@code DEFAULT} of a column ({@code :db.sql/default}): a literal, kept as its SQL text and
 * read here into the internal value an INSERT writes when it names no value for the column. It
 * takes what legacy schemas write: {@code NULL}, {@code TRUE}/{@code FALSE}, numbers (signed),
 * {@code 'text'} (quotes doubled inside, a PostgreSQL cast {@code ::type} after it ignored),
 * {@code DATE '…'}, {@code TIMESTAMP '…'}, and the statement's time as {@code CURRENT_TIMESTAMP}
 * ({@code NOW()}, {@code LOCALTIMESTAMP}, {@code CURRENT_DATE}), each perhaps in parentheses.
 */
public final class ColumnDefaults {
  private ColumnDefaults() {}

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\s*(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern CAST = Pattern.compile("(?s)(.*?)\\s*::\\s*[A-Za-z][A-Za-z0-9_ ()]*$");
  private static final Pattern TYPED = Pattern.compile("(?is)(DATE|TIMESTAMP)\\s+('.*')");

  /**
   * The internal value of a default's text at an INSERT at {@code now}: a {@code String}, a
   * {@code BigDecimal}, a {@code Boolean}, a {@code Long} of epoch milliseconds (a timestamp),
   * an {@code Integer} of epoch days (a date), or null.
   *
   * @throws DatoliteException {@code 0A000} for a default that is no literal this takes
   */
  public static Object value(String text, long now) {
    String t = text.trim();
    while (t.startsWith("(") && t.endsWith(")") && t.length() > 1) {
      t = t.substring(1, t.length() - 1).trim();
    }
    Matcher cast = CAST.matcher(t);
    if (cast.matches() && !cast.group(1).isEmpty()) {
      t = cast.group(1).trim();
    }
    String upper = t.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    switch (upper) {
      case "NULL":
        return null;
      case "TRUE":
        return Boolean.TRUE;
      case "FALSE":
        return Boolean.FALSE;
      case "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP()", "NOW()", "LOCALTIMESTAMP", "LOCALTIMESTAMP()",
          "CURRENT_TIMESTAMP(3)", "CURRENT_TIMESTAMP(6)", "SYSDATE", "GETDATE()":
        return now;
      case "CURRENT_DATE", "CURRENT_DATE()":
        return (int) Math.floorDiv(now, 86_400_000L);
      default:
        break;
    }
    if (NUMBER.matcher(t).matches()) {
      return new BigDecimal(t.replaceAll("\\s+", ""));
    }
    if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
      return text(t, text);
    }
    Matcher typed = TYPED.matcher(t);
    if (typed.matches()) {
      String value = text(typed.group(2), text);
      try {
        if (typed.group(1).equalsIgnoreCase("DATE")) {
          return (int) LocalDate.parse(value.trim()).toEpochDay();
        }
        return LocalDateTime.parse(value.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new DatoliteException(SqlState.INVALID_DATETIME_FORMAT, "DEFAULT " + text + ": " + e.getMessage());
      }
    }
    throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "DEFAULT " + text + " is not supported; a default"
        + " is a literal (a number, 'text', TRUE, FALSE, NULL, DATE '…', TIMESTAMP '…') or CURRENT_TIMESTAMP"
        + " (NOW(), CURRENT_DATE); sequences and other functions are not");
  }

  /**
   * A default's value as the column stores it, converted and checked as an INSERT writes it.
   *
   * @throws DatoliteException {@code 22xxx} when the column cannot hold it
   */
  public static Object stored(Column column, Object value, Schema schema, Db db) {
    return WriteValues.toStored(column, schema, db, value);
  }

  /** The text of a quoted literal, quotes doubled inside it read as one. */
  private static String text(String quoted, String whole) {
    String inner = quoted.substring(1, quoted.length() - 1);
    if (inner.replace("''", "").contains("'")) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "DEFAULT " + whole + " is not one quoted literal");
    }
    return inner.replace("''", "'");
  }
}

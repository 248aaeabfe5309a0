package org.datolite.edn;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Parses the text of {@code #inst}: RFC 3339 timestamps as Clojure's and Datomic's readers accept
 * them, plus the expanded years that {@link Instant#toString()} prints.
 *
 * <pre>
 *   year ( '-' month ( '-' day ( 'T' hour ( ':' minute ( ':' second ( '.' fraction )? )? )? )? )? )?
 *   ( 'Z' | ('+' | '-') hh ':' mm )?
 * </pre>
 *
 * A year is four digits, or a sign and 4 to 10 digits ({@code +10000}, {@code -0001}); every
 * other field is two digits. Missing fields are the start of their period and a missing offset is
 * UTC, so {@code "1985"} is {@code 1985-01-01T00:00:00Z}. A fraction longer than nine digits is
 * truncated to nanoseconds, as Clojure does. There is no leap second: second 60 is rejected,
 * because {@link Instant} has none. Linear time, no regular expressions.
 *
 * <p>{@link #format} prints what {@link Instant#toString()} prints, without its formatter for the
 * years 0000 to 9999 (a bulk load prints many instants).
 */
final class InstantText {
  private final String text;
  private int pos;

  private InstantText(String text) {
    this.text = text;
  }

  /**
   * The instant {@code text} denotes.
   *
   * @throws IllegalArgumentException saying which field is wrong and what was expected
   */
  static Instant parse(String text) {
    return new InstantText(text).parse();
  }

  private Instant parse() {
    long year = year();
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nano = 0;
    if (accept('-')) {
      month = field("month", 1, 12);
      if (accept('-')) {
        day = field("day", 1, lengthOfMonth(year, month));
        if (accept('T')) {
          hour = field("hour", 0, 23);
          if (accept(':')) {
            minute = field("minute", 0, 59);
            if (accept(':')) {
              second = field("second", 0, 59);
              if (accept('.')) {
                nano = fraction();
              }
            }
          }
        }
      }
    }
    int offsetSeconds = offset();
    if (pos < text.length()) {
      throw fail("unexpected '" + text.charAt(pos) + "' at index " + pos
          + "; expected the next field, an offset (Z, +hh:mm, -hh:mm) or the end");
    }
    long seconds = Math.addExact(Math.multiplyExact(daysSinceEpoch(year, month, day), 86_400L),
        hour * 3600L + minute * 60L + second - offsetSeconds);
    try {
      return Instant.ofEpochSecond(seconds, nano);
    } catch (DateTimeException e) {
      throw fail("it is outside the range of java.time.Instant (years -1000000000 to 1000000000)");
    }
  }

  private long year() {
    boolean signed = pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-');
    boolean negative = signed && text.charAt(pos) == '-';
    int start = signed ? pos + 1 : pos;
    int end = start;
    while (end < text.length() && end - start <= 10 && isDigit(text.charAt(end))) {
      end++;
    }
    int digits = end - start;
    if (signed ? digits < 4 || digits > 10 : digits != 4) {
      throw fail("expected a year of four digits, or a sign and 4 to 10 digits, at index 0");
    }
    pos = end;
    long year = Long.parseLong(text, start, end, 10);
    return negative ? -year : year;
  }

  private int field(String name, int min, int max) {
    if (pos + 2 > text.length() || !isDigit(text.charAt(pos)) || !isDigit(text.charAt(pos + 1))) {
      throw fail("expected two digits for the " + name + " at index " + pos);
    }
    int value = (text.charAt(pos) - '0') * 10 + (text.charAt(pos + 1) - '0');
    if (value < min || value > max) {
      String why = name.equals("second") && value == 60 ? " (Instant has no leap second)" : "";
      throw fail(name + " " + text.substring(pos, pos + 2) + " is out of range" + why
          + "; expected " + two(min) + ".." + two(max));
    }
    pos += 2;
    return value;
  }

  private int fraction() {
    int start = pos;
    int nano = 0;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      if (pos - start < 9) {
        nano = nano * 10 + (text.charAt(pos) - '0');
      }
      pos++;
    }
    int digits = pos - start;
    if (digits == 0) {
      throw fail("expected digits after '.' at index " + start);
    }
    for (int i = digits; i < 9; i++) {
      nano *= 10;
    }
    return nano;
  }

  private int offset() {
    if (accept('Z')) {
      return 0;
    }
    if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
      int sign = text.charAt(pos) == '-' ? -1 : 1;
      pos++;
      int hours = field("offset hour", 0, 23);
      if (!accept(':')) {
        throw fail("expected ':' between the offset's hours and minutes at index " + pos);
      }
      int minutes = field("offset minute", 0, 59);
      return sign * (hours * 3600 + minutes * 60);
    }
    return 0;
  }

  private boolean accept(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static int lengthOfMonth(long year, int month) {
    switch (month) {
      case 2:
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return leap ? 29 : 28;
      case 4: case 6: case 9: case 11:
        return 30;
      default:
        return 31;
    }
  }

  /**
   * {@code instant.toString()}: {@code yyyy-MM-ddTHH:mm:ss}, a fraction of 3, 6 or 9 digits when
   * there is one, and {@code Z}; written directly for the years 0000 to 9999.
   */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    // civil from days (H. Hinnant)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return instant.toString();
    }
    char[] out = new char[30];
    int n = digits(out, 0, year, 4);
    out[n++] = '-';
    n = digits(out, n, month, 2);
    out[n++] = '-';
    n = digits(out, n, day, 2);
    out[n++] = 'T';
    n = digits(out, n, secondOfDay / 3600, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay / 60 % 60, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay % 60, 2);
    int nano = instant.getNano();
    if (nano > 0) {
      out[n++] = '.';
      if (nano % 1_000_000 == 0) {
        n = digits(out, n, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        n = digits(out, n, nano / 1000, 6);
      } else {
        n = digits(out, n, nano, 9);
      }
    }
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  /** Writes {@code v} as exactly {@code width} decimal digits at {@code at}; the position after them. */
  private static int digits(char[] out, int at, long v, int width) {
    long rest = v;
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    return at + width;
  }

  /** Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "days_from_civil"). */
  static long daysSinceEpoch(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static IllegalArgumentException fail(String reason) {
    return new IllegalArgumentException(reason);
  }
}

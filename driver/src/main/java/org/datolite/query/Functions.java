package org.datolite.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.datolite.DatoliteException;
import org.datolite.edn.Edn;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;
import org.datolite.value.Keyword;
import org.datolite.value.Values;

/**
 * The built-in functions and predicates of queries (Datomic's {@code clojure.core} subset):
 * comparison, arithmetic, strings, keywords ({@code name}, {@code namespace}, {@code keyword}),
 * regular expressions, tuples and {@code identity}. Those that
 * read a database ({@code missing?}, {@code get-else}, {@code get-some}) live in the engine.
 */
final class Functions {
  interface Fn {
    Object apply(Object[] args);

    /**
     * As {@link #apply(Object[])} within a query's deadline: a function that can run long inside
     * one call (a regular expression, {@link Regex}) checks it.
     */
    default Object apply(Object[] args, Deadline deadline) {
      return apply(args);
    }
  }

  private static final Map<String, Fn> BUILT_INS = Map.ofEntries(
      Map.entry("=", a -> allPairs(a, (x, y) -> Values.equals(x, y))),
      Map.entry("==", a -> allPairs(a, (x, y) -> compareNumbers(x, y) == 0)),
      Map.entry("not=", a -> !(Boolean) allPairs(a, (x, y) -> Values.equals(x, y))),
      Map.entry("!=", a -> !(Boolean) allPairs(a, (x, y) -> Values.equals(x, y))),
      Map.entry("<", a -> allPairs(a, (x, y) -> compare(x, y) < 0)),
      Map.entry(">", a -> allPairs(a, (x, y) -> compare(x, y) > 0)),
      Map.entry("<=", a -> allPairs(a, (x, y) -> compare(x, y) <= 0)),
      Map.entry(">=", a -> allPairs(a, (x, y) -> compare(x, y) >= 0)),
      Map.entry("+", a -> arithmetic(a, "+")),
      Map.entry("-", a -> arithmetic(a, "-")),
      Map.entry("*", a -> arithmetic(a, "*")),
      Map.entry("/", a -> arithmetic(a, "/")),
      Map.entry("quot", a -> toLong(a[0], "quot") / nonZero(toLong(a[1], "quot"))),
      Map.entry("rem", a -> toLong(a[0], "rem") % nonZero(toLong(a[1], "rem"))),
      Map.entry("mod", a -> Math.floorMod(toLong(a[0], "mod"), nonZero(toLong(a[1], "mod")))),
      Map.entry("inc", a -> toLong(a[0], "inc") + 1),
      Map.entry("dec", a -> toLong(a[0], "dec") - 1),
      Map.entry("max", a -> extreme(a, 1)),
      Map.entry("min", a -> extreme(a, -1)),
      Map.entry("zero?", a -> compareNumbers(a[0], 0L) == 0),
      Map.entry("pos?", a -> compareNumbers(a[0], 0L) > 0),
      Map.entry("neg?", a -> compareNumbers(a[0], 0L) < 0),
      Map.entry("even?", a -> toLong(a[0], "even?") % 2 == 0),
      Map.entry("odd?", a -> toLong(a[0], "odd?") % 2 != 0),
      Map.entry("str", a -> {
        StringBuilder sb = new StringBuilder();
        for (Object o : a) {
          sb.append(o == null ? "" : o instanceof String s ? s : Edn.describe(o));
        }
        return sb.toString();
      }),
      Map.entry("subs", a -> {
        String s = string(a[0], "subs");
        long from = toLong(a[1], "subs");
        long to = a.length > 2 ? toLong(a[2], "subs") : s.length();
        if (from < 0 || to > s.length() || from > to) {
          throw new DatoliteException(SqlState.SUBSTRING_ERROR, "subs of a " + s.length() + "-character string from " + from
              + " to " + to + " is out of range");
        }
        return s.substring((int) from, (int) to);
      }),
      Map.entry("count", a -> a[0] instanceof String s ? (long) s.length()
          : a[0] instanceof List<?> l ? (long) l.size() : fail("count", a[0], "a string or a tuple")),
      Map.entry("upper-case", a -> string(a[0], "upper-case").toUpperCase()),
      Map.entry("lower-case", a -> string(a[0], "lower-case").toLowerCase()),
      Map.entry("starts-with?", a -> string(a[0], "starts-with?").startsWith(string(a[1], "starts-with?"))),
      Map.entry("ends-with?", a -> string(a[0], "ends-with?").endsWith(string(a[1], "ends-with?"))),
      Map.entry("includes?", a -> string(a[0], "includes?").contains(string(a[1], "includes?"))),
      Map.entry("re-pattern", Regex.PATTERN),
      Map.entry("re-find", Regex.FIND),
      Map.entry("re-matches", Regex.MATCHES),
      Map.entry("name", a -> a[0] instanceof Keyword k ? k.name() : a[0] instanceof Symbol y ? y.name()
          : a[0] instanceof String t ? t : fail("name", a[0], "a keyword, a symbol or a string")),
      Map.entry("namespace", a -> a[0] instanceof Keyword k ? k.namespace() : a[0] instanceof Symbol y ? y.namespace()
          : fail("namespace", a[0], "a keyword or a symbol")),
      Map.entry("keyword", Functions::keyword),
      Map.entry("identity", a -> a[0]),
      Map.entry("ground", a -> a[0]),
      Map.entry("tuple", a -> List.of(a)),
      Map.entry("untuple", a -> a[0] instanceof List<?> l ? l : fail("untuple", a[0], "a tuple")),
      Map.entry("vector", a -> List.of(a)),
      Map.entry("nil?", a -> a[0] == null),
      Map.entry("some?", a -> a[0] != null),
      Map.entry("true?", a -> Boolean.TRUE.equals(a[0])),
      Map.entry("false?", a -> Boolean.FALSE.equals(a[0])),
      Map.entry("not", a -> a[0] == null || Boolean.FALSE.equals(a[0])));

  /**
   * How many arguments each function takes, {min, max} (max -1: any number), checked when the
   * query is parsed; the database, log and nested-query functions of the engine included.
   */
  private static final Map<String, int[]> ARITY = Stream.of(
      arity(1, -1, "=", "==", "not=", "!=", "<", ">", "<=", ">=", "-", "/", "max", "min"),
      arity(0, -1, "+", "*", "str", "tuple", "vector"),
      arity(2, 2, "quot", "rem", "mod", "starts-with?", "ends-with?", "includes?", "re-find", "re-matches",
          "tx-data"),
      arity(2, 3, "subs"),
      arity(1, 2, "keyword"),
      arity(1, 1, "inc", "dec", "zero?", "pos?", "neg?", "even?", "odd?", "count", "upper-case", "lower-case",
          "re-pattern", "name", "namespace", "identity", "ground", "untuple", "nil?", "some?", "true?", "false?", "not"),
      arity(3, 3, "missing?", "tx-ids"),
      arity(4, 4, "get-else"),
      arity(3, -1, "get-some"),
      arity(1, -1, "q"))
      .flatMap(List::stream).collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
          Map.Entry::getValue));

  private Functions() {}

  /**
   * Clojure's {@code keyword}: {@code (keyword "a/b")} and {@code (keyword "a" "b")} are
   * {@code :a/b}, a keyword is itself, nil is nil; text that makes no keyword fails with 22023.
   */
  private static Object keyword(Object[] a) {
    if (a.length == 1 && (a[0] == null || a[0] instanceof Keyword)) {
      return a[0];
    }
    String ns = a.length == 2 ? (a[0] == null ? null : string(a[0], "keyword")) : null;
    String text = string(a[a.length - 1], "keyword");
    try {
      return a.length == 2 ? Keyword.of(ns, text) : Keyword.of(text.startsWith(":") ? text.substring(1) : text);
    } catch (IllegalArgumentException e) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "keyword: " + e.getMessage());
    }
  }

  private static List<Map.Entry<String, int[]>> arity(int min, int max, String... names) {
    return Arrays.stream(names).map(n -> Map.entry(n, new int[] {min, max})).toList();
  }

  /** Fails with 42601 if a call of a known function gives it the wrong number of arguments. */
  static void checkArity(String name, int given, String where) {
    int[] a = ARITY.get(name);
    if (a == null || given >= a[0] && (a[1] < 0 || given <= a[1])) {
      return;
    }
    String takes = a[1] < 0 ? "at least " + a[0] : a[0] == a[1] ? String.valueOf(a[0])
        : a[1] == a[0] + 1 ? a[0] + " or " + a[1] : a[0] + " to " + a[1];
    throw new DatoliteException(SqlState.SYNTAX_ERROR, where + ": (" + name + " …) takes " + takes + " argument"
        + (a[0] == 1 && a[1] == 1 ? "" : "s") + "; got " + given);
  }

  static Fn get(String name) {
    return BUILT_INS.get(name);
  }

  /** Datomic's truth: everything but nil and false. */
  static boolean truthy(Object o) {
    return o != null && !Boolean.FALSE.equals(o);
  }

  private interface Pair {
    boolean test(Object x, Object y);
  }

  private static Object allPairs(Object[] a, Pair p) {
    for (int i = 1; i < a.length; i++) {
      if (!p.test(a[i - 1], a[i])) {
        return false;
      }
    }
    return true;
  }

  /** Numbers by value across types; everything else by the value order, within one type. */
  static int compare(Object x, Object y) {
    if (x instanceof Number && y instanceof Number) {
      return compareNumbers(x, y);
    }
    if (x == null || y == null || (x.getClass() != y.getClass() && !(x instanceof List && y instanceof List))) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "cannot compare " + describe(x) + " with " + describe(y));
    }
    try {
      return Values.compare(x, y);
    } catch (IllegalArgumentException e) {
      // a value without an order (a character, map, set, symbol, pattern, or a tuple holding one)
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "cannot compare " + describe(x) + " with " + describe(y) + ": "
          + e.getMessage(), e);
    }
  }

  static int compareNumbers(Object x, Object y) {
    if (!(x instanceof Number) || !(y instanceof Number)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "cannot compare " + describe(x) + " with " + describe(y)
          + " as numbers");
    }
    if (x instanceof Long a && y instanceof Long b) {
      return Long.compare(a, b);
    }
    if (x instanceof Double a && y instanceof Double b && !a.isNaN() && !b.isNaN()) {
      return Double.compare(a, b);
    }
    return decimal(x).compareTo(decimal(y));
  }

  private static BigDecimal decimal(Object n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(((Number) n).doubleValue());
    }
    return BigDecimal.valueOf(((Number) n).longValue());
  }

  private static Object arithmetic(Object[] a, String op) {
    if (a.length == 0) {
      return op.equals("*") ? 1L : op.equals("+") ? 0L : fail(op, null, "at least one number");
    }
    Object acc = number(a[0], op);
    if (a.length == 1) {
      return switch (op) {
        case "-" -> combine(0L, acc, "-");
        case "/" -> combine(1L, acc, "/");
        default -> acc;
      };
    }
    for (int i = 1; i < a.length; i++) {
      acc = combine(acc, number(a[i], op), op);
    }
    return acc;
  }

  private static Object combine(Object x, Object y, String op) {
    if (x instanceof Long l && y instanceof Long r && !op.equals("/")) {
      try {
        return switch (op) {
          case "+" -> Math.addExact(l, r);
          case "-" -> Math.subtractExact(l, r);
          default -> Math.multiplyExact(l, r);
        };
      } catch (ArithmeticException e) {
        throw new DatoliteException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer overflow in " + l + " " + op + " " + r);
      }
    }
    if (x instanceof Double || y instanceof Double || x instanceof Float || y instanceof Float) {
      double l = ((Number) x).doubleValue();
      double r = ((Number) y).doubleValue();
      return switch (op) {
        case "+" -> l + r;
        case "-" -> l - r;
        case "*" -> l * r;
        default -> l / r;
      };
    }
    BigDecimal l = decimal(x);
    BigDecimal r = decimal(y);
    if (op.equals("/")) {
      if (r.signum() == 0) {
        throw new DatoliteException(SqlState.DIVISION_BY_ZERO, "division by zero");
      }
      if (x instanceof Long && y instanceof Long && (Long) x % (Long) y == 0) {
        return (Long) x / (Long) y;
      }
      return l.divide(r, MathContext.DECIMAL128).doubleValue();
    }
    BigDecimal out = switch (op) {
      case "+" -> l.add(r);
      case "-" -> l.subtract(r);
      default -> l.multiply(r);
    };
    return x instanceof BigInteger || y instanceof BigInteger ? out.toBigInteger() : out;
  }

  private static Object extreme(Object[] a, int sign) {
    Object best = a[0];
    for (Object o : a) {
      if (compare(o, best) * sign > 0) {
        best = o;
      }
    }
    return best;
  }

  private static Object number(Object o, String op) {
    if (o instanceof Number) {
      return o instanceof Integer i ? (Object) (long) i : o;
    }
    return fail(op, o, "a number");
  }

  private static long toLong(Object o, String fn) {
    if (o instanceof Long || o instanceof Integer) {
      return ((Number) o).longValue();
    }
    return (Long) fail(fn, o, "an integer");
  }

  private static long nonZero(long n) {
    if (n == 0) {
      throw new DatoliteException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }
    return n;
  }

  static String string(Object o, String fn) {
    return o instanceof String s ? s : (String) fail(fn, o, "a string");
  }

  static Object fail(String fn, Object got, String expected) {
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "(" + fn + " …) got " + describe(got) + "; expected " + expected);
  }

  static String describe(Object o) {
    return o == null ? "nil" : Edn.describe(o) + " (" + o.getClass().getSimpleName() + ")";
  }
}

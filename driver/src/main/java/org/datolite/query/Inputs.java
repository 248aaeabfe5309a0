package org.datolite.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.datolite.DatoliteException;
import org.datolite.edn.EdnList;
import org.datolite.edn.EdnReader;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;
import org.datolite.value.Keyword;

/**
 * The inputs of a query as the caller gives them, checked before it runs, so that a value the
 * engine has no use for fails at once with SQLState 22023 naming its position and class instead
 * of an {@link IllegalArgumentException} or {@link ClassCastException} from somewhere inside (or
 * of being carried along and compared with nothing). A value may be anything with an EDN form
 * (nil, booleans, numbers, strings, characters, keywords, symbols, instants, UUIDs, URIs,
 * byte arrays, and lists, arrays, sets and maps of them, at any depth up to {@link #MAX_DEPTH}),
 * a {@link QueryDatabase} (a source, or the log of {@code tx-ids}), a compiled {@link Pattern}, a
 * parsed {@link Rule}, or an instance of a class the query may call methods of
 * ({@link QueryLimits#javaClasses()}).
 */
final class Inputs {
  /** How deeply collections may nest within one input: the EDN reader's own limit. */
  static final int MAX_DEPTH = EdnReader.DEFAULT_MAX_DEPTH;
  private static final String EXPECTED = "expected nil, a boolean, number, string, character, keyword, symbol,"
      + " instant, UUID, URI or byte[], a list, vector, set or map of them, a database, a regular expression, or a"
      + " value of a class in query-java-classes";

  private Inputs() {}

  /**
   * Checks what a caller passed to run a query: the query, the limits, the inputs array and every
   * value in it (the number of inputs is the engine's to check).
   */
  static void check(Query query, QueryLimits limits, Object[] inputs) {
    if (query == null) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "the query is null; expected a parsed query (QueryParser.parse)");
    }
    if (limits == null) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "the query limits are null; expected QueryLimits (QueryLimits.DEFAULT"
          + " for none)");
    }
    if (inputs == null) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "the inputs array is null; expected one input per :in ("
          + describe(query.inputs()) + "); pass (Object) null for one nil input");
    }
    List<Query.Input> in = query.inputs();
    for (int i = 0; i < inputs.length && i < in.size(); i++) {
      value(inputs[i], "input " + (i + 1) + " (" + label(in.get(i)) + ")", limits.javaClasses());
    }
  }

  /** One input, walked without recursion (an input may nest deeply, or contain itself). */
  private static void value(Object input, String where, Set<String> javaClasses) {
    if (!isCollection(input)) {
      if (!isValue(input, javaClasses)) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, where + " is a " + input.getClass().getName()
            + ", which has no EDN form; " + EXPECTED);
      }
      return;
    }
    Deque<Iterator<?>> open = new ArrayDeque<>();
    Deque<int[]> positions = new ArrayDeque<>();
    open.push(children(input));
    positions.push(new int[] {-1});
    while (!open.isEmpty()) {
      Iterator<?> it = open.peek();
      if (!it.hasNext()) {
        open.pop();
        positions.pop();
        continue;
      }
      Object v = it.next();
      positions.peek()[0]++;
      if (isCollection(v)) {
        if (open.size() >= MAX_DEPTH) {
          throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, where + " nests collections deeper than " + MAX_DEPTH
              + " levels (does a collection contain itself?); expected at most " + MAX_DEPTH);
        }
        open.push(children(v));
        positions.push(new int[] {-1});
      } else if (!isValue(v, javaClasses)) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, where + " holds a " + v.getClass().getName() + " at "
            + path(positions) + " (positions from 0; a map's entries as [key value]), which has no EDN form; "
            + EXPECTED);
      }
    }
  }

  private static boolean isCollection(Object v) {
    return v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof Object[] || v instanceof EdnList;
  }

  private static Iterator<?> children(Object v) {
    if (v instanceof Collection<?> c) {
      return c.iterator();
    }
    if (v instanceof Object[] a) {
      return Arrays.asList(a).iterator();
    }
    if (v instanceof EdnList l) {
      return l.iterator();
    }
    Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>) v).entrySet().iterator();
    return new Iterator<Object>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Object next() {
        Map.Entry<?, ?> e = entries.next();
        return Arrays.asList(e.getKey(), e.getValue());
      }
    };
  }

  private static boolean isValue(Object v, Set<String> javaClasses) {
    return v == null || v instanceof String || v instanceof Long || v instanceof Keyword || v instanceof Boolean
        || v instanceof Double || v instanceof Integer || v instanceof Instant || v instanceof UUID
        || v instanceof BigDecimal || v instanceof BigInteger || v instanceof Float || v instanceof Short
        || v instanceof Byte || v instanceof Character || v instanceof Symbol || v instanceof URI
        || v instanceof byte[] || v instanceof QueryDatabase || v instanceof Pattern || v instanceof Rule
        || !javaClasses.isEmpty() && JavaCalls.allowed(v.getClass(), javaClasses);
  }

  private static String path(Deque<int[]> positions) {
    List<String> out = new ArrayList<>();
    Iterator<int[]> outermostFirst = positions.descendingIterator();
    while (outermostFirst.hasNext()) {
      out.add(String.valueOf(outermostFirst.next()[0]));
    }
    return "[" + String.join(" ", out) + "]";
  }

  /** The inputs as {@code :in} writes them: {@code $ ?n [?a ?b] [?x ...] [[?c _]] %}. */
  static String describe(List<Query.Input> in) {
    List<String> names = new ArrayList<>();
    for (Query.Input i : in) {
      names.add(label(i));
    }
    return String.join(" ", names);
  }

  /** One input as {@code :in} writes it. */
  static String label(Query.Input input) {
    if (input instanceof Query.SourceInput s) {
      return s.name();
    }
    if (input instanceof Query.RulesInput) {
      return "%";
    }
    Binding b = ((Query.BindingInput) input).binding();
    if (b instanceof Binding.Scalar sc) {
      return sc.var().toString();
    }
    if (b instanceof Binding.Collection c) {
      return "[" + c.var() + " ...]";
    }
    List<Term> terms = b instanceof Binding.Tuple t ? t.vars() : ((Binding.Relation) b).vars();
    List<String> parts = new ArrayList<>();
    for (Term t : terms) {
      parts.add(t.toString());
    }
    String tuple = "[" + String.join(" ", parts) + "]";
    return b instanceof Binding.Tuple ? tuple : "[" + tuple + "]";
  }
}

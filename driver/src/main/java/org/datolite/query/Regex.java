package org.datolite.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.datolite.DatoliteException;
import org.datolite.edn.Edn;
import org.datolite.error.SqlState;

/**
 * The regular-expression built-ins ({@code re-pattern}, {@code re-find}, {@code re-matches}),
 * which run {@code java.util.regex} on what a query gives them. A pattern that does not compile
 * fails with SQLState 2201B naming it and the reason; matching reads the input through a
 * {@link DeadlineCharSequence}, so a pattern that backtracks for minutes stops at the query's
 * timeout or on an interrupt (57014); and a match that recurses past the thread's stack (an
 * alternation repeated over a long input) fails with 54001 instead of a
 * {@link StackOverflowError}.
 */
final class Regex {
  /** How much of a pattern an error message shows. */
  private static final int SHOWN = 200;

  static final Functions.Fn PATTERN = a -> compile(Functions.string(a[0], "re-pattern"), "re-pattern");
  static final Functions.Fn FIND = new Matching("re-find", false);
  static final Functions.Fn MATCHES = new Matching("re-matches", true);

  private Regex() {}

  /** {@code re-find} (the first match anywhere) or {@code re-matches} (the whole input). */
  private record Matching(String name, boolean whole) implements Functions.Fn {
    @Override
    public Object apply(Object[] a) {
      return apply(a, Deadline.none());
    }

    @Override
    public Object apply(Object[] a, Deadline deadline) {
      Pattern p = pattern(a[0], name);
      String s = Functions.string(a[1], name);
      Matcher m = p.matcher(new DeadlineCharSequence(s, deadline));
      try {
        return (whole ? m.matches() : m.find()) ? match(m) : null;
      } catch (StackOverflowError e) {
        throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, "(" + name + " …): the regular expression " + shown(p.pattern())
            + " recursed too deeply for the thread's stack on a " + s.length() + "-character string; simplify"
            + " it (a character class such as [ab]* instead of an alternation such as (a|b)*) or match a shorter"
            + " string", e);
      }
    }
  }

  /** A pattern given as one ({@code re-pattern}) or as a string, compiled here. */
  private static Pattern pattern(Object o, String fn) {
    if (o instanceof Pattern p) {
      return p;
    }
    if (o instanceof String s) {
      return compile(s, fn);
    }
    return (Pattern) Functions.fail(fn, o, "a pattern (re-pattern \"…\") or a string");
  }

  /** Compiles a pattern; 2201B naming it and what is wrong with it if it does not compile. */
  static Pattern compile(String source, String fn) {
    try {
      return Pattern.compile(source);
    } catch (PatternSyntaxException e) {
      throw new DatoliteException(SqlState.INVALID_REGULAR_EXPRESSION, "(" + fn + " …): " + shown(source) + " is not a valid regular expression: "
          + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
          + "; expected java.util.regex syntax", e);
    } catch (StackOverflowError e) {
      throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, "(" + fn + " …): the regular expression " + shown(source)
          + " nests too deeply to compile", e);
    }
  }

  private static String shown(String source) {
    return Edn.describe(source.length() <= SHOWN ? source : source.substring(0, SHOWN) + "…");
  }

  /** The match: a string, or the match and its groups when the pattern has groups (as Clojure's). */
  private static Object match(Matcher m) {
    if (m.groupCount() == 0) {
      return m.group();
    }
    List<Object> groups = new ArrayList<>();
    for (int i = 0; i <= m.groupCount(); i++) {
      groups.add(m.group(i));
    }
    return groups;
  }
}

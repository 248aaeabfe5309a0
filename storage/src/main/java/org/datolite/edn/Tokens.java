package org.datolite.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.datolite.value.Keyword;

/**
 * Turns a bare token (a run of characters up to whitespace or a delimiter) into its value: a
 * number, {@code nil}, {@code true}, {@code false}, a keyword or a symbol. Also the one
 * definition of which symbol and keyword parts are readable, shared with the printer and
 * {@link Symbol#of(String, String)}.
 *
 * <p>Numbers follow EDN: {@code [+-]? (0 | [1-9][0-9]*) ('.' [0-9]*)? ([eE] [+-]? [0-9]+)? [NM]?},
 * with {@code N} only on integers. Leading zeros, hexadecimal, radix and ratio forms are
 * rejected with a message that says so.
 */
final class Tokens {
  private static final int SHOWN = 40;
  private static final String SYMBOL_CHARS = ".*+!-_?$%&=<>:#";

  private Tokens() {}

  /** The value of the token {@code text[start, end)}, which is non-empty. */
  static Object read(String text, int start, int end, int maxNumberLength) {
    char c = text.charAt(start);
    char c1 = start + 1 < end ? text.charAt(start + 1) : ' ';
    if (isDigit(c) || ((c == '+' || c == '-') && isDigit(c1))) {
      return number(text, start, end, maxNumberLength);
    }
    if ((c == '.' && isDigit(c1))
        || ((c == '+' || c == '-') && c1 == '.' && start + 2 < end && isDigit(text.charAt(start + 2)))) {
      throw invalidNumber(text, start, end, "a digit must come before '.'", "a number such as 0.5");
    }
    if (c == ':') {
      return keyword(text, start, end);
    }
    String token = text.substring(start, end);
    switch (token) {
      case "nil":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        String[] parts = split(token, text, start, "", "symbol");
        return Symbol.of(parts[0], parts[1]);
    }
  }

  /** A symbol token after '#', already known to start with a letter. */
  static Symbol tag(String text, int start, int end) {
    String[] parts = split(text.substring(start, end), text, start - 1, "#", "tag");
    if (parts[0] == null && (parts[1].equals("nil") || parts[1].equals("true") || parts[1].equals("false"))) {
      throw EdnException.at(text, start - 1, EdnErrorCode.INVALID_SYMBOL,
          "invalid tag \"#" + parts[1] + "\": " + parts[1] + " is not a symbol; expected a tag such as #inst");
    }
    return Symbol.of(parts[0], parts[1]);
  }

  private static Keyword keyword(String text, int start, int end) {
    String body = text.substring(start + 1, end);
    if (body.startsWith(":")) {
      throw EdnException.at(text, start, EdnErrorCode.INVALID_SYMBOL,
          "invalid keyword " + quote(text, start, end)
              + ": auto-resolved keywords (::) are not EDN; expected :name or :ns/name");
    }
    String[] parts = split(body, text, start, ":", "keyword");
    return Keyword.of(parts[0], parts[1]);
  }

  /**
   * Splits {@code ns/name}, checking both parts; errors point at {@code at}. {@code prefix} is
   * what the token starts with before {@code body} ({@code ":"} for a keyword, {@code "#"} for a
   * tag) and {@code kind} names it in messages.
   */
  private static String[] split(String body, String text, int at, String prefix, String kind) {
    String namespace = null;
    String name = body;
    int slash = body.indexOf('/');
    if (slash >= 0 && !body.equals("/")) {
      namespace = body.substring(0, slash);
      name = body.substring(slash + 1);
    }
    String problem = symbolProblem(namespace, name);
    if (problem != null) {
      throw EdnException.at(text, at, EdnErrorCode.INVALID_SYMBOL,
          "invalid " + kind + " \"" + abbreviate(prefix + body) + "\": " + problem + "; expected "
              + prefix + "name or " + prefix + "ns/name made of letters, digits and "
              + ". * + ! - _ ? $ % & = < > : #");
    }
    return new String[] {namespace, name};
  }

  /** Why {@code namespace/name} is not a readable symbol or keyword, or {@code null} if it is. */
  static String symbolProblem(String namespace, String name) {
    if (namespace != null) {
      if (namespace.isEmpty()) {
        return "the namespace before '/' is empty";
      }
      if (name.isEmpty()) {
        return "the name after '/' is empty";
      }
      String problem = partProblem(namespace);
      if (problem != null) {
        return inPart("namespace", problem);
      }
    }
    if (name.equals("/")) {
      return null;
    }
    if (name.indexOf('/') >= 0) {
      return "it has more than one '/'";
    }
    String problem = partProblem(name);
    return problem == null || namespace == null ? problem : inPart("name", problem);
  }

  /** "it starts with a digit" becomes "the name starts with a digit". */
  private static String inPart(String part, String problem) {
    return problem.startsWith("it ") ? "the " + part + problem.substring(2) : problem + " in the " + part;
  }

  private static String partProblem(String part) {
    if (part.isEmpty()) {
      return "it is empty";
    }
    char first = part.charAt(0);
    if (isDigit(first)) {
      return "it starts with a digit";
    }
    if ((first == '+' || first == '-' || first == '.') && part.length() > 1 && isDigit(part.charAt(1))) {
      return "it starts with '" + first + "' and a digit, which reads as a number";
    }
    if ((first == '+' || first == '-') && part.length() > 2 && part.charAt(1) == '.' && isDigit(part.charAt(2))) {
      return "it starts with '" + first + ".' and a digit, which reads as a number";
    }
    if (first == ':' || first == '#') {
      return "it starts with '" + first + "'";
    }
    for (int i = 0; i < part.length(); ) {
      int cp = part.codePointAt(i);
      if (!isSymbolChar(cp)) {
        return "character " + describe(cp) + " is not allowed";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private static boolean isSymbolChar(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || isDigit((char) cp)
          || SYMBOL_CHARS.indexOf(cp) >= 0;
    }
    return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && !Character.isISOControl(cp)
        && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) && cp != 0xFEFF;
  }

  private static String describe(int cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && !Character.isLetterOrDigit(cp))) {
      return String.format("U+%04X", cp);
    }
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  private static Object number(String text, int start, int end, int maxNumberLength) {
    if (end - start > maxNumberLength) {
      throw EdnException.at(text, start, EdnErrorCode.NUMBER_TOO_LONG,
          "number " + quote(text, start, end) + " has " + (end - start)
              + " characters; expected at most " + maxNumberLength + " (EdnReader.Builder.maxNumberLength)");
    }
    int i = start;
    if (text.charAt(i) == '+' || text.charAt(i) == '-') {
      i++;
    }
    int intStart = i;
    while (i < end && isDigit(text.charAt(i))) {
      i++;
    }
    if (i - intStart > 1 && text.charAt(intStart) == '0') {
      int firstSignificant = intStart;
      while (firstSignificant < i - 1 && text.charAt(firstSignificant) == '0') {
        firstSignificant++;
      }
      String fixed = text.substring(start, intStart) + text.substring(firstSignificant, Math.min(end, firstSignificant + SHOWN));
      throw invalidNumber(text, start, end, "leading zeros are not allowed (EDN has no octal)",
          abbreviate(fixed));
    }
    boolean decimal = false;
    if (i < end && text.charAt(i) == '.') {
      decimal = true;
      i++;
      while (i < end && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      decimal = true;
      i++;
      if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      while (i < end && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        throw invalidNumber(text, start, end, "the exponent has no digits", "digits after 'e'");
      }
    }
    char suffix = 0;
    if (i < end && (text.charAt(i) == 'N' || text.charAt(i) == 'M')) {
      suffix = text.charAt(i);
      i++;
    }
    if (i < end) {
      throw invalidNumber(text, start, end, unexpectedInNumber(text, i, intStart),
          "decimal digits, an optional fraction and exponent, and an optional N or M suffix");
    }
    if (suffix == 'N' && decimal) {
      throw invalidNumber(text, start, end, "the N suffix needs an integer", "an integer before N, or M for an exact decimal");
    }
    String digits = text.substring(start, suffix == 0 ? end : end - 1);
    try {
      if (suffix == 'M') {
        return new BigDecimal(digits);
      } else if (decimal) {
        return Double.parseDouble(digits);
      } else if (suffix == 'N') {
        return new BigInteger(digits);
      } else if (digits.length() <= 18) {
        return Long.parseLong(digits);
      }
      BigInteger big = new BigInteger(digits);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    } catch (NumberFormatException e) {
      throw invalidNumber(text, start, end, "it is out of range (" + e.getMessage() + ")", "a smaller exponent");
    }
  }

  private static String unexpectedInNumber(String text, int i, int intStart) {
    char c = text.charAt(i);
    if ((c == 'x' || c == 'X') && i == intStart + 1 && text.charAt(intStart) == '0') {
      return "hexadecimal numbers are not EDN";
    } else if (c == 'r' || c == 'R') {
      return "radix numbers are not EDN";
    } else if (c == '/') {
      return "ratios are not EDN";
    } else if (c == '.') {
      return "it has a second '.'";
    }
    return "unexpected " + describe(text.codePointAt(i));
  }

  private static EdnException invalidNumber(String text, int start, int end, String reason, String expected) {
    return EdnException.at(text, start, EdnErrorCode.INVALID_NUMBER,
        "invalid number " + quote(text, start, end) + ": " + reason + "; expected " + expected);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The token quoted for a message, cut after {@value #SHOWN} characters. */
  static String quote(String text, int start, int end) {
    return "\"" + abbreviate(text.substring(start, Math.min(end, start + SHOWN + 1))) + "\"";
  }

  private static String abbreviate(String s) {
    return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
  }
}

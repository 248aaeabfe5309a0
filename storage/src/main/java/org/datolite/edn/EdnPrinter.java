package org.datolite.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.value.Keyword;

/**
 * Prints forms as EDN text that {@link EdnReader} reads back to an equal form: {@code nil},
 * booleans, {@code 42}, {@code 42N}, {@code 1.5}, {@code ##NaN}, {@code ##Inf}, {@code 2.50M},
 * strings, characters, keywords, symbols, {@code (lists)}, {@code [vectors]}, {@code {maps}},
 * {@code #{sets}}, and {@code #inst}, {@code #uuid}, {@code #uri}, {@code #bytes} values.
 *
 * <p>Lossy on purpose: a {@link Float} prints as a decimal ({@code 1.5f} as {@code 1.5}) and reads
 * back as a {@link Double}, since EDN has no single-precision type; {@link Integer}, {@link Short}
 * and {@link Byte} read back as {@link Long}; any {@link List} prints as a vector, any {@link Set}
 * and {@link Map} as a set and map.
 *
 * <p>Recursive, so the nesting of what it prints is limited to {@link EdnReader#MAX_DEPTH_LIMIT}
 * (which also stops a collection that contains itself).
 */
final class EdnPrinter {
  private final StringBuilder out = new StringBuilder();
  private final boolean lenient;
  private final int limit;

  private EdnPrinter(boolean lenient, int limit) {
    this.lenient = lenient;
    this.limit = limit;
  }

  /**
   * The EDN text of a form.
   *
   * @throws IllegalArgumentException naming the part that has no EDN form
   */
  static String write(Object form) {
    EdnPrinter printer = new EdnPrinter(false, Integer.MAX_VALUE);
    printer.form(form, 0);
    return printer.out.toString();
  }

  /**
   * The EDN text of a form for a message or {@code toString}: never throws, prints what it does
   * not know with {@code toString}, and is cut after about {@code maxChars} characters.
   */
  static String describe(Object form, int maxChars) {
    EdnPrinter printer = new EdnPrinter(true, maxChars);
    try {
      printer.form(form, 0);
    } catch (RuntimeException e) {
      printer.out.append("…");
    }
    if (printer.out.length() > maxChars) {
      printer.out.setLength(maxChars);
      printer.out.append('…');
    }
    return printer.out.toString();
  }

  private void form(Object v, int depth) {
    if (out.length() > limit) {
      return;
    }
    if (v == null) {
      out.append("nil");
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof Keyword k) {
      checkReadable(k.namespace(), k.name(), "keyword", k);
      out.append(k);
    } else if (v instanceof Symbol || v instanceof Boolean || v instanceof Long || v instanceof Integer
        || v instanceof Short || v instanceof Byte) {
      out.append(v);
    } else if (v instanceof Double d) {
      floating(d);
    } else if (v instanceof Float f) {
      if (f.isNaN() || f.isInfinite()) {
        floating(f.doubleValue());
      } else {
        out.append(f);
      }
    } else if (v instanceof BigInteger) {
      out.append(v).append('N');
    } else if (v instanceof BigDecimal d) {
      out.append(d).append('M');
    } else if (v instanceof Character c) {
      character(c);
    } else if (v instanceof Instant i) {
      out.append("#inst \"").append(InstantText.format(i)).append('"');
    } else if (v instanceof UUID) {
      out.append("#uuid \"").append(v).append('"');
    } else if (v instanceof URI) {
      out.append("#uri ");
      string(v.toString());
    } else if (v instanceof byte[] b) {
      out.append("#bytes \"").append(Base64.getEncoder().encodeToString(b)).append('"');
    } else if (v instanceof EdnList l) {
      sequence("(", l.elements(), ")", depth);
    } else if (v instanceof List<?> l) {
      sequence("[", l, "]", depth);
    } else if (v instanceof Set<?> s) {
      sequence("#{", s, "}", depth);
    } else if (v instanceof Map<?, ?> m) {
      map(m, depth);
    } else if (lenient) {
      out.append(v);
    } else {
      throw noEdnForm(v);
    }
  }

  /** The error for a value of a class that has no EDN form (also the binary writer's, {@link EdnBinary}). */
  static IllegalArgumentException noEdnForm(Object v) {
    return new IllegalArgumentException("a " + v.getClass().getName() + " has no EDN form; expected nil,"
        + " a boolean, number, string, character, keyword, symbol, list, vector, map, set, Instant,"
        + " UUID, URI or byte[]");
  }

  /** Refuses nesting the reader could not take back (also the binary writer's, {@link EdnBinary}). */
  static void checkDepth(int depth) {
    if (depth >= EdnReader.MAX_DEPTH_LIMIT) {
      throw new IllegalArgumentException("form nests deeper than " + EdnReader.MAX_DEPTH_LIMIT
          + " collections (does a collection contain itself?); expected at most " + EdnReader.MAX_DEPTH_LIMIT);
    }
  }

  private void sequence(String open, Iterable<?> elements, String close, int depth) {
    checkDepth(depth);
    out.append(open);
    Iterator<?> it = elements.iterator();
    while (it.hasNext() && out.length() <= limit) {
      form(it.next(), depth + 1);
      if (it.hasNext()) {
        out.append(' ');
      }
    }
    out.append(close);
  }

  private void map(Map<?, ?> m, int depth) {
    checkDepth(depth);
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
    while (it.hasNext() && out.length() <= limit) {
      Map.Entry<?, ?> e = it.next();
      form(e.getKey(), depth + 1);
      out.append(' ');
      form(e.getValue(), depth + 1);
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append('}');
  }

  private void floating(double d) {
    if (Double.isNaN(d)) {
      out.append("##NaN");
    } else if (Double.isInfinite(d)) {
      out.append(d > 0 ? "##Inf" : "##-Inf");
    } else {
      // Double.toString always has a '.' (1.0, 1.0E10), so the text reads back as a double.
      out.append(d);
    }
  }

  private void checkReadable(String namespace, String name, String what, Object value) {
    String problem = Tokens.symbolProblem(namespace, name);
    if (problem != null && !lenient) {
      throw new IllegalArgumentException(what + " " + value + " has no EDN form: " + problem);
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F || isUnpairedSurrogate(s, i)) {
            unicodeEscape(c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isUnpairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  private void character(char c) {
    switch (c) {
      case '\n' -> out.append("\\newline");
      case ' ' -> out.append("\\space");
      case '\t' -> out.append("\\tab");
      case '\r' -> out.append("\\return");
      case '\b' -> out.append("\\backspace");
      case '\f' -> out.append("\\formfeed");
      default -> {
        if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || Character.isWhitespace(c)
            || Character.isSpaceChar(c) || c == '\uFEFF') {
          unicodeEscape(c);
        } else {
          out.append('\\').append(c);
        }
      }
    }
  }

  private void unicodeEscape(char c) {
    out.append("\\u");
    String hex = Integer.toHexString(c);
    for (int i = hex.length(); i < 4; i++) {
      out.append('0');
    }
    out.append(hex);
  }
}

package org.datolite.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The one total order, equality and hashing of Datolite values. Their printed form is
 * {@link org.datolite.edn.Edn#describe}.
 *
 * <h2>Order</h2>
 * Values compare first by {@link ValueType#tag() type tag}, then within a type:
 * <ul>
 *   <li>boolean: false before true; long (and ref): signed; bigint, bigdec: numerically, then a
 *       bigdec by scale ({@code 1.0 < 1.00}, so that order agrees with equality, which keeps the
 *       scale);
 *   <li>float, double: {@link Double#compare}: {@code -0.0 < 0.0}, and NaN is one value above
 *       positive infinity;
 *   <li>instant: by epoch second, then nanosecond; uuid: as an unsigned 128-bit number (the order
 *       of its text and bytes);
 *   <li>string, keyword, uri: by Unicode code point (equal to the order of the UTF-8 bytes, unlike
 *       {@link String#compareTo}, which orders UTF-16 units); a uri by its text;
 *   <li>bytes: unsigned lexicographic, a prefix first; tuple: element by element, a missing
 *       ({@code null}) element first, a prefix first.
 * </ul>
 * {@link #MIN} and {@link #MAX} are bounds below and above every value, for range queries only.
 *
 * <p>Equality and hashing agree with the order: {@code equals(a, b)} exactly when
 * {@code compare(a, b) == 0}. Byte arrays compare by content.
 */
public final class Values {
  /** A bound below every value; never stored. */
  public static final Object MIN = new Bound("MIN");

  /** A bound above every value; never stored. */
  public static final Object MAX = new Bound("MAX");

  private Values() {}

  private static final class Bound {
    private final String name;

    Bound(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The tag of a value ({@link ValueType#NULL_TAG} for {@code null} inside tuples). */
  public static int tag(Object v) {
    return v == null ? ValueType.NULL_TAG : ValueType.of(v).tag();
  }

  /**
   * Compares two values in the total order above; {@code null} (a missing tuple element) sorts
   * before every value, {@link #MIN}/{@link #MAX} below/above everything.
   */
  public static int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return compareStrings(x, y);
    }
    if (a instanceof UUID x && b instanceof UUID y) {
      int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
      return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    }
    // the other common column types, before the general path's two type lookups (sorting a bulk
    // load's timestamp and numeric columns compares millions of them)
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      int c = x.compareTo(y);
      return c != 0 ? c : Integer.compare(x.scale(), y.scale());
    }
    if (a == MIN || b == MAX) {
      return -1;
    }
    if (a == MAX || b == MIN) {
      return 1;
    }
    if (a == null) {
      return -1;
    }
    if (b == null) {
      return 1;
    }
    int ta = ValueType.of(a).tag();
    int tb = ValueType.of(b).tag();
    if (ta != tb) {
      return Integer.compare(ta, tb);
    }
    return compareSameType(a, b);
  }

  private static int compareSameType(Object a, Object b) {
    if (a instanceof Keyword x) {
      return x.compareTo((Keyword) b);
    } else if (a instanceof Boolean x) {
      return Boolean.compare(x, (Boolean) b);
    } else if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    } else if (a instanceof Float x) {
      return Float.compare(x, (Float) b);
    } else if (a instanceof Instant x) {
      return x.compareTo((Instant) b);
    } else if (a instanceof UUID x) {
      UUID y = (UUID) b;
      int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
      return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    } else if (a instanceof BigInteger x) {
      return x.compareTo((BigInteger) b);
    } else if (a instanceof BigDecimal x) {
      BigDecimal y = (BigDecimal) b;
      int c = x.compareTo(y);
      return c != 0 ? c : Integer.compare(x.scale(), y.scale());
    } else if (a instanceof byte[] x) {
      return Arrays.compareUnsigned(x, (byte[]) b);
    } else if (a instanceof URI x) {
      return compareStrings(x.toString(), b.toString());
    } else if (a instanceof List<?> x) {
      return compareTuples(x, (List<?>) b);
    }
    throw new AssertionError("unreachable: " + a.getClass());
  }

  private static int compareTuples(List<?> x, List<?> y) {
    int n = Math.min(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      int c = compare(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  /**
   * Compares strings by Unicode code point, the order of their UTF-8 encodings. Equal to
   * {@link String#compareTo} except where a supplementary character meets a character in
   * U+E000..U+FFFF.
   */
  public static int compareStrings(String a, String b) {
    if (a.equals(b)) {
      return 0; // frequent (a column of few values, an index's neighbours), and intrinsic
    }
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char c1 = a.charAt(i);
      char c2 = b.charAt(i);
      if (c1 != c2) {
        if (c1 >= 0xD800 && c2 >= 0xD800) {
          // Move surrogates above U+E000..U+FFFF so that UTF-16 order becomes code point order.
          c1 = fixupForCodePointOrder(c1);
          c2 = fixupForCodePointOrder(c2);
        }
        return c1 - c2;
      }
    }
    return a.length() - b.length();
  }

  private static char fixupForCodePointOrder(char c) {
    return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
  }

  /** Value equality, consistent with {@link #compare}: byte arrays and tuples by content. */
  public static boolean equals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof byte[] x) {
      return b instanceof byte[] y && Arrays.equals(x, y);
    }
    if (a instanceof List<?> x) {
      if (!(b instanceof List<?> y) || x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof URI) {
      return b instanceof URI && a.toString().equals(b.toString());
    }
    // Double/Float.equals compare bits with NaN made canonical: the same as Double.compare == 0.
    return a.equals(b);
  }

  /** A hash consistent with {@link #equals(Object, Object)}. */
  public static int hash(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof byte[] x) {
      return Arrays.hashCode(x);
    }
    if (v instanceof List<?> x) {
      int h = 1;
      for (Object o : x) {
        h = 31 * h + hash(o);
      }
      return h;
    }
    if (v instanceof URI) {
      return v.toString().hashCode();
    }
    return v.hashCode();
  }

  /**
   * Checks that {@code v} is a value Datolite can store and returns its type.
   *
   * @throws IllegalArgumentException saying what is wrong: {@code null}, an unsupported class, a
   *     string with an unpaired surrogate (it has no UTF-8 form), or such an element in a tuple
   */
  public static ValueType validate(Object v) {
    if (v == null) {
      throw new IllegalArgumentException("a value is null; expected a value (null is allowed only inside tuples)");
    }
    ValueType type = ValueType.of(v);
    switch (type) {
      case STRING -> checkWellFormed((String) v, "string");
      case KEYWORD -> {
        Keyword k = (Keyword) v;
        if (k.namespace() != null) {
          checkWellFormed(k.namespace(), "keyword");
        }
        checkWellFormed(k.name(), "keyword");
      }
      case URI -> checkWellFormed(v.toString(), "uri");
      case TUPLE -> {
        for (Object element : (List<?>) v) {
          if (element != null) {
            validate(element);
          }
        }
      }
      default -> { }
    }
    return type;
  }

  private static void checkWellFormed(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException(
              what + " value has an unpaired surrogate U+" + Integer.toHexString(c).toUpperCase()
                  + " at index " + i + "; expected well-formed UTF-16 text");
        }
      }
    }
  }
}

package org.datolite.edn;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.datolite.value.Keyword;

/**
 * The built-in tag readers: {@code #inst} (an {@link java.time.Instant}, see {@link InstantText}),
 * {@code #uuid} (a {@link UUID}, strictly 8-4-4-4-12 hexadecimal digits), {@code #uri} (a
 * {@link URI}) and {@code #bytes} (a {@code byte[]} from standard Base64). Each takes a string and
 * throws {@link IllegalArgumentException} with the reason otherwise; the reader adds the position.
 */
final class Tags {
  private Tags() {}

  static Map<Symbol, Function<Object, Object>> builtIns() {
    Map<Symbol, Function<Object, Object>> tags = new LinkedHashMap<>();
    tags.put(Symbol.of("inst"), v -> InstantText.parse(string(v)));
    tags.put(Symbol.of("uuid"), v -> uuid(string(v)));
    tags.put(Symbol.of("uri"), v -> uri(string(v)));
    tags.put(Symbol.of("bytes"), v -> bytes(string(v)));
    return tags;
  }

  private static String string(Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("expected a string, found " + kind(value));
  }

  static UUID uuid(String text) {
    boolean ok = text.length() == 36;
    for (int i = 0; ok && i < 36; i++) {
      char c = text.charAt(i);
      ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : Character.digit(c, 16) >= 0 && c < 0x80;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "expected 8-4-4-4-12 hexadecimal digits such as 123e4567-e89b-12d3-a456-426614174000");
    }
    long high = Long.parseUnsignedLong(text.substring(0, 8) + text.substring(9, 13) + text.substring(14, 18), 16);
    long low = Long.parseUnsignedLong(text.substring(19, 23) + text.substring(24), 16);
    return new UUID(high, low);
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage() + "; expected an RFC 2396 URI");
    }
  }

  private static byte[] bytes(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "; expected standard Base64 (RFC 4648)");
    }
  }

  /** What a form is, for messages: "a vector", "nil", "a keyword". */
  static String kind(Object value) {
    if (value == null) {
      return "nil";
    } else if (value instanceof EdnList) {
      return "a list";
    } else if (value instanceof List) {
      return "a vector";
    } else if (value instanceof Map) {
      return "a map";
    } else if (value instanceof Set) {
      return "a set";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Keyword) {
      return "a keyword";
    } else if (value instanceof Symbol) {
      return "a symbol";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof Character) {
      return "a character";
    }
    return "a " + value.getClass().getName();
  }
}

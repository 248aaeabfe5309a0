package org.datolite.edn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assertions shared by the EDN tests. */
final class EdnAssert {
  private EdnAssert() {}

  /** Asserts that reading {@code text} fails with this code, place and message fragments. */
  static EdnException assertError(String text, EdnErrorCode code, int line, int column, String... fragments) {
    return assertError(EdnReader.defaults(), text, code, line, column, fragments);
  }

  static EdnException assertError(EdnReader reader, String text, EdnErrorCode code, int line, int column,
      String... fragments) {
    EdnException e = assertThrows(EdnException.class, () -> reader.readAll(text), text);
    String where = "error for " + text + ": " + e.getMessage();
    assertEquals(code, e.code(), where);
    assertEquals(line, e.line(), "line; " + where);
    assertEquals(column, e.column(), "column; " + where);
    assertTrue(e.getMessage().startsWith("EDN syntax error at line " + line + ", column " + column + ": "), where);
    for (String fragment : fragments) {
      assertTrue(e.detail().contains(fragment), "missing '" + fragment + "' in " + where);
    }
    return e;
  }

  /** A byte array by content, so that forms holding them can be compared with equals. */
  record Bytes(String base64) {}

  /**
   * The form with every {@code byte[]} replaced by {@link Bytes}, for comparisons by content. A
   * collection without byte arrays is returned as it is (so that its cached hash codes stay);
   * others are copied into plain Java collections, a list staying an {@link EdnList}.
   */
  static Object normalize(Object form) {
    if (form instanceof byte[] b) {
      return new Bytes(Base64.getEncoder().encodeToString(b));
    } else if (form instanceof EdnList l) {
      List<Object> elements = normalizeAll(l.elements());
      return elements == null ? l : EdnList.of(elements);
    } else if (form instanceof List<?> l) {
      List<Object> elements = normalizeAll(l);
      return elements == null ? l : elements;
    } else if (form instanceof Set<?> s) {
      List<Object> elements = normalizeAll(new ArrayList<>(s));
      return elements == null ? s : new LinkedHashSet<>(elements);
    } else if (form instanceof Map<?, ?> m) {
      List<Object> keys = normalizeAll(new ArrayList<>(m.keySet()));
      List<Object> values = normalizeAll(new ArrayList<>(m.values()));
      if (keys == null && values == null) {
        return m;
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(normalize(k), normalize(v)));
      return out;
    }
    return form;
  }

  /** The normalized forms, or {@code null} if normalizing changes none of them. */
  private static List<Object> normalizeAll(List<?> forms) {
    List<Object> out = new ArrayList<>(forms.size());
    boolean changed = false;
    for (Object form : forms) {
      Object n = normalize(form);
      changed |= n != form;
      out.add(n);
    }
    return changed ? out : null;
  }

  /** Asserts that the form prints and reads back equal (byte arrays by content). */
  static void assertRoundTrips(Object form) {
    String text = Edn.write(form);
    Object back = Edn.read(text);
    assertEquals(normalize(form), normalize(back), text);
  }

  /** The text escaped and cut for an assertion message. */
  static String show(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(text.length(), 300); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(text.length() > 300 ? "… (" + text.length() + " chars)" : "").toString();
  }
}

package org.datolite.edn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

class SymbolTest {

  @Test
  void of_parsesNamespaceAndName() {
    Symbol s = Symbol.of("a.b/c");
    assertEquals("a.b", s.namespace());
    assertEquals("c", s.name());
    assertEquals(s, Symbol.of("a.b", "c"));
    assertEquals(s.hashCode(), Symbol.of("a.b", "c").hashCode());
    assertNull(Symbol.of("?e").namespace());
    assertEquals("/", Symbol.of("/").name());
    assertEquals(Symbol.of("ns", "/"), Symbol.of("ns//"));
  }

  @Test
  void of_rejectsUnreadableSymbols() {
    for (String text : new String[] {"", "1a", "-1", "+.5", ":a", "#a", "a b", "a/b/c", "a/", "nil", "true", "false",
        "a[b", "a\"b", "a;b", "a\\b", "a@b"}) {
      assertThrows(IllegalArgumentException.class, () -> Symbol.of(text), text);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Symbol.of(null, "nil"));
    assertEquals("'nil' is not a symbol: it reads as nil, not as a symbol", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Symbol.of("", "a"));
  }

  @Test
  void equals_differsFromKeywordAndString() {
    assertNotEquals(Symbol.of("a"), Keyword.of("a"));
    assertNotEquals(Symbol.of("a"), "a");
    assertNotEquals(Symbol.of("a/b"), Symbol.of("b"));
    assertEquals("a/b", Symbol.of("a", "b").toString());
  }
}

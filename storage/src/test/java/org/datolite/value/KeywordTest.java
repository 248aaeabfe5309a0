package org.datolite.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeywordTest {
  @Test
  void of_parsesEdnForms() {
    Keyword k = Keyword.of(":person/name");
    assertEquals("person", k.namespace());
    assertEquals("name", k.name());
    assertEquals(":person/name", k.toString());
    assertEquals(k, Keyword.of("person/name"));
    assertNull(Keyword.of(":active").namespace());
    assertEquals(":db.type/string", ValueType.STRING.ident().toString());
    assertEquals("a/b", Keyword.of(":ns/a/b").name());
  }

  @Test
  void of_rejectsMalformedText() {
    for (String bad : new String[] {"", ":", ":ns/", "has space", ":a,b"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keyword.of(bad));
      assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("empty"), e.getMessage());
    }
  }

  @Test
  void compareTo_namespaceFirstThenName() {
    assertTrue(Keyword.of(":z").compareTo(Keyword.of(":a/a")) < 0);
    assertTrue(Keyword.of(":a/z").compareTo(Keyword.of(":b/a")) < 0);
    assertTrue(Keyword.of(":a/a").compareTo(Keyword.of(":a/b")) < 0);
  }

  @Test
  void valueType_roundTripsTagsAndIdents() {
    for (ValueType t : ValueType.values()) {
      assertEquals(t, ValueType.ofIdent(t.ident()));
      if (t != ValueType.REF) {
        assertEquals(t, ValueType.ofTag(t.tag()));
      }
    }
    assertEquals(ValueType.LONG, ValueType.ofTag(ValueType.REF.tag()));
    assertNull(ValueType.ofTag(99));
  }
}

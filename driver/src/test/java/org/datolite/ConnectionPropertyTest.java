package org.datolite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.datolite.error.SqlState;
import org.junit.jupiter.api.Test;

/** The connection property enum, checked as data, and its typed getters. */
class ConnectionPropertyTest {
  @Test
  void values_keysUniqueDescribedAndDefaultsValid() {
    Set<String> keys = new HashSet<>();
    Properties none = new Properties();
    for (ConnectionProperty p : ConnectionProperty.values()) {
      assertTrue(keys.add(p.key()), "duplicate key " + p.key());
      assertTrue(p.key().matches("[a-z][a-z0-9-]*"), p.key());
      assertFalse(p.description().isBlank(), p.key());
      assertTrue(p.min() <= p.max(), p.key());
      assertEquals(p, ConnectionProperty.of(p.key()));
      assertEquals(p.type() == ConnectionProperty.Type.CHOICE, !p.choices().isEmpty(), p.key());
      switch (p.type()) {
        case NUMBER -> assertEquals(Long.parseLong(p.defaultValue()), p.getLong(none), p.key());
        case CHOICE -> assertEquals(p.defaultValue(), p.getChoice(none), p.key());
        case CLASS_NAMES -> assertTrue(p.getClassNames(none).isEmpty(), p.key());
        case TEXT, SECRET -> {
          if (p.defaultValue() != null) {
            int length = p.defaultValue().length();
            assertTrue(length >= p.min() && length <= p.max(), p.key() + " default out of range");
          }
        }
      }
    }
    assertNull(ConnectionProperty.of("no-such-property"));
  }

  @Test
  void getLong_outOfRangeOrNotANumber_namesPropertyAndRange() {
    for (String bad : new String[] {"0", "3600001", "soon", ""}) {
      Properties p = new Properties();
      p.setProperty("transact-timeout-ms", bad);
      DatoliteException e = assertThrows(DatoliteException.class, () -> ConnectionProperty.TRANSACT_TIMEOUT_MS.getLong(p));
      assertEquals("22023", e.sqlState());
      assertEquals("connection property 'transact-timeout-ms' is '" + bad + "'; expected how long transact waits"
          + " for the outcome, 1..3600000 ms", e.getMessage());
    }
    Properties ok = new Properties();
    ok.setProperty("transact-timeout-ms", " 250 ");
    assertEquals(250, ConnectionProperty.TRANSACT_TIMEOUT_MS.getLong(ok));
  }

  @Test
  void getChoice_unknownWord_listsTheChoices() {
    Properties p = new Properties();
    p.setProperty("query-planner", "fast");
    DatoliteException e = assertThrows(DatoliteException.class, () -> ConnectionProperty.QUERY_PLANNER.getChoice(p));
    assertEquals("22023", e.sqlState());
    assertTrue(e.getMessage().endsWith("; one of cost, written"), e.getMessage());
  }

  @Test
  void getSecret_lengthInBytes_andNeverShown() {
    Properties p = new Properties();
    p.setProperty("secret", "ééééééééé"); // 9 characters, 18 bytes
    assertEquals(18, ConnectionProperty.SECRET.getSecret(p, SqlState.INVALID_AUTHORIZATION_SPECIFICATION).length);
    p.setProperty("secret", "short-secret");
    DatoliteException e = assertThrows(DatoliteException.class,
        () -> ConnectionProperty.SECRET.getSecret(p, SqlState.INVALID_AUTHORIZATION_SPECIFICATION));
    assertEquals("28000", e.sqlState());
    assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
    assertNull(ConnectionProperty.SECRET.getSecret(new Properties(), SqlState.INVALID_AUTHORIZATION_SPECIFICATION));
  }

  @Test
  void typedGetter_ofAnotherType_isAProgrammingError() {
    assertThrows(IllegalStateException.class, () -> ConnectionProperty.DB.getLong(new Properties()));
  }
}

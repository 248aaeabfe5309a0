package org.datolite.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlStateTest {
  @Test
  void values_areWellFormedDistinctAndFoundByCode() {
    Set<String> codes = new HashSet<>();
    for (SqlState s : SqlState.values()) {
      assertTrue(s.code().matches("[0-9A-Z]{5}"), s.name() + " has code " + s.code());
      assertTrue(codes.add(s.code()), s.code() + " is listed twice");
      assertEquals(s, SqlState.of(s.code()));
      assertEquals(s.code().substring(0, 2), s.sqlClass());
      assertEquals(s.code(), s.toString());
    }
    assertNull(SqlState.of("99999"));
  }

  @Test
  void of_knowsTheStatesClientsReactTo() {
    assertEquals(SqlState.SERIALIZATION_FAILURE, SqlState.of("40001"));
    assertEquals(SqlState.QUERY_CANCELED, SqlState.of("57014"));
    assertEquals("08", SqlState.CONNECTION_FAILURE.sqlClass());
  }
}

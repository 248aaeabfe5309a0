package org.datolite.storage.kv.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.junit.jupiter.api.Test;

class PostgresErrorsTest {
  private static StorageErrorCode codeOf(SQLException e) {
    return PostgresErrors.map(e, "postgresql://h:5432/db table t", "read key 'k'").code();
  }

  @Test
  void map_connectionStates_areUnavailable() {
    for (String state : List.of("08001", "08006", "08P01", "57P01", "57P03", "53300", "57014")) {
      assertEquals(StorageErrorCode.STORE_UNAVAILABLE, codeOf(new SQLException("x", state)), state);
    }
  }

  @Test
  void map_poolTimeout_isUnavailableAndShowsTheCause() {
    SQLException poolTimeout = new SQLTransientConnectionException(
        "datolite-pg-1 - Connection is not available, request timed out after 10000ms", null,
        new SQLException("Connection to h:5432 refused", "08001", new SocketTimeoutException()));
    StorageException e = PostgresErrors.map(poolTimeout, "postgresql://h:5432/db table t", "read key 'k'");
    assertEquals(StorageErrorCode.STORE_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().startsWith("STORE_UNAVAILABLE: cannot read key 'k' in postgresql://h:5432/db table t: "
        + "datolite-pg-1 - Connection is not available"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; caused by: Connection to h:5432 refused"), e.getMessage());
  }

  @Test
  void map_loginAndMissingDatabase_areConfigurationErrors() {
    assertEquals(StorageErrorCode.INVALID_CONFIGURATION, codeOf(new SQLException("bad password", "28P01")));
    assertEquals(StorageErrorCode.INVALID_CONFIGURATION, codeOf(new SQLException("no db", "3D000")));
  }

  @Test
  void map_otherStates_areIo() {
    for (String state : new String[] {"23514", "42P01", "40P01", "XX000", null}) {
      assertEquals(StorageErrorCode.STORE_IO, codeOf(new SQLException("x", state)), state);
    }
  }

  @Test
  void connectionBroken_connectionClassAndEndedSessions_only() {
    for (String state : List.of("08000", "08003", "08006", "57P01", "57P02")) {
      assertTrue(PostgresErrors.connectionBroken(new SQLException("x", state)), state);
    }
    for (String state : new String[] {"57014", "53300", "40001", "23505", "XX000", null}) {
      assertFalse(PostgresErrors.connectionBroken(new SQLException("x", state)), state);
    }
    assertTrue(PostgresErrors.connectionBroken(new SQLException("wrapper", "XX000", new SQLException("io", "08006"))),
        "in the causes");
    SQLException batch = new SQLException("batch", "22000");
    batch.setNextException(new SQLException("terminated", "57P01"));
    assertTrue(PostgresErrors.connectionBroken(batch), "in the next exceptions");
  }

  @Test
  void mapRetried_namesBothAttempts_andTakesTheCodeOfTheSecond() {
    StorageException e = PostgresErrors.mapRetried(new SQLException("Connection to h:5432 refused", "08001"),
        new SQLException("FATAL: terminating connection due to administrator command", "57P01"),
        "postgresql://h:5432/db table t", "read key 'k'");
    assertEquals(StorageErrorCode.STORE_UNAVAILABLE, e.code());
    assertEquals("STORE_UNAVAILABLE: cannot read key 'k' in postgresql://h:5432/db table t: Connection to h:5432"
        + " refused (SQLState 08001); retried once on a fresh connection after the first attempt met a broken one:"
        + " FATAL: terminating connection due to administrator command (SQLState 57P01)", e.getMessage());
  }

  @Test
  void keys_namesAFewKeysAndTheCount() {
    assertEquals("key 'a'", PostgresErrors.keys(List.of("a")));
    assertEquals("2 keys 'a', 'b'", PostgresErrors.keys(List.of("a", "b")));
    assertEquals("5 keys 'a', 'b', 'c', …", PostgresErrors.keys(List.of("a", "b", "c", "d", "e")));
  }
}

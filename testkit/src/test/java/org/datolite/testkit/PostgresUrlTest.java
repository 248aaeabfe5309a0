package org.datolite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void withDatabase_keepsHostAndParameters() {
    assertEquals("jdbc:postgresql://127.0.0.1:5432/dl_x?user=postgres",
        PostgresUrl.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "dl_x"));
  }

  @Test
  void withDatabase_manyParameters_keepsThemAll() {
    assertEquals("jdbc:postgresql://db:6432/dl_x?user=a&password=b&sslmode=disable",
        PostgresUrl.withDatabase("jdbc:postgresql://db:6432/test?user=a&password=b&sslmode=disable", "dl_x"));
  }

  @Test
  void withDatabase_noParameters_replacesDatabase() {
    assertEquals("jdbc:postgresql://localhost/dl_x",
        PostgresUrl.withDatabase("jdbc:postgresql://localhost/postgres", "dl_x"));
  }

  @Test
  void withDatabase_noDatabase_addsOne() {
    assertEquals("jdbc:postgresql://localhost:5432/dl_x",
        PostgresUrl.withDatabase("jdbc:postgresql://localhost:5432", "dl_x"));
    assertEquals("jdbc:postgresql://localhost:5432/dl_x?user=u",
        PostgresUrl.withDatabase("jdbc:postgresql://localhost:5432/?user=u", "dl_x"));
  }

  @Test
  void withDatabase_severalHostsAndIpv6_keepsHosts() {
    assertEquals("jdbc:postgresql://h1:5432,h2:5433/dl_x?targetServerType=primary",
        PostgresUrl.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary", "dl_x"));
    assertEquals("jdbc:postgresql://[::1]:5432/dl_x",
        PostgresUrl.withDatabase("jdbc:postgresql://[::1]:5432/postgres", "dl_x"));
  }

  @Test
  void withDatabase_noHost_replacesDatabase() {
    assertEquals("jdbc:postgresql:dl_x?user=u", PostgresUrl.withDatabase("jdbc:postgresql:app?user=u", "dl_x"));
  }

  @Test
  void withDatabase_notPostgres_isRejectedWithoutPassword() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PostgresUrl.withDatabase("jdbc:mysql://h/db?password=secret", "dl_x"));
    assertTrue(e.getMessage().contains("password=****"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void parameter_findsAndDecodesValues() {
    String url = "jdbc:postgresql://h/db?user=post%20gres&password=p%26w&flag";
    assertEquals("post gres", PostgresUrl.parameter(url, "user"));
    assertEquals("p&w", PostgresUrl.parameter(url, "password"));
    assertEquals("", PostgresUrl.parameter(url, "flag"));
    assertNull(PostgresUrl.parameter(url, "ssl"));
    assertNull(PostgresUrl.parameter("jdbc:postgresql://h/db", "user"));
  }

  @Test
  void maskPassword_hidesOnlyThePassword() {
    assertEquals("jdbc:postgresql://h/db?user=u&password=****&ssl=true",
        PostgresUrl.maskPassword("jdbc:postgresql://h/db?user=u&password=s3cr%26t&ssl=true"));
    assertEquals("jdbc:postgresql://h/db?password=****",
        PostgresUrl.maskPassword("jdbc:postgresql://h/db?password=x"));
  }
}

package org.datolite.storage.kv.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.junit.jupiter.api.Test;

class PostgresStoreConfigTest {
  private static final String URL = "jdbc:postgresql://db.example:6432/app";

  private static String invalid(UnaryOperator<PostgresStoreConfig.Builder> settings) {
    StorageException e = assertThrows(StorageException.class,
        () -> settings.apply(PostgresStoreConfig.builder(URL)).build());
    assertEquals(StorageErrorCode.INVALID_CONFIGURATION, e.code());
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
    }
  }

  @Test
  void builder_defaults_comeFromTheProperties() {
    PostgresStoreConfig c = PostgresStoreConfig.builder(URL).build();
    assertEquals(10, c.maximumPoolSize());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertEquals(Duration.ofSeconds(60), c.socketTimeout());
    assertEquals("datolite_kvs", c.table());
    assertNull(c.user());
  }

  @Test
  void build_poolSizeOutOfRange_namesPropertyAndRange() {
    assertMentions(invalid(b -> b.maximumPoolSize(0)), "maximumPoolSize", "0 is out of range", "1..1000");
    assertMentions(invalid(b -> b.maximumPoolSize(1001)), "maximumPoolSize", "1..1000");
  }

  @Test
  void build_timeoutsOutOfRange_namePropertyAndRange() {
    assertMentions(invalid(b -> b.connectTimeout(Duration.ofMillis(500))), "connectTimeout", "0.5 s", "1..600 seconds");
    assertMentions(invalid(b -> b.connectTimeout(null)), "connectTimeout", "missing");
    assertMentions(invalid(b -> b.socketTimeout(Duration.ofHours(2))), "socketTimeout", "1..3600 seconds");
    assertMentions(invalid(b -> b.socketTimeout(Duration.ZERO)), "socketTimeout", "1..3600 seconds");
  }

  @Test
  void build_fractionalTimeout_roundsUpToWholeSeconds() {
    PostgresStoreConfig c = PostgresStoreConfig.builder(URL).connectTimeout(Duration.ofMillis(1500)).build();
    assertEquals(2, c.connectTimeoutSeconds());
    assertEquals(60, c.socketTimeoutSeconds());
  }

  @Test
  void build_badTableNames_areRejected() {
    for (String bad : new String[] {"Kvs", "1kvs", "kv-s", "kv s", "\"kvs\"", "public.kvs", "", "k".repeat(64)}) {
      assertMentions(invalid(b -> b.table(bad)), "table", "'" + bad + "'");
    }
    assertMentions(invalid(b -> b.table(null)), "table", "lower-case");
    assertEquals("select", PostgresStoreConfig.builder(URL).table("select").build().table());
  }

  @Test
  void build_badUrls_areRejectedWithoutThePassword() {
    StorageException e = assertThrows(StorageException.class,
        () -> PostgresStoreConfig.builder("jdbc:mysql://h/db?password=secret").build());
    assertEquals(StorageErrorCode.INVALID_CONFIGURATION, e.code());
    assertMentions(e.getMessage(), "jdbcUrl", "password=****", "jdbc:postgresql://host:port/database");
    assertFalse(e.getMessage().contains("secret"));
    assertMentions(assertThrows(StorageException.class, () -> PostgresStoreConfig.builder(null).build()).getMessage(),
        "jdbcUrl", "missing");
  }

  @Test
  void describe_showsHostsDatabaseAndTableOnly() {
    assertEquals("postgresql://db.example:6432/app table datolite_kvs",
        PostgresStoreConfig.builder(URL + "?user=u&password=secret").password("secret").build().describe());
    assertEquals("postgresql://h1:5432,h2:5433/app table t",
        PostgresStoreConfig.builder("jdbc:postgresql://h1,h2:5433/app").table("t").build().describe());
    assertEquals("postgresql://localhost:5432/app table datolite_kvs",
        PostgresStoreConfig.builder("jdbc:postgresql:app").build().describe());
  }

  @Test
  void toString_masksPasswords() {
    String s = PostgresStoreConfig.builder(URL + "?password=inurl").user("u").password("given").build().toString();
    assertFalse(s.contains("inurl") || s.contains("given"), s);
    assertMentions(s, "user=u", "password=****");
  }

  @Test
  void fromProperties_readsTypedValuesAndDefaults() {
    PostgresStoreConfig c = PostgresStoreConfig.fromProperties(
        Map.of("jdbcUrl", URL, "user", "u", "maximumPoolSize", "3", "connectTimeout", "7", "table", "kv"));
    assertEquals(new PostgresStoreConfig(URL, "u", null, 3, Duration.ofSeconds(7), Duration.ofSeconds(60), "kv"), c);
  }

  @Test
  void fromProperties_badValues_nameTheProperty() {
    StorageException e = assertThrows(StorageException.class,
        () -> PostgresStoreConfig.fromProperties(Map.of("jdbcUrl", URL, "socketTimeout", "ten")));
    assertMentions(e.getMessage(), "socketTimeout", "'ten' is not a whole number", "1..3600 seconds");
    e = assertThrows(StorageException.class,
        () -> PostgresStoreConfig.fromProperties(Map.of("jdbcUrl", URL, "poolSize", "3")));
    assertMentions(e.getMessage(), "unknown", "'poolSize'", "maximumPoolSize");
  }

  @Test
  void properties_enum_isConsistent() {
    Set<String> keys = new HashSet<>();
    for (PostgresStoreProperty p : PostgresStoreProperty.values()) {
      assertTrue(keys.add(p.key()), "duplicate " + p.key());
      assertFalse(p.description().isBlank(), p.key());
      assertTrue(p.min() <= p.max(), p.key());
    }
    PostgresStoreConfig defaults = PostgresStoreConfig.fromProperties(Map.of("jdbcUrl", URL));
    assertNotNull(defaults, "every default is valid");
    assertEquals(PostgresStoreConfig.builder(URL).build(), defaults);
  }
}

package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.regex.Pattern;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import schemacrawler.schema.Catalog;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * The real-client tests against Datolite's JDBC driver on an in-memory database loaded through
 * the native API (kept open for the class, so the database lives as long as the tests).
 */
class DatoliteRealClientTest extends RealClients {
  private static String name;
  private static DatoliteConnection store;

  @BeforeAll
  static void load() {
    name = DatoliteJdbc.memName("clients");
    store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
    ClientData.load(store);
  }

  @BeforeEach
  void driverPresent() {
    // The guard goes once the JDBC driver lands (issue 11). Per test, not in @BeforeAll, so that
    // Surefire reports each test as skipped with the reason instead of dropping the class.
    Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT);
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void schemaCrawlerUtility_getCatalog_takesTheGenericPathForTheUrl() throws Exception {
    // What SchemaCrawler's command line does: pick a plugin by the URL; jdbc:datolite: has none,
    // so it must fall back to plain JDBC metadata rather than refuse (as it refuses a PostgreSQL
    // URL without the PostgreSQL plugin).
    try (Connection conn = DriverManager.getConnection(url(), properties())) {
      Catalog catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(conn),
          schemaCrawlerOptions());
      assertTrue(catalog.getTables().stream().anyMatch(t -> t.getName().equals("PERSON")), catalog.getTables()::toString);
    }
  }

  @Override
  DSLContext jooq(Connection conn) {
    DSLContext ctx = DSL.using(conn); // as applications write it: the dialect inferred from the URL
    assertEquals(SQLDialect.DEFAULT, ctx.dialect());
    return ctx;
  }

  @Override
  String hikariJdbcUrl(MetadataRecorder recorder) {
    return url();
  }

  @Override
  String url() {
    return DatoliteJdbc.jdbcUrl(name);
  }

  @Override
  Properties properties() {
    return new Properties();
  }

  @Override
  String dataSourceClassName() {
    return "org.datolite.jdbc.DatoliteDataSource";
  }

  @Override
  String schema() {
    return "PUBLIC";
  }

  @Override
  String spelled(String name) {
    return name;
  }

  @Override
  String target() {
    return "datolite";
  }

  @Override
  Pattern crawledSchemas() {
    return Pattern.compile(".*");
  }
}

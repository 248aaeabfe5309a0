package org.datolite.sqltests;

import java.sql.Connection;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.BeforeAll;

/** The real-client tests against PostgreSQL: proves the test code before Datolite's driver can run it. */
@WithPostgres
class PostgresRealClientTest extends RealClients {
  private static PostgresDatabase pg;

  @BeforeAll
  static void load(PostgresDatabase database) throws Exception {
    pg = database;
    try (Connection conn = pg.connect()) {
      ClientData.load(conn);
    }
  }

  @Override
  String url() {
    return pg.jdbcUrl();
  }

  @Override
  Properties properties() {
    Properties p = new Properties();
    if (pg.user() != null) {
      p.setProperty("user", pg.user());
    }
    if (pg.password() != null) {
      p.setProperty("password", pg.password());
    }
    return p;
  }

  @Override
  String dataSourceClassName() {
    return "org.postgresql.ds.PGSimpleDataSource";
  }

  @Override
  String schema() {
    return "public";
  }

  @Override
  String spelled(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  String target() {
    return "postgresql";
  }

  @Override
  Pattern crawledSchemas() {
    return Pattern.compile("(.*\\.)?public");
  }
}

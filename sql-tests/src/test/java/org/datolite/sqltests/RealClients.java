package org.datolite.sqltests;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import schemacrawler.crawl.SchemaCrawler;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.schemacrawler.SchemaRetrievalOptions;
import schemacrawler.schemacrawler.SchemaRetrievalOptionsBuilder;
import sqlline.SqlLine;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real JDBC clients, headless, against one database: SchemaCrawler at the maximum info level,
 * sqlline's metadata commands, jOOQ's {@code meta()}, a HikariCP pool through validation and
 * reset, and Spring's {@code JdbcTemplate}. None may throw. The subclasses give the database:
 * {@link PostgresRealClientTest} proves the test code, {@link DatoliteRealClientTest} is the
 * target.
 *
 * <p>Both load the same data: companies Acme (Basel) and Globex; Ann (30, score 1.5, active,
 * born 1990-05-01, at Acme, aliases A and Annie), Bob (inactive, at Acme), Cy (41, score -2.25);
 * tables {@code PERSON}, {@code COMPANY} and the child table {@code PERSON_ALIAS}.
 *
 * <p>Each client runs on a connection wrapped by a {@link MetadataRecorder}, which writes what
 * the client called and which metadata columns it read to {@code target/client-calls/}.
 */
abstract class RealClients {
  /** The JDBC URL of the loaded database. */
  abstract String url();

  /** Connection properties for {@link #url()} (may be empty). */
  abstract Properties properties();

  /** The DataSource class HikariCP instantiates, with a {@code url} bean property. */
  abstract String dataSourceClassName();

  /** The schema the tables are in, as the database spells it. */
  abstract String schema();

  /** {@code name} (upper case) as the database spells an unquoted table or column name. */
  abstract String spelled(String name);

  /** The short name of the database, for the recorded calls' files. */
  abstract String target();

  /** The SchemaCrawler inclusion pattern of the schemas to crawl (full names). */
  abstract Pattern crawledSchemas();

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), properties());
  }

  /** SchemaCrawler's options: the maximum info level, every kind of object, in {@link #crawledSchemas()}. */
  SchemaCrawlerOptions schemaCrawlerOptions() {
    return SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
        .withLoadOptions(LoadOptionsBuilder.builder().withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum()).toOptions())
        .withLimitOptions(LimitOptionsBuilder.builder().includeSchemas(crawledSchemas()).includeAllRoutines()
            .includeAllSequences().includeAllSynonyms().toOptions());
  }

  @Test
  void schemaCrawler_maximumInfoLevel_crawlsTheCatalog() throws Exception {
    MetadataRecorder recorder = new MetadataRecorder();
    SchemaCrawlerOptions options = schemaCrawlerOptions();
    Catalog catalog;
    try (Connection conn = recorder.wrap(connect())) {
      // the generic path, through JDBC metadata alone: what a URL without a SchemaCrawler plugin gets
      SchemaRetrievalOptions retrieval = SchemaRetrievalOptionsBuilder.builder().fromConnnection(conn).toOptions();
      catalog = new SchemaCrawler(DatabaseConnectionSources.fromConnection(conn), retrieval, options).crawl();
    } finally {
      recorder.write(target() + "-schemacrawler");
    }
    schemacrawler.schema.Table person = crawledTable(catalog, schema(), "PERSON");
    schemacrawler.schema.Table alias = crawledTable(catalog, schema(), "PERSON_ALIAS");
    crawledTable(catalog, schema(), "COMPANY");
    List<String> columns = person.getColumns().stream().map(c -> c.getName().toUpperCase(Locale.ROOT)).toList();
    assertTrue(columns.containsAll(List.of("DB_ID", "NAME", "AGE", "SCORE", "ACTIVE", "BORN", "EMPLOYER")),
        columns.toString());
    assertTrue(person.hasPrimaryKey(), "PERSON has a primary key");
    assertEquals(List.of("DB_ID"), person.getPrimaryKey().getConstrainedColumns().stream()
        .map(c -> c.getName().toUpperCase(Locale.ROOT)).toList());
    boolean aliasToPerson = false;
    for (ForeignKey fk : alias.getImportedForeignKeys()) {
      aliasToPerson |= fk.getPrimaryKeyTable().getName().equalsIgnoreCase("PERSON");
    }
    assertTrue(aliasToPerson, "PERSON_ALIAS imports a key of PERSON: " + alias.getImportedForeignKeys());
    assertNotNull(catalog.getDatabaseInfo().getProductName());
    assertFalse(catalog.getColumnDataTypes().isEmpty(), "getTypeInfo answered");
  }

  /** A crawled table by schema and name (Datolite's HISTORY schema has tables named as PUBLIC's). */
  private static schemacrawler.schema.Table crawledTable(Catalog catalog, String schema, String name) {
    return catalog.getTables().stream().filter(t -> t.getName().equalsIgnoreCase(name)
        && t.getSchema().getName().equalsIgnoreCase(schema)).findFirst()
        .orElseThrow(() -> new AssertionError("no table " + schema + "." + name + " in " + catalog.getTables()));
  }

  /** The URL of {@link #url()} through the {@link MetadataRecorder.RecordingDriver}, recording into {@code recorder}. */
  String recordingUrl(MetadataRecorder recorder) throws ClassNotFoundException {
    MetadataRecorder.RecordingDriver.current = recorder;
    Class.forName(MetadataRecorder.RecordingDriver.class.getName()); // registers it
    return MetadataRecorder.RecordingDriver.PREFIX + url();
  }

  @Test
  void sqlline_metadataCommands_runWithoutErrors() throws Exception {
    MetadataRecorder recorder = new MetadataRecorder();
    String recordingUrl = recordingUrl(recorder);
    Path script = Files.createTempFile("sqlline-", ".sql");
    String person = spelled("PERSON");
    String alias = spelled("PERSON_ALIAS");
    Files.writeString(script, String.join("\n",
        "!dbinfo", "!tables", "!columns " + person, "!primarykeys " + person, "!importedkeys " + alias,
        "!exportedkeys " + person, "!indexes " + person, "!typeinfo", "!procedures",
        "SELECT COUNT(*) AS N FROM " + person + ";", "!quit", ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SqlLine sqlline = new SqlLine();
    sqlline.setOutputStream(out);
    sqlline.setErrorStream(out);
    List<String> args = new ArrayList<>(List.of("-u", recordingUrl,
        "-d", MetadataRecorder.RecordingDriver.class.getName(), "--fastConnect=false", "--verbose=true",
        "--showNestedErrs=true", "--color=false", "--maxWidth=200", "--connectInteractionMode=notAskCredentials",
        "-f", script.toString()));
    for (String key : properties().stringPropertyNames()) {
      args.addAll(List.of(key.equals("user") ? "-n" : key.equals("password") ? "-p" : "--" + key,
          properties().getProperty(key)));
    }
    SqlLine.Status status;
    try {
      status = sqlline.begin(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), false);
    } finally {
      Files.deleteIfExists(script);
      recorder.write(target() + "-sqlline");
    }
    String text = out.toString(StandardCharsets.UTF_8);
    Path log = Path.of(System.getProperty("basedir", "."), "target", "client-calls", target() + "-sqlline-output.txt");
    Files.writeString(log, text);
    assertEquals(SqlLine.Status.OK, status, text);
    for (String bad : List.of("Exception", "Error:", "Unknown command", "No current connection")) {
      assertFalse(text.contains(bad), "sqlline printed '" + bad + "':\n" + text);
    }
    String upper = text.toUpperCase(Locale.ROOT);
    assertTrue(upper.contains("PERSON_ALIAS") && upper.contains("DB_ID"), "the tables and columns are listed:\n" + text);
  }

  @Test
  void jooq_meta_listsTablesColumnsAndKeys() throws Exception {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    MetadataRecorder recorder = new MetadataRecorder();
    try (Connection conn = connect()) {
      Meta meta = jooq(recorder.wrap(conn)).meta().filterSchemas(s -> s.getName().equals(schema()));
      List<Table<?>> tables = meta.getTables();
      Table<?> person = jooqTable(tables, "PERSON");
      Table<?> alias = jooqTable(tables, "PERSON_ALIAS");
      jooqTable(tables, "COMPANY");
      List<String> fields = Arrays.stream(person.fields()).map(f -> f.getName().toUpperCase(Locale.ROOT))
          .toList();
      assertTrue(fields.containsAll(List.of("DB_ID", "NAME", "EMPLOYER")), fields.toString());
      assertNotNull(person.getPrimaryKey(), "PERSON has a primary key");
      assertEquals("DB_ID", person.getPrimaryKey().getFields().get(0).getName().toUpperCase(Locale.ROOT));
      assertTrue(alias.getReferences().stream().anyMatch(fk -> fk.getKey().getTable().getName().equalsIgnoreCase("PERSON")),
          "PERSON_ALIAS references PERSON: " + alias.getReferences());
      meta.getIndexes(); // answers, whatever it holds
      meta.getSequences();
      assertFalse(meta.getSchemas().isEmpty());
    } finally {
      recorder.write(target() + "-jooq");
    }
  }

  /**
   * jOOQ on {@code conn} on the DEFAULT dialect, the one jOOQ infers for a URL it does not know:
   * plain JDBC metadata, none of a dialect's own catalog queries.
   */
  DSLContext jooq(Connection conn) {
    return DSL.using(conn, SQLDialect.DEFAULT);
  }

  private static Table<?> jooqTable(List<Table<?>> tables, String name) {
    return tables.stream().filter(t -> t.getName().equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no table " + name + " in " + tables));
  }

  @Test
  void hikari_dataSourceClassName_validatesAndResets() throws Exception {
    HikariConfig config = poolConfig("dsclass");
    config.setDataSourceClassName(dataSourceClassName());
    config.addDataSourceProperty("url", url());
    properties().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
    checkPool(config);
  }

  @Test
  void hikari_jdbcUrl_validatesWithATestQueryAndResets() throws Exception {
    HikariConfig config = poolConfig("jdbcurl");
    MetadataRecorder recorder = new MetadataRecorder();
    config.setJdbcUrl(hikariJdbcUrl(recorder));
    config.setDataSourceProperties(properties());
    config.setConnectionTestQuery("SELECT 1");
    try {
      checkPool(config);
    } finally {
      recorder.write(target() + "-hikari");
    }
  }

  /**
   * The {@code jdbcUrl} HikariCP gets: by default through the recording driver, so that its calls
   * are written down; the Datolite class gives its own URL, so that HikariCP finds Datolite's
   * driver itself.
   */
  String hikariJdbcUrl(MetadataRecorder recorder) throws ClassNotFoundException {
    return recordingUrl(recorder);
  }

  private HikariConfig poolConfig(String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("realclients-" + target() + "-" + name);
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setValidationTimeout(2_000);
    config.setInitializationFailTimeout(1); // fail at construction, with the driver's error
    return config;
  }

  /** Borrows the pool's one connection, dirties its state, returns it, and checks the next borrow is reset and validated. */
  private void checkPool(HikariConfig config) throws Exception {
    try (HikariDataSource pool = new HikariDataSource(config)) {
      boolean autoCommit;
      boolean readOnly;
      int isolation;
      String catalog;
      String schemaName;
      try (Connection c = pool.getConnection()) {
        autoCommit = c.getAutoCommit();
        readOnly = c.isReadOnly();
        isolation = c.getTransactionIsolation();
        catalog = c.getCatalog();
        schemaName = c.getSchema();
        c.setAutoCommit(!autoCommit);
        c.setReadOnly(!readOnly);
        c.setTransactionIsolation(isolation == Connection.TRANSACTION_SERIALIZABLE
            ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_SERIALIZABLE);
        c.setCatalog(catalog);
        c.setSchema(schema());
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + spelled("PERSON"))) {
          assertTrue(rs.next());
          assertEquals(3, rs.getLong(1));
        }
      } // returned dirty, with a transaction open: the pool rolls back and resets
      Thread.sleep(600); // past HikariCP's 500 ms alive-bypass window, so the next borrow validates
      try (Connection c = pool.getConnection()) {
        assertEquals(autoCommit, c.getAutoCommit(), "autoCommit reset");
        assertEquals(readOnly, c.isReadOnly(), "readOnly reset");
        assertEquals(isolation, c.getTransactionIsolation(), "isolation reset");
        assertEquals(catalog, c.getCatalog(), "catalog reset");
        assertEquals(schemaName, c.getSchema(), "schema reset");
        assertTrue(c.isValid(2));
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      }
      assertEquals(1, pool.getHikariPoolMXBean().getTotalConnections(), "the connection survived validation and reset");
    }
  }

  @Test
  void springJdbcTemplate_queries() throws Exception {
    MetadataRecorder recorder = new MetadataRecorder();
    DriverManagerDataSource ds = new DriverManagerDataSource(recordingUrl(recorder));
    ds.setConnectionProperties(properties());
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    try {
      queries(jdbc);
    } finally {
      recorder.write(target() + "-spring");
    }
  }

  private static void queries(JdbcTemplate jdbc) {
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT NAME, AGE FROM PERSON ORDER BY NAME");
    assertEquals(3, rows.size());
    assertEquals("Ann", rows.get(0).get("NAME"));
    assertEquals(30L, ((Number) rows.get(0).get("AGE")).longValue());
    assertEquals(null, rows.get(1).get("AGE"));
    assertEquals(30L, jdbc.queryForObject("SELECT AGE FROM PERSON WHERE NAME = ?", Long.class, "Ann"));
    assertEquals(2L, jdbc.queryForObject("SELECT COUNT(*) FROM PERSON WHERE AGE > ? OR ACTIVE = ?", Long.class, 35, false));
    assertEquals(List.of("Ann"), jdbc.queryForList("SELECT NAME FROM PERSON WHERE SCORE > ? AND BORN < ? ORDER BY NAME",
        String.class, 0.5, Timestamp.valueOf("2000-01-01 00:00:00")));
    assertEquals(List.of("A", "Annie"), jdbc.queryForList("SELECT A.ALIAS FROM PERSON P JOIN PERSON_ALIAS A"
        + " ON A.PERSON_ID = P.DB_ID WHERE P.NAME = ? ORDER BY A.ALIAS", String.class, "Ann"));
    assertEquals(List.of("Ann", "Bob"), jdbc.query("SELECT P.NAME FROM PERSON P JOIN COMPANY C ON P.EMPLOYER = C.DB_ID"
        + " WHERE C.CITY = ? ORDER BY P.NAME", (rs, i) -> rs.getString(1), "Basel"));
    assertEquals(Integer.valueOf(1), jdbc.queryForObject("SELECT 1", Integer.class));
  }
}

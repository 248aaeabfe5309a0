package org.datolite.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.server.TransactorServer;
import org.junit.jupiter.api.Test;

/**
 * The shaded driver, alone in its class loader, as a peer of a standalone transactor on
 * PostgreSQL storage: the peer reads storage through the relocated pgjdbc and HikariCP and talks
 * to the transactor through the relocated Netty. The transactor runs in this JVM from the test's
 * class path (unshaded), as a separate server would. Needs PostgreSQL ({@link WithPostgres}).
 */
@WithPostgres
class ShadedDriverPostgresIT {
  private static final String SECRET = "shaded-driver-test-secret-0123456789";

  @Test
  void aPeerReadsAndWritesThroughTheRelocatedLibraries(PostgresDatabase pg) throws Exception {
    String storage = "postgresql://" + pg.jdbcUrl().substring("jdbc:postgresql://".length());
    String database = "shaded" + System.nanoTime();
    TransactorServer server = TransactorServer.start(Stores.open(storage), new SegmentCache(),
        TransactorConfig.defaults(database), new TransactorServer.Settings("127.0.0.1", 0, null,
            SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2), null));
    ClassLoader saved = Thread.currentThread().getContextClassLoader();
    try {
      assertTrue(server.awaitActive(Duration.ofSeconds(30)));
      long before = server.transactor().basisT();
      Path jar = Path.of(System.getProperty("datolite.jdbc.jar"));
      URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Driver driver = (Driver) Class.forName("org.datolite.jdbc.Driver", true, loader)
          .getDeclaredConstructor().newInstance();
      // a host thread's context class loader that knows nothing of Datolite, PostgreSQL or HikariCP
      Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
      Properties props = new Properties();
      props.setProperty("secret", SECRET);
      String url = "jdbc:datolite:" + storage + (storage.contains("?") ? "&" : "?") + "db=" + database;
      try (Connection c = driver.connect(url, props); Statement s = c.createStatement()) {
        assertSame(loader, c.getClass().getClassLoader());
        s.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, label VARCHAR(20))");
        assertEquals(2, s.executeUpdate("INSERT INTO item (id, label) VALUES (1, 'one'), (2, 'two')"));
        List<String> labels = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT label FROM item ORDER BY id")) {
          while (rs.next()) {
            labels.add(rs.getString(1));
          }
        }
        assertEquals(List.of("one", "two"), labels);
      }
      // the writes went through the transactor (unshaded): the table's schema, then the rows
      assertTrue(server.transactor().basisT() >= before + 2, "basis t " + server.transactor().basisT());
    } finally {
      Thread.currentThread().setContextClassLoader(saved);
      server.close();
    }
  }
}

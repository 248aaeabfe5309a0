package org.datolite.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that the tests of this JVM share, located once: {@value #URL_VARIABLE}
 * if set, else a Testcontainers container if Docker runs, else none.
 *
 * @param adminUrl JDBC URL of a connection allowed to create and drop databases
 * @param user user name, or {@code null} if the URL carries it
 * @param password password, or {@code null}
 * @param origin where the server came from, for messages
 */
record PostgresServer(String adminUrl, String user, String password, String origin) {
  static final String URL_VARIABLE = "DATOLITE_TEST_PG_URL";
  static final String NO_SERVER = "no PostgreSQL: set " + URL_VARIABLE + " or start Docker";
  static final int CONNECT_TIMEOUT_SECONDS = 5;
  /** {@code DROP DATABASE … WITH (FORCE)} needs 13. */
  static final int MIN_MAJOR_VERSION = 13;

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static Located located;

  /** What {@link #locate} found: a server, or why there is none and whether that fails. */
  record Located(PostgresServer server, String problem, boolean fails) {}

  /**
   * The server for this JVM. Without one, aborts the calling test class (JUnit then skips it) or,
   * when {@code CI=true} or the user named a server that does not answer, fails it.
   */
  static PostgresServer require() {
    Located located = located();
    if (located.server() != null) {
      return located.server();
    }
    if (located.fails()) {
      throw new ExtensionConfigurationException(located.problem());
    }
    return Assumptions.abort(located.problem());
  }

  /** Where this JVM's server is, looked for on first call. */
  static synchronized Located located() {
    if (located == null) {
      located = locate(System.getenv(), PostgresContainer::dockerAvailable, PostgresContainer::start);
      if (located.server() != null) {
        LOG.info("tests use PostgreSQL at {} from {}", located.server().describe(), located.server().origin());
      } else if (located.fails()) {
        LOG.error("{}; tests that need PostgreSQL fail", located.problem());
      } else {
        LOG.warn("{}; tests that need PostgreSQL are skipped", located.problem());
      }
    }
    return located;
  }

  /** Decides where the server is; separate from {@link #require} so that it can be tested. */
  static Located locate(Map<String, String> env, BooleanSupplier dockerAvailable,
      Supplier<PostgresServer> startContainer) {
    String url = env.get(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      PostgresServer server = new PostgresServer(url.trim(), PostgresUrl.parameter(url.trim(), "user"),
          PostgresUrl.parameter(url.trim(), "password"), URL_VARIABLE);
      String problem = server.check();
      return problem == null ? new Located(server, null, false) : new Located(null, problem, true);
    }
    if (dockerAvailable.getAsBoolean()) {
      try {
        PostgresServer server = startContainer.get();
        String problem = server.check();
        return problem == null ? new Located(server, null, false) : new Located(null, problem, true);
      } catch (RuntimeException e) {
        return new Located(null, "Docker is available but the PostgreSQL container did not start: " + e, true);
      }
    }
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      return new Located(null, NO_SERVER + " (CI=true, so this fails instead of skipping)", true);
    }
    return new Located(null, NO_SERVER, false);
  }

  /** A new connection to the admin database that gives up after a few seconds. */
  Connection connect() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", "60");
    props.setProperty("ApplicationName", "datolite-testkit");
    return DriverManager.getConnection(adminUrl, props);
  }

  /** {@code null} if the server answers and is recent enough, else what is wrong. */
  String check() {
    try (Connection c = connect()) {
      int major = c.getMetaData().getDatabaseMajorVersion();
      if (major < MIN_MAJOR_VERSION) {
        return "PostgreSQL " + major + " at " + describe() + " is too old; the tests need "
            + MIN_MAJOR_VERSION + " or later";
      }
      return null;
    } catch (SQLException e) {
      return origin + " names PostgreSQL at " + describe() + " but connecting failed (timeout "
          + CONNECT_TIMEOUT_SECONDS + " s): " + e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }
  }

  /** The admin URL without its password. */
  String describe() {
    return PostgresUrl.maskPassword(adminUrl);
  }

  @Override
  public String toString() {
    return "PostgresServer[" + describe() + ", user=" + user + ", from " + origin + "]";
  }
}

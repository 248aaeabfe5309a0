package org.datolite.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link WithPostgres}: one fresh database per test class on a
 * server shared by the whole JVM.
 *
 * <p><b>Finding the server</b> ({@link PostgresServer}, once per JVM): the JDBC URL in
 * {@code DATOLITE_TEST_PG_URL}, used as an administrative connection; else a Testcontainers
 * PostgreSQL if Docker is available; else none, and the class is skipped with the reason
 * {@value PostgresServer#NO_SERVER}. The skip is an {@link ExecutionCondition}, because Surefire
 * reports a disabled class as skipped tests carrying the reason but drops a class whose
 * {@code beforeAll} aborts without a word; the JUnit assumption in {@code beforeAll} remains as
 * the fallback when conditions are deactivated. Two cases fail instead of skipping: {@code CI=true}
 * (CI never skips a test) and a {@code DATOLITE_TEST_PG_URL} whose server does not answer within a
 * few seconds (the user asked for that server).
 *
 * <p><b>The database</b>: {@code beforeAll} creates {@code dl_<class>_<random>} (lower case,
 * letters, digits and underscores only) and {@code afterAll} drops it {@code WITH (FORCE)}, which
 * also ends connections a test left open. Its URL is the admin URL with the database replaced,
 * keeping the parameters. {@code @Nested} classes share their outer class's database. The
 * database is created lazily on first use, so that constructors of {@code PER_CLASS} test classes,
 * which run before {@code beforeAll}, can receive it too.
 */
public final class PostgresExtension
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestInstancePreConstructCallback,
        ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final String KEY = "database";
  private static final int MAX_CLASS_PART = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    PostgresServer.Located located = PostgresServer.located();
    if (located.server() == null && !located.fails()) {
      return ConditionEvaluationResult.disabled(located.problem());
    }
    return ConditionEvaluationResult.enabled("PostgreSQL from " + (located.server() == null
        ? "nowhere, and that fails: " + located.problem() : located.server().origin()));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    PostgresServer.require(); // skips or fails here rather than inside parameter resolution
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return database(extensionContext);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    // remove() only looks at this context: a @Nested class leaves its outer class's database alone
    PostgresDatabase db = context.getStore(NAMESPACE).remove(KEY, PostgresDatabase.class);
    if (db != null) {
      drop(PostgresServer.require(), db);
    }
  }

  /** The database of the test class of {@code context}, created on first use. */
  private static PostgresDatabase database(ExtensionContext context) {
    synchronized (PostgresExtension.class) {
      PostgresDatabase db = context.getStore(NAMESPACE).get(KEY, PostgresDatabase.class);
      if (db != null) {
        return db;
      }
      ExtensionContext owner = context;
      while (owner.getTestMethod().isPresent() && owner.getParent().isPresent()) {
        owner = owner.getParent().get();
      }
      db = create(PostgresServer.require(), owner.getRequiredTestClass());
      owner.getStore(NAMESPACE).put(KEY, db);
      return db;
    }
  }

  /** A safe, unique database name for a test class: {@code dl_<class>_<8 hex digits>}. */
  static String databaseName(Class<?> testClass) {
    String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (simple.length() > MAX_CLASS_PART) {
      simple = simple.substring(0, MAX_CLASS_PART);
    }
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return "dl_" + simple + "_" + HexFormat.of().formatHex(suffix);
  }

  private static PostgresDatabase create(PostgresServer server, Class<?> testClass) {
    String name = databaseName(testClass);
    try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new ExtensionConfigurationException("cannot create database " + name + " for "
          + testClass.getName() + " on " + server.describe() + ": " + e.getMessage(), e);
    }
    LOG.debug("created database {} for {} on {}", name, testClass.getName(), server.describe());
    return new PostgresDatabase(PostgresUrl.withDatabase(server.adminUrl(), name), server.user(),
        server.password(), name);
  }

  private static void drop(PostgresServer server, PostgresDatabase db) throws SQLException {
    try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + db.name() + "\" WITH (FORCE)");
    }
    LOG.debug("dropped database {} on {}", db.name(), server.describe());
  }
}

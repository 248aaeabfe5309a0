package org.datolite.storage.kv.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.Driver;

/**
 * How a {@link PostgresStore} connects: one direct pgjdbc connection to set up the table, then a
 * HikariCP pool for the operations. Both use the same driver settings:
 *
 * <ul>
 *   <li>{@code connectTimeout} and {@code loginTimeout}: the configured connect timeout, for the
 *       TCP connect and for the whole login (a server that accepts but never answers);
 *   <li>{@code socketTimeout}: every wait for the server's answer;
 *   <li>{@code tcpKeepAlive=true}, so that the kernel notices a peer that vanished;
 *   <li>{@code ApplicationName=datolite}, to find the store's sessions in {@code pg_stat_activity}.
 * </ul>
 *
 * <p>The pool waits at most the connect timeout for a free connection ({@code connectionTimeout})
 * and validates idle connections before lending them. It does not connect in its constructor:
 * HikariCP's fail-fast start pauses a second after a failed attempt, and closing a pool whose first
 * connection hangs waits for that attempt. The direct connection fails instead, at once for a
 * refused connection and within the connect timeout for a silent server, with the driver's own
 * message, and leaves no pool behind.
 */
final class PostgresConnector {
  private static final Driver DRIVER = new Driver();
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final long MAX_VALIDATION_MILLIS = 5000;

  private PostgresConnector() {}

  /** A new connection outside any pool, in auto-commit mode. */
  static Connection connect(PostgresStoreConfig config) throws SQLException {
    Properties props = driverProperties(config);
    if (config.user() != null) {
      props.setProperty("user", config.user());
    }
    if (config.password() != null) {
      props.setProperty("password", config.password());
    }
    return DRIVER.connect(config.jdbcUrl(), props);
  }

  /** A started pool that opens its connections in the background. */
  static HikariDataSource openPool(PostgresStoreConfig config) {
    HikariConfig h = new HikariConfig();
    h.setPoolName("datolite-pg-" + POOLS.incrementAndGet());
    h.setDriverClassName(Driver.class.getName());
    h.setJdbcUrl(config.jdbcUrl());
    if (config.user() != null) {
      h.setUsername(config.user());
    }
    if (config.password() != null) {
      h.setPassword(config.password());
    }
    h.setDataSourceProperties(driverProperties(config));
    h.setMaximumPoolSize(config.maximumPoolSize());
    h.setConnectionTimeout(config.connectTimeout().toMillis());
    h.setValidationTimeout(Math.min(config.connectTimeout().toMillis(), MAX_VALIDATION_MILLIS));
    h.setAutoCommit(true);
    h.setInitializationFailTimeout(-1);
    return new HikariDataSource(h);
  }

  /** The driver's settings, as strings: pgjdbc reads them with {@code getProperty}. */
  private static Properties driverProperties(PostgresStoreConfig config) {
    Properties props = new Properties();
    props.setProperty("connectTimeout", Integer.toString(config.connectTimeoutSeconds()));
    props.setProperty("loginTimeout", Integer.toString(config.connectTimeoutSeconds()));
    props.setProperty("socketTimeout", Integer.toString(config.socketTimeoutSeconds()));
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "datolite");
    return props;
  }
}

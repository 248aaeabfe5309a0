package org.datolite.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL database that belongs to one test class, given by {@link WithPostgres}.
 *
 * @param jdbcUrl the database's JDBC URL; it may carry the user (and password) as parameters
 * @param user the user name, or {@code null} if the URL carries it
 * @param password the password, or {@code null} if none is needed or the URL carries it
 * @param name the database's name on the server
 */
public record PostgresDatabase(String jdbcUrl, String user, String password, String name) {

  /** A new connection to this database, in auto-commit mode. */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, props);
  }

  @Override
  public String toString() {
    return "PostgresDatabase[" + PostgresUrl.maskPassword(jdbcUrl) + ", user=" + user
        + (password == null ? "" : ", password=****") + "]";
  }
}

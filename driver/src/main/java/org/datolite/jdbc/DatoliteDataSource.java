package org.datolite.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.datolite.error.SqlState;

/**
 * A {@link DataSource} with bean properties, for pools and frameworks (HikariCP's
 * {@code dataSourceClassName=org.datolite.jdbc.DatoliteDataSource} with {@code url}): the URL,
 * and any connection property through {@link #setProperties} or {@link #setProperty}.
 */
public class DatoliteDataSource implements DataSource {
  private final Driver driver = new Driver();
  private final Properties properties = new Properties();
  private String url;
  private int loginTimeout;
  private PrintWriter logWriter;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** The same as {@link #setUrl}, under the name some tools use. */
  public void setJdbcUrl(String url) {
    this.url = url;
  }

  public String getJdbcUrl() {
    return url;
  }

  public void setProperty(String name, String value) {
    properties.setProperty(name, value);
  }

  public Properties getProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    return p;
  }

  public void setProperties(Properties props) {
    properties.clear();
    if (props != null) {
      properties.putAll(props);
    }
  }

  public void setUser(String user) {
    properties.setProperty("user", user);
  }

  public void setPassword(String password) {
    properties.setProperty("password", password);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (url == null || !driver.acceptsURL(url)) {
      throw JdbcErrors.of(SqlState.CONNECTION_UNABLE_TO_CONNECT, "the data source's url is '" + url
          + "'; expected jdbc:datolite:mem:NAME, jdbc:datolite:file:PATH or jdbc:datolite:postgresql://…");
    }
    return driver.connect(url, properties);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Datolite logs through SLF4J, not java.util.logging", "0A000");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "the data source is not a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}

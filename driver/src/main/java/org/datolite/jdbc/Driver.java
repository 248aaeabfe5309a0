package org.datolite.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.datolite.ConnectionProperty;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.calcite.SqlWarmUp;
import org.datolite.error.SqlState;

/**
 * The JDBC driver, registered through {@code META-INF/services/java.sql.Driver}. URLs:
 * {@code jdbc:datolite:mem:NAME}, {@code jdbc:datolite:file:PATH} and
 * {@code jdbc:datolite:postgresql://HOST:PORT/PGDB?db=NAME&…}. Connection properties
 * ({@link ConnectionProperty}) come from the {@code Properties} or, for {@code mem:} and
 * {@code file:} URLs, from {@code ?key=value&…} after the address; an unknown or malformed one
 * fails the connect with an error naming it. Other URLs are not this driver's:
 * {@link #acceptsURL} answers false and {@link #connect} null, never an exception.
 */
public final class Driver implements java.sql.Driver {
  static final int MAJOR = 0;
  static final int MINOR = 1;

  static {
    try {
      DriverManager.registerDriver(new Driver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
    // the classes of SQL planning load on a background thread meanwhile (see SqlWarmUp)
    SqlWarmUp.start();
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(Datolite.JDBC_PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties props = new Properties();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        props.setProperty(name, info.getProperty(name));
      }
    }
    String address = url;
    String rest = url.substring(Datolite.JDBC_PREFIX.length());
    int q = rest.indexOf('?');
    if (q >= 0 && (rest.startsWith("mem:") || rest.startsWith("file:"))) {
      address = Datolite.JDBC_PREFIX + rest.substring(0, q);
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw JdbcErrors.of(SqlState.CONNECTION_UNABLE_TO_CONNECT, "malformed property '" + pair + "' in '" + url
              + "'; expected key=value");
        }
        props.setProperty(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    Properties nativeProps = new Properties();
    Properties sqlProps = new Properties();
    try {
      ConnectionProperty.checkKnown(props);
    } catch (DatoliteException e) {
      throw JdbcErrors.of(e);
    }
    for (String name : props.stringPropertyNames()) {
      ConnectionProperty p = ConnectionProperty.of(name);
      if (p == ConnectionProperty.AS_OF || p == ConnectionProperty.SINCE || p == ConnectionProperty.HISTORY) {
        sqlProps.setProperty(name, props.getProperty(name));
      } else {
        nativeProps.setProperty(name, props.getProperty(name));
      }
    }
    DatoliteConnection c;
    try {
      c = Datolite.connect(address, nativeProps);
    } catch (DatoliteException e) {
      throw JdbcErrors.of(e);
    }
    return new JdbcConnection(c, url, sqlProps);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    ConnectionProperty[] all = ConnectionProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      ConnectionProperty p = all[i];
      String given = info == null ? null : info.getProperty(p.key());
      DriverPropertyInfo d = new DriverPropertyInfo(p.key(), given != null ? given
          : p.type() == ConnectionProperty.Type.SECRET ? null : p.defaultValue());
      d.description = p.expected();
      d.required = p == ConnectionProperty.SECRET && url != null && url.contains("postgresql://");
      d.choices = p.choices().isEmpty() ? null : p.choices().toArray(new String[0]);
      out[i] = d;
    }
    return out;
  }

  @Override
  public int getMajorVersion() {
    return MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return MINOR;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Datolite logs through SLF4J, not java.util.logging", "0A000");
  }
}

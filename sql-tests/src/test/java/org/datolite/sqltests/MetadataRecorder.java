package org.datolite.sqltests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records what a JDBC client asks of a driver: each {@link Connection} and
 * {@link DatabaseMetaData} method it calls, the SQL it runs, and, for every metadata result
 * set, the columns it reads by label (or by position, as {@code #n}). The tests wrap the
 * connection a client gets and write the record to {@code target/client-calls/}, so that what
 * SchemaCrawler, sqlline and jOOQ need from Datolite's {@code DatabaseMetaData} is written down
 * from a run against PostgreSQL rather than guessed.
 */
final class MetadataRecorder {
  /** "DatabaseMetaData.getTables" and the like, each with the labels read from its result. */
  private final Map<String, Set<String>> calls = new ConcurrentSkipListMap<>();

  /** {@code conn}, recording what is asked of it. */
  Connection wrap(Connection conn) {
    return (Connection) proxy(Connection.class, conn, "Connection", null);
  }

  private Object proxy(Class<?> type, Object target, String name, Connection outer) {
    InvocationHandler h = new InvocationHandler() {
      private Object self;

      @Override
      public Object invoke(Object p, Method m, Object[] args) throws Throwable {
        self = p;
        String method = m.getName();
        if (target instanceof ResultSet && !(method.startsWith("get") || method.equals("findColumn"))) {
          return call(m, args);
        }
        if (target instanceof ResultSet) {
          if (args != null && args.length >= 1 && args[0] instanceof String label) {
            calls.computeIfAbsent(name, k -> new ConcurrentSkipListSet<>()).add(label.toUpperCase(Locale.ROOT));
          } else if (args != null && args.length >= 1 && args[0] instanceof Integer i && !method.equals("getMetaData")) {
            calls.computeIfAbsent(name, k -> new ConcurrentSkipListSet<>()).add("#" + i);
          }
          return call(m, args);
        }
        if (Object.class.equals(m.getDeclaringClass()) || method.equals("unwrap") || method.equals("isWrapperFor")) {
          return call(m, args);
        }
        String key = name + "." + method;
        calls.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>());
        if (target instanceof Statement && args != null && args.length > 0 && args[0] instanceof String sql) {
          calls.computeIfAbsent("SQL", k -> new ConcurrentSkipListSet<>()).add(sql.replaceAll("\\s+", " "));
        }
        Object result = call(m, args);
        if (target instanceof Connection && (method.startsWith("prepare") || method.equals("createStatement"))
            && args != null && args.length > 0 && args[0] instanceof String sql) {
          calls.computeIfAbsent("SQL", k -> new ConcurrentSkipListSet<>()).add(sql.replaceAll("\\s+", " "));
        }
        if (result == null) {
          return null;
        }
        Connection conn = target instanceof Connection ? (Connection) self : outer;
        if (method.equals("getConnection") && target instanceof DatabaseMetaData) {
          return conn;
        }
        Class<?> rt = m.getReturnType();
        if (rt == DatabaseMetaData.class) {
          return proxy(rt, result, "DatabaseMetaData", conn);
        }
        if (rt == ResultSet.class && target instanceof DatabaseMetaData) {
          return proxy(rt, result, key, conn);
        }
        if (Statement.class.isAssignableFrom(rt) && target instanceof Connection) {
          return proxy(rt, result, rt.getSimpleName(), conn);
        }
        return result;
      }

      private Object call(Method m, Object[] args) throws Throwable {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    };
    return Proxy.newProxyInstance(MetadataRecorder.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  /** One line per call, with the labels read from its result: {@code DatabaseMetaData.getTables: TABLE_NAME, …}. */
  String report() {
    return calls.entrySet().stream()
        .map(e -> e.getKey() + (e.getValue().isEmpty() ? "" : ": " + String.join(", ", e.getValue())))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** Writes the report to {@code target/client-calls/NAME.txt}. */
  void write(String name) {
    try {
      Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "client-calls");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), report());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A driver for URLs {@code jdbc:recording:<url>}, for clients that take a URL (sqlline): it
   * connects to {@code <url>} and records into {@link #current}.
   */
  public static final class RecordingDriver implements Driver {
    static final String PREFIX = "jdbc:recording:";
    static volatile MetadataRecorder current = new MetadataRecorder();

    static {
      try {
        DriverManager.registerDriver(new RecordingDriver());
      } catch (SQLException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      return acceptsURL(url) ? current.wrap(DriverManager.getConnection(url.substring(PREFIX.length()), info)) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 1;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }
  }

  @Override
  public String toString() {
    return "MetadataRecorder" + Arrays.toString(calls.keySet().toArray());
  }
}

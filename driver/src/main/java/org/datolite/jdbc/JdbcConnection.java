package org.datolite.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.datolite.ConnectionProperty;
import org.datolite.Database;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.SimpleSelect;
import org.datolite.calcite.SqlEngine;
import org.datolite.calcite.model.SqlModel;
import org.datolite.error.SqlState;

/**
 * A JDBC connection over a native {@link DatoliteConnection} of the same peer (what
 * {@code unwrap(DatoliteConnection.class)} returns). Every statement reads the connection's
 * latest database value when it runs, or the as-of, since or history view its properties ask
 * for; one statement reads one value. SQL is read-only for now, so transactions have nothing to
 * commit: {@code setAutoCommit}, {@code commit}, {@code rollback}, {@code setReadOnly} and
 * {@code setTransactionIsolation} are accepted and harmless.
 */
final class JdbcConnection extends AbstractConnection {
  private final DatoliteConnection connection;
  private final String url;
  private final Object asOf;
  private final Object since;
  private final boolean history;
  private final Set<JdbcStatement> statements = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private boolean autoCommit = true;
  private boolean readOnly;
  private int isolation = TRANSACTION_REPEATABLE_READ;
  private int holdability = ResultSet.CLOSE_CURSORS_AT_COMMIT;
  private int networkTimeout;
  private String schema = "PUBLIC";
  private SQLWarning warnings;
  private final Properties clientInfo = new Properties();
  private Map<String, Class<?>> typeMap = new HashMap<>();

  JdbcConnection(DatoliteConnection connection, String url, Properties props) throws SQLException {
    this.connection = connection;
    this.url = url;
    try {
      this.asOf = pointInTime(ConnectionProperty.AS_OF, ConnectionProperty.AS_OF.get(props));
      this.since = pointInTime(ConnectionProperty.SINCE, ConnectionProperty.SINCE.get(props));
      this.history = "true".equals(ConnectionProperty.HISTORY.get(props).toLowerCase(Locale.ROOT));
      if (!history && !"false".equals(ConnectionProperty.HISTORY.get(props).toLowerCase(Locale.ROOT))) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property 'history' is '"
            + ConnectionProperty.HISTORY.get(props) + "'; expected " + ConnectionProperty.HISTORY.expected());
      }
    } catch (DatoliteException e) {
      connection.close();
      throw JdbcErrors.of(e);
    }
  }

  /** A basis t (a number) or an ISO-8601 instant, or null. */
  private static Object pointInTime(ConnectionProperty p, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      long t = Long.parseLong(text);
      if (t < 0) {
        throw new NumberFormatException();
      }
      return t;
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property '" + p.key() + "' is '"
            + text + "'; expected a basis t (0 or more) or an ISO-8601 instant such as 2024-01-01T00:00:00Z");
      }
    }
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw JdbcErrors.closed("the connection");
    }
  }

  /** The database value a statement reads now. */
  Database database() throws SQLException {
    checkOpen();
    try {
      Database db = connection.db();
      if (asOf instanceof Long t) {
        db = db.asOf(t);
      } else if (asOf instanceof Instant i) {
        db = db.asOf(i);
      }
      if (since instanceof Long t) {
        db = db.since(t);
      } else if (since instanceof Instant i) {
        db = db.since(i);
      }
      return history ? db.history() : db;
    } catch (DatoliteException e) {
      throw JdbcErrors.of(e);
    }
  }

  /** The plan of a statement over the current schema. */
  PreparedSql prepare(String sql) throws SQLException {
    return prepare(sql, database());
  }

  /** The plan of a statement over the schema of a database value. */
  PreparedSql prepare(String sql, Database db) throws SQLException {
    try {
      // a simple single-table SELECT needs no planner (and a cold JVM none of its classes)
      PreparedSql simple = SimpleSelect.prepare(SqlModel.cached(db.schema()), sql);
      return simple != null ? simple : SqlEngine.of(db.schema(), db.db()).prepare(sql);
    } catch (DatoliteException e) {
      throw JdbcErrors.of(e);
    }
  }

  /** A new execution over a database value. */
  Execution execution(Database db, int timeoutSeconds) {
    return new Execution(db, timeoutSeconds);
  }

  void forget(JdbcStatement s) {
    statements.remove(s);
  }

  String url() {
    return url;
  }

  DatoliteConnection nativeConnection() {
    return connection;
  }

  // ---- statements ------------------------------------------------------------------------------

  private JdbcStatement statement(String sql, int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    SQLWarning w = null;
    if (type != ResultSet.TYPE_FORWARD_ONLY) {
      w = new SQLWarning("result sets are forward-only; the statement was given TYPE_FORWARD_ONLY instead of " + type);
    }
    if (concurrency != ResultSet.CONCUR_READ_ONLY) {
      SQLWarning c = new SQLWarning("result sets are read-only; the statement was given CONCUR_READ_ONLY");
      if (w == null) {
        w = c;
      } else {
        w.setNextWarning(c);
      }
    }
    JdbcStatement s = new JdbcStatement(this, sql, w);
    statements.add(s);
    return s;
  }

  @Override
  public Statement createStatement() throws SQLException {
    return statement(null, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    return statement(null, type, concurrency, holdability);
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    return statement(null, type, concurrency, holdability);
  }

  private String sql(String sql) throws SQLException {
    if (sql == null) {
      throw JdbcErrors.of(SqlState.SYNTAX_ERROR, "no SQL given");
    }
    return sql;
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return statement(sql(sql), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
    return statement(sql(sql), type, concurrency, holdability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
    return statement(sql(sql), type, concurrency, holdability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  // ---- transactions (SQL is read-only for now: nothing to commit) ---------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    this.autoCommit = autoCommit;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    this.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    if (level != TRANSACTION_NONE && level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED
        && level != TRANSACTION_REPEATABLE_READ && level != TRANSACTION_SERIALIZABLE) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "unknown transaction isolation level " + level);
    }
    isolation = level;
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return isolation;
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    this.holdability = holdability;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return holdability;
  }

  // ---- the rest ----------------------------------------------------------------------------

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new JdbcDatabaseMetaData(this);
  }

  @Override
  public void close() throws SQLException {
    if (!closed) {
      closed = true;
      for (JdbcStatement s : statements.toArray(new JdbcStatement[0])) {
        s.close();
      }
      connection.close();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "isValid timeout " + timeout + " is negative");
    }
    return !closed && connection.isValid();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "abort needs an executor");
    }
    for (JdbcStatement s : statements) {
      s.cancel();
    }
    close();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "network timeout " + milliseconds + " is negative");
    }
    networkTimeout = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeout;
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    this.schema = schema;
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return schema;
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    warnings = null;
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return typeMap;
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    typeMap = map == null ? new HashMap<>() : map;
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    clientInfo.clear();
    if (properties != null) {
      clientInfo.putAll(properties);
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties p = new Properties();
    p.putAll(clientInfo);
    return p;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this) || iface.isInstance(connection);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(connection)) {
      return iface.cast(connection);
    }
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a Datolite connection is not a " + iface.getName()
        + "; it unwraps to " + DatoliteConnection.class.getName());
  }
}

package org.datolite.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.datolite.ConnectionProperty;
import org.datolite.Database;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.TxReport;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.SimpleSelect;
import org.datolite.calcite.SqlEngine;
import org.datolite.calcite.ddl.SqlDdl;
import org.datolite.calcite.exec.ReadLog;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.write.SqlWrite;
import org.datolite.calcite.write.SqlWrites;
import org.datolite.calcite.write.TxData;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.tx.TxException;

/**
 * A JDBC connection over a native {@link DatoliteConnection} of the same peer (what
 * {@code unwrap(DatoliteConnection.class)} returns). Every statement reads the connection's
 * latest database value when it runs, or the as-of, since or history view its properties ask
 * for; one statement reads one value.
 *
 * <p>With autocommit on (the default) each write is one transaction. With it off, statements run
 * in a {@link SqlTransaction}: they read one value plus their own writes, and {@code commit}
 * submits the writes as one transaction, which the transactor refuses with {@code 40001} if a
 * transaction committed meanwhile changed what it read or wrote (serializable, whatever level
 * {@code setTransactionIsolation} names). The new rows of a transaction take their ids from a
 * block the connection reserved ({@code :db.sql/reserve}), so that their generated keys are final
 * before the commit. A connection that is read-only, or reads a past or partial view of the
 * database, refuses writes with {@code 25006}.
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
  private int isolation = TRANSACTION_SERIALIZABLE;
  /** The open JDBC transaction (autocommit off, from its first statement), or null. */
  private SqlTransaction transaction;
  private final List<JdbcSavepoint> savepoints = new ArrayList<>();
  private int savepointIds;
  /** The next reserved id for a new row of a transaction, and the end of its block. */
  private long nextId;
  private long endId;
  /** How many ids the next reservation asks for: {@link #FIRST_ID_BLOCK}, doubling up to {@link #MAX_ID_BLOCK}. */
  private int idBlock = FIRST_ID_BLOCK;
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

  /** Whether the connection reads a past or partial view of the database (its properties say so). */
  private boolean timeTravels() {
    return asOf != null || since != null || history;
  }

  /** The database value a statement reads now: the open transaction's (one is begun when autocommit is off). */
  Database database() throws SQLException {
    checkOpen();
    if (!autoCommit && !timeTravels()) {
      if (transaction == null) {
        transaction = new SqlTransaction(connection.db());
      }
      return transaction.database();
    }
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

  /**
   * The database value a write is planned on: as {@link #database()}, but in a transaction
   * without applying its deferred INSERTs ({@link SqlTransaction#unflushed}); the schema is the
   * same. A write that reads must then run on {@link #database()}.
   */
  Database planningDatabase() throws SQLException {
    if (!autoCommit && !timeTravels() && transaction != null) {
      checkOpen();
      return transaction.unflushed();
    }
    return database();
  }

  /** Whether a write is deferred in the open transaction ({@link SqlTransaction#defer}) rather than applied. */
  boolean defers(SqlWrite w, Schema schema) {
    return !autoCommit && !timeTravels() && w.insertsWithoutReading(schema);
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
    return new Execution(db, timeoutSeconds, transaction == null ? null : transaction.readLog());
  }

  /** Where the open transaction's statements tell what they read, or null. */
  ReadLog transactionReadLog() {
    return transaction == null ? null : transaction.readLog();
  }

  /** Whether a write commits by itself (autocommit on): it then checks its own reads. */
  boolean commitsAlone() {
    return autoCommit;
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** The prepared write of a statement over the schema of a database value. */
  SqlWrite prepareWrite(String sql, Database db) throws SQLException {
    try {
      return SqlWrites.prepare(db.schema(), db.db(), sql);
    } catch (DatoliteException e) {
      throw JdbcErrors.of(e);
    }
  }

  /** Fails with 25006 when the connection may not write. */
  void checkWritable() throws SQLException {
    checkOpen();
    if (readOnly) {
      throw JdbcErrors.of(SqlState.READ_ONLY_SQL_TRANSACTION, "the connection is read-only (setReadOnly(true));"
          + " writes need a read-write connection");
    }
    if (timeTravels()) {
      throw JdbcErrors.of(SqlState.READ_ONLY_SQL_TRANSACTION, "the connection reads "
          + (history ? "the history" : asOf != null ? "the database as of " + asOf : "the database since " + since)
          + " (its asOf, since or history property); writes need a connection to the current database");
    }
  }

  /** Where a write's new rows take their ids from: reserved ids in a transaction, else null (tempids). */
  LongSupplier newIds() {
    return autoCommit ? null : this::reservedId;
  }

  private long reservedId() {
    if (nextId == endId) {
      try {
        TxReport r = connection.transact("[[:db.sql/reserve \"ids\" " + idBlock + "]]");
        nextId = r.tempids().get("ids");
        endId = nextId + idBlock;
        idBlock = Math.min(MAX_ID_BLOCK, idBlock * 2);
      } catch (RuntimeException e) {
        throw e instanceof DatoliteException d ? d : new DatoliteException(SqlState.CONNECTION_FAILURE,
            "could not reserve ids for new rows: " + e.getMessage(), e);
      }
    }
    return nextId++;
  }

  /**
   * How many ids a connection reserves first for the new rows of its transactions. Each block it
   * uses up makes the next twice as large, up to {@link #MAX_ID_BLOCK}: a bulk load of 200,000
   * rows made 196 reservations (a transaction and a round trip each) with blocks of 1,024, and
   * makes 9 this way, while a connection that inserts a few rows leaves at most 1,024 ids unused.
   */
  static final int FIRST_ID_BLOCK = 1024;
  /** The largest block a connection reserves at a time. */
  static final int MAX_ID_BLOCK = 65_536;

  /**
   * Applies a write: commits it as one transaction (autocommit), or adds it to the open one.
   *
   * @return the ids of the new rows, in order
   */
  List<Long> write(TxData data) throws SQLException {
    return write(data, List.of(), null);
  }

  /**
   * As {@link #write(TxData)}, with read checks for a statement that commits alone: what it read
   * must not have changed since the value it read (no lost update).
   */
  List<Long> write(TxData data, List<Object> checks) throws SQLException {
    return write(data, checks, null);
  }

  /**
   * As {@link #write(TxData, List)}; {@code deferredInto}: the table of an INSERT that reads
   * nothing, which an open transaction keeps without applying it yet ({@link #defers}), or null.
   */
  List<Long> write(TxData data, List<Object> checks, TableModel deferredInto) throws SQLException {
    checkWritable();
    if (data.isEmpty()) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>(data.newRows().size());
    try {
      if (!autoCommit) {
        planningDatabase(); // begins the transaction if this is its first statement
        for (Object id : data.newRows()) {
          ids.add((Long) id);
        }
        if (deferredInto != null) {
          transaction.defer(data.forms(), ids, deferredInto, data.rows());
        } else {
          transaction.apply(data.forms(), ids);
        }
        return ids;
      }
      List<Object> forms = data.forms();
      if (!checks.isEmpty()) {
        forms = new ArrayList<>(forms);
        forms.addAll(checks);
      }
      TxReport r = connection.transact(forms);
      for (Object tempid : data.newRows()) {
        ids.add(r.tempids().get((String) tempid));
      }
      return ids;
    } catch (RuntimeException e) {
      throw txError(e);
    }
  }

  /**
   * Runs a DDL statement (docs/sql.md, "Creating tables"): planned on the newest value and
   * committed at once as its own transactions, whatever the autocommit mode, as MySQL and Oracle
   * do. With autocommit off, an open transaction that has written fails it with 25001 (commit or
   * roll back first); one that has only read ends, and the next statement begins a new one on a
   * value that has the new schema. A DDL whose reads a concurrent transaction changed runs again.
   */
  void ddl(String sql) throws SQLException {
    checkWritable();
    if (!autoCommit && transaction != null && transaction.hasWrites()) {
      throw JdbcErrors.of(SqlState.ACTIVE_SQL_TRANSACTION, "DDL runs as its own transaction, and this one has"
          + " written: commit or roll back first");
    }
    transaction = null;
    for (int attempt = 1; ; attempt++) {
      try {
        Database db = connection.db();
        SqlDdl.Plan plan = SqlDdl.plan(db.schema(), db.db(), sql, System.currentTimeMillis());
        for (List<Object> tx : plan.transactions()) {
          connection.transact(tx);
        }
        return;
      } catch (DatoliteException e) {
        throw JdbcErrors.of(e);
      } catch (RuntimeException e) {
        SQLException failed = txError(e);
        if (!SqlState.SERIALIZATION_FAILURE.code().equals(failed.getSQLState()) || attempt == DDL_ATTEMPTS) {
          throw failed;
        }
      }
    }
  }

  /** How often a DDL statement runs again when what it read changed before it committed. */
  private static final int DDL_ATTEMPTS = 20;

  /** A refused or failed transaction as the SQLException a client expects. */
  static SQLException txError(RuntimeException e) {
    if (e instanceof TxException t) {
      return JdbcErrors.of(t.code().sqlState(), t.getMessage(), t);
    }
    if (e instanceof TransactorException t) {
      return JdbcErrors.of(t.code().sqlState(), t.getMessage(), t);
    }
    return JdbcErrors.of(e);
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
    return returning(prepareStatement(sql), GeneratedKeys.of(autoGeneratedKeys));
  }

  private static PreparedStatement returning(PreparedStatement p, GeneratedKeys keys) {
    ((JdbcStatement) p).returnKeys(keys);
    return p;
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return returning(prepareStatement(sql), GeneratedKeys.of(columnIndexes));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return returning(prepareStatement(sql), GeneratedKeys.of(columnNames));
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  // ---- transactions ----------------------------------------------------------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    if (autoCommit && !this.autoCommit) {
      commit(); // JDBC: switching autocommit on commits the open transaction
    }
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
    if (autoCommit) {
      throw JdbcErrors.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "commit with autocommit on: every statement"
          + " committed itself; call setAutoCommit(false) to group statements into a transaction");
    }
    SqlTransaction t = transaction;
    transaction = null;
    savepoints.clear();
    if (t == null || !t.hasWrites()) {
      return; // nothing written: nothing to send
    }
    try {
      List<Object> data = t.commitData();
      if (data.isEmpty()) {
        return; // its writes undid each other
      }
      connection.transact(data);
    } catch (RuntimeException e) {
      throw txError(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw JdbcErrors.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "rollback with autocommit on: every statement"
          + " committed itself; call setAutoCommit(false) to group statements into a transaction");
    }
    transaction = null;
    savepoints.clear();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return savepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    if (name == null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a savepoint name is not null; setSavepoint() makes"
          + " an unnamed one");
    }
    return savepoint(name);
  }

  private Savepoint savepoint(String name) throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw JdbcErrors.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "a savepoint needs a transaction: call"
          + " setAutoCommit(false) first");
    }
    database(); // begins the transaction
    JdbcSavepoint p = new JdbcSavepoint(++savepointIds, name, transaction, transaction.mark());
    savepoints.add(p);
    return p;
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    int at = savepointIndex(savepoint);
    JdbcSavepoint p = savepoints.get(at);
    transaction.rollbackTo(p.mark());
    savepoints.subList(at + 1, savepoints.size()).clear(); // the savepoint stays; later ones go
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    int at = savepointIndex(savepoint);
    savepoints.subList(at, savepoints.size()).clear();
  }

  private int savepointIndex(Savepoint savepoint) throws SQLException {
    int at = savepoints.indexOf(savepoint);
    if (at < 0 || transaction == null || ((JdbcSavepoint) savepoint).transaction() != transaction) {
      throw JdbcErrors.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint " + savepoint
          + " is not one of the open transaction's (it was released, rolled back past, or its transaction ended)");
    }
    return at;
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    if (transaction != null && transaction.hasWrites() && readOnly != this.readOnly) {
      throw JdbcErrors.of(SqlState.ACTIVE_SQL_TRANSACTION, "cannot change read-only in the middle of a transaction"
          + " that wrote; commit or roll back first");
    }
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
      transaction = null; // an open transaction is rolled back
      savepoints.clear();
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

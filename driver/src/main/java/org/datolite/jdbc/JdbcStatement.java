package org.datolite.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.datolite.Database;
import org.datolite.DatoliteException;
import org.datolite.calcite.ParameterInfo;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.ResultColumn;
import org.datolite.calcite.ddl.SqlDdl;
import org.datolite.calcite.write.SqlWrite;
import org.datolite.calcite.write.SqlWrites;
import org.datolite.calcite.write.TxData;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;

/**
 * A statement, plain or prepared. Each execution takes the connection's current database value
 * (or its as-of, since or history view), binds the cached plan of the statement's text to it and
 * streams the rows; {@link #cancel} from another thread and the query timeout stop it with
 * {@code 57014}. An INSERT, UPDATE or DELETE becomes transaction data ({@link SqlWrite}) that the
 * connection commits or adds to its open transaction ({@link JdbcConnection#write}); a batch of
 * them is one transaction ({@link #executeBatch}).
 *
 * <p>About 700 lines, with a written reason: one class for Statement and PreparedStatement, whose
 * every execute method has a query and a write branch; the parameter setters are in
 * {@link ParameterSetters}, batches in {@link Batches}, generated keys in {@link GeneratedKeys}.
 */
final class JdbcStatement extends ParameterSetters {
  private final JdbcConnection connection;
  private final String sql;
  /** Whether the prepared SQL is a write, once asked (every {@code addBatch} asks). */
  private Boolean preparedWrite;
  private Object[] parameters;
  private JdbcResultSet current;
  private volatile Execution running;
  private boolean closed;
  private long maxRows;
  private int queryTimeout;
  private int fetchSize;
  private boolean closeOnCompletion;
  private boolean poolable;
  private SQLWarning warnings;
  /** The last write's update count; -1 after a query or once read past. */
  private long updateCount = -1;
  /** The keys of the rows the last write or batch inserted, when asked for. */
  private JdbcResultSet generatedKeys;
  /** The keys a prepared statement was asked to return. */
  private GeneratedKeys keys = GeneratedKeys.NONE;
  /** A prepared statement's batch: each entry's parameter values and which were set. */
  private final List<Object[]> batch = new ArrayList<>();
  /** A plain statement's batch: each entry's SQL. */
  private final List<String> batchTexts = new ArrayList<>();

  JdbcStatement(JdbcConnection connection, String sql, SQLWarning warning) throws SQLException {
    this.connection = connection;
    this.sql = sql;
    this.warnings = warning;
    this.poolable = sql != null;
    if (sql != null) {
      this.parameters = new Object[parametersOf(sql).size()];
    }
  }

  /** The keys this prepared statement's writes return ({@code prepareStatement(sql, …)}). */
  void returnKeys(GeneratedKeys keys) {
    this.keys = keys;
  }

  private List<ParameterInfo> parametersOf(String text) throws SQLException {
    if (SqlDdl.isDdl(text)) {
      return List.of(); // DDL takes no parameters; it is parsed when it runs
    }
    Database db = connection.database();
    return SqlWrites.isWrite(text) ? writeFor(text, db).parameters() : connection.prepare(text, db).parameters();
  }

  private void open() throws SQLException {
    if (closed) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "the statement is closed");
    }
    connection.checkOpen();
  }

  private String prepared() throws SQLException {
    if (sql == null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a plain statement takes its SQL in execute; "
          + "prepareStatement(sql) makes one with parameters");
    }
    return sql;
  }

  // ---- running ---------------------------------------------------------------------------------

  /** Parameter values in internal form, each set (a NULL too); none for a statement that needs none. */
  private Object[] bind(List<ParameterInfo> infos, boolean needed, Object[] values, boolean[] isSet)
      throws SQLException {
    Object[] internal = new Object[needed ? infos.size() : 0];
    if (values == null && needed) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "the statement has " + infos.size()
          + " parameters; run it with prepareStatement and set them");
    }
    for (int i = 0; i < internal.length; i++) {
      if (values[i] == null) {
        if (i >= isSet.length || !isSet[i]) {
          throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter " + (i + 1) + " is not set");
        }
        internal[i] = null;
      } else {
        internal[i] = JdbcValues.toInternal(infos.get(i).type(), values[i]);
      }
    }
    return internal;
  }

  private JdbcResultSet run(String text, Object[] values) throws SQLException {
    open();
    closeCurrent();
    if (SqlWrites.isWrite(text) || SqlDdl.isDdl(text)) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "executeQuery runs a query; this statement is "
          + (SqlDdl.isDdl(text) ? "DDL (" + SqlWrites.firstWord(text) + ")" : "an " + SqlWrites.firstWord(text))
          + ": run it with executeUpdate or execute");
    }
    Database db = connection.database();
    PreparedSql plan = planFor(text, db);
    Object[] internal = bind(plan.parameters(), plan.needsParameters(), values, set);
    Execution x = connection.execution(db, queryTimeout);
    running = x;
    try {
      PreparedSql.Rows rows = plan.execute(x, internal, System.currentTimeMillis());
      current = new JdbcResultSet(this, plan.columns(), rows, maxRows, () -> running = null, x);
      return current;
    } catch (DatoliteException e) {
      running = null;
      throw JdbcErrors.of(e);
    }
  }

  private boolean[] set = new boolean[0];
  /** A prepared statement's plan and the schema it was planned for: reused while the schema stays. */
  private PreparedSql lastPlan;
  private Schema lastSchema;

  private PreparedSql planFor(String text, Database db) throws SQLException {
    if (sql != null && lastPlan != null && lastSchema == db.schema()) {
      return lastPlan;
    }
    PreparedSql plan = connection.prepare(text, db);
    if (sql != null) {
      lastPlan = plan;
      lastSchema = db.schema();
    }
    return plan;
  }

  private SqlWrite lastWrite;
  private Schema lastWriteSchema;

  private SqlWrite writeFor(String text, Database db) throws SQLException {
    if (sql != null && lastWrite != null && lastWriteSchema == db.schema()) {
      return lastWrite;
    }
    SqlWrite w = connection.prepareWrite(text, db);
    if (sql != null) {
      lastWrite = w;
      lastWriteSchema = db.schema();
    }
    return w;
  }

  private void closeCurrent() throws SQLException {
    if (current != null) {
      current.close();
      current = null;
    }
    updateCount = -1;
    generatedKeys = null;
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Runs a write: its update count; the keys of its new rows kept when asked for. */
  private long runWrite(String text, Object[] values, boolean[] isSet, GeneratedKeys wanted) throws SQLException {
    open();
    closeCurrent();
    connection.checkWritable();
    Written w;
    List<Long> ids;
    for (int attempt = 1; ; attempt++) {
      w = plan(text, values, isSet, "r");
      if (wanted.wanted()) {
        wanted.positions(w.write().table()); // a key column that does not exist fails before the write
      }
      try {
        ids = connection.write(w.data(), w.checks(), w.deferred() ? w.write().table() : null);
        break;
      } catch (SQLException e) {
        // Committing alone, a write whose reads changed meanwhile runs again on the newer value,
        // as PostgreSQL's UPDATE re-reads a row another transaction changed: no lost update.
        if (w.checks().isEmpty() || !SqlState.SERIALIZATION_FAILURE.code().equals(e.getSQLState())
            || attempt == AUTOCOMMIT_ATTEMPTS) {
          throw e;
        }
        backOff(attempt);
      }
    }
    updateCount = w.data().count();
    if (wanted.wanted()) {
      generatedKeys = wanted.resultSet(w.write().table(), List.of(w.data()), List.of(ids), w.db());
    }
    return updateCount;
  }

  /** Runs a DDL statement: its update count, 0. */
  private long runDdl(String text) throws SQLException {
    open();
    closeCurrent();
    connection.ddl(text);
    updateCount = 0;
    return 0;
  }

  /**
   * A batch holding DDL (a schema script): each entry runs on its own, in order, DDL as its own
   * transaction; a failing entry stops the batch with the counts of the entries before it.
   */
  private long[] ddlBatch(List<String> texts) throws SQLException {
    long[] counts = new long[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      try {
        counts[i] = SqlDdl.isDdl(texts.get(i)) ? runDdl(texts.get(i))
            : runWrite(texts.get(i), null, new boolean[0], GeneratedKeys.NONE);
      } catch (SQLException e) {
        throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), Arrays.copyOf(counts, i), e);
      }
    }
    updateCount = -1;
    return counts;
  }

  /** How often a write that commits alone runs again after its reads changed. */
  private static final int AUTOCOMMIT_ATTEMPTS = 20;

  private static void backOff(int attempt) throws SQLException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 1 + Math.min(attempt, 8) * 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JdbcErrors.of(SqlState.QUERY_CANCELED, "interrupted while running a write again after a conflict");
    }
  }

  /**
   * A write planned on the connection's current value.
   *
   * @param checks the read checks of a write that reads and commits alone (autocommit), else empty
   * @param deferred an INSERT that reads nothing, kept by the open transaction and applied later
   */
  record Written(SqlWrite write, TxData data, Database db, List<Object> checks, boolean deferred) {}

  private Written plan(String text, Object[] values, boolean[] isSet, String tempidPrefix) throws SQLException {
    Database db = connection.planningDatabase();
    SqlWrite w = writeFor(text, db);
    boolean deferred = connection.defers(w, db.schema());
    if (!deferred) {
      db = connection.database(); // it reads: the transaction's own writes, all of them
    }
    Object[] internal = bind(w.parameters(), true, values == null ? new Object[0] : values, isSet);
    ReadSet reads = connection.commitsAlone() && w.source() != null ? new ReadSet() : null;
    Execution x = new Execution(db, queryTimeout,
        ReadSet.excluding(reads != null ? reads : connection.transactionReadLog(), w.incremented()));
    running = x;
    try {
      TxData data = w.plan(x, internal, System.currentTimeMillis(), tempidPrefix, connection.newIds());
      return new Written(w, data, db,
          reads == null ? List.of() : reads.checks(db.basisT(), Set.of(), Set.of()), deferred);
    } catch (DatoliteException e) {
      throw JdbcErrors.of(e);
    } finally {
      running = null;
    }
  }

  private static SQLException notAWrite(String text) {
    return JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "executeUpdate runs an INSERT, UPDATE or DELETE; this"
        + " statement is " + (SqlWrites.firstWord(text).isEmpty() ? "empty" : "a " + SqlWrites.firstWord(text))
        + ": run a query with executeQuery or execute");
  }

  @Override
  public ResultSet executeQuery(String text) throws SQLException {
    if (sql != null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a prepared statement runs its own SQL: call executeQuery()");
    }
    return run(text, null);
  }

  @Override
  public boolean execute(String text) throws SQLException {
    return execute(text, GeneratedKeys.NONE);
  }

  private boolean execute(String text, GeneratedKeys wanted) throws SQLException {
    plain();
    if (SqlDdl.isDdl(text)) {
      runDdl(text);
      return false;
    }
    if (text != null && SqlWrites.isWrite(text)) {
      runWrite(text, null, new boolean[0], wanted);
      return false;
    }
    executeQuery(text);
    return true;
  }

  @Override
  public boolean execute(String text, int autoGeneratedKeys) throws SQLException {
    return execute(text, GeneratedKeys.of(autoGeneratedKeys));
  }

  @Override
  public boolean execute(String text, int[] columnIndexes) throws SQLException {
    return execute(text, GeneratedKeys.of(columnIndexes));
  }

  @Override
  public boolean execute(String text, String[] columnNames) throws SQLException {
    return execute(text, GeneratedKeys.of(columnNames));
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return run(prepared(), parameters);
  }

  @Override
  public boolean execute() throws SQLException {
    if (SqlDdl.isDdl(prepared())) {
      runDdl(sql);
      return false;
    }
    if (SqlWrites.isWrite(prepared())) {
      runWrite(sql, parameters, set, keys);
      return false;
    }
    executeQuery();
    return true;
  }

  /** Fails when a prepared statement is given SQL to run: it runs its own. */
  private void plain() throws SQLException {
    if (sql != null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a prepared statement runs its own SQL: call the"
          + " method without SQL");
    }
  }

  @Override
  public int executeUpdate(String text) throws SQLException {
    return (int) executeLargeUpdate(text, GeneratedKeys.NONE);
  }

  private long executeLargeUpdate(String text, GeneratedKeys wanted) throws SQLException {
    plain();
    open();
    if (SqlDdl.isDdl(text)) {
      return runDdl(text);
    }
    if (text == null || !SqlWrites.isWrite(text)) {
      throw notAWrite(text == null ? "" : text);
    }
    return runWrite(text, null, new boolean[0], wanted);
  }

  @Override
  public int executeUpdate(String text, int autoGeneratedKeys) throws SQLException {
    return (int) executeLargeUpdate(text, GeneratedKeys.of(autoGeneratedKeys));
  }

  @Override
  public int executeUpdate(String text, int[] columnIndexes) throws SQLException {
    return (int) executeLargeUpdate(text, GeneratedKeys.of(columnIndexes));
  }

  @Override
  public int executeUpdate(String text, String[] columnNames) throws SQLException {
    return (int) executeLargeUpdate(text, GeneratedKeys.of(columnNames));
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) executeLargeUpdate();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    open();
    if (SqlDdl.isDdl(prepared())) {
      return runDdl(sql);
    }
    if (!SqlWrites.isWrite(prepared())) {
      throw notAWrite(sql);
    }
    return runWrite(sql, parameters, set, keys);
  }

  @Override
  public long executeLargeUpdate(String text) throws SQLException {
    return executeLargeUpdate(text, GeneratedKeys.NONE);
  }

  @Override
  public void addBatch() throws SQLException {
    open();
    if (preparedWrite == null) {
      preparedWrite = SqlWrites.isWrite(prepared());
    }
    if (!preparedWrite) {
      throw notAWrite(sql);
    }
    for (int i = 0; i < parameters.length; i++) {
      if (i >= set.length || !set[i]) {
        throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter " + (i + 1) + " is not set");
      }
    }
    batch.add(parameters.clone());
  }

  @Override
  public void addBatch(String text) throws SQLException {
    open();
    plain();
    if (text == null || !SqlWrites.isWrite(text) && !SqlDdl.isDdl(text)) {
      throw notAWrite(text == null ? "" : text);
    }
    batchTexts.add(text);
  }

  @Override
  public void clearBatch() throws SQLException {
    open();
    batch.clear();
    batchTexts.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    long[] counts = executeLargeBatch();
    int[] out = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (int) counts[i];
    }
    return out;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    open();
    closeCurrent();
    List<String> texts = new ArrayList<>(batchTexts);
    List<Object[]> values = new ArrayList<>(batch);
    batch.clear();
    batchTexts.clear();
    int n = sql != null ? values.size() : texts.size();
    if (n == 0) {
      return new long[0];
    }
    connection.checkWritable();
    if (texts.stream().anyMatch(SqlDdl::isDdl)) {
      return ddlBatch(texts);
    }
    boolean[] allSet = new boolean[parameters == null ? 0 : parameters.length];
    Arrays.fill(allSet, true);
    GeneratedKeys wanted = sql != null ? keys : GeneratedKeys.NONE;
    Batches.Entries entries = new Batches.Entries() {
      @Override
      public SqlWrite write(int k) throws SQLException {
        return writeFor(sql != null ? sql : texts.get(k), connection.database());
      }

      @Override
      public Written plan(int k) throws SQLException {
        return JdbcStatement.this.plan(sql != null ? sql : texts.get(k), sql != null ? values.get(k) : null, allSet,
            "b" + k + "-");
      }
    };
    Batches.Outcome o = Batches.run(connection, n, entries, wanted);
    updateCount = -1;
    generatedKeys = o.keys();
    return o.counts();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    open();
    return current;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return (int) getLargeUpdateCount();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    open();
    return updateCount;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    open();
    closeCurrent();
    return false;
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return getMoreResults();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    open();
    return generatedKeys != null ? generatedKeys : GeneratedKeys.empty();
  }

  @Override
  public void cancel() throws SQLException {
    Execution x = running;
    if (x != null) {
      x.cancel();
    }
  }

  // ---- parameters ------------------------------------------------------------------------------

  @Override
  void param(int index, Object value) throws SQLException {
    open();
    prepared();
    if (index < 1 || index > parameters.length) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter " + index + " does not exist; the statement has "
          + parameters.length);
    }
    if (set.length != parameters.length) {
      set = new boolean[parameters.length];
    }
    parameters[index - 1] = value;
    set[index - 1] = true;
  }

  @Override
  public void clearParameters() throws SQLException {
    open();
    Arrays.fill(parameters, null);
    set = new boolean[parameters.length];
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    open();
    if (SqlWrites.isWrite(prepared())) {
      return null; // a write has no result set
    }
    List<ResultColumn> columns = connection.prepare(prepared()).columns();
    return new JdbcResultSetMetaData(columns);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    open();
    return new JdbcParameterMetaData(parametersOf(prepared()));
  }

  // ---- settings --------------------------------------------------------------------------------

  @Override
  public Connection getConnection() throws SQLException {
    open();
    return connection;
  }

  @Override
  public void close() throws SQLException {
    if (!closed) {
      closeCurrent();
      closed = true;
      connection.forget(this);
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public int getMaxRows() throws SQLException {
    open();
    return (int) Math.min(maxRows, Integer.MAX_VALUE);
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    open();
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    open();
    if (max < 0) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "max rows " + max + " is negative");
    }
    maxRows = max;
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    open();
    return queryTimeout;
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    open();
    if (seconds < 0) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "query timeout " + seconds + " is negative");
    }
    queryTimeout = seconds;
  }

  @Override
  public int getFetchSize() throws SQLException {
    open();
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    open();
    if (rows < 0) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "fetch size " + rows + " is negative");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchDirection() throws SQLException {
    open();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    open();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw JdbcErrors.unsupported("a fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    open();
    return 0;
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    open();
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    open();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    open();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    open();
    warnings = null;
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    open();
    this.poolable = poolable;
  }

  @Override
  public boolean isPoolable() throws SQLException {
    open();
    return poolable;
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    open();
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    open();
    return closeOnCompletion;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a statement is not a " + iface.getName());
  }
}

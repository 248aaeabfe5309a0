package org.datolite.jdbc;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.calcite.ResultColumn;
import org.datolite.error.SqlState;

/**
 * A forward-only, read-only result set streaming the rows of one execution (or of a metadata
 * call) as they are read; it stops at the statement's max rows and checks the statement's
 * timeout and cancellation as it goes.
 */
final class JdbcResultSet extends AbstractResultSet {
  /** Rows between two looks at the statement's cancellation and timeout while the client reads. */
  static final int CHECK_EVERY = 64;

  private final JdbcStatement statement;
  private final List<ResultColumn> columns;
  private final Iterator<Object[]> rows;
  private final long maxRows;
  private final Runnable onClose;
  /** The execution whose cancellation and timeout every {@value #CHECK_EVERY} rows read look at (null: none). */
  private final Execution execution;
  private Object[] row;
  private long rowNumber;
  private boolean wasNull;
  private boolean closed;
  private boolean afterLast;
  private boolean released;
  private int fetchSize;

  JdbcResultSet(JdbcStatement statement, List<ResultColumn> columns, Iterator<Object[]> rows, long maxRows,
      Runnable onClose) {
    this(statement, columns, rows, maxRows, onClose, null);
  }

  JdbcResultSet(JdbcStatement statement, List<ResultColumn> columns, Iterator<Object[]> rows, long maxRows,
      Runnable onClose, Execution execution) {
    this.execution = execution;
    this.statement = statement;
    this.columns = columns;
    this.rows = rows;
    this.maxRows = maxRows;
    this.onClose = onClose;
  }

  /** A result set of fixed rows (metadata). */
  static JdbcResultSet of(List<ResultColumn> columns, List<Object[]> rows) {
    return new JdbcResultSet(null, columns, rows.iterator(), 0, () -> { });
  }

  List<ResultColumn> columns() {
    return columns;
  }

  private void open() throws SQLException {
    if (closed) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "the result set is closed");
    }
  }

  @Override
  public boolean next() throws SQLException {
    open();
    if (afterLast) {
      return false;
    }
    try {
      if (execution != null && rowNumber % CHECK_EVERY == 0) {
        execution.checkCancelled();
      }
      if ((maxRows > 0 && rowNumber >= maxRows) || !rows.hasNext()) {
        row = null;
        afterLast = true;
        release();
        return false;
      }
      row = rows.next();
      rowNumber++;
      return true;
    } catch (RuntimeException e) {
      row = null;
      afterLast = true;
      release();
      throw JdbcErrors.of(e);
    }
  }

  /** Ends the execution (the rows are read or failed), once; the result set stays open for metadata. */
  private void release() {
    if (!released) {
      released = true;
      if (rows instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing an execution does not fail
        }
      }
      onClose.run();
    }
  }

  private Object value(int column) throws SQLException {
    open();
    if (row == null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, rowNumber == 0 ? "no current row: call next() first"
          : "no current row: the result set is after its last row");
    }
    if (column < 1 || column > columns.size()) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "column " + column + " does not exist; expected 1.."
          + columns.size());
    }
    Object v = row[column - 1];
    wasNull = v == null;
    return v;
  }

  private SqlTypeName type(int column) {
    return columns.get(column - 1).type();
  }

  @Override
  public int findColumn(String label) throws SQLException {
    open();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).label().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw JdbcErrors.of(SqlState.UNDEFINED_COLUMN, "no column '" + label + "' in the result; it has "
        + columns.stream().map(ResultColumn::label).toList());
  }

  @Override
  public boolean wasNull() throws SQLException {
    open();
    return wasNull;
  }

  @Override
  public Object getObject(int column) throws SQLException {
    return JdbcValues.toJdbc(type(checked(column)), value(column));
  }

  private int checked(int column) throws SQLException {
    if (column < 1 || column > columns.size()) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "column " + column + " does not exist; expected 1.."
          + columns.size());
    }
    return column;
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    if (type == null) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "getObject needs a class");
    }
    return JdbcValues.as(type(checked(column)), value(column), type);
  }

  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    return getObject(column);
  }

  @Override
  public String getString(int column) throws SQLException {
    return JdbcValues.toText(type(checked(column)), value(column));
  }

  @Override
  public String getNString(int column) throws SQLException {
    return getString(column);
  }

  private Number number(int column, String javaType) throws SQLException {
    Object v = value(checked(column));
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    try {
      return new BigDecimal(v.toString().trim());
    } catch (NumberFormatException e) {
      throw JdbcErrors.of(SqlState.INVALID_TEXT_REPRESENTATION, "cannot read '" + v + "' of column " + column
          + " as " + javaType);
    }
  }

  private long integral(int column, String javaType, long min, long max) throws SQLException {
    Number n = number(column, javaType);
    if (n == null) {
      return 0;
    }
    BigDecimal d = n instanceof BigDecimal b ? b : n instanceof Double || n instanceof Float
        ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
    if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw JdbcErrors.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value " + d + " of column " + column
          + " is out of range for " + javaType);
    }
    return whole.longValue();
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    Object v = value(checked(column));
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String s = v.toString().trim();
    return s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("t");
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return (byte) integral(column, "byte", Byte.MIN_VALUE, Byte.MAX_VALUE);
  }

  @Override
  public short getShort(int column) throws SQLException {
    return (short) integral(column, "short", Short.MIN_VALUE, Short.MAX_VALUE);
  }

  @Override
  public int getInt(int column) throws SQLException {
    return (int) integral(column, "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  @Override
  public long getLong(int column) throws SQLException {
    return integral(column, "long", Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  public float getFloat(int column) throws SQLException {
    Number n = number(column, "float");
    return n == null ? 0 : n.floatValue();
  }

  @Override
  public double getDouble(int column) throws SQLException {
    Number n = number(column, "double");
    return n == null ? 0 : n.doubleValue();
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    Number n = number(column, "BigDecimal");
    return n == null ? null : n instanceof BigDecimal d ? JdbcValues.decimal(d) : n instanceof Double || n instanceof Float
        ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
  }

  @Override
  public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    BigDecimal d = getBigDecimal(column);
    return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    Object v = value(checked(column));
    return v == null ? null : JdbcValues.as(type(column), v, byte[].class);
  }

  @Override
  public Date getDate(int column) throws SQLException {
    Object v = value(checked(column));
    return v == null ? null : Date.valueOf(JdbcValues.as(type(column), v, LocalDate.class));
  }

  @Override
  public Date getDate(int column, Calendar cal) throws SQLException {
    return getDate(column);
  }

  @Override
  public Time getTime(int column) throws SQLException {
    Object v = value(checked(column));
    return v == null ? null : Time.valueOf(JdbcValues.as(type(column), v, LocalTime.class));
  }

  @Override
  public Time getTime(int column, Calendar cal) throws SQLException {
    return getTime(column);
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    Object v = value(checked(column));
    return v == null ? null : Timestamp.valueOf(JdbcValues.as(type(column), v, LocalDateTime.class));
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    Object v = value(checked(column));
    if (v == null || cal == null) {
      return getTimestamp(column);
    }
    return Timestamp.from(JdbcValues.as(type(column), v, Instant.class));
  }

  @Override
  public Reader getCharacterStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new StringReader(s);
  }

  @Override
  public Reader getNCharacterStream(int column) throws SQLException {
    return getCharacterStream(column);
  }

  @Override
  public Array getArray(int column) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getArray (tuples read as EDN text)");
  }

  // ---- by label -------------------------------------------------------------------------------

  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public String getNString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    return getBigDecimal(findColumn(label), scale);
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Date getDate(String label, Calendar cal) throws SQLException {
    return getDate(findColumn(label), cal);
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public Time getTime(String label, Calendar cal) throws SQLException {
    return getTime(findColumn(label), cal);
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(label), cal);
  }

  @Override
  public Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public Reader getNCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  // ---- state ----------------------------------------------------------------------------------

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    open();
    return new JdbcResultSetMetaData(columns);
  }

  @Override
  public Statement getStatement() throws SQLException {
    open();
    return statement;
  }

  @Override
  public void close() throws SQLException {
    closed = true;
    release();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public int getRow() throws SQLException {
    open();
    return row == null ? 0 : (int) Math.min(rowNumber, Integer.MAX_VALUE);
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    open();
    return rowNumber == 0 && !afterLast && rows.hasNext();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    open();
    return afterLast && rowNumber > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    open();
    return row != null && rowNumber == 1;
  }

  @Override
  public int getType() throws SQLException {
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    return CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    if (direction != FETCH_FORWARD) {
      throw JdbcErrors.unsupported("a fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    if (rows < 0) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "fetch size " + rows + " is negative");
    }
    fetchSize = rows;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    open();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    open();
  }

  @Override
  public String getCursorName() throws SQLException {
    throw JdbcErrors.unsupported("named cursors");
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
    throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "a result set is not a " + iface.getName());
  }
}

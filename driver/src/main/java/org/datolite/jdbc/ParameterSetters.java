package org.datolite.jdbc;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import org.datolite.error.SqlState;

/**
 * The parameter setters of a prepared statement, each handing its value to {@link #param} as
 * given (converted to the parameter's type when the statement runs, {@link JdbcValues}); a reader
 * is read into a string at once.
 */
abstract class ParameterSetters extends AbstractStatement {
  /** Sets parameter {@code index} (1-based) to {@code value} (null for SQL NULL). */
  abstract void param(int index, Object value) throws SQLException;

  @Override
  public void setNull(int i, int sqlType) throws SQLException {
    param(i, null);
  }

  @Override
  public void setNull(int i, int sqlType, String typeName) throws SQLException {
    param(i, null);
  }

  @Override
  public void setBoolean(int i, boolean x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setByte(int i, byte x) throws SQLException {
    param(i, (long) x);
  }

  @Override
  public void setShort(int i, short x) throws SQLException {
    param(i, (long) x);
  }

  @Override
  public void setInt(int i, int x) throws SQLException {
    param(i, (long) x);
  }

  @Override
  public void setLong(int i, long x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setFloat(int i, float x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setDouble(int i, double x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setBigDecimal(int i, BigDecimal x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setString(int i, String x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setNString(int i, String x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setBytes(int i, byte[] x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setDate(int i, Date x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setDate(int i, Date x, Calendar cal) throws SQLException {
    param(i, x);
  }

  @Override
  public void setTime(int i, Time x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setTime(int i, Time x, Calendar cal) throws SQLException {
    param(i, x);
  }

  @Override
  public void setTimestamp(int i, Timestamp x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
    param(i, x == null || cal == null ? x : (Object) x.toInstant());
  }

  @Override
  public void setObject(int i, Object x) throws SQLException {
    param(i, x);
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    param(i, x);
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    param(i, x);
  }

  @Override
  public void setCharacterStream(int i, Reader reader) throws SQLException {
    param(i, read(reader));
  }

  @Override
  public void setCharacterStream(int i, Reader reader, int length) throws SQLException {
    param(i, read(reader));
  }

  @Override
  public void setCharacterStream(int i, Reader reader, long length) throws SQLException {
    param(i, read(reader));
  }

  private static String read(Reader reader) throws SQLException {
    if (reader == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    char[] buf = new char[4096];
    try {
      for (int n; (n = reader.read(buf)) > 0; ) {
        b.append(buf, 0, n);
      }
    } catch (IOException e) {
      throw JdbcErrors.of(SqlState.IO_ERROR.code(), "cannot read the parameter's text: " + e.getMessage(), e);
    }
    return b.toString();
  }
}

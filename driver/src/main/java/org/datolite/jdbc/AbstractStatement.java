package org.datolite.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Every method of {@code java.sql.PreparedStatement} failing with {@code 0A000}; {@link JdbcStatement} overrides what Datolite supports. Generated from the interface.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class AbstractStatement implements PreparedStatement {
  @Override
  public void addBatch() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.addBatch");
  }

  @Override
  public void addBatch(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.addBatch");
  }

  @Override
  public void cancel() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.cancel");
  }

  @Override
  public void clearBatch() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.clearBatch");
  }

  @Override
  public void clearParameters() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.clearParameters");
  }

  @Override
  public void clearWarnings() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.clearWarnings");
  }

  @Override
  public void close() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.close");
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.closeOnCompletion");
  }

  @Override
  public String enquoteIdentifier(String p0, boolean p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.enquoteIdentifier");
  }

  @Override
  public String enquoteLiteral(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.enquoteLiteral");
  }

  @Override
  public String enquoteNCharLiteral(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.enquoteNCharLiteral");
  }

  @Override
  public boolean execute() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.execute");
  }

  @Override
  public boolean execute(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.execute");
  }

  @Override
  public boolean execute(String p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.execute");
  }

  @Override
  public boolean execute(String p0, int[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.execute");
  }

  @Override
  public boolean execute(String p0, String[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.execute");
  }

  @Override
  public int[] executeBatch() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeBatch");
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeLargeBatch");
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeLargeUpdate");
  }

  @Override
  public long executeLargeUpdate(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeLargeUpdate");
  }

  @Override
  public long executeLargeUpdate(String p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeLargeUpdate");
  }

  @Override
  public long executeLargeUpdate(String p0, int[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeLargeUpdate");
  }

  @Override
  public long executeLargeUpdate(String p0, String[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeLargeUpdate");
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeQuery");
  }

  @Override
  public ResultSet executeQuery(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeQuery");
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeUpdate");
  }

  @Override
  public int executeUpdate(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeUpdate");
  }

  @Override
  public int executeUpdate(String p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeUpdate");
  }

  @Override
  public int executeUpdate(String p0, int[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeUpdate");
  }

  @Override
  public int executeUpdate(String p0, String[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.executeUpdate");
  }

  @Override
  public Connection getConnection() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getConnection");
  }

  @Override
  public int getFetchDirection() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getFetchDirection");
  }

  @Override
  public int getFetchSize() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getFetchSize");
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getGeneratedKeys");
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getLargeMaxRows");
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getLargeUpdateCount");
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getMaxFieldSize");
  }

  @Override
  public int getMaxRows() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getMaxRows");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getMetaData");
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getMoreResults");
  }

  @Override
  public boolean getMoreResults(int p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getMoreResults");
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getParameterMetaData");
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getQueryTimeout");
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getResultSet");
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getResultSetConcurrency");
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getResultSetHoldability");
  }

  @Override
  public int getResultSetType() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getResultSetType");
  }

  @Override
  public int getUpdateCount() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getUpdateCount");
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.getWarnings");
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.isCloseOnCompletion");
  }

  @Override
  public boolean isClosed() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.isClosed");
  }

  @Override
  public boolean isPoolable() throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.isPoolable");
  }

  @Override
  public boolean isSimpleIdentifier(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.isSimpleIdentifier");
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.isWrapperFor");
  }

  @Override
  public void setArray(int p0, Array p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setArray");
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setAsciiStream");
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setAsciiStream");
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setAsciiStream");
  }

  @Override
  public void setBigDecimal(int p0, BigDecimal p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBigDecimal");
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBinaryStream");
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBinaryStream");
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBinaryStream");
  }

  @Override
  public void setBlob(int p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBlob");
  }

  @Override
  public void setBlob(int p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBlob");
  }

  @Override
  public void setBlob(int p0, Blob p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBlob");
  }

  @Override
  public void setBoolean(int p0, boolean p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBoolean");
  }

  @Override
  public void setByte(int p0, byte p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setByte");
  }

  @Override
  public void setBytes(int p0, byte[] p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setBytes");
  }

  @Override
  public void setCharacterStream(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setCharacterStream");
  }

  @Override
  public void setCharacterStream(int p0, Reader p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setCharacterStream");
  }

  @Override
  public void setCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setCharacterStream");
  }

  @Override
  public void setClob(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setClob");
  }

  @Override
  public void setClob(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setClob");
  }

  @Override
  public void setClob(int p0, Clob p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setClob");
  }

  @Override
  public void setCursorName(String p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setCursorName");
  }

  @Override
  public void setDate(int p0, Date p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setDate");
  }

  @Override
  public void setDate(int p0, Date p1, Calendar p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setDate");
  }

  @Override
  public void setDouble(int p0, double p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setDouble");
  }

  @Override
  public void setEscapeProcessing(boolean p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setEscapeProcessing");
  }

  @Override
  public void setFetchDirection(int p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setFetchDirection");
  }

  @Override
  public void setFetchSize(int p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setFetchSize");
  }

  @Override
  public void setFloat(int p0, float p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setFloat");
  }

  @Override
  public void setInt(int p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setInt");
  }

  @Override
  public void setLargeMaxRows(long p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setLargeMaxRows");
  }

  @Override
  public void setLong(int p0, long p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setLong");
  }

  @Override
  public void setMaxFieldSize(int p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setMaxFieldSize");
  }

  @Override
  public void setMaxRows(int p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setMaxRows");
  }

  @Override
  public void setNCharacterStream(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNCharacterStream");
  }

  @Override
  public void setNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNCharacterStream");
  }

  @Override
  public void setNClob(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNClob");
  }

  @Override
  public void setNClob(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNClob");
  }

  @Override
  public void setNClob(int p0, NClob p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNClob");
  }

  @Override
  public void setNString(int p0, String p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNString");
  }

  @Override
  public void setNull(int p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNull");
  }

  @Override
  public void setNull(int p0, int p1, String p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setNull");
  }

  @Override
  public void setObject(int p0, Object p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setObject");
  }

  @Override
  public void setObject(int p0, Object p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setObject");
  }

  @Override
  public void setObject(int p0, Object p1, int p2, int p3) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setObject");
  }

  @Override
  public void setObject(int p0, Object p1, SQLType p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setObject");
  }

  @Override
  public void setObject(int p0, Object p1, SQLType p2, int p3) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setObject");
  }

  @Override
  public void setPoolable(boolean p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setPoolable");
  }

  @Override
  public void setQueryTimeout(int p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setQueryTimeout");
  }

  @Override
  public void setRef(int p0, Ref p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setRef");
  }

  @Override
  public void setRowId(int p0, RowId p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setRowId");
  }

  @Override
  public void setSQLXML(int p0, SQLXML p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setSQLXML");
  }

  @Override
  public void setShort(int p0, short p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setShort");
  }

  @Override
  public void setString(int p0, String p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setString");
  }

  @Override
  public void setTime(int p0, Time p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setTime");
  }

  @Override
  public void setTime(int p0, Time p1, Calendar p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setTime");
  }

  @Override
  public void setTimestamp(int p0, Timestamp p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setTimestamp");
  }

  @Override
  public void setTimestamp(int p0, Timestamp p1, Calendar p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setTimestamp");
  }

  @Override
  public void setURL(int p0, URL p1) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setURL");
  }

  @Override
  public void setUnicodeStream(int p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.setUnicodeStream");
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws SQLException {
    throw JdbcErrors.unsupported("PreparedStatement.unwrap");
  }
}

package org.datolite.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * Every method of {@code java.sql.ResultSet} failing with {@code 0A000}; {@link JdbcResultSet} overrides what Datolite supports. Generated from the interface.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class AbstractResultSet implements ResultSet {
  @Override
  public boolean absolute(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.absolute");
  }

  @Override
  public void afterLast() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.afterLast");
  }

  @Override
  public void beforeFirst() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.beforeFirst");
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.cancelRowUpdates");
  }

  @Override
  public void clearWarnings() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.clearWarnings");
  }

  @Override
  public void close() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.close");
  }

  @Override
  public void deleteRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.deleteRow");
  }

  @Override
  public int findColumn(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.findColumn");
  }

  @Override
  public boolean first() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.first");
  }

  @Override
  public Array getArray(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getArray");
  }

  @Override
  public Array getArray(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getArray");
  }

  @Override
  public InputStream getAsciiStream(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getAsciiStream");
  }

  @Override
  public InputStream getAsciiStream(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getAsciiStream");
  }

  @Override
  public BigDecimal getBigDecimal(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBigDecimal");
  }

  @Override
  public BigDecimal getBigDecimal(int p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBigDecimal");
  }

  @Override
  public BigDecimal getBigDecimal(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBigDecimal");
  }

  @Override
  public BigDecimal getBigDecimal(String p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBigDecimal");
  }

  @Override
  public InputStream getBinaryStream(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBinaryStream");
  }

  @Override
  public InputStream getBinaryStream(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBinaryStream");
  }

  @Override
  public Blob getBlob(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBlob");
  }

  @Override
  public Blob getBlob(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBlob");
  }

  @Override
  public boolean getBoolean(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBoolean");
  }

  @Override
  public boolean getBoolean(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBoolean");
  }

  @Override
  public byte getByte(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getByte");
  }

  @Override
  public byte getByte(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getByte");
  }

  @Override
  public byte[] getBytes(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBytes");
  }

  @Override
  public byte[] getBytes(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getBytes");
  }

  @Override
  public Reader getCharacterStream(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getCharacterStream");
  }

  @Override
  public Reader getCharacterStream(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getCharacterStream");
  }

  @Override
  public Clob getClob(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getClob");
  }

  @Override
  public Clob getClob(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getClob");
  }

  @Override
  public int getConcurrency() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getConcurrency");
  }

  @Override
  public String getCursorName() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getCursorName");
  }

  @Override
  public Date getDate(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getDate");
  }

  @Override
  public Date getDate(int p0, Calendar p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getDate");
  }

  @Override
  public Date getDate(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getDate");
  }

  @Override
  public Date getDate(String p0, Calendar p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getDate");
  }

  @Override
  public double getDouble(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getDouble");
  }

  @Override
  public double getDouble(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getDouble");
  }

  @Override
  public int getFetchDirection() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getFetchDirection");
  }

  @Override
  public int getFetchSize() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getFetchSize");
  }

  @Override
  public float getFloat(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getFloat");
  }

  @Override
  public float getFloat(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getFloat");
  }

  @Override
  public int getHoldability() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getHoldability");
  }

  @Override
  public int getInt(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getInt");
  }

  @Override
  public int getInt(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getInt");
  }

  @Override
  public long getLong(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getLong");
  }

  @Override
  public long getLong(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getLong");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getMetaData");
  }

  @Override
  public Reader getNCharacterStream(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getNCharacterStream");
  }

  @Override
  public Reader getNCharacterStream(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getNCharacterStream");
  }

  @Override
  public NClob getNClob(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getNClob");
  }

  @Override
  public NClob getNClob(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getNClob");
  }

  @Override
  public String getNString(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getNString");
  }

  @Override
  public String getNString(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getNString");
  }

  @Override
  public <T> T getObject(int p0, Class<T> p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getObject");
  }

  @Override
  public <T> T getObject(String p0, Class<T> p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getObject");
  }

  @Override
  public Object getObject(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getObject");
  }

  @Override
  public Object getObject(int p0, Map<String, Class<?>> p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getObject");
  }

  @Override
  public Object getObject(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getObject");
  }

  @Override
  public Object getObject(String p0, Map<String, Class<?>> p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getObject");
  }

  @Override
  public Ref getRef(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getRef");
  }

  @Override
  public Ref getRef(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getRef");
  }

  @Override
  public int getRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getRow");
  }

  @Override
  public RowId getRowId(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getRowId");
  }

  @Override
  public RowId getRowId(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getRowId");
  }

  @Override
  public SQLXML getSQLXML(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getSQLXML");
  }

  @Override
  public SQLXML getSQLXML(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getSQLXML");
  }

  @Override
  public short getShort(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getShort");
  }

  @Override
  public short getShort(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getShort");
  }

  @Override
  public Statement getStatement() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getStatement");
  }

  @Override
  public String getString(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getString");
  }

  @Override
  public String getString(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getString");
  }

  @Override
  public Time getTime(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTime");
  }

  @Override
  public Time getTime(int p0, Calendar p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTime");
  }

  @Override
  public Time getTime(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTime");
  }

  @Override
  public Time getTime(String p0, Calendar p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTime");
  }

  @Override
  public Timestamp getTimestamp(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(int p0, Calendar p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(String p0, Calendar p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getTimestamp");
  }

  @Override
  public int getType() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getType");
  }

  @Override
  public URL getURL(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getURL");
  }

  @Override
  public URL getURL(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getURL");
  }

  @Override
  public InputStream getUnicodeStream(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getUnicodeStream");
  }

  @Override
  public InputStream getUnicodeStream(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getUnicodeStream");
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.getWarnings");
  }

  @Override
  public void insertRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.insertRow");
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.isAfterLast");
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.isBeforeFirst");
  }

  @Override
  public boolean isClosed() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.isClosed");
  }

  @Override
  public boolean isFirst() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.isFirst");
  }

  @Override
  public boolean isLast() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.isLast");
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.isWrapperFor");
  }

  @Override
  public boolean last() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.last");
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.moveToCurrentRow");
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.moveToInsertRow");
  }

  @Override
  public boolean next() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.next");
  }

  @Override
  public boolean previous() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.previous");
  }

  @Override
  public void refreshRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.refreshRow");
  }

  @Override
  public boolean relative(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.relative");
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.rowDeleted");
  }

  @Override
  public boolean rowInserted() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.rowInserted");
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.rowUpdated");
  }

  @Override
  public void setFetchDirection(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.setFetchDirection");
  }

  @Override
  public void setFetchSize(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.setFetchSize");
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.unwrap");
  }

  @Override
  public void updateArray(int p0, Array p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateArray");
  }

  @Override
  public void updateArray(String p0, Array p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateArray");
  }

  @Override
  public void updateAsciiStream(int p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
  }

  @Override
  public void updateBigDecimal(int p0, BigDecimal p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBigDecimal");
  }

  @Override
  public void updateBigDecimal(String p0, BigDecimal p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBigDecimal");
  }

  @Override
  public void updateBinaryStream(int p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String p0, InputStream p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
  }

  @Override
  public void updateBlob(int p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBlob");
  }

  @Override
  public void updateBlob(int p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBlob");
  }

  @Override
  public void updateBlob(int p0, Blob p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBlob");
  }

  @Override
  public void updateBlob(String p0, InputStream p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBlob");
  }

  @Override
  public void updateBlob(String p0, InputStream p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBlob");
  }

  @Override
  public void updateBlob(String p0, Blob p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBlob");
  }

  @Override
  public void updateBoolean(int p0, boolean p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBoolean");
  }

  @Override
  public void updateBoolean(String p0, boolean p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBoolean");
  }

  @Override
  public void updateByte(int p0, byte p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateByte");
  }

  @Override
  public void updateByte(String p0, byte p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateByte");
  }

  @Override
  public void updateBytes(int p0, byte[] p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBytes");
  }

  @Override
  public void updateBytes(String p0, byte[] p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateBytes");
  }

  @Override
  public void updateCharacterStream(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int p0, Reader p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String p0, Reader p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
  }

  @Override
  public void updateClob(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateClob");
  }

  @Override
  public void updateClob(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateClob");
  }

  @Override
  public void updateClob(int p0, Clob p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateClob");
  }

  @Override
  public void updateClob(String p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateClob");
  }

  @Override
  public void updateClob(String p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateClob");
  }

  @Override
  public void updateClob(String p0, Clob p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateClob");
  }

  @Override
  public void updateDate(int p0, Date p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateDate");
  }

  @Override
  public void updateDate(String p0, Date p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateDate");
  }

  @Override
  public void updateDouble(int p0, double p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateDouble");
  }

  @Override
  public void updateDouble(String p0, double p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateDouble");
  }

  @Override
  public void updateFloat(int p0, float p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateFloat");
  }

  @Override
  public void updateFloat(String p0, float p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateFloat");
  }

  @Override
  public void updateInt(int p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateInt");
  }

  @Override
  public void updateInt(String p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateInt");
  }

  @Override
  public void updateLong(int p0, long p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateLong");
  }

  @Override
  public void updateLong(String p0, long p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateLong");
  }

  @Override
  public void updateNCharacterStream(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(String p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(String p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
  }

  @Override
  public void updateNClob(int p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNClob");
  }

  @Override
  public void updateNClob(int p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNClob");
  }

  @Override
  public void updateNClob(int p0, NClob p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNClob");
  }

  @Override
  public void updateNClob(String p0, Reader p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNClob");
  }

  @Override
  public void updateNClob(String p0, Reader p1, long p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNClob");
  }

  @Override
  public void updateNClob(String p0, NClob p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNClob");
  }

  @Override
  public void updateNString(int p0, String p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNString");
  }

  @Override
  public void updateNString(String p0, String p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNString");
  }

  @Override
  public void updateNull(int p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNull");
  }

  @Override
  public void updateNull(String p0) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateNull");
  }

  @Override
  public void updateObject(int p0, Object p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(int p0, Object p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(String p0, Object p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(String p0, Object p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(int p0, Object p1, SQLType p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(int p0, Object p1, SQLType p2, int p3) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(String p0, Object p1, SQLType p2) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateObject(String p0, Object p1, SQLType p2, int p3) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateObject");
  }

  @Override
  public void updateRef(int p0, Ref p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateRef");
  }

  @Override
  public void updateRef(String p0, Ref p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateRef");
  }

  @Override
  public void updateRow() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateRow");
  }

  @Override
  public void updateRowId(int p0, RowId p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateRowId");
  }

  @Override
  public void updateRowId(String p0, RowId p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateRowId");
  }

  @Override
  public void updateSQLXML(int p0, SQLXML p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateSQLXML");
  }

  @Override
  public void updateSQLXML(String p0, SQLXML p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateSQLXML");
  }

  @Override
  public void updateShort(int p0, short p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateShort");
  }

  @Override
  public void updateShort(String p0, short p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateShort");
  }

  @Override
  public void updateString(int p0, String p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateString");
  }

  @Override
  public void updateString(String p0, String p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateString");
  }

  @Override
  public void updateTime(int p0, Time p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateTime");
  }

  @Override
  public void updateTime(String p0, Time p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateTime");
  }

  @Override
  public void updateTimestamp(int p0, Timestamp p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateTimestamp");
  }

  @Override
  public void updateTimestamp(String p0, Timestamp p1) throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.updateTimestamp");
  }

  @Override
  public boolean wasNull() throws SQLException {
    throw JdbcErrors.unsupported("ResultSet.wasNull");
  }
}

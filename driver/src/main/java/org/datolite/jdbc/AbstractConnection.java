package org.datolite.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Every method of {@code java.sql.Connection} failing with {@code 0A000}; {@link JdbcConnection} overrides what Datolite supports. Generated from the interface.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class AbstractConnection implements Connection {
  @Override
  public void abort(Executor p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.abort");
  }

  @Override
  public void beginRequest() throws SQLException {
    throw JdbcErrors.unsupported("Connection.beginRequest");
  }

  @Override
  public void clearWarnings() throws SQLException {
    throw JdbcErrors.unsupported("Connection.clearWarnings");
  }

  @Override
  public void close() throws SQLException {
    throw JdbcErrors.unsupported("Connection.close");
  }

  @Override
  public void commit() throws SQLException {
    throw JdbcErrors.unsupported("Connection.commit");
  }

  @Override
  public Array createArrayOf(String p0, Object[] p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.createArrayOf");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw JdbcErrors.unsupported("Connection.createBlob");
  }

  @Override
  public Clob createClob() throws SQLException {
    throw JdbcErrors.unsupported("Connection.createClob");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw JdbcErrors.unsupported("Connection.createNClob");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw JdbcErrors.unsupported("Connection.createSQLXML");
  }

  @Override
  public Statement createStatement() throws SQLException {
    throw JdbcErrors.unsupported("Connection.createStatement");
  }

  @Override
  public Statement createStatement(int p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.createStatement");
  }

  @Override
  public Statement createStatement(int p0, int p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("Connection.createStatement");
  }

  @Override
  public Struct createStruct(String p0, Object[] p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.createStruct");
  }

  @Override
  public void endRequest() throws SQLException {
    throw JdbcErrors.unsupported("Connection.endRequest");
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getAutoCommit");
  }

  @Override
  public String getCatalog() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getCatalog");
  }

  @Override
  public String getClientInfo(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.getClientInfo");
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getClientInfo");
  }

  @Override
  public int getHoldability() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getHoldability");
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getMetaData");
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getNetworkTimeout");
  }

  @Override
  public String getSchema() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getSchema");
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getTransactionIsolation");
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getTypeMap");
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    throw JdbcErrors.unsupported("Connection.getWarnings");
  }

  @Override
  public boolean isClosed() throws SQLException {
    throw JdbcErrors.unsupported("Connection.isClosed");
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    throw JdbcErrors.unsupported("Connection.isReadOnly");
  }

  @Override
  public boolean isValid(int p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.isValid");
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.isWrapperFor");
  }

  @Override
  public String nativeSQL(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.nativeSQL");
  }

  @Override
  public CallableStatement prepareCall(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareCall");
  }

  @Override
  public CallableStatement prepareCall(String p0, int p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareCall");
  }

  @Override
  public CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareCall");
  }

  @Override
  public PreparedStatement prepareStatement(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int[] p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public PreparedStatement prepareStatement(String p0, String[] p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public void releaseSavepoint(Savepoint p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.releaseSavepoint");
  }

  @Override
  public void rollback() throws SQLException {
    throw JdbcErrors.unsupported("Connection.rollback");
  }

  @Override
  public void rollback(Savepoint p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.rollback");
  }

  @Override
  public void setAutoCommit(boolean p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setAutoCommit");
  }

  @Override
  public void setCatalog(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setCatalog");
  }

  @Override
  public void setClientInfo(String p0, String p1) throws SQLClientInfoException {
    throw new SQLClientInfoException();
  }

  @Override
  public void setClientInfo(Properties p0) throws SQLClientInfoException {
    throw new SQLClientInfoException();
  }

  @Override
  public void setHoldability(int p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setHoldability");
  }

  @Override
  public void setNetworkTimeout(Executor p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setNetworkTimeout");
  }

  @Override
  public void setReadOnly(boolean p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setReadOnly");
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    throw JdbcErrors.unsupported("Connection.setSavepoint");
  }

  @Override
  public Savepoint setSavepoint(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setSavepoint");
  }

  @Override
  public void setSchema(String p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setSchema");
  }

  @Override
  public void setShardingKey(ShardingKey p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKey");
  }

  @Override
  public void setShardingKey(ShardingKey p0, ShardingKey p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKey");
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey p0, int p1) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKeyIfValid");
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey p0, ShardingKey p1, int p2) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKeyIfValid");
  }

  @Override
  public void setTransactionIsolation(int p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setTransactionIsolation");
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.setTypeMap");
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws SQLException {
    throw JdbcErrors.unsupported("Connection.unwrap");
  }
}

package org.datolite.jdbc;

/**
 * Every method of {@code java.sql.Connection} failing with {@code 0A000}; {@link JdbcConnection} overrides what Datolite supports. Generated from the interface.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class AbstractConnection implements java.sql.Connection {
  @Override
  public void abort(java.util.concurrent.Executor p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.abort");
  }

  @Override
  public void beginRequest() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.beginRequest");
  }

  @Override
  public void clearWarnings() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.clearWarnings");
  }

  @Override
  public void close() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.close");
  }

  @Override
  public void commit() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.commit");
  }

  @Override
  public java.sql.Array createArrayOf(String p0, Object[] p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createArrayOf");
  }

  @Override
  public java.sql.Blob createBlob() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createBlob");
  }

  @Override
  public java.sql.Clob createClob() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createClob");
  }

  @Override
  public java.sql.NClob createNClob() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createNClob");
  }

  @Override
  public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createSQLXML");
  }

  @Override
  public java.sql.Statement createStatement() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createStatement");
  }

  @Override
  public java.sql.Statement createStatement(int p0, int p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createStatement");
  }

  @Override
  public java.sql.Statement createStatement(int p0, int p1, int p2) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createStatement");
  }

  @Override
  public java.sql.Struct createStruct(String p0, Object[] p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.createStruct");
  }

  @Override
  public void endRequest() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.endRequest");
  }

  @Override
  public boolean getAutoCommit() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getAutoCommit");
  }

  @Override
  public String getCatalog() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getCatalog");
  }

  @Override
  public String getClientInfo(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getClientInfo");
  }

  @Override
  public java.util.Properties getClientInfo() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getClientInfo");
  }

  @Override
  public int getHoldability() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getHoldability");
  }

  @Override
  public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getMetaData");
  }

  @Override
  public int getNetworkTimeout() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getNetworkTimeout");
  }

  @Override
  public String getSchema() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getSchema");
  }

  @Override
  public int getTransactionIsolation() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getTransactionIsolation");
  }

  @Override
  public java.util.Map<String, Class<?>> getTypeMap() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getTypeMap");
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.getWarnings");
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.isClosed");
  }

  @Override
  public boolean isReadOnly() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.isReadOnly");
  }

  @Override
  public boolean isValid(int p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.isValid");
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.isWrapperFor");
  }

  @Override
  public String nativeSQL(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.nativeSQL");
  }

  @Override
  public java.sql.CallableStatement prepareCall(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareCall");
  }

  @Override
  public java.sql.CallableStatement prepareCall(String p0, int p1, int p2) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareCall");
  }

  @Override
  public java.sql.CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareCall");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, int[] p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String p0, String[] p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.prepareStatement");
  }

  @Override
  public void releaseSavepoint(java.sql.Savepoint p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.releaseSavepoint");
  }

  @Override
  public void rollback() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.rollback");
  }

  @Override
  public void rollback(java.sql.Savepoint p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.rollback");
  }

  @Override
  public void setAutoCommit(boolean p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setAutoCommit");
  }

  @Override
  public void setCatalog(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setCatalog");
  }

  @Override
  public void setClientInfo(String p0, String p1) throws java.sql.SQLClientInfoException {
    throw new java.sql.SQLClientInfoException();
  }

  @Override
  public void setClientInfo(java.util.Properties p0) throws java.sql.SQLClientInfoException {
    throw new java.sql.SQLClientInfoException();
  }

  @Override
  public void setHoldability(int p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setHoldability");
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setNetworkTimeout");
  }

  @Override
  public void setReadOnly(boolean p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setReadOnly");
  }

  @Override
  public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setSavepoint");
  }

  @Override
  public java.sql.Savepoint setSavepoint(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setSavepoint");
  }

  @Override
  public void setSchema(String p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setSchema");
  }

  @Override
  public void setShardingKey(java.sql.ShardingKey p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKey");
  }

  @Override
  public void setShardingKey(java.sql.ShardingKey p0, java.sql.ShardingKey p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKey");
  }

  @Override
  public boolean setShardingKeyIfValid(java.sql.ShardingKey p0, int p1) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKeyIfValid");
  }

  @Override
  public boolean setShardingKeyIfValid(java.sql.ShardingKey p0, java.sql.ShardingKey p1, int p2) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setShardingKeyIfValid");
  }

  @Override
  public void setTransactionIsolation(int p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setTransactionIsolation");
  }

  @Override
  public void setTypeMap(java.util.Map<String, Class<?>> p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.setTypeMap");
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws java.sql.SQLException {
    throw JdbcErrors.unsupported("Connection.unwrap");
  }
}

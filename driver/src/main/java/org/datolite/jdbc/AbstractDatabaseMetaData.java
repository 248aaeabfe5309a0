package org.datolite.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Every method of {@code java.sql.DatabaseMetaData} answering false, 0 or nothing; {@link JdbcDatabaseMetaData} answers the rest, and every method returning a result set is abstract so that none is forgotten. Generated from the interface.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class AbstractDatabaseMetaData implements DatabaseMetaData {
  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    return false;
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    return false;
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return false;
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    return false;
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    return false;
  }

  @Override
  public abstract ResultSet getAttributes(String p0, String p1, String p2, String p3) throws SQLException;

  @Override
  public abstract ResultSet getBestRowIdentifier(String p0, String p1, String p2, int p3, boolean p4) throws SQLException;

  @Override
  public String getCatalogSeparator() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getCatalogSeparator");
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getCatalogTerm");
  }

  @Override
  public abstract ResultSet getCatalogs() throws SQLException;

  @Override
  public abstract ResultSet getClientInfoProperties() throws SQLException;

  @Override
  public abstract ResultSet getColumnPrivileges(String p0, String p1, String p2, String p3) throws SQLException;

  @Override
  public abstract ResultSet getColumns(String p0, String p1, String p2, String p3) throws SQLException;

  @Override
  public Connection getConnection() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getConnection");
  }

  @Override
  public abstract ResultSet getCrossReference(String p0, String p1, String p2, String p3, String p4, String p5) throws SQLException;

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return 0;
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return 0;
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getDatabaseProductName");
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getDatabaseProductVersion");
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return 0;
  }

  @Override
  public int getDriverMajorVersion() {
    return 0;
  }

  @Override
  public int getDriverMinorVersion() {
    return 0;
  }

  @Override
  public String getDriverName() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getDriverName");
  }

  @Override
  public String getDriverVersion() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getDriverVersion");
  }

  @Override
  public abstract ResultSet getExportedKeys(String p0, String p1, String p2) throws SQLException;

  @Override
  public String getExtraNameCharacters() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getExtraNameCharacters");
  }

  @Override
  public abstract ResultSet getFunctionColumns(String p0, String p1, String p2, String p3) throws SQLException;

  @Override
  public abstract ResultSet getFunctions(String p0, String p1, String p2) throws SQLException;

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getIdentifierQuoteString");
  }

  @Override
  public abstract ResultSet getImportedKeys(String p0, String p1, String p2) throws SQLException;

  @Override
  public abstract ResultSet getIndexInfo(String p0, String p1, String p2, boolean p3, boolean p4) throws SQLException;

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return 0;
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return 0;
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return 0;
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return 0;
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getNumericFunctions");
  }

  @Override
  public abstract ResultSet getPrimaryKeys(String p0, String p1, String p2) throws SQLException;

  @Override
  public abstract ResultSet getProcedureColumns(String p0, String p1, String p2, String p3) throws SQLException;

  @Override
  public String getProcedureTerm() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getProcedureTerm");
  }

  @Override
  public abstract ResultSet getProcedures(String p0, String p1, String p2) throws SQLException;

  @Override
  public abstract ResultSet getPseudoColumns(String p0, String p1, String p2, String p3) throws SQLException;

  @Override
  public int getResultSetHoldability() throws SQLException {
    return 0;
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getRowIdLifetime");
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getSQLKeywords");
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return 0;
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getSchemaTerm");
  }

  @Override
  public abstract ResultSet getSchemas() throws SQLException;

  @Override
  public abstract ResultSet getSchemas(String p0, String p1) throws SQLException;

  @Override
  public String getSearchStringEscape() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getSearchStringEscape");
  }

  @Override
  public String getStringFunctions() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getStringFunctions");
  }

  @Override
  public abstract ResultSet getSuperTables(String p0, String p1, String p2) throws SQLException;

  @Override
  public abstract ResultSet getSuperTypes(String p0, String p1, String p2) throws SQLException;

  @Override
  public String getSystemFunctions() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getSystemFunctions");
  }

  @Override
  public abstract ResultSet getTablePrivileges(String p0, String p1, String p2) throws SQLException;

  @Override
  public abstract ResultSet getTableTypes() throws SQLException;

  @Override
  public abstract ResultSet getTables(String p0, String p1, String p2, String[] p3) throws SQLException;

  @Override
  public String getTimeDateFunctions() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getTimeDateFunctions");
  }

  @Override
  public abstract ResultSet getTypeInfo() throws SQLException;

  @Override
  public abstract ResultSet getUDTs(String p0, String p1, String p2, int[] p3) throws SQLException;

  @Override
  public String getURL() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getURL");
  }

  @Override
  public String getUserName() throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.getUserName");
  }

  @Override
  public abstract ResultSet getVersionColumns(String p0, String p1, String p2) throws SQLException;

  @Override
  public boolean insertsAreDetected(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    return false;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return false;
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    return false;
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    return false;
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    return false;
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    return false;
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean ownUpdatesAreVisible(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsConvert(int p0, int p1) throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsResultSetConcurrency(int p0, int p1) throws SQLException {
    return false;
  }

  @Override
  public boolean supportsResultSetHoldability(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean supportsResultSetType(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    return false;
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws SQLException {
    throw JdbcErrors.unsupported("DatabaseMetaData.unwrap");
  }

  @Override
  public boolean updatesAreDetected(int p0) throws SQLException {
    return false;
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    return false;
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    return false;
  }
}

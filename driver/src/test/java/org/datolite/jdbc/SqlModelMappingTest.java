package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts of the SQL model that schema data shapes (issue 11), through JDBC: enum refs,
 * overrides of the mapping, history tables; metadata agreeing with what queries accept; bad
 * overrides refused with their SQLState and nothing changed.
 */
class SqlModelMappingTest {
  private static final String NAME = "sql-model-mapping-test";
  private static final String URL = "jdbc:datolite:mem:" + NAME;
  private static DatoliteConnection nativeConn;
  private static Connection conn;
  private static long dataT;

  @BeforeAll
  static void load() throws SQLException {
    nativeConn = Datolite.connect("mem:" + NAME, null);
    nativeConn.transact("[{:db/ident :artist/gid :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :artist/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :artist/type :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :artist/country :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :artist/genres :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
        + " {:db/ident :artist/secret :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :artist/label :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :label/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :meta/source :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :artist.type/person} {:db/ident :artist.type/group}"
        + " {:db/ident :artist.genres/rock} {:db/ident :country/CA}]");
    nativeConn.transact("[{:db/id :artist/gid :db.sql/table \"ARTISTS\" :db.sql/membership true"
        + " :db.sql/include [:meta/source]}"
        + " {:db/id :artist/secret :db.sql/exclude true}"
        + " {:db/id :artist/country :db.sql/enum true}]");
    dataT = nativeConn.transact("[{:db/id \"emi\" :label/name \"EMI\" :meta/source \"import\"}"
        + " {:artist/gid \"a1\" :artist/name \"Leonard\" :artist/type :artist.type/person :artist/country :country/CA"
        + "  :artist/genres [:artist.genres/rock] :artist/secret \"x\" :artist/label \"emi\" :meta/source \"import\"}"
        + " {:artist/gid \"a2\" :artist/name \"Beatles\" :artist/type :artist.type/group :artist/label \"emi\"}"
        + " {:artist/name \"No gid\" :artist/type :artist.type/group :artist/genres [:artist.genres/rock]}]").t();
    nativeConn.transact("[{:db/id [:artist/gid \"a1\"] :artist/name \"Leonard Cohen\"}]");
    conn = DriverManager.getConnection(URL);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
    nativeConn.close();
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    rs.close();
    return out;
  }

  private static List<List<Object>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return rows(s.executeQuery(sql));
    }
  }

  /** Every column of every table, by "SCHEMA.TABLE" and column name, with its JDBC type, as getColumns says. */
  private static Map<String, Map<String, Integer>> columnsByTable(DatabaseMetaData md) throws SQLException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        out.put(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"), new LinkedHashMap<>());
      }
    }
    try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
      while (rs.next()) {
        out.get(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"))
            .put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
    }
    return out;
  }

  @Test
  void metadata_agreesWithWhatQueriesAccept() throws SQLException {
    DatabaseMetaData md = conn.getMetaData();
    Map<String, Map<String, Integer>> tables = columnsByTable(md);
    assertTrue(tables.keySet().containsAll(List.of("PUBLIC.ARTISTS", "PUBLIC.ARTISTS_GENRES", "PUBLIC.LABEL",
        "PUBLIC.META", "HISTORY.ARTISTS", "HISTORY.LABEL", "HISTORY.META", "DATOMS.EAVT")), tables.keySet().toString());
    assertFalse(tables.containsKey("PUBLIC.ARTIST"), "renamed");
    assertEquals(List.of("DB_ID", "COUNTRY", "GID", "LABEL", "NAME", "TYPE", "SOURCE"),
        List.copyOf(tables.get("PUBLIC.ARTISTS").keySet()), "SECRET excluded, SOURCE included");
    assertEquals(List.of("DB_ID", "ATTRIBUTE", "V", "TX", "ADDED", "COUNTRY", "GID", "LABEL", "NAME", "TYPE", "SOURCE",
        "GENRES"), List.copyOf(tables.get("HISTORY.ARTISTS").keySet()));
    assertEquals(Types.VARCHAR, tables.get("PUBLIC.ARTISTS").get("TYPE"), "an enum is text");
    assertEquals(Types.VARCHAR, tables.get("PUBLIC.ARTISTS").get("COUNTRY"), "a forced enum is text");
    assertEquals(Types.BIGINT, tables.get("PUBLIC.ARTISTS").get("LABEL"), "a plain ref is an id");
    assertEquals(Types.VARCHAR, tables.get("PUBLIC.ARTISTS_GENRES").get("GENRES"));
    assertEquals(Types.VARCHAR, tables.get("HISTORY.ARTISTS").get("TYPE"));
    // every column metadata reports is one a query reads, with the type reported
    for (Map.Entry<String, Map<String, Integer>> t : tables.entrySet()) {
      for (Map.Entry<String, Integer> c : t.getValue().entrySet()) {
        try (Statement s = conn.createStatement();
            ResultSet rs = s.executeQuery("SELECT " + c.getKey() + " FROM " + t.getKey() + " WHERE 1 = 0")) {
          ResultSetMetaData rsmd = rs.getMetaData();
          assertEquals(c.getValue(), rsmd.getColumnType(1), t.getKey() + "." + c.getKey());
        }
      }
    }
    // foreign keys: child tables' owners, and a ref named after a table's namespace (:artist/label → LABEL);
    // enums and history tables have none
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = md.getImportedKeys(null, null, null)) {
      while (rs.next()) {
        keys.add(rs.getString("FKTABLE_SCHEM") + "." + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME")
            + "->" + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
      }
    }
    assertEquals(List.of("PUBLIC.ARTISTS_GENRES.ARTISTS_ID->ARTISTS.DB_ID", "PUBLIC.ARTISTS.LABEL->LABEL.DB_ID"), keys);
    // and it holds: no value of a non-member (No gid has genres too)
    assertEquals(List.of(List.of(1L, 0L)), query(conn, "SELECT COUNT(*), COUNT(*) - COUNT(A.DB_ID) FROM ARTISTS_GENRES G"
        + " LEFT JOIN ARTISTS A ON G.ARTISTS_ID = A.DB_ID"), keys.toString());
    try (ResultSet rs = md.getPrimaryKeys(null, "HISTORY", "ARTISTS")) {
      assertFalse(rs.next(), "a history table has many rows per entity");
    }
    try (ResultSet rs = md.getIndexInfo(null, "HISTORY", "ARTISTS", true, true)) {
      assertFalse(rs.next(), "and no unique index");
    }
    try (ResultSet rs = md.getTables(null, "HISTORY", "ARTISTS", null)) {
      assertTrue(rs.next());
      assertEquals("TABLE", rs.getString("TABLE_TYPE"));
    }
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertEquals(List.of("DATOMS", "HISTORY", "PUBLIC"), schemas);
  }

  @Test
  void overrides_shapeTheRows() throws SQLException {
    assertEquals(List.of(List.of("a1", "Leonard Cohen", ":country/CA", "import"),
        Arrays.asList("a2", "Beatles", null, null)), query(conn, "SELECT GID, NAME, COUNTRY, SOURCE FROM ARTISTS ORDER BY GID"));
    SQLException e = assertThrows(SQLException.class, () -> query(conn, "SELECT SECRET FROM ARTISTS"));
    assertEquals("42", e.getSQLState().substring(0, 2), e.getMessage());
    assertEquals(List.of(List.of("EMI", "import")), query(conn, "SELECT NAME, SOURCE FROM META M JOIN LABEL L"
        + " ON L.DB_ID = M.DB_ID"));
  }

  @Test
  void enumFilters_takeParameters_andRebind() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT GID FROM ARTISTS WHERE TYPE = ? ORDER BY GID")) {
      assertEquals(Types.VARCHAR, ps.getParameterMetaData().getParameterType(1));
      ps.setString(1, ":artist.type/person");
      assertEquals(List.of(List.of("a1")), rows(ps.executeQuery()));
      ps.setString(1, ":artist.type/group");
      assertEquals(List.of(List.of("a2")), rows(ps.executeQuery()));
      ps.setString(1, ":no/such");
      assertEquals(List.of(), rows(ps.executeQuery()));
      ps.setString(1, "not a keyword");
      assertEquals(List.of(), rows(ps.executeQuery()));
      ps.setNull(1, Types.VARCHAR);
      assertEquals(List.of(), rows(ps.executeQuery()));
    }
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN PLAN FOR SELECT GID FROM ARTISTS WHERE TYPE = ?");
        ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("AVET") && plan.contains("TYPE in [?0]"), plan);
    }
  }

  @Test
  void lookupJoins_onEnumAndMembershipTables() throws SQLException {
    String before = System.getProperty("datolite.sql.lookupJoins");
    System.setProperty("datolite.sql.lookupJoins", "always");
    try {
      String sql = "SELECT A.GID FROM (VALUES (CAST(':artist.type/group' AS VARCHAR)), (CAST(':artist.type/x' AS"
          + " VARCHAR))) AS V(T) JOIN ARTISTS A ON A.TYPE = V.T";
      String plan = (String) query(conn, "EXPLAIN PLAN FOR " + sql).get(0).get(0);
      assertTrue(plan.contains("DatoliteLookupJoin"), plan);
      // No gid is a group too, but no row of ARTISTS
      assertEquals(List.of(List.of("a2")), query(conn, sql));
      sql = "SELECT V.N, A.GID FROM (VALUES (CAST('Beatles' AS VARCHAR)), (CAST('No gid' AS VARCHAR))) AS V(N)"
          + " LEFT JOIN ARTISTS A ON A.NAME = V.N ORDER BY V.N";
      plan = (String) query(conn, "EXPLAIN PLAN FOR " + sql).get(0).get(0);
      assertTrue(plan.contains("DatoliteLookupJoin"), plan);
      assertEquals(List.of(List.of("Beatles", "a2"), Arrays.asList("No gid", null)), query(conn, sql));
    } finally {
      if (before == null) {
        System.clearProperty("datolite.sql.lookupJoins");
      } else {
        System.setProperty("datolite.sql.lookupJoins", before);
      }
    }
    // lookups by a column that is no member find members only
    assertEquals(List.of(), query(conn, "SELECT GID FROM ARTISTS WHERE NAME = 'No gid'"));
    assertEquals(List.of(List.of("a2")), query(conn, "SELECT GID FROM ARTISTS WHERE NAME = 'Beatles'"));
    assertEquals(List.of(), query(conn, "SELECT GID FROM ARTISTS WHERE DB_ID IN (SELECT DB_ID FROM LABEL)"));
  }

  @Test
  void historyTables_readTheHistory_andTheConnectionsLimits() throws SQLException {
    assertEquals(List.of(List.of("\"Leonard\"", true), List.of("\"Leonard\"", false), List.of("\"Leonard Cohen\"", true)),
        query(conn, "SELECT V, ADDED FROM HISTORY.ARTISTS WHERE ATTRIBUTE = ':artist/name'"
            + " AND DB_ID = (SELECT DB_ID FROM ARTISTS WHERE GID = 'a1') ORDER BY TX, ADDED"));
    // datoms of an included attribute count only on members (EMI's :meta/source is not an artist's)
    assertEquals(List.of(List.of(1L)), query(conn, "SELECT COUNT(*) FROM HISTORY.ARTISTS WHERE SOURCE IS NOT NULL"));
    // no datom of the excluded attribute, and none of entities that are no members (No gid)
    assertEquals(List.of(), query(conn, "SELECT V FROM HISTORY.ARTISTS WHERE ATTRIBUTE IN (':artist/secret')"
        + " OR V = '\"No gid\"'"));
    Properties p = new Properties();
    p.setProperty("as-of", Long.toString(dataT));
    try (Connection old = DriverManager.getConnection(URL, p)) {
      assertEquals(List.of(List.of("\"Leonard\"")), query(old, "SELECT V FROM HISTORY.ARTISTS"
          + " WHERE ATTRIBUTE = ':artist/name' AND GID IS NULL AND V LIKE '\"Leo%'"));
    }
    p = new Properties();
    p.setProperty("since", Long.toString(dataT));
    try (Connection since = DriverManager.getConnection(URL, p)) {
      assertEquals(List.of(List.of("\"Leonard\"", false), List.of("\"Leonard Cohen\"", true)),
          query(since, "SELECT V, ADDED FROM HISTORY.ARTISTS ORDER BY ADDED"));
    }
    p = new Properties();
    p.setProperty("history", "true");
    try (Connection history = DriverManager.getConnection(URL, p)) {
      // Leonard, Beatles, then Leonard retracted and Leonard Cohen: No gid is no artist
      assertEquals(List.of(List.of(4L)), query(history, "SELECT COUNT(*) FROM HISTORY.ARTISTS WHERE NAME IS NOT NULL"));
      SQLException e = assertThrows(SQLException.class, () -> query(history, "SELECT NAME FROM ARTISTS"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("HISTORY.ARTISTS"), e.getMessage());
    }
  }

  @Test
  void badOverrides_areRefusedWithTheirSqlState_andChangeNothing() throws SQLException {
    long t = nativeConn.db().basisT();
    List<List<Object>> before = query(conn, "SELECT GID, NAME FROM ARTISTS ORDER BY GID");
    for (String bad : List.of("[{:db/id :label/name :db.sql/table \"artists\"}]",
        "[{:db/id :label/name :db.sql/table \"two words\"}]",
        "[{:db/id :artist.type/person :db.sql/exclude true}]",
        "[{:db/id :label/name :db.sql/include [:artist.type/person]}]",
        "[{:db/id :label/name :db.sql/enum true}]")) {
      TxException e = assertThrows(TxException.class, () -> nativeConn.transact(bad), bad);
      assertEquals(TxErrorCode.INVALID_SCHEMA, e.code(), e.getMessage());
      assertEquals("42P16", e.code().sqlState());
    }
    TxException missing = assertThrows(TxException.class,
        () -> nativeConn.transact("[{:db/id :label/name :db.sql/include [:no/such]}]"));
    assertEquals(TxErrorCode.UNKNOWN_ENTITY, missing.code(), missing.getMessage());
    assertEquals(t, nativeConn.db().basisT(), "nothing stored");
    assertEquals(before, query(conn, "SELECT GID, NAME FROM ARTISTS ORDER BY GID"));
  }
}

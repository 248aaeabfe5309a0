package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL through JDBC over an in-memory database: what a CREATE TABLE declares reads back in
 * metadata and in Datalog, references are refs, NOT NULL holds for Datalog writes too, DDL in a
 * JDBC transaction, DDL batches, and bad DDL that stores nothing. The statement forms and their
 * rows are in {@code sql-tests}' {@code ddl.sql}.
 */
class DdlTest {
  private static int databases;
  private DatoliteConnection nativeConn;
  private Connection conn;

  @BeforeEach
  void open() throws SQLException {
    String name = "ddl-test-" + ++databases;
    nativeConn = Datolite.connect("mem:" + name, null);
    conn = DriverManager.getConnection("jdbc:datolite:mem:" + name);
    run("CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(100) UNIQUE,"
        + " credit DECIMAL(10, 2) DEFAULT 0, since DATE, tier CHAR(1) DEFAULT 'B')");
    run("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customer (id),"
        + " total NUMERIC(12, 2), owner BIGINT REFERENCES customer (db_id))");
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
    nativeConn.close();
  }

  private void run(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  private List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private long t() {
    return nativeConn.db().basisT();
  }

  @Test
  void aTableCreatedInSql_isReadInDatalog_itsReferencesAreRefs() throws SQLException {
    run("INSERT INTO customer (id, name) VALUES (1, 'Ann'), (2, 'Bob')");
    run("INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 99.5), (11, 2, 5)");
    Collection<?> names = (Collection<?>) nativeConn.db().q(
        "[:find ?name ?total :where [?o :orders/customer-id ?c] [?c :customer/name ?name] [?o :orders/total ?total]]");
    assertEquals(2, names.size());
    assertTrue(names.toString().contains("Ann") && names.toString().contains("99.50"), names.toString());
    // the reference is a ref to the row: a pull follows it
    Object order = nativeConn.db().q("[:find ?o . :where [?o :orders/id 10]]");
    Map<Object, Object> pulled = nativeConn.db().pull("[:orders/id {:orders/customer-id [:customer/name]}]", order);
    assertEquals(Map.of(Keyword.of("customer", "name"), "Ann"), pulled.get(Keyword.of("orders", "customer-id")));
    // what CREATE TABLE declared is schema data
    Object declared = nativeConn.db().q("[:find ?type . :where [?a :db/ident :customer/id] [?a :db.sql/type ?type]]");
    assertEquals("INTEGER", declared);
  }

  @Test
  void rowsWrittenInDatalog_areRowsOfTheTable_andNotNullHoldsForThem() throws SQLException {
    nativeConn.transact("[{:customer/id 5 :customer/name \"Dee\"}]");
    assertEquals(List.of(List.of(5, "Dee")), query("SELECT id, name FROM customer"));
    TxException e = assertThrows(TxException.class, () -> nativeConn.transact("[{:customer/id 6}]"));
    assertEquals("23502", e.code().sqlState());
    long before = t();
    assertThrows(TxException.class, () -> nativeConn.transact("[[:db/retract [:customer/id 5] :customer/name \"Dee\"]]"));
    assertEquals(before, t());
    // a row deleted whole needs no value
    nativeConn.transact("[[:db/retractEntity [:customer/id 5]]]");
    assertEquals(List.of(), query("SELECT id FROM customer"));
  }

  @Test
  void metadata_reportsColumnsAsDeclared() throws SQLException {
    DatabaseMetaData md = conn.getMetaData();
    List<String> seen = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "PUBLIC", "CUSTOMER", "%")) {
      while (rs.next()) {
        seen.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("DATA_TYPE") + " "
            + rs.getInt("COLUMN_SIZE") + " " + rs.getObject("DECIMAL_DIGITS") + " " + rs.getString("IS_NULLABLE") + " "
            + rs.getString("COLUMN_DEF"));
      }
    }
    assertEquals(List.of(
        "DB_ID BIGINT " + Types.BIGINT + " 19 0 NO null",
        "ID INTEGER " + Types.INTEGER + " 10 0 NO null",
        "NAME VARCHAR " + Types.VARCHAR + " 40 null NO null",
        "EMAIL VARCHAR " + Types.VARCHAR + " 100 null YES null",
        "CREDIT DECIMAL " + Types.DECIMAL + " 10 2 YES 0",
        "SINCE DATE " + Types.DATE + " 10 null YES null",
        "TIER CHAR " + Types.CHAR + " 1 null YES 'B'"), seen);
    try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", "CUSTOMER")) {
      assertTrue(rs.next());
      assertEquals("ID", rs.getString("COLUMN_NAME"));
    }
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = md.getImportedKeys(null, "PUBLIC", "ORDERS")) {
      while (rs.next()) {
        keys.add(rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
      }
    }
    assertEquals(List.of("CUSTOMER_ID -> CUSTOMER.ID", "OWNER -> CUSTOMER.DB_ID"), keys);
    List<String> unique = new ArrayList<>();
    try (ResultSet rs = md.getIndexInfo(null, "PUBLIC", "CUSTOMER", true, true)) {
      while (rs.next()) {
        unique.add(rs.getString("COLUMN_NAME"));
      }
    }
    assertEquals(List.of("DB_ID", "ID", "EMAIL"), unique);
  }

  @Test
  void onDelete_isKept_reportedByMetadata_andDroppedWithItsConstraint() throws SQLException {
    run("CREATE TABLE line (id INT PRIMARY KEY, order_id BIGINT REFERENCES orders (id) ON DELETE CASCADE,"
        + " buyer INT, CONSTRAINT line_buyer FOREIGN KEY (buyer) REFERENCES customer (id) ON DELETE SET NULL)");
    run("CREATE TABLE gift (id INT PRIMARY KEY, line_id INT)");
    run("ALTER TABLE gift ADD CONSTRAINT gift_line FOREIGN KEY (line_id) REFERENCES line (id) ON DELETE CASCADE");
    assertEquals(List.of("BUYER 2 LINE_BUYER", "ORDER_ID 0 LINE_ORDER_ID_FKEY"), deleteRules("LINE"));
    assertEquals(List.of("LINE_ID 0 GIFT_LINE"), deleteRules("GIFT"));
    assertEquals("CASCADE", nativeConn.db().q("[:find ?r . :where [?a :db/ident :gift/line-id] [?a :db.sql/on-delete ?r]]"));
    run("INSERT INTO customer (id, name) VALUES (1, 'Ann')");
    run("INSERT INTO orders (id, customer_id) VALUES (10, 1)");
    run("INSERT INTO line (id, order_id, buyer) VALUES (100, 10, 1)");
    run("INSERT INTO gift (id, line_id) VALUES (1000, 100)");
    assertEquals(List.of("LINE.BUYER 2", "ORDERS.CUSTOMER_ID 3", "ORDERS.OWNER 3"), exportedRules("CUSTOMER"));
    // the order's line and the line's gift go with it (two levels of CASCADE); the count is the order's
    try (Statement st = conn.createStatement()) {
      assertEquals(1, st.executeUpdate("DELETE FROM orders WHERE id = 10"));
    }
    assertEquals(List.of(), query("SELECT id FROM line"));
    assertEquals(List.of(), query("SELECT id FROM gift"));
    // without its constraint the reference is NO ACTION again
    run("ALTER TABLE gift DROP CONSTRAINT gift_line");
    assertEquals(List.of(), deleteRules("GIFT"));
    assertNull(nativeConn.db().q("[:find ?r . :where [?a :db/ident :gift/line-id] [?a :db.sql/on-delete ?r]]"));
  }

  @Test
  void aJoinTable_takesForeignKeysOnItsKeyColumns_afterItIsCreated() throws SQLException {
    // what Hibernate writes for a @ManyToMany: the join table with its key, then each foreign key
    run("CREATE TABLE tag (id BIGINT PRIMARY KEY, label VARCHAR(20))");
    run("CREATE TABLE customer_tag (customer_id INTEGER NOT NULL, tag_id BIGINT NOT NULL,"
        + " PRIMARY KEY (customer_id, tag_id))");
    run("ALTER TABLE customer_tag ADD CONSTRAINT fk_ct_customer FOREIGN KEY (customer_id) REFERENCES customer");
    run("ALTER TABLE customer_tag ADD CONSTRAINT fk_ct_tag FOREIGN KEY (tag_id) REFERENCES tag ON DELETE CASCADE");
    assertEquals(List.of("CUSTOMER_ID 3 FK_CT_CUSTOMER", "TAG_ID 0 FK_CT_TAG"), deleteRules("CUSTOMER_TAG"));
    List<String> key = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getPrimaryKeys(null, "PUBLIC", "CUSTOMER_TAG")) {
      while (rs.next()) {
        key.add(rs.getString("COLUMN_NAME") + " " + rs.getShort("KEY_SEQ"));
      }
    }
    assertEquals(List.of("CUSTOMER_ID 1", "TAG_ID 2"), key);
    run("INSERT INTO customer (id, name) VALUES (1, 'Ann')");
    run("INSERT INTO tag (id, label) VALUES (7, 'vip'), (8, 'new')");
    run("INSERT INTO customer_tag (customer_id, tag_id) VALUES (1, 7), (1, 8)");
    SQLException e = assertThrows(SQLException.class, () -> run("INSERT INTO customer_tag VALUES (1, 7)"));
    assertEquals("23505", e.getSQLState(), "the key holds over the new columns");
    e = assertThrows(SQLException.class, () -> run("INSERT INTO customer_tag VALUES (1, 9)"));
    assertEquals("23503", e.getSQLState(), "and so do the references");
    assertEquals(List.of(List.of(1, 7L), List.of(1, 8L)),
        query("SELECT customer_id, tag_id FROM customer_tag ORDER BY tag_id"));
    // the columns are refs: Datalog follows them
    assertEquals("vip", nativeConn.db().q("[:find ?l . :where [?ct :customer-tag/tag-id ?t]"
        + " [?ct :customer-tag/customer-id ?c] [?c :customer/id 1] [?t :tag/label ?l] [?t :tag/id 7]]"));
    run("DELETE FROM tag WHERE id = 8");
    assertEquals(List.of(List.of(1, 7L)), query("SELECT customer_id, tag_id FROM customer_tag"));
    // a join table with rows keeps its columns as they are
    run("CREATE TABLE tag_note (tag_id BIGINT NOT NULL, note VARCHAR(10) NOT NULL, PRIMARY KEY (tag_id, note))");
    run("INSERT INTO tag_note VALUES (7, 'x')");
    e = assertThrows(SQLException.class,
        () -> run("ALTER TABLE tag_note ADD FOREIGN KEY (tag_id) REFERENCES tag"));
    assertEquals("0A000", e.getSQLState());
  }

  /** Each imported key of a table as "FKCOLUMN DELETE_RULE FK_NAME", by column. */
  private List<String> deleteRules(String table) throws SQLException {
    return keys(conn.getMetaData().getImportedKeys(null, "PUBLIC", table), false);
  }

  /** Each exported key of a table as "FKTABLE.FKCOLUMN DELETE_RULE", by table and column. */
  private List<String> exportedRules(String table) throws SQLException {
    return keys(conn.getMetaData().getExportedKeys(null, "PUBLIC", table), true);
  }

  private static List<String> keys(ResultSet keys, boolean exported) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = keys) {
      while (rs.next()) {
        out.add(exported ? rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + " " + rs.getShort("DELETE_RULE")
            : rs.getString("FKCOLUMN_NAME") + " " + rs.getShort("DELETE_RULE") + " " + rs.getString("FK_NAME"));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void results_readDeclaredColumnsAsDeclared() throws SQLException {
    run("INSERT INTO customer (id, name, since, credit) VALUES (1, 'Ann', DATE '2020-01-15', 3.456)");
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, since, credit, tier FROM customer")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(Types.INTEGER, md.getColumnType(1));
      assertEquals(40, md.getPrecision(2));
      assertEquals(Types.DATE, md.getColumnType(3));
      assertEquals(10, md.getPrecision(4));
      assertEquals(2, md.getScale(4));
      assertEquals(Types.CHAR, md.getColumnType(5));
      assertTrue(rs.next());
      assertInstanceOf(Integer.class, rs.getObject(1));
      assertEquals(Date.valueOf("2020-01-15"), rs.getObject(3));
      assertEquals(LocalDate.of(2020, 1, 15), rs.getObject(3, LocalDate.class));
      assertEquals("2020-01-15", rs.getString(3));
      assertEquals(new BigDecimal("3.46"), rs.getBigDecimal(4));
      assertEquals("B", rs.getString(5));
    }
    // the planner's path (a join) reports the same
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT c.id, c.since FROM customer c JOIN customer d ON d.id = c.id")) {
      assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(1));
      assertEquals(Types.DATE, rs.getMetaData().getColumnType(2));
      assertTrue(rs.next());
      assertEquals(1, rs.getObject(1));
      assertEquals(Date.valueOf("2020-01-15"), rs.getObject(2));
    }
  }

  @Test
  void anIdentityColumn_isTheEntityId_returnedAsTheGeneratedKey() throws SQLException {
    run("CREATE TABLE account (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner VARCHAR(20))");
    long id;
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO account (owner) VALUES (?)", new String[] {"id"})) {
      p.setString(1, "ann");
      assertEquals(1, p.executeUpdate());
      try (ResultSet keys = p.getGeneratedKeys()) {
        assertTrue(keys.next());
        id = keys.getLong("ID");
      }
    }
    assertEquals(List.of(List.of(id, "ann")), query("SELECT id, owner FROM account"));
    assertEquals(id, nativeConn.db().q("[:find ?e . :where [?e :account/owner \"ann\"]]"));
    DatabaseMetaData md = conn.getMetaData();
    try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", "ACCOUNT")) {
      assertTrue(rs.next());
      assertEquals("ID", rs.getString("COLUMN_NAME"));
    }
    try (ResultSet rs = md.getColumns(null, "PUBLIC", "ACCOUNT", "ID")) {
      assertTrue(rs.next());
      assertEquals("YES", rs.getString("IS_AUTOINCREMENT"));
      assertEquals("BIGINT", rs.getString("TYPE_NAME"));
    }
    SQLException e = assertThrows(SQLException.class, () -> run("CREATE TABLE t (id INTEGER GENERATED ALWAYS AS IDENTITY)"));
    assertEquals("0A000", e.getSQLState());
    assertTrue(e.getMessage().contains("BIGINT"), e.getMessage());
  }

  @Test
  void aKeyOfSeveralColumns_isUnique_andReportedAsThePrimaryKey() throws SQLException {
    run("CREATE TABLE team_member (person BIGINT, team BIGINT, since DATE, PRIMARY KEY (person, team))");
    run("INSERT INTO team_member (person, team) VALUES (1, 2), (2, 2)");
    SQLException e = assertThrows(SQLException.class, () -> run("INSERT INTO team_member (person, team) VALUES (1, 2)"));
    assertEquals("23505", e.getSQLState());
    List<String> key = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getPrimaryKeys(null, "PUBLIC", "TEAM_MEMBER")) {
      while (rs.next()) {
        key.add(rs.getShort("KEY_SEQ") + " " + rs.getString("COLUMN_NAME"));
      }
    }
    assertEquals(List.of("1 PERSON", "2 TEAM"), key);
    // the key is a composite tuple in Datalog
    assertEquals(2, ((Collection<?>) nativeConn.db().q("[:find ?k :where [_ :team-member/person+team ?k]]")).size());
  }

  @Test
  void views_areListedWithTheirColumns() throws SQLException {
    run("CREATE VIEW rich AS SELECT id, name FROM customer WHERE credit > 100");
    DatabaseMetaData md = conn.getMetaData();
    try (ResultSet rs = md.getTables(null, null, "RICH", new String[] {"VIEW"})) {
      assertTrue(rs.next());
      assertEquals("VIEW", rs.getString("TABLE_TYPE"));
      assertFalse(rs.next());
    }
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, null, "RICH", null)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
      }
    }
    // a view's column that passes a table's column through has its declaration; a computed one its computed type
    assertEquals(List.of("ID INTEGER", "NAME VARCHAR"), columns);
    run("INSERT INTO customer (id, name, credit) VALUES (1, 'Ann', 500), (2, 'Bob', 5)");
    assertEquals(List.of(List.of(1, "Ann")), query("SELECT * FROM rich")); // INTEGER, as the view reports it
    run("CREATE VIEW doubled AS SELECT id * 2 AS twice, since FROM customer");
    columns.clear();
    try (ResultSet rs = md.getColumns(null, null, "DOUBLED", null)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
      }
    }
    assertEquals(List.of("TWICE BIGINT", "SINCE DATE"), columns); // computed over the stored longs
    SQLException e = assertThrows(SQLException.class, () -> run("INSERT INTO rich (id, name) VALUES (3, 'Cy')"));
    assertEquals("42P01", e.getSQLState());
  }

  @Test
  void ddlInATransaction_runsAlone_andRefusesToMixWithWrites() throws SQLException {
    conn.setAutoCommit(false);
    assertEquals(List.of(), query("SELECT id FROM customer")); // a transaction that only read
    run("CREATE TABLE memo (body TEXT)");
    run("INSERT INTO memo (body) VALUES ('x')");
    SQLException e = assertThrows(SQLException.class, () -> run("ALTER TABLE memo ADD COLUMN n INT"));
    assertEquals("25001", e.getSQLState());
    conn.rollback();
    assertEquals(List.of(), query("SELECT body FROM memo")); // the write rolled back; the table stays
    run("ALTER TABLE memo ADD COLUMN n INT");
    conn.commit();
    assertEquals(List.of(List.of("MEMO", "N")), columnsOf("MEMO", "N"));
  }

  private List<List<Object>> columnsOf(String table, String column) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getColumns(null, "PUBLIC", table, column)) {
      while (rs.next()) {
        out.add(List.of(rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")));
      }
    }
    return out;
  }

  @Test
  void aBatchOfDdlAndInserts_runsInOrder_andStopsAtTheFirstFailure() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.addBatch("CREATE TABLE tag (label VARCHAR(20) PRIMARY KEY)");
      s.addBatch("INSERT INTO tag (label) VALUES ('a'), ('b')");
      s.addBatch("CREATE INDEX tag_label ON tag (label)");
      assertArrayEquals(new int[] {0, 2, 0}, s.executeBatch());
      s.addBatch("ALTER TABLE tag ADD COLUMN n INT DEFAULT 1");
      s.addBatch("CREATE TABLE tag (x INT)");
      s.addBatch("DROP TABLE tag");
      BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
      assertEquals("42P07", e.getSQLState());
      assertArrayEquals(new long[] {0}, e.getLargeUpdateCounts());
    }
    assertEquals(List.of(List.of("a", 1), List.of("b", 1)), query("SELECT label, n FROM tag ORDER BY label"));
  }

  @Test
  void preparedDdl_hasNoParameters_andRuns() throws SQLException {
    try (PreparedStatement p = conn.prepareStatement("CREATE TABLE later (x INT)")) {
      assertEquals(0, p.getParameterMetaData().getParameterCount());
      assertFalse(p.execute());
      assertEquals(0, p.getUpdateCount());
    }
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = conn.createStatement()) {
        s.executeQuery("DROP TABLE later");
      }
    });
    assertEquals("22023", e.getSQLState());
    assertEquals(List.of(), query("SELECT x FROM later"));
  }

  @Test
  void dropTableCascade_keepsTheReferencingColumn_asAnEntityId() throws SQLException {
    run("INSERT INTO customer (id, name) VALUES (1, 'Ann')");
    run("INSERT INTO orders (id, customer_id) VALUES (10, 1)");
    long customer = (Long) query("SELECT db_id FROM customer").get(0).get(0);
    run("DROP TABLE customer CASCADE");
    assertEquals(List.of(List.of(10L, customer)), query("SELECT id, customer_id FROM orders"));
    // its rows stay, under the renamed attributes
    assertEquals(List.of(List.of(1L)), query("SELECT COUNT(*) FROM DATOMS.AEVT WHERE A LIKE ':customer.dropped-%/name'"));
  }

  @Test
  void badDdl_failsWithItsState_andStoresNothing() throws SQLException {
    String[][] cases = {
        {"CREATE TABLE customer (x INT)", "42P07"},
        {"CREATE TABLE t (a INT, a INT)", "42701"},
        {"CREATE TABLE t (a INT REFERENCES customer (name))", "42830"},
        {"CREATE TABLE t (a TEXT REFERENCES customer (id))", "42804"},
        {"CREATE TABLE t (a INT REFERENCES nowhere)", "42P01"},
        {"CREATE TABLE t (a INT DEFAULT 'x')", "22P02"},
        {"CREATE TABLE t (a VARCHAR(2) DEFAULT 'long')", "22001"},
        {"CREATE TABLE t (a INT CHECK (b > 1))", "42703"},
        {"CREATE TABLE t (a INT CHECK (a + 1))", "42883"},
        {"CREATE TABLE t (a INT,", "42601"},
        {"CREATE TABLE t (\"we ird\" INT)", "42602"},
        {"CREATE TABLE t (a INT) ENGINE", "42601"},
        {"ALTER TABLE customer ADD COLUMN name TEXT", "42701"},
        {"ALTER TABLE customer ALTER COLUMN nothing SET NOT NULL", "42703"},
        {"ALTER TABLE customer DROP COLUMN db_id", "42P16"},
        {"ALTER TABLE customer ADD PRIMARY KEY (name)", "42P16"},
        {"DROP TABLE customer", "2BP01"},
        {"DROP TABLE nowhere", "42P01"},
        {"DROP VIEW customer", "42809"},
        {"DROP INDEX anything", "0A000"},
        {"CREATE VIEW v AS DELETE FROM customer", "42601"},
        {"CREATE UNIQUE INDEX i ON customer (id, name)", "0A000"},
        {"TRUNCATE nowhere", "42P01"},
        {"COMMENT ON TABLE customer IS 'x'", "0A000"},
    };
    long before = t();
    for (String[] c : cases) {
      SQLException e = assertThrows(SQLException.class, () -> run(c[0]), c[0]);
      assertEquals(c[1], e.getSQLState(), c[0] + ": " + e.getMessage());
      assertFalse(e.getMessage().isBlank());
    }
    assertEquals(before, t(), "a failed DDL statement stored nothing");
    assertNull(nativeConn.db().q("[:find ?a . :where [?a :db/ident :t/a]]"));
  }
}

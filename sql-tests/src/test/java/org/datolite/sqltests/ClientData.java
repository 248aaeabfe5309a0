package org.datolite.sqltests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.datolite.DatoliteConnection;

/** The small data set of the real-client tests, for Datolite (EDN) and PostgreSQL (SQL). */
final class ClientData {
  private ClientData() {}

  static final String EDN = "["
      + "{:db/id \"acme\" :company/name \"Acme\" :company/city \"Basel\"}"
      + " {:db/id \"globex\" :company/name \"Globex\"}"
      + " {:db/id \"ann\" :person/name \"Ann\" :person/age 30 :person/score 1.5 :person/active true"
      + "  :person/born #inst \"1990-05-01T12:00:00Z\" :person/employer \"acme\" :person/alias [\"A\" \"Annie\"]}"
      + " {:db/id \"bob\" :person/name \"Bob\" :person/active false :person/employer \"acme\"}"
      + " {:db/id \"cy\" :person/name \"Cy\" :person/age 41 :person/score -2.25}]";

  static final String[] SQL = {
      "INSERT INTO COMPANY (DB_ID, NAME, CITY) VALUES (1, 'Acme', 'Basel'), (2, 'Globex', NULL)",
      "INSERT INTO PERSON (DB_ID, NAME, AGE, SCORE, ACTIVE, BORN, EMPLOYER) VALUES"
          + " (10, 'Ann', 30, 1.5, TRUE, TIMESTAMP '1990-05-01 12:00:00', 1), (11, 'Bob', NULL, NULL, FALSE, NULL, 1),"
          + " (12, 'Cy', 41, -2.25, NULL, NULL, NULL)",
      "INSERT INTO PERSON_ALIAS VALUES (10, 'A'), (10, 'Annie')"};

  /** Transacts the differential tests' schema and this data through the native API. */
  static void load(DatoliteConnection conn) {
    conn.transact(PeopleData.SCHEMA_EDN);
    conn.transact(EDN);
  }

  /** Creates the differential tests' tables (with their keys) in PostgreSQL and inserts this data. */
  static void load(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String ddl : PeopleData.POSTGRES_DDL) {
        st.execute(ddl);
      }
      for (String sql : SQL) {
        st.execute(sql);
      }
    }
  }
}

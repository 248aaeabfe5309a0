package org.datolite.sqltests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@link PeopleData} as in-memory tables of plain Calcite ({@code jdbc:calcite:}, Calcite's own
 * Enumerable engine, no Datolite), with the names and SQL types of Datolite's model. It lets the
 * differential harness check today that the generated SQL means the same in Calcite's dialect as
 * in PostgreSQL's, before Datolite's driver (Calcite behind its own JDBC face) exists.
 */
final class CalciteTables {
  private CalciteTables() {}

  /** A connection to a fresh Calcite root schema whose default schema {@code PUBLIC} holds the data. */
  static Connection connect(PeopleData data, Map<String, Long> ids) throws SQLException {
    Properties info = new Properties();
    info.setProperty("timeZone", "UTC");
    Connection conn = DriverManager.getConnection("jdbc:calcite:", info);
    CalciteConnection calcite = conn.unwrap(CalciteConnection.class);
    SchemaPlus schema = calcite.getRootSchema().add("PUBLIC", new AbstractSchema());
    List<Object[]> companies = new ArrayList<>();
    for (PeopleData.Company c : data.companies) {
      companies.add(new Object[] {ids.get(c.tempid()), c.name(), c.city(), c.revenue()});
    }
    List<Object[]> people = new ArrayList<>();
    List<Object[]> aliases = new ArrayList<>();
    for (PeopleData.Person p : data.people) {
      long id = ids.get(p.tempid());
      people.add(new Object[] {id, p.name(), p.age(), p.score(), p.active(),
          p.born() == null ? null : p.born().toEpochMilli(), // TIMESTAMP's internal form: millis, UTC
          p.employer() == null ? null : ids.get(p.employer().tempid())});
      for (String a : p.aliases()) {
        aliases.add(new Object[] {id, a});
      }
    }
    schema.add("COMPANY", new Table(companies, new String[] {"DB_ID", "NAME", "CITY", "REVENUE"},
        new SqlTypeName[] {SqlTypeName.BIGINT, SqlTypeName.VARCHAR, SqlTypeName.VARCHAR, SqlTypeName.DECIMAL}));
    schema.add("PERSON", new Table(people,
        new String[] {"DB_ID", "NAME", "AGE", "SCORE", "ACTIVE", "BORN", "EMPLOYER"},
        new SqlTypeName[] {SqlTypeName.BIGINT, SqlTypeName.VARCHAR, SqlTypeName.BIGINT, SqlTypeName.DOUBLE,
            SqlTypeName.BOOLEAN, SqlTypeName.TIMESTAMP, SqlTypeName.BIGINT}));
    schema.add("PERSON_ALIAS", new Table(aliases, new String[] {"PERSON_ID", "ALIAS"},
        new SqlTypeName[] {SqlTypeName.BIGINT, SqlTypeName.VARCHAR}));
    calcite.setSchema("PUBLIC");
    return conn;
  }

  /** A scannable table of rows in Calcite's internal form; DB_ID and the child table's columns are NOT NULL. */
  private static final class Table extends AbstractTable implements ScannableTable {
    private final List<Object[]> rows;
    private final String[] names;
    private final SqlTypeName[] types;

    Table(List<Object[]> rows, String[] names, SqlTypeName[] types) {
      this.rows = rows;
      this.names = names;
      this.types = types;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      RelDataTypeFactory.Builder b = f.builder();
      for (int i = 0; i < names.length; i++) {
        RelDataType t = types[i] == SqlTypeName.DECIMAL ? f.createSqlType(types[i], 19, 2)
            : types[i] == SqlTypeName.TIMESTAMP ? f.createSqlType(types[i], 3) : f.createSqlType(types[i]);
        boolean notNull = names[i].equals("DB_ID") || names.length == 2;
        b.add(names[i], f.createTypeWithNullability(t, !notNull));
      }
      return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }
}

package org.datolite.schema;

import static org.datolite.schema.TestDatabase.AGE;
import static org.datolite.schema.TestDatabase.FRIEND;
import static org.datolite.schema.TestDatabase.NAME;
import static org.datolite.schema.TestDatabase.NICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.junit.jupiter.api.Test;

/** The SQL mapping facts ({@code :db.sql/*}) as the schema reads them, and their built-in attributes on older stores. */
class SchemaSqlFactsTest {
  private static final long[] SQL_ATTRIBUTES = {Bootstrap.SQL_TABLE, Bootstrap.SQL_MEMBERSHIP, Bootstrap.SQL_INCLUDE,
      Bootstrap.SQL_EXCLUDE, Bootstrap.SQL_ENUM, Bootstrap.SQL_TYPE, Bootstrap.SQL_PRECISION, Bootstrap.SQL_SCALE,
      Bootstrap.SQL_NOT_NULL, Bootstrap.SQL_DEFAULT, Bootstrap.SQL_MARKER, Bootstrap.SQL_REFERENCES,
      Bootstrap.SQL_POSITION, Bootstrap.SQL_DROPPED, Bootstrap.SQL_VIEW, Bootstrap.SQL_VIEW_QUERY, Bootstrap.SQL_ID_COLUMN, Bootstrap.SQL_FOREIGN_KEY, Bootstrap.SQL_CHECK,
      Bootstrap.SQL_ON_DELETE};

  @Test
  void newDatabase_installsTheSqlAttributesAtTZero() {
    TestDatabase test = TestDatabase.withPeopleSchema();
    for (long a : SQL_ATTRIBUTES) {
      assertTrue(test.db().first(Index.EAVT, a, Bootstrap.IDENT) != null, "datoms of " + a + " at t 0");
      assertTrue(Bootstrap.isSchemaAttribute(a) && Bootstrap.isSqlAttribute(a));
    }
    Attribute include = test.schema().attribute(Keyword.of("db.sql/include"));
    assertEquals(Bootstrap.SQL_INCLUDE, include.id());
    assertEquals(ValueType.REF, include.valueType());
    assertTrue(include.isMany());
    assertEquals(ValueType.STRING, test.schema().attribute(Bootstrap.SQL_TABLE).valueType());
  }

  @Test
  void olderDatabase_withoutTheirDatoms_stillHasTheSqlAttributes() {
    TestDatabase old = TestDatabase.withPeopleSchemaLacking(SQL_ATTRIBUTES);
    for (long a : SQL_ATTRIBUTES) {
      assertNull(old.db().first(Index.EAVT, a), "the older store has no datoms of " + a);
      Attribute built = Bootstrap.ATTRIBUTES.stream().filter(x -> x.id() == a).findFirst().orElseThrow();
      assertEquals(built, old.schema().attribute(a), "taken from the built-in list");
      assertEquals(a, old.schema().entid(built.ident()));
      assertEquals(built.ident(), old.schema().ident(a));
    }
    // and they take facts like on a new store
    long tx = old.nextTx();
    old.transact(List.of(Datom.of(NAME, Bootstrap.SQL_TABLE, "PEOPLE", tx)));
    assertEquals("PEOPLE", old.schema().sqlFacts(NAME).table());
    assertTrue(old.schema().isRef(Bootstrap.SQL_INCLUDE));
  }

  @Test
  void sqlFacts_areReadPerAttribute() {
    TestDatabase test = TestDatabase.withPeopleSchema();
    assertSame(SqlFacts.NONE, test.schema().sqlFacts(NAME));
    assertFalse(test.schema().hasSqlFacts());
    long tx = test.nextTx();
    test.transact(List.of(Datom.of(NAME, Bootstrap.SQL_TABLE, "People", tx),
        Datom.of(NAME, Bootstrap.SQL_MEMBERSHIP, true, tx),
        Datom.of(NAME, Bootstrap.SQL_INCLUDE, NICK, tx), Datom.of(NAME, Bootstrap.SQL_INCLUDE, AGE, tx),
        Datom.of(AGE, Bootstrap.SQL_EXCLUDE, true, tx),
        Datom.of(FRIEND, Bootstrap.SQL_ENUM, false, tx)));
    Schema s = test.schema();
    assertTrue(s.hasSqlFacts());
    assertEquals(new SqlFacts("People", true, List.of(AGE, NICK), false, null), s.sqlFacts(NAME));
    assertEquals(new SqlFacts(null, false, List.of(), true, null), s.sqlFacts(AGE));
    assertEquals(Boolean.FALSE, s.sqlFacts(FRIEND).enumRef());
    // a retraction takes the fact back
    tx = test.nextTx();
    long before = tx - 1;
    test.transact(List.of(Datom.of(AGE, Bootstrap.SQL_EXCLUDE, true, before).retractedBy(tx)));
    assertSame(SqlFacts.NONE, test.schema().sqlFacts(AGE));
  }

  @Test
  void declarations_andViews_areReadWithTheSchema() {
    TestDatabase test = TestDatabase.withPeopleSchema();
    long tx = test.nextTx();
    long view = Ids.entity(Ids.PARTITION_USER, 5000);
    test.transact(List.of(Datom.of(AGE, Bootstrap.SQL_TYPE, "INTEGER", tx), Datom.of(AGE, Bootstrap.SQL_NOT_NULL, true, tx),
        Datom.of(AGE, Bootstrap.SQL_DEFAULT, "0", tx), Datom.of(AGE, Bootstrap.SQL_POSITION, 2L, tx),
        Datom.of(NAME, Bootstrap.SQL_TYPE, "DECIMAL", tx), Datom.of(NAME, Bootstrap.SQL_PRECISION, 10L, tx),
        Datom.of(NAME, Bootstrap.SQL_SCALE, 2L, tx), Datom.of(FRIEND, Bootstrap.SQL_REFERENCES, NAME, tx),
        Datom.of(FRIEND, Bootstrap.SQL_ON_DELETE, "CASCADE", tx), Datom.of(NICK, Bootstrap.SQL_DROPPED, true, tx),
        Datom.of(view, Bootstrap.SQL_VIEW, "ADULTS", tx), Datom.of(view, Bootstrap.SQL_VIEW_QUERY, "SELECT 1", tx)));
    Schema s = test.schema();
    SqlFacts age = s.sqlFacts(AGE);
    assertEquals("INTEGER", age.type());
    assertTrue(age.notNull());
    assertEquals("0", age.defaultValue());
    assertEquals(2L, age.position());
    assertEquals(new SqlFacts(null, false, List.of(), false, null, "DECIMAL", 10L, 2L, false, null, false, null, null,
        false, null, null, List.of(), null), s.sqlFacts(NAME));
    assertEquals(NAME, s.sqlFacts(FRIEND).references());
    assertEquals("CASCADE", s.sqlFacts(FRIEND).onDelete());
    assertTrue(s.sqlFacts(NICK).dropped());
    assertEquals(List.of(s.attribute(AGE)), s.notNullByNamespace().get(s.attribute(AGE).ident().namespace()));
    assertEquals(Map.of("ADULTS", "SELECT 1"), s.views());
    assertEquals(DeclaredType.INTEGER, DeclaredType.named(age.type()));
    assertEquals(DeclaredType.VARCHAR, DeclaredType.parse("character  varying"));
    assertEquals(DeclaredType.DOUBLE, DeclaredType.parse("float"));
    assertNull(DeclaredType.parse("geometry"));
    assertNull(DeclaredType.named("varchar"), "stored names are canonical");
  }

  @Test
  void identsById_holdsAttributesAndEnumValues() {
    Schema s = TestDatabase.withPeopleSchema().schema();
    assertEquals(Keyword.of("sex/f"), s.identsById().get(TestDatabase.SEX_F));
    assertEquals(Keyword.of("p/name"), s.identsById().get(NAME));
  }
}

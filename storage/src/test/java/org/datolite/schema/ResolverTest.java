package org.datolite.schema;

import static org.datolite.schema.TestDatabase.AGE;
import static org.datolite.schema.TestDatabase.FRIEND;
import static org.datolite.schema.TestDatabase.NAME;
import static org.datolite.schema.TestDatabase.NICK;
import static org.datolite.schema.TestDatabase.SEX_F;
import static org.datolite.schema.TestDatabase.entity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The resolver alone, on a database value built datom by datom: every way of naming, and every refusal with its SQLState. */
class ResolverTest {
  private static final long ANN = entity(1);
  private static final long BOB = entity(2);
  private static TestDatabase test;
  private static long dataTx;
  private static long laterTx;

  @BeforeAll
  static void load() {
    test = TestDatabase.withPeopleSchema();
    long tx = test.nextTx();
    dataTx = test.transact(List.of(Datom.of(ANN, NAME, "Ann", tx), Datom.of(ANN, AGE, 30L, tx),
        Datom.of(ANN, NICK, "annie", tx), Datom.of(BOB, NAME, "Bob", tx), Datom.of(BOB, FRIEND, ANN, tx),
        Datom.of(BOB, AGE, 40L, tx)));
    tx = test.nextTx();
    laterTx = test.transact(List.of(Datom.of(ANN, AGE, 30L, dataTx).retractedBy(tx), Datom.of(ANN, AGE, 31L, tx)));
  }

  private static DatoliteException fails(String sqlState, Executable call) {
    DatoliteException e = assertThrows(DatoliteException.class, call);
    assertEquals(sqlState, e.sqlState(), e.getMessage());
    return e;
  }

  @Test
  void entid_resolvesIdsIdentsAndLookupRefs() {
    Resolver r = test.resolver();
    assertEquals(ANN, r.entid(ANN));
    assertEquals(7L, r.entid(7), "an Integer id widens");
    assertEquals(NAME, r.entid(Keyword.of("p/name")), "an attribute's ident, through the schema");
    assertEquals(SEX_F, r.entid(Keyword.of("sex/f")), "another ident, through AVET");
    assertEquals(NAME, r.entid(":p/name"), "an ident's text");
    assertEquals(ANN, r.entid(List.of(Keyword.of("p/name"), "Ann")));
    assertEquals(ANN, r.entid(List.of(NAME, "Ann")), "a lookup ref's attribute by id");
    assertNull(r.entid(Keyword.of("no/such")));
    assertNull(r.entid(List.of(Keyword.of("p/name"), "Nobody")));
  }

  @Test
  void entid_refusesWhatCannotNameAnEntity() {
    Resolver r = test.resolver();
    assertTrue(fails("42P10", () -> r.entid(List.of(Keyword.of("p/nick"), "annie"))).getMessage()
        .contains("attribute :p/nick is not unique"));
    assertTrue(fails("42703", () -> r.entid(List.of(Keyword.of("no/such"), "x"))).getMessage()
        .contains("unknown attribute :no/such"));
    assertEquals("cannot use 3.5 (Double) as an entity; expected an entity id (Long), an ident (Keyword) or a lookup ref"
        + " [attribute value]", fails("22023", () -> r.entid(3.5)).getMessage());
  }

  @Test
  void identsResolveAtTheBasis_lookupRefsInTheView() {
    Db since = test.db().since(laterTx);
    Resolver r = new Resolver(since, test.schema());
    assertEquals(SEX_F, r.entid(Keyword.of("sex/f")), "the since value hides the ident's datom, not the ident");
    assertEquals(Keyword.of("sex/f"), r.ident(SEX_F));
    assertNull(r.entid(List.of(Keyword.of("p/name"), "Ann")), "the since value does not show Ann's name");
    assertEquals(Keyword.of("p/age"), test.resolver().ident(Keyword.of("p/age")));
    assertNull(test.resolver().ident(ANN), "an entity without an ident");
    assertNull(test.resolver().ident(Keyword.of("no/such")));
  }

  @Test
  void entityValue_resolvesOnlyIdentsAndLookupRefs() {
    Resolver r = test.resolver();
    assertEquals(ANN, r.entityValue(List.of(Keyword.of("p/name"), "Ann")));
    assertEquals(SEX_F, r.entityValue(Keyword.of("sex/f")));
    assertNull(r.entityValue(Keyword.of("no/such")));
    assertEquals(":p/name", r.entityValue(":p/name"), "text is a value, not an ident, here");
    assertEquals(5, r.entityValue(5), "nothing is widened or checked");
  }

  @Test
  void attribute_byIdentIdOrText() {
    Resolver r = test.resolver();
    assertEquals(NAME, r.attribute(Keyword.of("p/name")).id());
    assertEquals(Keyword.of("p/age"), r.attribute(AGE).ident());
    assertEquals(FRIEND, r.attribute(":p/friend").id());
    assertNull(r.attribute(Keyword.of("no/such")));
    assertSame(r.attribute(NAME), r.attributeOrThrow(Keyword.of("p/name")));
    assertEquals("unknown attribute :no/such; install it with :db/ident, :db/valueType and :db/cardinality first",
        fails("42703", () -> r.attributeOrThrow(Keyword.of("no/such"))).getMessage());
    assertEquals("cannot use 7 (Integer) as an attribute; expected its ident (Keyword) or id (Long)",
        fails("22023", () -> r.attribute(7)).getMessage());
  }

  @Test
  void value_resolvesRefsAndWidensIntegers() {
    Resolver r = test.resolver();
    Attribute friend = r.attribute(FRIEND);
    Attribute age = r.attribute(AGE);
    assertEquals(ANN, r.value(friend, List.of(Keyword.of("p/name"), "Ann")));
    assertNull(r.value(friend, Keyword.of("no/such")));
    assertEquals(30L, r.value(age, 30));
    assertEquals(30L, Resolver.normalize((short) 30));
    assertEquals(30L, Resolver.normalize((byte) 30));
    assertEquals(30.0, Resolver.normalize(30.0));
    assertEquals("Ann", r.value(r.attribute(NAME), "Ann"));
  }

  @Test
  void components_asTheIndexesHoldThem() {
    Resolver r = test.resolver();
    assertArrayEquals(new Object[] {ANN, AGE, 31L}, r.components(Index.EAVT, List.of(Keyword.of("p/name"), "Ann"),
        Keyword.of("p/age"), 31));
    assertArrayEquals(new Object[] {FRIEND, BOB, ANN}, r.components(Index.AEVT, ":p/friend", BOB,
        List.of(Keyword.of("p/name"), "Ann")), "a ref's value resolved");
    assertArrayEquals(new Object[] {ANN}, r.components(Index.VAET, List.of(Keyword.of("p/name"), "Ann")),
        "VAET's value without an attribute is an entity");
    assertArrayEquals(new Object[] {ANN, NAME, "Ann", dataTx}, r.components(Index.EAVT, ANN, NAME, "Ann",
        Ids.t(dataTx)), "t as a transaction id");
    assertNull(r.components(Index.EAVT, Keyword.of("no/such")), "an entity that does not resolve: nothing matches");
    assertNull(r.components(Index.AVET, FRIEND, Keyword.of("no/such")));
    fails("42703", () -> r.components(Index.AEVT, Keyword.of("no/such")));
    fails("22023", () -> r.components(Index.EAVT, ANN, NAME, "Ann", 1L, true));
    assertEquals("cannot use x (String) as t; expected a Long",
        fails("22023", () -> r.components(Index.EAVT, ANN, NAME, "Ann", "x")).getMessage());
  }

  @Test
  void valueBounds_includeOrExcludeEachEnd() {
    Resolver r = test.resolver();
    Attribute age = r.attribute(AGE);
    assertEquals(List.of(31L, 40L), ages(r, age, 31, true, 40, true));
    assertEquals(List.of(31L), ages(r, age, 31, true, 40, false));
    assertEquals(List.of(40L), ages(r, age, 31, false, null, false));
    assertEquals(List.of(31L), ages(r, age, null, false, 40, false));
    assertEquals(List.of(31L, 40L), ages(r, age, null, true, null, true));
  }

  private static List<Object> ages(Resolver r, Attribute age, Object lo, boolean loInc, Object hi, boolean hiInc) {
    Datom[] bounds = r.valueBounds(age, lo, loInc, hi, hiInc);
    List<Object> out = new ArrayList<>();
    for (Iterator<Datom> it = r.db().range(Index.AVET, bounds[0], true, bounds[1], true); it.hasNext(); ) {
      out.add(it.next().v());
    }
    return out;
  }

  @Test
  void pointsInTime() {
    Resolver r = test.resolver();
    assertEquals(Ids.t(laterTx), r.basisT());
    assertEquals(dataTx, Resolver.txOf(Ids.t(dataTx)));
    assertEquals(dataTx, Resolver.txOf(dataTx), "a transaction id stays");
    assertEquals("t -1 is negative; expected a basis t (0 or more) or a transaction id",
        fails("22023", () -> Resolver.txOf(-1)).getMessage());
    assertEquals(dataTx, r.txAt(TestDatabase.T0.plusSeconds(60 * Ids.t(dataTx))), "at the instant");
    assertEquals(dataTx, r.txAt(TestDatabase.T0.plusSeconds(60 * Ids.t(dataTx) + 30)), "between");
    assertEquals(Ids.tx(0), r.txAt(TestDatabase.T0), "the bootstrap, at the epoch");
    assertEquals(Ids.tx(0) - 1, r.txAt(Instant.EPOCH.minusSeconds(1)), "before every transaction");
  }
}

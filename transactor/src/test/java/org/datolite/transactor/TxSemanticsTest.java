package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Datomic's transaction semantics, form by form and rule by rule, each rejection included.
 * Every rejection is also checked to leave storage and the basis unchanged.
 */
class TxSemanticsTest {
  static final String SCHEMA = """
      [{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :person/ssn :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/value}
       {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
       {:db/ident :person/nick :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
       {:db/ident :person/friend :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}
       {:db/ident :person/status :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
       {:db/ident :person/address :db/valueType :db.type/ref :db/cardinality :db.cardinality/one
        :db/isComponent true}
       {:db/ident :address/city :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :account/balance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
       {:db/ident :audit/user :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :point/xy :db/valueType :db.type/tuple :db/tupleType :db.type/long
        :db/cardinality :db.cardinality/one}
       {:db/ident :event/kind+when :db/valueType :db.type/tuple
        :db/tupleTypes [:db.type/keyword :db.type/instant] :db/cardinality :db.cardinality/one}
       {:db/ident :reg/course :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :reg/student :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :status/active}
       {:db/ident :status/inactive}]
      """;

  TransactorFixture f;

  @BeforeEach
  void setUp() {
    f = new TransactorFixture();
    f.tx(SCHEMA);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private long ivan() {
    return f.tx("[{:db/id \"ivan\" :person/name \"Ivan\" :person/email \"ivan@example.com\" :person/age 30}]")
        .tempids().get("ivan");
  }

  @Nested
  class ListForms {
    @Test
    void add_assertsAFactOnANewEntity() {
      TxReport r = f.tx("[[:db/add \"x\" :person/name \"Ann\"]]");
      long e = r.tempids().get("x");
      assertEquals(Ids.PARTITION_USER, Ids.partition(e));
      assertEquals("Ann", f.value(e, ":person/name"));
      assertEquals(1, f.userDatoms(r).size());
      assertTrue(r.txData().stream().anyMatch(d -> d.e() == r.tx() && d.a() == Bootstrap.TX_INSTANT));
    }

    @Test
    void retract_removesOneValue() {
      long e = ivan();
      TxReport r = f.tx("[[:db/retract " + e + " :person/age 30]]");
      assertNull(f.value(e, ":person/age"));
      assertEquals(List.of(new Datom(e, f.attr(":person/age"), 30L, r.tx(), false)), f.userDatoms(r));
    }

    @Test
    void retractWithoutValue_removesEveryValue() {
      long e = ivan();
      f.tx("[{:db/id " + e + " :person/nick [\"a\" \"b\" \"c\"]}]");
      TxReport r = f.tx("[[:db/retract " + e + " :person/nick]]");
      assertEquals(3, f.userDatoms(r).size());
      assertTrue(f.values(e, ":person/nick").isEmpty());
    }

    @Test
    void retractOfAbsentFact_isANoOp() {
      long e = ivan();
      TxReport r = f.tx("[[:db/retract " + e + " :person/age 99] [:db/retract " + e + " :person/nick \"zz\"]]");
      assertTrue(f.userDatoms(r).isEmpty());
    }

    @Test
    void wrongArityOrUnknownOperation_areRejected() {
      assertTrue(f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/add \"x\" :person/name]]").contains("[:db/add e a v]"));
      assertTrue(f.rejects(TxErrorCode.UNKNOWN_OPERATION, "[[:my/fn 1 2]]").contains(":my/fn"));
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[\"db/add\" 1 2 3]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "{:person/name \"x\"}");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[42]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/retractEntity]]");
    }
  }

  @Nested
  class MapForms {
    @Test
    void textWithAnUnpairedSurrogate_isRefusedAndStoresNothing() {
      long before = f.transactor.basisT();
      for (Object bad : List.of("ab\uD800", "\uDC00x")) {
        TxException e = Assertions.assertThrows(TxException.class, () -> f.transactor.transact(
            List.of(Map.of(Keyword.of(":person/name"), bad))));
        assertEquals(TxErrorCode.WRONG_TYPE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("unpaired surrogate") && e.getMessage().contains(":person/name"),
            e.getMessage());
      }
      assertEquals(before, f.transactor.basisT(), "nothing stored");
      f.tx("[{:person/name \"ok \uD83D\uDE00\"}]"); // a pair is well-formed
    }

    @Test
    void map_withoutDbId_createsAnEntity() {
      TxReport r = f.tx("[{:person/name \"Nobody\" :person/age 3}]");
      assertEquals(2, f.userDatoms(r).size());
      assertTrue(r.tempids().isEmpty(), "automatic tempids are not reported");
    }

    @Test
    void cardinalityMany_acceptsACollection() {
      long e = f.tx("[{:db/id \"p\" :person/nick #{\"x\" \"y\"}}]").tempids().get("p");
      assertEquals(List.of("x", "y"), f.values(e, ":person/nick"));
    }

    @Test
    void nestedComponentMap_becomesAnOwnedEntity() {
      long e = f.tx("[{:db/id \"p\" :person/name \"P\" :person/address {:address/city \"Oslo\"}}]").tempids().get("p");
      long address = (Long) f.value(e, ":person/address");
      assertEquals("Oslo", f.value(address, ":address/city"));
    }

    @Test
    void nestedMapWithUniqueAttribute_upserts() {
      long ivan = ivan();
      long e = f.tx("[{:db/id \"p\" :person/friend [{:person/email \"ivan@example.com\" :person/age 31}]}]")
          .tempids().get("p");
      assertEquals(List.of(ivan), f.values(e, ":person/friend"));
      assertEquals(31L, f.value(ivan, ":person/age"));
    }

    @Test
    void nestedMapThatNothingCouldFind_isRejected() {
      String m = f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[{:person/friend [{:person/name \"Lost\"}]}]");
      assertTrue(m.contains("component") && m.contains(":person/friend"), m);
    }

    @Test
    void reverseAttribute_pointsOtherEntitiesHere() {
      long ivan = ivan();
      long a = f.tx("[{:db/id \"a\" :person/name \"A\"}]").tempids().get("a");
      f.tx("[{:db/id " + ivan + " :person/_friend [" + a + "]}]");
      assertEquals(List.of(ivan), f.values(a, ":person/friend"));
    }

    @Test
    void identsAsRefValues_actAsEnums() {
      long ivan = ivan();
      f.tx("[{:db/id " + ivan + " :person/status :status/active}]");
      assertEquals(f.transactor.schema().entid(Keyword.of(":status/active")), f.value(ivan, ":person/status"));
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[{:db/id " + ivan + " :person/status :status/unknown}]");
    }
  }

  @Nested
  class Identity {
    @Test
    void uniqueIdentity_upsertsATempid() {
      long ivan = ivan();
      TxReport r = f.tx("[{:db/id \"again\" :person/email \"ivan@example.com\" :person/age 40}]");
      assertEquals(ivan, r.tempids().get("again"));
      assertEquals(40L, f.value(ivan, ":person/age"));
    }

    @Test
    void sameIdentityInOneTransaction_unifiesTempids() {
      TxReport r = f.tx("[{:db/id \"a\" :person/email \"same@x\"} {:db/id \"b\" :person/email \"same@x\" :person/age 1}]");
      assertEquals(r.tempids().get("a"), r.tempids().get("b"));
    }

    @Test
    void tempidResolvingToTwoEntities_isRejected() {
      ivan();
      f.tx("[{:person/email \"other@example.com\" :person/ssn \"123\"}]");
      f.tx("[{:person/email \"third@example.com\"}]");
      String m = f.rejects(TxErrorCode.TEMPID_CONFLICT,
          "[{:db/id \"t\" :person/email \"ivan@example.com\"} {:db/id \"t\" :person/email \"third@example.com\"}]");
      assertTrue(m.contains("tempid \"t\""), m);
    }

    @Test
    void uniqueValueHeldByAnotherEntity_isRejected() {
      f.tx("[{:person/name \"A\" :person/ssn \"123\"}]");
      String m = f.rejects(TxErrorCode.UNIQUE_CONFLICT, "[{:person/name \"B\" :person/ssn \"123\"}]");
      assertTrue(m.contains(":person/ssn") && m.contains("\"123\""), m);
      f.rejects(TxErrorCode.UNIQUE_CONFLICT, "[{:db/id \"a\" :person/ssn \"9\"} {:db/id \"b\" :person/ssn \"9\"}]");
    }

    @Test
    void uniqueIdentityWithExplicitId_isRejectedWhenHeldElsewhere() {
      ivan();
      long other = f.tx("[{:db/id \"o\" :person/name \"O\"}]").tempids().get("o");
      String m = f.rejects(TxErrorCode.UNIQUE_CONFLICT, "[[:db/add " + other + " :person/email \"ivan@example.com\"]]");
      assertTrue(m.contains("upsert"), m);
    }

    @Test
    void uniqueValueMovesWhenTheHolderRetractsItInTheSameTransaction() {
      long a = f.tx("[{:db/id \"a\" :person/ssn \"55\"}]").tempids().get("a");
      long b = f.tx("[{:db/id \"b\" :person/name \"B\"}]").tempids().get("b");
      f.tx("[[:db/retract " + a + " :person/ssn \"55\"] [:db/add " + b + " :person/ssn \"55\"]]");
      assertEquals("55", f.value(b, ":person/ssn"));
    }

    @Test
    void lookupRefs_nameEntitiesInEitherPosition() {
      long ivan = ivan();
      long p = f.tx("[{:db/id \"p\" :person/name \"P\"}]").tempids().get("p");
      f.tx("[[:db/add [:person/email \"ivan@example.com\"] :person/friend " + p + "]"
          + " [:db/add " + p + " :person/friend [:person/email \"ivan@example.com\"]]]");
      assertEquals(List.of(p), f.values(ivan, ":person/friend"));
      assertEquals(List.of(ivan), f.values(p, ":person/friend"));
      String m = f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add [:person/email \"nobody@x\"] :person/age 1]]");
      assertTrue(m.contains("nobody@x"), m);
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add [:person/name \"Ivan\"] :person/age 1]]");
    }

    @Test
    void tempidThatIsNeverAsserted_isRejected() {
      String m = f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/retract \"x\" :person/age 1]]");
      assertTrue(m.contains("never asserted"), m);
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/retractEntity \"x\"]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/cas \"x\" :account/balance nil 1]]");
      f.tx("[[:db/add \"x\" :person/name \"X\"] [:db/retract \"x\" :person/age 1]]"); // asserted too: fine
    }

    @Test
    void unresolvableLookupRefOrIdentInARetraction_isRejected() {
      long ivan = ivan();
      String m = f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/retract [:person/email \"nobody@x\"] :person/age 1]]");
      assertTrue(m.contains("nobody@x"), m);
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/retractEntity [:person/email \"nobody@x\"]]]");
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/retract " + ivan + " :person/friend [:person/email \"nobody@x\"]]]");
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/retract :no/such-ident :person/age 1]]");
    }
  }

  @Nested
  class Cardinality {
    @Test
    void newValueOfCardinalityOne_retractsTheOldOne() {
      long e = ivan();
      TxReport r = f.tx("[[:db/add " + e + " :person/age 31]]");
      List<Datom> datoms = f.userDatoms(r);
      assertEquals(2, datoms.size());
      assertTrue(datoms.contains(new Datom(e, f.attr(":person/age"), 30L, r.tx(), false)));
      assertTrue(datoms.contains(new Datom(e, f.attr(":person/age"), 31L, r.tx(), true)));
      assertEquals(List.of(31L), f.values(e, ":person/age"));
    }

    @Test
    void redundantAssertion_isEliminated() {
      long e = ivan();
      TxReport r = f.tx("[[:db/add " + e + " :person/name \"Ivan\"] [:db/add " + e + " :person/age 30]]");
      assertTrue(f.userDatoms(r).isEmpty());
    }

    @Test
    void twoValuesForCardinalityOneInOneTransaction_conflict() {
      String m = f.rejects(TxErrorCode.DATOMS_CONFLICT, "[{:db/id \"x\" :person/age 1} [:db/add \"x\" :person/age 2]]");
      assertTrue(m.contains(":person/age") && m.contains("cardinality one"), m);
    }

    @Test
    void assertingAndRetractingTheSameFact_conflict() {
      long e = ivan();
      f.rejects(TxErrorCode.DATOMS_CONFLICT, "[[:db/retract " + e + " :person/nick \"n\"] [:db/add " + e
          + " :person/nick \"n\"] [:db/add " + e + " :person/nick \"m\"] [:db/retract " + e + " :person/nick \"m\"]]");
    }
  }

  @Nested
  class Cas {
    @Test
    void cas_swapsWhenTheValueMatches() {
      long acct = f.tx("[{:db/id \"a\" :account/balance 10}]").tempids().get("a");
      f.tx("[[:db/cas " + acct + " :account/balance 10 15]]");
      assertEquals(15L, f.value(acct, ":account/balance"));
      long fresh = f.tx("[{:db/id \"b\" :person/name \"B\"}]").tempids().get("b");
      f.tx("[[:db/cas " + fresh + " :account/balance nil 1]]");
      assertEquals(1L, f.value(fresh, ":account/balance"));
    }

    @Test
    void cas_failsOnAnotherValue() {
      long acct = f.tx("[{:db/id \"a\" :account/balance 10}]").tempids().get("a");
      String m = f.rejects(TxErrorCode.CAS_FAILED, "[[:db/cas " + acct + " :account/balance 9 15]]");
      assertTrue(m.contains("expected 9 but found 10"), m);
      f.rejects(TxErrorCode.CAS_FAILED, "[[:db/cas " + acct + " :account/balance nil 15]]");
    }

    @Test
    void cas_onACardinalityManyAttribute_isRejected() {
      long e = ivan();
      String m = f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/cas " + e + " :person/nick \"a\" \"b\"]]");
      assertTrue(m.contains("cardinality many"), m);
    }

    @Test
    void everyOperationSeesTheDatabaseBefore_soTwoCasOnOneValueConflict() {
      // Datomic's rule (Jepsen 2024): both see balance 10; the results contradict each other.
      long acct = f.tx("[{:db/id \"a\" :account/balance 10}]").tempids().get("a");
      f.rejects(TxErrorCode.DATOMS_CONFLICT,
          "[[:db/cas " + acct + " :account/balance 10 11] [:db/cas " + acct + " :account/balance 10 12]]");
      f.rejects(TxErrorCode.CAS_FAILED,
          "[[:db/cas " + acct + " :account/balance 10 11] [:db/cas " + acct + " :account/balance 11 12]]");
    }

    @Test
    void lookupRefToAnEntityOfTheSameTransaction_doesNotResolve() {
      f.rejects(TxErrorCode.UNKNOWN_ENTITY,
          "[{:person/email \"new@x\"} [:db/add [:person/email \"new@x\"] :person/age 3]]");
    }
  }

  @Nested
  class RetractEntity {
    @Test
    void retractEntity_removesItsFactsItsComponentsAndReferencesToIt() {
      long ivan = f.tx("[{:db/id \"i\" :person/name \"I\" :person/email \"i@x\" :person/address {:address/city \"Riga\"}}]")
          .tempids().get("i");
      long address = (Long) f.value(ivan, ":person/address");
      long friend = f.tx("[{:db/id \"f\" :person/name \"F\" :person/friend " + ivan + "}]").tempids().get("f");
      TxReport r = f.tx("[[:db/retractEntity [:person/email \"i@x\"]]]");
      assertTrue(f.userDatoms(r).stream().noneMatch(Datom::added));
      assertNull(f.db().first(Index.EAVT, ivan));
      assertNull(f.db().first(Index.EAVT, address), "the component went too");
      assertTrue(f.values(friend, ":person/friend").isEmpty(), "references to it went too");
      assertEquals("F", f.value(friend, ":person/name"));
    }

    @Test
    void retractEntity_withACompositeTuple_retractsItOnce() {
      f.tx("[{:db/ident :reg/course+student :db/valueType :db.type/tuple :db/cardinality :db.cardinality/one"
          + " :db/tupleAttrs [:reg/course :reg/student] :db/unique :db.unique/identity}]");
      long r = f.tx("[{:db/id \"r\" :reg/course \"Math\" :reg/student \"Ann\"}]").tempids().get("r");
      TxReport report = f.tx("[[:db/retractEntity " + r + "]]");
      List<Datom> datoms = f.userDatoms(report);
      assertEquals(3, datoms.size(), datoms.toString());
      assertEquals(3, Set.copyOf(datoms).size(), "no datom twice: " + datoms);
      assertNull(f.db().first(Index.EAVT, r));
    }

    @Test
    void retractEntityOfNothing_isANoOp() {
      TxReport r = f.tx("[[:db/retractEntity 123456]]");
      assertTrue(f.userDatoms(r).isEmpty());
    }
  }

  @Nested
  class Types {
    @Test
    void wrongTypes_areRejectedNamingAttributeAndValue() {
      String m = f.rejects(TxErrorCode.WRONG_TYPE, "[{:person/age \"thirty\"}]");
      assertTrue(m.contains(":person/age") && m.contains("\"thirty\"") && m.contains("integer"), m);
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:person/name 5}]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:person/age 1.5}]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:person/name nil}]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:person/name \\c}]");
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[{:person/status \"not-a-ref\"}]".replace("\"not-a-ref\"", "999999"));
    }

    @Test
    void unknownAttribute_isRejected() {
      String m = f.rejects(TxErrorCode.UNKNOWN_ATTRIBUTE, "[{:person/shoe-size 43}]");
      assertTrue(m.contains(":person/shoe-size") && m.contains("install"), m);
      f.rejects(TxErrorCode.UNKNOWN_ATTRIBUTE, "[[:db/add \"x\" :nope 1]]");
    }

    @Test
    void tuples_areCheckedElementByElement() {
      long e = f.tx("[{:db/id \"p\" :point/xy [1 2] :event/kind+when [:kind/a #inst \"2024-01-01\"]}]")
          .tempids().get("p");
      assertEquals(List.of(1L, 2L), f.value(e, ":point/xy"));
      assertEquals(List.of(Keyword.of(":kind/a"), Instant.parse("2024-01-01T00:00:00Z")), f.value(e, ":event/kind+when"));
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:point/xy [1]}]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:point/xy [1 \"2\"]}]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:event/kind+when [:kind/a]}]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:point/xy 7}]");
    }
  }

  @Nested
  class CompositeTuples {
    @BeforeEach
    void install() {
      f.tx("[{:db/ident :reg/course+student :db/valueType :db.type/tuple :db/cardinality :db.cardinality/one"
          + " :db/tupleAttrs [:reg/course :reg/student] :db/unique :db.unique/value}]");
    }

    @Test
    void composite_followsItsAttributes() {
      long e = f.tx("[{:db/id \"r\" :reg/course \"Math\" :reg/student \"Ann\"}]").tempids().get("r");
      assertEquals(List.of("Math", "Ann"), f.value(e, ":reg/course+student"));
      f.tx("[[:db/add " + e + " :reg/student \"Bob\"]]");
      assertEquals(List.of("Math", "Bob"), f.value(e, ":reg/course+student"));
      f.tx("[[:db/retract " + e + " :reg/course \"Math\"]]");
      assertEquals(Arrays.asList(null, "Bob"), f.value(e, ":reg/course+student"));
    }

    @Test
    void composite_isUniqueAndCannotBeAsserted() {
      f.tx("[{:reg/course \"Math\" :reg/student \"Ann\"}]");
      f.rejects(TxErrorCode.UNIQUE_CONFLICT, "[{:reg/course \"Math\" :reg/student \"Ann\"}]");
      String m = f.rejects(TxErrorCode.WRONG_TYPE, "[{:reg/course+student [\"a\" \"b\"]}]");
      assertTrue(m.contains("computed"), m);
    }

    @Test
    void composite_cannotBeRetractedDirectly() {
      long e = f.tx("[{:db/id \"r\" :reg/course \"Math\" :reg/student \"Ann\"}]").tempids().get("r");
      String m = f.rejects(TxErrorCode.WRONG_TYPE, "[[:db/retract " + e + " :reg/course+student]]");
      assertTrue(m.contains("cannot be retracted"), m);
      f.rejects(TxErrorCode.WRONG_TYPE, "[[:db/retract " + e + " :reg/course+student [\"Math\" \"Ann\"]]]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[[:db/cas " + e + " :reg/course+student [\"Math\" \"Ann\"] [\"Math\" \"Bob\"]]]");
      assertEquals(List.of("Math", "Ann"), f.value(e, ":reg/course+student"));
    }

    @Test
    void composite_namesItsEntityInALookupRef() {
      long e = f.tx("[{:db/id \"r\" :reg/course \"Math\" :reg/student \"Ann\"}]").tempids().get("r");
      f.tx("[[:db/add [:reg/course+student [\"Math\" \"Ann\"]] :person/age 20]]");
      assertEquals(20L, f.value(e, ":person/age"));
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add [:reg/course+student [\"Math\" \"Bob\"]] :person/age 20]]");
      String m = f.rejects(TxErrorCode.WRONG_TYPE, "[[:db/add [:reg/course+student [\"Math\"]] :person/age 20]]");
      assertTrue(m.contains(":reg/course, :reg/student"), m);
      f.rejects(TxErrorCode.WRONG_TYPE, "[[:db/add [:reg/course+student [\"Math\" 7]] :person/age 20]]");
    }
  }

  @Nested
  class TransactionEntity {
    @Test
    void metadataOnTheTransaction_isStored() {
      TxReport r = f.tx("[{:db/id \"datomic.tx\" :audit/user \"ops\"} {:person/name \"Z\"}]");
      assertEquals("ops", f.value(r.tx(), ":audit/user"));
      assertEquals(r.t(), Ids.t(r.tx()));
    }

    @Test
    void txInstant_mayMoveForwardOnly() {
      Instant last = f.tx("[{:person/name \"A\"}]").instant();
      String past = Instant.parse("2001-01-01T00:00:00Z").toString();
      String m = f.rejects(TxErrorCode.INVALID_TX_INSTANT, "[{:db/id \"datomic.tx\" :db/txInstant #inst \"" + past + "\"}]");
      assertTrue(m.contains("forward"), m);
      f.rejects(TxErrorCode.INVALID_TX_INSTANT, "[{:db/id \"datomic.tx\" :db/txInstant #inst \"2999-01-01T00:00:00Z\"}]");
      f.rejects(TxErrorCode.DATOMS_CONFLICT, "[[:db/add \"datomic.tx\" :db/txInstant #inst \"" + last + "\"]"
          + " [:db/add \"datomic.tx\" :db/txInstant #inst \"" + last.plusMillis(1) + "\"]]");
      TxReport r = f.tx("[{:db/id \"datomic.tx\" :db/txInstant #inst \"" + last + "\"} {:person/name \"B\"}]");
      assertEquals(last, r.instant());
    }

    @Test
    void txUuid_findsTheCommittedTransactionAndRefusesARepeat() {
      UUID uuid = UUID.randomUUID();
      TxReport r = f.transactor.await(f.transactor.transactAsync(Edn.read("[{:person/name \"U\"}]"), uuid));
      assertEquals(r.t(), f.transactor.committedT(uuid));
      assertNull(f.transactor.committedT(UUID.randomUUID()));
      TxException e = Assertions.assertThrows(
          TxException.class,
          () -> f.transactor.await(f.transactor.transactAsync(Edn.read("[{:person/name \"U\"}]"), uuid)));
      assertTrue(e.getMessage().contains("already committed"), e.getMessage());
      assertEquals(TxErrorCode.ALREADY_COMMITTED, e.code());
      // The repeat is recognised before anything else is checked, e.g. a unique value it took.
      UUID second = UUID.randomUUID();
      f.transactor.await(f.transactor.transactAsync(Edn.read("[{:person/ssn \"77\"}]"), second));
      e = Assertions.assertThrows(TxException.class,
          () -> f.transactor.await(f.transactor.transactAsync(Edn.read("[{:person/ssn \"77\"}]"), second)));
      assertEquals(TxErrorCode.ALREADY_COMMITTED, e.code());
    }

    @Test
    void txUuid_isSetOnlyByTheTransactor() {
      String m = f.rejects(TxErrorCode.MALFORMED_TX_DATA,
          "[{:db/id \"datomic.tx\" :db/txUuid #uuid \"6f1e3c6a-0000-4000-8000-000000000001\"}]");
      assertTrue(m.contains(":db/txUuid"), m);
      long tx = f.tx("[{:person/name \"T\"}]").tx();
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db/retract " + tx + " :db/txUuid]]");
    }
  }

  @Nested
  class Schema {
    @Test
    void reinstallingTheSameSchema_changesNothing() {
      TxReport r = f.tx(SCHEMA);
      assertTrue(f.userDatoms(r).isEmpty(), f.userDatoms(r).toString());
    }

    @Test
    void newAttributeNeedsTypeAndCardinality() {
      String m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/ident :x/y :db/valueType :db.type/string}]");
      assertTrue(m.contains(":db/cardinality"), m);
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[{:db/ident :x/z :db/valueType :db.type/nope :db/cardinality :db.cardinality/one}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/ident :db/mine :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA,
          "[{:db/ident :x/t :db/valueType :db.type/tuple :db/cardinality :db.cardinality/one}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA,
          "[{:db/ident :x/c :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/isComponent true}]");
      assertTrue(m.contains(":db/isComponent") && m.contains(":db.type/ref"), m);
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db/isComponent true}]");
    }

    @Test
    void attributeCannotBeUsedInTheTransactionThatInstallsIt() {
      f.rejects(TxErrorCode.UNKNOWN_ATTRIBUTE,
          "[{:db/ident :x/new :db/valueType :db.type/long :db/cardinality :db.cardinality/one} {:x/new 1}]");
    }

    @Test
    void allowedAlterations_takeEffect() {
      long e = ivan();
      f.tx("[{:db/id :person/name :db/ident :person/full-name}]");
      assertEquals("Ivan", f.value(e, ":person/full-name"));
      f.tx("[{:db/id :person/age :db/cardinality :db.cardinality/many}]");
      f.tx("[[:db/add " + e + " :person/age 31]]");
      assertEquals(List.of(30L, 31L), f.values(e, ":person/age"));
      f.tx("[{:db/id :person/name-missing :db/doc \"x\"}]".replace(":person/name-missing", ":person/full-name"));
      f.tx("[{:db/id :person/full-name :db/unique :db.unique/value}]");
      f.tx("[[:db/retract :person/full-name :db/unique :db.unique/value]]");
    }

    @Test
    void forbiddenAlterations_areRejected() {
      long e = ivan();
      String m = f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :person/age :db/valueType :db.type/string}]");
      assertTrue(m.contains(":db/valueType") && m.contains(":person/age"), m);
      f.tx("[{:db/id " + e + " :person/nick [\"a\" \"b\"]}]");
      m = f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :person/nick :db/cardinality :db.cardinality/one}]");
      assertTrue(m.contains("several values"), m);
      f.tx("[{:person/name \"Ivan\"}]");
      m = f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :person/name :db/unique :db.unique/value}]");
      assertTrue(m.contains("\"Ivan\""), m);
      f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[[:db/retract :person/age :db/valueType :db.type/long]]");
      f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :db/ident :db/doc \"mine\"}]");
      f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :point/xy :db/tupleType :db.type/string}]");
    }
  }

  @Nested
  class SqlMapping {
    @Test
    void overrides_areSchemaDataOnAttributes() {
      f.tx("[{:db/id :person/email :db.sql/table \"PEOPLE\" :db.sql/membership true"
          + " :db.sql/include [:audit/user :account/balance]}"
          + " {:db/id :person/ssn :db.sql/exclude true}"
          + " {:db/id :person/status :db.sql/enum true}]");
      long email = f.attr(":person/email");
      assertEquals("PEOPLE", f.value(email, ":db.sql/table"));
      assertEquals(true, f.value(email, ":db.sql/membership"));
      assertEquals(2, f.values(email, ":db.sql/include").size());
      assertEquals(true, f.value(f.attr(":person/ssn"), ":db.sql/exclude"));
      // a new attribute may carry them in the transaction that installs it
      f.tx("[{:db/ident :pet/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
          + " :db.sql/table \"animals\"}]");
      // the same name again on the same namespace is no conflict, and a retraction is always fine
      f.tx("[{:db/id :person/name :db.sql/table \"people\"}]");
      f.tx("[[:db/retract :person/ssn :db.sql/exclude true]]");
    }

    @Test
    void malformedOverrides_areRefusedNamingTheProblem_andStoreNothing() {
      long t = f.db().basisTx();
      String m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/table \"my people\"}]");
      assertTrue(m.contains(":db.sql/table") && m.contains("my people") && m.contains("identifier"), m);
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/table \"1st\"}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :status/active :db.sql/table \"X\"}]");
      assertTrue(m.contains(":status/active") && m.contains("not an attribute"), m);
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/include [:status/active]}]");
      assertTrue(m.contains(":status/active") && m.contains("not an attribute"), m);
      m = f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[{:db/id :person/name :db.sql/include [:nope/missing]}]");
      assertTrue(m.contains(":nope/missing"), m);
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[{:db/id :nope/missing :db.sql/exclude true}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/include [:person/age]}]");
      assertTrue(m.contains("own namespace"), m);
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/include [:db/doc]}]");
      assertTrue(m.contains("built-in"), m);
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/enum true}]");
      assertTrue(m.contains(":db.sql/enum") && m.contains("ref"), m);
      f.rejects(TxErrorCode.WRONG_TYPE, "[{:db/id :person/name :db.sql/exclude \"yes\"}]");
      f.rejects(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :db/doc :db.sql/exclude true}]");
      assertEquals(t, f.db().basisTx(), "nothing was stored");
    }

    @Test
    void oneNamespaceOneName_oneNameOneNamespace() {
      String m = f.rejects(TxErrorCode.INVALID_SCHEMA,
          "[{:db/id :person/name :db.sql/table \"PEOPLE\"} {:db/id :person/age :db.sql/table \"HUMANS\"}]");
      assertTrue(m.contains("namespace person") && m.contains("PEOPLE") && m.contains("HUMANS"), m);
      f.tx("[{:db/id :person/name :db.sql/table \"PEOPLE\"}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :audit/user :db.sql/table \"people\"}]");
      assertTrue(m.contains("PEOPLE") && m.contains("person") && m.contains("audit"), m);
      // a rename that would bring two names into one namespace is refused too
      f.tx("[{:db/id :audit/user :db.sql/table \"AUDIT_LOG\"}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :audit/user :db/ident :person/audited-by}]");
      assertTrue(m.contains("namespace person"), m);
      f.tx("[{:db/id :address/city :db/ident :place/city}]");
    }
  }

  @Nested
  class SqlDeclarations {
    @Test
    void declarations_areSchemaData_andMalformedOnesAreRefused() {
      f.tx("[{:db/id :person/age :db.sql/type \"INTEGER\" :db.sql/not-null true :db.sql/default \"0\""
          + " :db.sql/position 2}"
          + " {:db/id :person/name :db.sql/type \"VARCHAR\" :db.sql/precision 40 :db.sql/position 1}"
          + " {:db/ident :person/db.row :db/valueType :db.type/boolean :db/cardinality :db.cardinality/one"
          + "  :db.sql/marker true}"
          + " {:db/id :person/status :db.sql/references :person/email :db.sql/type \"VARCHAR\"}]");
      assertEquals("INTEGER", f.value(f.attr(":person/age"), ":db.sql/type"));
      long t = f.db().basisTx();
      String m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/age :db.sql/type \"NUMBER\"}]");
      assertTrue(m.contains(":db.sql/type") && m.contains("NUMBER") && m.contains("INTEGER"), m);
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/type \"INTEGER\"}]");
      assertTrue(m.contains(":db.type/string"), m);
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/precision 0}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/scale -1}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/position 0}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/default \" \"}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/marker true}]");
      assertTrue(m.contains("boolean"), m);
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/references :person/email}]");
      assertTrue(m.contains("ref"), m);
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/status :db.sql/references :db/ident}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :status/active :db.sql/type \"INTEGER\"}]");
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/status :db.sql/on-delete \"DROP\"}]");
      assertTrue(m.contains("CASCADE") && m.contains("SET NULL"), m);
      m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/on-delete \"CASCADE\"}]");
      assertTrue(m.contains(":db.sql/references"), m);
      assertEquals(t, f.db().basisTx(), "nothing was stored");
      f.tx("[{:db/id :person/status :db.sql/on-delete \"SET NULL\"}]");
      assertEquals("SET NULL", f.value(f.attr(":person/status"), ":db.sql/on-delete"));
    }

    @Test
    void notNull_isCheckedOnTheRowsATransactionTouches() {
      f.tx("[{:db/id :person/name :db.sql/not-null true}]");
      String m = f.rejects(TxErrorCode.NOT_NULL, "[{:person/email \"x@y\" :person/age 3}]");
      assertTrue(m.contains(":person/name") && m.contains("NOT NULL"), m);
      f.tx("[{:db/id \"p\" :person/email \"x@y\" :person/name \"X\"}]");
      long p = (Long) f.db().first(Index.AVET, f.attr(":person/email"), "x@y").e();
      f.rejects(TxErrorCode.NOT_NULL, "[[:db/retract " + p + " :person/name \"X\"]]");
      // replacing the value keeps a value; deleting the whole row leaves no row to check
      f.tx("[[:db/add " + p + " :person/name \"Y\"]]");
      f.tx("[[:db/retractEntity " + p + "]]");
      // entities of other namespaces are no rows of the table
      f.tx("[{:address/city \"Oslo\"}]");
    }

    @Test
    void views_areEntitiesWithANameAndAQuery() {
      f.tx("[{:db.sql/view \"ADULTS\" :db.sql/view-query \"SELECT * FROM person WHERE age >= 18\"}]");
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db.sql/view \"no name\" :db.sql/view-query \"SELECT 1\"}]");
      String m = f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db.sql/view \"V2\"}]");
      assertTrue(m.contains("no query"), m);
      f.rejects(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db.sql/view \"V3\" :db.sql/view-query \"SELECT 1\"}]");
    }
  }

  @Nested
  class EntitySpecs {
    @BeforeEach
    void install() {
      f.tx("[{:db/ident :person/guard :db.entity/attrs [:person/name :person/email]}"
          + " {:db/ident :person/adult :db.entity/preds [\"" + Checks.class.getName() + "/adult\"]}]");
    }

    @Test
    void ensure_checksRequiredAttributesOnTheDatabaseAfter() {
      f.tx("[{:person/name \"A\" :person/email \"a@x\" :db/ensure :person/guard}]");
      String m = f.rejects(TxErrorCode.ENSURE_FAILED, "[{:person/name \"B\" :db/ensure :person/guard}]");
      assertTrue(m.contains(":person/email") && m.contains(":person/guard"), m);
      // Two operations that only together satisfy the spec pass, because the check runs after.
      f.tx("[{:db/id \"c\" :person/name \"C\"} {:db/id \"c\" :person/email \"c@x\"} [:db/add \"c\" :db/ensure :person/guard]]");
    }

    @Test
    void ensure_predicatesRunOnlyWhenAllowed() {
      String m = f.rejects(TxErrorCode.ENSURE_FAILED, "[{:person/age 30 :db/ensure :person/adult}]");
      assertTrue(m.contains("not allowed"), m);
      try (TransactorFixture allowed = new TransactorFixture(new MemoryStore("p"),
          TransactorConfig.defaults("p").withAllowedPredicateClasses(Set.of(Checks.class.getName())))) {
        allowed.tx(SCHEMA);
        allowed.tx("[{:db/ident :person/adult :db.entity/preds [\"" + Checks.class.getName() + "/adult\"]}]");
        allowed.tx("[{:person/age 30 :db/ensure :person/adult}]");
        allowed.rejects(TxErrorCode.ENSURE_FAILED, "[{:person/age 3 :db/ensure :person/adult}]");
      }
    }

    @Test
    void ensureIsNotStored() {
      long e = f.tx("[{:db/id \"a\" :person/name \"A\" :person/email \"a@x\" :db/ensure :person/guard}]").tempids().get("a");
      assertNull(f.db().first(Index.EAVT, e, Bootstrap.ENSURE));
      assertNotEquals(0, e);
      assertFalse(f.db().first(Index.EAVT, e) == null);
    }
  }

  /** An entity predicate for the tests. */
  public static final class Checks {
    private Checks() {}

    public static boolean adult(Db db, long e) {
      Datom age = db.first(Index.EAVT, e,
          db.first(Index.AVET, Bootstrap.IDENT, Keyword.of(":person/age")).e());
      return age != null && (Long) age.v() >= 18;
    }
  }

  /** The checks SQL writes rely on: an INSERT never upserts; a JDBC transaction's reads are unchanged. */
  @Nested
  class SqlChecks {
    @Test
    void sqlNew_createsAnEntity_butNeverUpserts() {
      long created = f.tx("[{:db/id \"r\" :person/email \"new@x\" :person/name \"N\"} [:db.sql/new \"r\"]]")
          .tempids().get("r");
      assertEquals("N", f.value(created, ":person/name"));
      String m = f.rejects(TxErrorCode.UNIQUE_CONFLICT,
          "[{:db/id \"r\" :person/email \"new@x\" :person/name \"M\"} [:db.sql/new \"r\"]]");
      assertTrue(m.contains(":person/email \"new@x\"") && m.contains(Long.toString(created)), m);
      assertEquals("N", f.value(created, ":person/name"));
      // without the check the same data upserts, as in Datomic
      f.tx("[{:db/id \"r\" :person/email \"new@x\" :person/name \"M\"}]");
      assertEquals("M", f.value(created, ":person/name"));
    }

    @Test
    void sqlNew_twoNewRowsWithOneKey_conflict() {
      String m = f.rejects(TxErrorCode.UNIQUE_CONFLICT, "[{:db/id \"a\" :person/email \"k@x\"} [:db.sql/new \"a\"]"
          + " {:db/id \"b\" :person/email \"k@x\"} [:db.sql/new \"b\"]]");
      assertTrue(m.contains("tempid \"a\"") && m.contains("tempid \"b\""), m);
      // one tempid named twice is one row
      f.tx("[{:db/id \"a\" :person/email \"k@x\"} [:db.sql/new \"a\"] [:db.sql/new \"a\"]]");
    }

    @Test
    void sqlNew_malformed() {
      long ivan = ivan();
      f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/new " + ivan + "] [:db/add " + ivan + " :person/age 3]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/new]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/new \"never-asserted\"]]");
    }

    @Test
    void sqlUnchanged_passesUntilSomethingChangesTheReadFact() {
      long ivan = ivan();
      long basis = f.transactor.basisT();
      long other = f.tx("[{:db/id \"o\" :person/name \"O\"}]").tempids().get("o");
      // another entity's name and another attribute changed: this entity's age did not
      f.tx("[[:db.sql/unchanged " + basis + " " + ivan + " :person/age] [:db/add " + ivan + " :person/age 31]]");
      long after = f.transactor.basisT();
      String m = f.rejects(TxErrorCode.WRITE_CONFLICT,
          "[[:db.sql/unchanged " + basis + " " + ivan + " :person/age] [:db/add " + ivan + " :person/age 32]]");
      assertTrue(m.contains(":person/age") && m.contains(Long.toString(ivan)), m);
      f.tx("[[:db.sql/unchanged " + after + " " + ivan + " :person/age] [:db/add " + other + " :person/age 1]]");
      // a retraction is a change too
      long beforeRetract = f.transactor.basisT();
      f.tx("[[:db/retract " + other + " :person/age 1]]");
      f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/unchanged " + beforeRetract + " " + other
          + " :person/age] [:db/add " + other + " :person/name \"P\"]]");
    }

    @Test
    void sqlUnchangedOfAnAttribute_coversEveryEntity() {
      ivan();
      long basis = f.transactor.basisT();
      f.tx("[[:db.sql/unchanged " + basis + " nil :person/age] {:person/name \"Q\"}]");
      f.tx("[{:person/name \"R\" :person/age 5}]");
      String m = f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/unchanged " + basis + " nil :person/age]"
          + " {:person/name \"S\"}]");
      assertTrue(m.contains(":person/age") && !m.contains("of entity"), m);
      f.tx("[[:db.sql/unchanged " + basis + " nil :person/email] {:person/name \"S\"}]");
    }

    @Test
    void sqlUnchanged_readsThePersistedHistoryAfterAnIndexJob() throws InterruptedException {
      long ivan = ivan();
      long basis = f.transactor.basisT();
      f.tx("[[:db/add " + ivan + " :person/age 40]]");
      long unchangedSince = f.transactor.basisT();
      f.tx("[{:person/name \"T\"}]");
      f.transactor.requestIndex();
      for (int i = 0; i < 500 && f.db().persistedBasisTx() < Ids.tx(f.transactor.basisT()); i++) {
        Thread.sleep(10);
      }
      assertEquals(Ids.tx(f.transactor.basisT()), f.db().persistedBasisTx(), "the index job ran");
      f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/unchanged " + basis + " " + ivan + " :person/age]"
          + " {:person/name \"U\"}]");
      f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/unchanged " + basis + " nil :person/age] {:person/name \"U\"}]");
      f.tx("[[:db.sql/unchanged " + unchangedSince + " " + ivan + " :person/age]"
          + " [:db.sql/unchanged " + unchangedSince + " nil :person/age] {:person/name \"U\"}]");
    }

    @Test
    void sqlReserve_setsIdsAsideForNewEntitiesOfLaterTransactions() {
      TxReport r = f.tx("[[:db.sql/reserve \"block\" 10]]");
      long first = r.tempids().get("block");
      assertEquals(Ids.PARTITION_USER, Ids.partition(first));
      long next = f.tx("[{:db/id \"x\" :person/name \"X\"}]").tempids().get("x");
      assertTrue(next >= first + 10, "a tempid gets an id after the block: " + next + " vs " + first);
      f.tx("[{:db/id " + (first + 3) + " :person/name \"Reserved\"} [:db.sql/new " + (first + 3) + "]]");
      assertEquals("Reserved", f.value(first + 3, ":person/name"));
      // an id given out twice (as after a transactor restart) is a conflict worth a retry
      String m = f.rejects(TxErrorCode.WRITE_CONFLICT, "[{:db/id " + (first + 3) + " :person/name \"Again\"}"
          + " [:db.sql/new " + (first + 3) + "]]");
      assertTrue(m.contains("already holds facts"), m);
      // in a block of new ids (looked at as a range first) the one that holds facts is named
      m = f.rejects(TxErrorCode.WRITE_CONFLICT, "[{:db/id " + (first + 1) + " :person/name \"B1\"} [:db.sql/new "
          + (first + 1) + "] {:db/id " + (first + 3) + " :person/name \"B3\"} [:db.sql/new " + (first + 3) + "]"
          + " {:db/id " + (first + 5) + " :person/name \"B5\"} [:db.sql/new " + (first + 5) + "]]");
      assertTrue(m.contains("entity id " + (first + 3) + ","), m);
      // new ids around one that holds facts are new
      f.tx("[{:db/id " + (first + 2) + " :person/name \"B2\"} [:db.sql/new " + (first + 2) + "]"
          + " {:db/id " + (first + 6) + " :person/name \"B6\"} [:db.sql/new " + (first + 6) + "]]");
      assertEquals("B6", f.value(first + 6, ":person/name"));
      // without :db.sql/new an id that holds nothing names no entity
      f.rejects(TxErrorCode.UNKNOWN_ENTITY, "[{:db/id " + (first + 4) + " :person/name \"Y\"}]");
    }

    @Test
    void sqlNewOfAnIdBeyondTheAllocator_movesTheAllocatorPastIt() {
      long far = Ids.entity(Ids.PARTITION_USER, 5_000_000);
      f.tx("[{:db/id " + far + " :person/name \"Far\"} [:db.sql/new " + far + "] {:db/id \"t\" :person/name \"T\"}]");
      long next = f.tx("[{:db/id \"u\" :person/name \"U\"}]").tempids().get("u");
      assertTrue(next > far, next + " after " + far);
    }

    @Test
    void sqlReserve_malformed() {
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/reserve \"b\" 0]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/reserve \"\" 5]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/reserve \"b\" 2000000]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/reserve \"b\" 1] [:db.sql/reserve \"b\" 1]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[{:db/id \"b\" :person/name \"B\"} [:db.sql/reserve \"b\" 1]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/new " + Ids.tx(1) + "]]");
    }

    @Test
    void sqlUnchangedOfAValue_coversThatValueOnly() {
      ivan();
      long basis = f.transactor.basisT();
      f.tx("[{:person/name \"V\" :person/email \"v@x\"}]");
      f.tx("[[:db.sql/unchanged " + basis + " nil :person/email \"w@x\"] {:person/name \"W\"}]");
      String m = f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/unchanged " + basis + " nil :person/email \"v@x\"]"
          + " {:person/name \"W\"}]");
      assertTrue(m.contains("\"v@x\""), m);
    }

    @Test
    void sqlUnchangedOfEverything_failsAfterAnyTransaction() {
      long basis = f.transactor.basisT();
      f.tx("[[:db.sql/unchanged " + basis + "] {:person/name \"A\"}]");
      f.rejects(TxErrorCode.WRITE_CONFLICT, "[[:db.sql/unchanged " + basis + "] {:person/name \"B\"}]");
    }

    @Test
    void sqlIncrement_addsToTheValueAtCommit() {
      long acct = f.tx("[{:db/id \"a\" :account/balance 10}]").tempids().get("a");
      f.tx("[[:db.sql/increment " + acct + " :account/balance 5]]");
      assertEquals(15L, f.value(acct, ":account/balance"));
      f.tx("[[:db.sql/increment " + acct + " :account/balance -20]]");
      assertEquals(-5L, f.value(acct, ":account/balance"));
      long empty = f.tx("[{:db/id \"b\" :person/name \"B\"}]").tempids().get("b");
      f.tx("[[:db.sql/increment " + empty + " :account/balance 5]]");
      assertEquals(List.of(), f.values(empty, ":account/balance"), "NULL plus 5 is NULL");
      f.tx("[[:db.sql/increment 99999999 :account/balance 5]]"); // a row deleted meanwhile: nothing to add to
      f.tx("[[:db/add " + acct + " :account/balance " + Long.MAX_VALUE + "]]");
      assertTrue(f.rejects(TxErrorCode.WRONG_TYPE, "[[:db.sql/increment " + acct + " :account/balance 1]]")
          .contains("overflows"));
      f.rejects(TxErrorCode.WRONG_TYPE, "[[:db.sql/increment " + acct + " :person/name \"x\"]]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[[:db.sql/increment " + acct + " :account/balance \"x\"]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/increment " + acct + " :account/balance]]");
    }

    @Test
    void sqlUnchanged_malformed() {
      long ivan = ivan();
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/unchanged -1 " + ivan + " :person/age]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/unchanged \"t\" " + ivan + " :person/age]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/unchanged 1 \"x\" :person/age]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/unchanged 1 " + ivan + "]]");
      f.rejects(TxErrorCode.MALFORMED_TX_DATA, "[[:db.sql/unchanged 1 " + ivan + " :person/age 3]]");
      f.rejects(TxErrorCode.WRONG_TYPE, "[[:db.sql/unchanged 1 nil :person/age \"three\"]]");
      f.rejects(TxErrorCode.UNKNOWN_ATTRIBUTE, "[[:db.sql/unchanged 1 " + ivan + " :no/such]]");
    }
  }

}

package org.datolite.transactor.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.datolite.schema.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tempid resolver alone: new ids, upserts, unification and the malformed uses of tempids. */
class TempidResolverTest {
  private final TxUnitFixture x = new TxUnitFixture();

  @AfterEach
  void close() {
    x.close();
  }

  private TempidResolver.Tempids resolve(String edn) {
    return TempidResolver.resolve(x.ops(edn), x.entities(), x.nextEntityIndex());
  }

  private static Long id(TempidResolver.Tempids t, String tempid) {
    return t.ids().get(new EntityRef.Temp(tempid, false));
  }

  @Test
  void newTempids_getConsecutiveNewIds_inOrderOfFirstUse() {
    long next = x.nextEntityIndex();
    TempidResolver.Tempids t = resolve("[[:db/add \"b\" :person/name \"B\"] [:db/add \"a\" :person/name \"A\"]"
        + " [:db/add \"b\" :person/friend \"a\"]]");
    assertEquals(Ids.entity(Ids.PARTITION_USER, next), id(t, "b"));
    assertEquals(Ids.entity(Ids.PARTITION_USER, next + 1), id(t, "a"));
    assertEquals(Set.of(id(t, "a"), id(t, "b")), t.created());
    assertEquals(next + 2, t.nextIndex());
  }

  @Test
  void aTempidAssertingAHeldIdentity_upsertsToItsHolder_andCreatesNothing() {
    long ann = x.f.tx("[{:db/id \"ann\" :person/email \"ann@x\"}]").tempids().get("ann");
    long next = x.nextEntityIndex();
    TempidResolver.Tempids t = resolve("[{:db/id \"p\" :person/email \"ann@x\" :person/name \"Ann\"}]");
    assertEquals(ann, id(t, "p"));
    assertTrue(t.created().isEmpty());
    assertEquals(next, t.nextIndex(), "no index used");
  }

  @Test
  void tempidsAssertingTheSameNewIdentity_areOneNewEntity() {
    TempidResolver.Tempids t = resolve("[{:db/id \"p\" :person/email \"new@x\"} {:db/id \"q\" :person/email \"new@x\""
        + " :person/name \"Q\"}]");
    assertEquals(id(t, "p"), id(t, "q"));
    assertEquals(1, t.created().size());
  }

  @Test
  void unification_carriesAnUpsertToEveryTempidOfTheSet() {
    long ann = x.f.tx("[{:db/id \"ann\" :person/email \"ann@x\" :person/ssn \"1\"}]").tempids().get("ann");
    // q shares an ssn with p, p upserts through its email: both are ann.
    TempidResolver.Tempids t = resolve("[{:db/id \"q\" :person/ssn \"2\"} {:db/id \"p\" :person/ssn \"2\""
        + " :person/email \"ann@x\"}]");
    assertEquals(ann, id(t, "p"));
    assertEquals(ann, id(t, "q"));
    assertTrue(t.created().isEmpty());
  }

  @Test
  void anIdentityWhoseValueIsAnUpsertedTempid_resolvesInALaterRound() {
    long badge = x.f.tx("[{:db/id \"b\" :person/email \"badge@x\"}]").tempids().get("b");
    long holder = x.f.tx("[{:db/id \"h\" :person/badge " + badge + " :person/name \"H\"}]").tempids().get("h");
    // "h" holds the badge that "b" upserts to, which only the round after b's upsert can know.
    TempidResolver.Tempids t = resolve("[{:db/id \"h\" :person/badge \"b\"} {:db/id \"b\" :person/email \"badge@x\"}]");
    assertEquals(badge, id(t, "b"));
    assertEquals(holder, id(t, "h"));
  }

  @Test
  void oneTempidResolvingToTwoEntities_isATempidConflict() {
    x.f.tx("[{:person/email \"a@x\"} {:person/ssn \"9\"}]");
    TxException e = assertThrows(TxException.class,
        () -> resolve("[{:db/id \"p\" :person/email \"a@x\" :person/ssn \"9\"}]"));
    assertEquals(TxErrorCode.TEMPID_CONFLICT, e.code());
  }

  @Test
  void twoTempidsOfOneIdentity_upsertingToDifferentEntities_areATempidConflict() {
    x.f.tx("[{:person/email \"a@x\"} {:person/email \"b@x\"}]");
    TxException e = assertThrows(TxException.class, () -> resolve("[{:db/id \"p\" :person/email \"a@x\""
        + " :person/ssn \"5\"} {:db/id \"q\" :person/email \"b@x\" :person/ssn \"5\"}]"));
    assertEquals(TxErrorCode.TEMPID_CONFLICT, e.code());
  }

  @Test
  void aTempidOnlyUsedAsAValue_orNeverAsserted_isMalformed() {
    TxException e = assertThrows(TxException.class,
        () -> resolve("[[:db/add " + Ids.entity(Ids.PARTITION_USER, 1) + " :person/friend \"ghost\"]]"));
    assertEquals(TxErrorCode.MALFORMED_TX_DATA, e.code());
    assertTrue(e.getMessage().contains("only used as a value"), e.getMessage());
    e = assertThrows(TxException.class, () -> resolve("[[:db/retract \"ghost\" :person/name \"x\"]]"));
    assertEquals(TxErrorCode.MALFORMED_TX_DATA, e.code());
    assertTrue(e.getMessage().contains("never asserted"), e.getMessage());
  }

  @Test
  void automaticTempids_ofMapForms_resolveToo() {
    TempidResolver.Tempids t = resolve("[{:person/name \"anonymous\"}]");
    assertEquals(1, t.ids().size());
    Map.Entry<EntityRef.Temp, Long> only = t.ids().entrySet().iterator().next();
    assertTrue(only.getKey().automatic());
    assertEquals(Set.of(only.getValue()), t.created());
  }
}

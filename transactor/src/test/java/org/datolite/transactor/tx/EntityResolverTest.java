package org.datolite.transactor.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.datolite.schema.Ids;
import org.datolite.value.Keyword;
import org.datolite.value.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The entity resolver alone: every way transaction data names an entity, against the db before. */
class EntityResolverTest {
  private final TxUnitFixture x = new TxUnitFixture();
  private final long ann;

  EntityResolverTest() {
    ann = x.f.tx("[{:db/id \"ann\" :person/email \"ann@x\" :person/name \"Ann\"}]").tempids().get("ann");
  }

  @AfterEach
  void close() {
    x.close();
  }

  private static long nowhere() {
    return Ids.entity(Ids.PARTITION_USER, 999_999);
  }

  @Test
  void anEntityId_resolvesIfItHoldsSomething() {
    EntityResolver r = x.entities();
    assertEquals(ann, r.id(new EntityRef.Id(ann)));
    assertNull(r.idOrNull(new EntityRef.Id(nowhere())));
    TxException e = assertThrows(TxException.class, () -> r.id(new EntityRef.Id(nowhere())));
    assertEquals(TxErrorCode.UNKNOWN_ENTITY, e.code());
    assertEquals("entity id " + nowhere() + " names no entity", e.getMessage().replaceFirst("^[A-Z_]+: ", ""));
  }

  @Test
  void aRetraction_fromAnIdThatHoldsNothing_namesNoEntity_butAMissingIdentOrLookupIsAnError() {
    EntityResolver r = x.entities();
    assertNull(r.idToRetract(new EntityRef.Id(nowhere())));
    assertEquals(TxErrorCode.UNKNOWN_ENTITY, assertThrows(TxException.class,
        () -> r.idToRetract(new EntityRef.Ident(Keyword.of(":status/nope")))).code());
    assertEquals(TxErrorCode.UNKNOWN_ENTITY, assertThrows(TxException.class,
        () -> r.idToRetract(new EntityRef.Lookup(x.attr(":person/email"), "nobody@x"))).code());
  }

  @Test
  void identsLookupRefsAndTheTransaction_resolve() {
    EntityResolver r = x.entities();
    assertEquals(x.schema().entid(Keyword.of(":status/active")), r.id(new EntityRef.Ident(Keyword.of(":status/active"))));
    assertEquals(ann, r.id(new EntityRef.Lookup(x.attr(":person/email"), "ann@x")));
    assertNull(r.idOrNull(new EntityRef.Lookup(x.attr(":person/email"), "nobody@x")));
    assertEquals(x.nextTx(), r.id(new EntityRef.Tx()));
    assertEquals(x.nextTx(), r.id(new EntityRef.Id(x.nextTx())), "the transaction entity exists");
  }

  @Test
  void tempids_resolveOnlyOnceResolved_andTheirNewEntitiesExist() {
    EntityResolver r = x.entities();
    EntityRef.Temp temp = new EntityRef.Temp("p", false);
    long created = Ids.entity(Ids.PARTITION_USER, x.nextEntityIndex());
    assertNull(r.idOrNull(temp));
    assertNull(r.idOrNull(new EntityRef.Id(created)));
    Map<EntityRef.Temp, Long> ids = new LinkedHashMap<>();
    ids.put(temp, created);
    r.tempidsResolved(new TempidResolver.Tempids(ids, Set.of(created), x.nextEntityIndex() + 1));
    assertEquals(created, r.id(temp));
    assertEquals(created, r.id(new EntityRef.Id(created)), "a new entity exists within its transaction");
  }

  @Test
  void refValues_becomeIds_andARetractedRefToNothingMatchesNoDatom() {
    EntityResolver r = x.entities();
    assertEquals(ann, r.value(x.attr(":person/friend"), new EntityRef.Lookup(x.attr(":person/email"), "ann@x")));
    assertEquals("Ann", r.value(x.attr(":person/name"), "Ann"));
    assertSame(Values.MAX, r.valueOrNull(x.attr(":person/friend"), new EntityRef.Id(nowhere())));
    assertEquals("x", r.valueOrNull(x.attr(":person/name"), "x"));
  }

  @Test
  void theHolderOfAUniqueValue_isLookedUpOnce() {
    EntityResolver r = x.entities();
    long email = x.attr(":person/email").id();
    assertEquals(ann, r.holder(email, "ann@x").e());
    assertSame(r.holder(email, "ann@x"), r.holder(email, "ann@x"), "remembered for the transaction");
    assertNull(r.holder(email, "nobody@x"));
  }

  @Test
  void descriptions_nameTheReference() {
    assertEquals("entity id 5", EntityResolver.describe(new EntityRef.Id(5)));
    assertEquals("ident :status/active", EntityResolver.describe(new EntityRef.Ident(Keyword.of(":status/active"))));
    assertEquals("lookup ref [:person/email \"a\"]",
        EntityResolver.describe(new EntityRef.Lookup(x.attr(":person/email"), "a")));
  }
}

package org.datolite.transactor.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Composite tuples alone: what a transaction's datoms make of an entity's tuple. */
class CompositeTuplesTest {
  private final TxUnitFixture x = new TxUnitFixture();
  private final long course = x.attr(":reg/course").id();
  private final long student = x.attr(":reg/student").id();
  private final long tuple = x.attr(":reg/course+student").id();

  @AfterEach
  void close() {
    x.close();
  }

  private List<Datom> recompute(Datom... datoms) {
    return new CompositeTuples(x.db(), x.schema(), x.nextTx()).recompute(new ArrayList<>(Arrays.asList(datoms)));
  }

  private Datom add(long e, long a, Object v) {
    return Datom.of(e, a, v, x.nextTx());
  }

  private Datom stored(long e, long a) {
    return x.db().first(Index.EAVT, e, a);
  }

  private long registration(String c, String s) {
    return x.f.tx("[{:db/id \"r\" :reg/course \"" + c + "\" :reg/student \"" + s + "\"}]").tempids().get("r");
  }

  @Test
  void aNewEntity_getsTheTupleOfItsComponents_withNilForAMissingOne() {
    long e = Ids.entity(Ids.PARTITION_USER, x.nextEntityIndex());
    assertEquals(List.of(add(e, tuple, Arrays.asList("math", null))), recompute(add(e, course, "math")));
    assertEquals(List.of(add(e, tuple, List.of("math", "ann"))), recompute(add(e, course, "math"), add(e, student, "ann")));
  }

  @Test
  void changingAComponent_retractsTheOldTupleAndAssertsTheNew() {
    long e = registration("math", "ann");
    Datom old = stored(e, tuple);
    assertEquals(List.of("math", "ann"), old.v());
    List<Datom> out = recompute(stored(e, course).retractedBy(x.nextTx()), add(e, course, "art"));
    assertEquals(List.of(old.retractedBy(x.nextTx()), add(e, tuple, List.of("art", "ann"))), out);
  }

  @Test
  void retractingEveryComponent_retractsTheTuple_andAssertsNone() {
    long e = registration("math", "ann");
    List<Datom> out = recompute(stored(e, course).retractedBy(x.nextTx()), stored(e, student).retractedBy(x.nextTx()));
    assertEquals(List.of(stored(e, tuple).retractedBy(x.nextTx())), out);
  }

  @Test
  void anUnchangedTuple_isLeftAlone_andUnrelatedDatomsTouchNothing() {
    long e = registration("math", "ann");
    assertTrue(recompute(add(e, course, "math")).isEmpty(), "same value: same tuple");
    assertTrue(recompute(add(e, x.attr(":person/name").id(), "Ann")).isEmpty());
  }

  @Test
  void aTupleAlreadyRetracted_byRetractEntity_isNotRetractedTwice() {
    long e = registration("math", "ann");
    long tx = x.nextTx();
    List<Datom> out = recompute(stored(e, course).retractedBy(tx), stored(e, student).retractedBy(tx),
        stored(e, tuple).retractedBy(tx));
    assertTrue(out.isEmpty(), String.valueOf(out));
  }
}

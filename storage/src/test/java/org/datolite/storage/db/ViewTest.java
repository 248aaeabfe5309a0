package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.datolite.datom.Datom;
import org.junit.jupiter.api.Test;

/** The view settings: each step changes one, limits only narrow, filters combine. */
class ViewTest {

  @Test
  void asOfAndSince_onlyNarrow() {
    View v = View.CURRENT.asOf(20).asOf(30).since(5).since(3);
    assertEquals(20, v.asOfTx());
    assertEquals(5, v.sinceTx());
    assertFalse(v.isUnfiltered());
    assertTrue(View.CURRENT.isUnfiltered());
  }

  @Test
  void asOf_cutsTheSpeculativeWindow() {
    View v = View.CURRENT.asOf(20).speculating(20, 25);
    assertTrue(v.hasSpeculation());
    assertEquals(22, v.asOf(22).specUpTo());
    assertFalse(v.asOf(19).hasSpeculation());
    assertFalse(View.CURRENT.hasSpeculation());
  }

  @Test
  void filters_combineWithAnd() {
    View v = View.CURRENT.filtered(d -> d.e() > 1).filtered(d -> d.e() < 3).withHistory();
    assertTrue(v.history());
    assertTrue(v.filter().test(Datom.of(2, 10, 1L, 100)));
    assertFalse(v.filter().test(Datom.of(3, 10, 1L, 100)));
    assertFalse(v.filter().test(Datom.of(1, 10, 1L, 100)));
    assertSame(null, View.CURRENT.filter());
  }
}

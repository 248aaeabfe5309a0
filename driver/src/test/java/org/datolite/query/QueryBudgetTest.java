package org.datolite.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datolite.DatoliteException;
import org.junit.jupiter.api.Test;

/** The query budget alone: rows, deadline, interrupt, nesting, and the work it adds up. */
class QueryBudgetTest {
  @Test
  void check_failsPastTheRowLimit_everyTime() {
    QueryBudget budget = QueryBudget.startingNow(new QueryLimits(null, 2));
    budget.check(2);
    DatoliteException e = assertThrows(DatoliteException.class, () -> budget.check(3));
    assertEquals("54000", e.sqlState());
    assertTrue(e.getMessage().startsWith("the query holds more than 2 bindings in one relation"), e.getMessage());
  }

  @Test
  void check_looksAtTheDeadlineEveryDeadlineEveryCalls() throws InterruptedException {
    QueryBudget budget = QueryBudget.startingNow(new QueryLimits(Duration.ofMillis(1), 10));
    Thread.sleep(20);
    for (int i = 1; i < QueryBudget.DEADLINE_EVERY; i++) {
      budget.check(1); // past the timeout, but the clock is not read yet
    }
    DatoliteException e = assertThrows(DatoliteException.class, () -> budget.check(1));
    assertEquals("57014", e.sqlState());
    assertEquals("the query ran longer than its timeout of 1 ms", e.getMessage());
  }

  @Test
  void check_stopsOnAnInterrupt_andLeavesTheFlagSet() {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    Thread.currentThread().interrupt();
    try {
      DatoliteException e = assertThrows(DatoliteException.class, () -> {
        for (int i = 0; i < QueryBudget.DEADLINE_EVERY; i++) {
          budget.check(1);
        }
      });
      assertEquals("57014", e.sqlState());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void check_stopsWhenTheCallersCancellationAnswersTrue_andKeepsTheCheckThroughWithers() {
    AtomicBoolean cancelled = new AtomicBoolean();
    QueryLimits limits = QueryLimits.DEFAULT.withCancellation(cancelled::get).withWrittenOrder(true)
        .withJavaClasses(Set.of());
    QueryBudget budget = QueryBudget.startingNow(limits);
    for (int i = 0; i < 4 * QueryBudget.DEADLINE_EVERY; i++) {
      budget.check(1);
    }
    cancelled.set(true);
    DatoliteException e = assertThrows(DatoliteException.class, () -> {
      for (int i = 0; i < QueryBudget.DEADLINE_EVERY; i++) {
        budget.check(1);
      }
    });
    assertEquals("57014", e.sqlState());
    assertEquals("the query was cancelled", e.getMessage());
  }

  @Test
  void bodies_nestAtMostMaxClauseNestingLevels_acrossNestedQueries() {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    for (int level = 0; level < QueryLimits.MAX_CLAUSE_NESTING; level++) {
      budget.enterBody(); // the :where is level 0
    }
    QueryBudget nested = budget.forNestedQuery();
    nested.enterBody();
    assertEquals("54001", assertThrows(DatoliteException.class, nested::enterBody).sqlState(),
        "a nested query starts at the level it is called from");
    budget.leaveBody();
    budget.enterBody(); // leaving a body makes room again
  }

  @Test
  void nestedQueriesAndSubPrograms_countDepth_andAddTheirWork() {
    QueryBudget top = QueryBudget.startingNow(QueryLimits.DEFAULT);
    QueryBudget nested = top.forNestedQuery();
    QueryBudget sub = nested.forSubProgram();
    assertEquals(0, top.depth());
    assertEquals(1, nested.depth());
    assertEquals(1, sub.depth());
    sub.seeks += 3;
    sub.datomsRead += 40;
    nested.addWork(sub);
    top.addWork(nested);
    assertEquals(3, top.seeks);
    assertEquals(40, top.datomsRead);
  }

  @Test
  void outOfMemory_is53200_withTheErrorAsItsCause() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    DatoliteException e = QueryBudget.outOfMemory(oom);
    assertEquals("53200", e.sqlState());
    assertTrue(e.getMessage().startsWith("the query ran out of memory (Java heap space)"), e.getMessage());
    assertEquals(oom, e.getCause());
  }
}

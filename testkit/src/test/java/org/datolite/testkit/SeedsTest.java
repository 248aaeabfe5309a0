package org.datolite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SeedsTest {
  private static final Pattern RERUN = Pattern.compile("-Ddatolite\\.seed=(-?\\d+)");

  @Test
  void seedOf_isDeterministicAndDistinctPerTry() {
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      assertEquals(Seeds.seedOf(42, i), Seeds.seedOf(42, i));
      seeds.add(Seeds.seedOf(42, i));
    }
    assertEquals(100, seeds.size());
    assertNotEquals(Seeds.seedOf(42, 0), Seeds.seedOf(43, 0));
  }

  @Test
  void run_sameBaseSeed_sameValues() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    Seeds.run("X#y", null, 20, null, 7, r -> first.add(Gen.longs().next(r)));
    Seeds.run("X#y", null, 20, null, 7, r -> second.add(Gen.longs().next(r)));
    assertEquals(20, first.size());
    assertEquals(first, second);
  }

  @Test
  void run_failure_namesTheSeedAndTheRerunCommand() {
    IllegalStateException cause = new IllegalStateException("boom");
    AssertionError e = assertThrows(AssertionError.class,
        () -> Seeds.run("DbModelTest#views_match", "storage", 10, null, 99, r -> {
          throw cause;
        }));
    long seed = Seeds.seedOf(99, 0);
    assertTrue(e.getMessage().startsWith("DbModelTest#views_match failed with seed " + seed + " (try 1 of 10)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("mvn -B -q -pl storage -am verify -Dtest=DbModelTest#views_match"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Ddatolite.seed=" + seed + "\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith("java.lang.IllegalStateException: boom"), e.getMessage());
    assertSame(cause, e.getCause());
  }

  @Test
  void run_printedSeed_replaysExactlyTheFailingTry() {
    List<Long> seen = new ArrayList<>();
    Seeds.Trial failsOnThe13th = r -> {
      long value = Gen.longs().next(r);
      seen.add(value);
      if (seen.size() == 13) {
        throw new AssertionError("value " + value);
      }
    };
    AssertionError e = assertThrows(AssertionError.class, () -> Seeds.run("A#b", null, 100, null, 5, failsOnThe13th));
    assertEquals(13, seen.size(), "the tries after the failure are skipped");
    Matcher m = RERUN.matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    long printed = Long.parseLong(m.group(1));
    long failing = seen.get(12);

    seen.clear();
    List<Long> replayed = new ArrayList<>();
    Seeds.run("A#b", null, 100, printed, 12345, r -> replayed.add(Gen.longs().next(r)));
    assertEquals(List.of(failing), replayed, "one try, with the failing value");
    AssertionError again = assertThrows(AssertionError.class, () -> Seeds.run("A#b", null, 100, printed, 0, r -> {
      throw new AssertionError("value " + Gen.longs().next(r));
    }));
    assertTrue(again.getMessage().contains("with seed " + printed + " (the seed given by -Ddatolite.seed)"),
        again.getMessage());
    assertTrue(again.getMessage().endsWith("java.lang.AssertionError: value " + failing), again.getMessage());
  }

  @Test
  void check_seedProperty_runsOnceWithThatSeed() {
    List<Long> seen = new ArrayList<>();
    withProperties("123456789", null, () -> Seeds.check(50, r -> seen.add(r.nextLong())));
    assertEquals(List.of(new Random(123456789).nextLong()), seen);
  }

  @Test
  void check_triesProperty_setsTheNumberOfTries() {
    int[] tries = {0};
    withProperties(null, "7", () -> Seeds.check(500, r -> tries[0]++));
    assertEquals(7, tries[0]);
    tries[0] = 0;
    withProperties(null, null, () -> Seeds.check(30, r -> tries[0]++));
    assertEquals(30, tries[0]);
  }

  @Test
  void check_failure_namesTheTestMethodAndModule() {
    AssertionError e = assertThrows(AssertionError.class, () -> withProperties(null, null, SeedsTest::failingCheck));
    assertTrue(e.getMessage().startsWith("SeedsTest#failingCheck failed with seed "), e.getMessage());
    assertTrue(e.getMessage().contains(" (try 1 of 3)."), e.getMessage());
    assertTrue(e.getMessage().contains(" -pl testkit -am verify -Dtest=SeedsTest#failingCheck "), e.getMessage());
  }

  private static void failingCheck() {
    Seeds.check(3, r -> {
      throw new AssertionError("always");
    });
  }

  /** Runs {@code body} with the two properties set as given (null: unset), then restores them. */
  private static void withProperties(String seed, String tries, Runnable body) {
    String seedBefore = System.getProperty(Seeds.SEED_PROPERTY);
    String triesBefore = System.getProperty(Seeds.TRIES_PROPERTY);
    set(Seeds.SEED_PROPERTY, seed);
    set(Seeds.TRIES_PROPERTY, tries);
    try {
      body.run();
    } finally {
      set(Seeds.SEED_PROPERTY, seedBefore);
      set(Seeds.TRIES_PROPERTY, triesBefore);
    }
  }

  private static void set(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}

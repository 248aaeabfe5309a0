package org.datolite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the server comes from, without needing one. */
class PostgresServerTest {
  private static PostgresServer noContainer() {
    return fail("no container should be started");
  }

  @Test
  void locate_nothingAvailable_skipsWithReason() {
    PostgresServer.Located got = PostgresServer.locate(Map.of(), () -> false, PostgresServerTest::noContainer);
    assertNull(got.server());
    assertFalse(got.fails());
    assertEquals("no PostgreSQL: set DATOLITE_TEST_PG_URL or start Docker", got.problem());
  }

  @Test
  void locate_nothingAvailableOnCi_fails() {
    PostgresServer.Located got =
        PostgresServer.locate(Map.of("CI", "true"), () -> false, PostgresServerTest::noContainer);
    assertNull(got.server());
    assertTrue(got.fails());
    assertTrue(got.problem().startsWith(PostgresServer.NO_SERVER), got.problem());
  }

  @Test
  void locate_unreachableUrl_failsNamingTheServer() {
    String url = "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=secret";
    long start = System.nanoTime();
    PostgresServer.Located got = PostgresServer.locate(Map.of("DATOLITE_TEST_PG_URL", url), () -> true,
        PostgresServerTest::noContainer);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertNull(got.server());
    assertTrue(got.fails(), "a named server that does not answer must fail, not skip");
    assertTrue(got.problem().contains("DATOLITE_TEST_PG_URL names PostgreSQL at jdbc:postgresql://127.0.0.1:1/"),
        got.problem());
    assertFalse(got.problem().contains("secret"), got.problem());
    assertTrue(millis < (PostgresServer.CONNECT_TIMEOUT_SECONDS + 5) * 1000L, "took " + millis + " ms");
  }

  @Test
  void locate_containerFailsToStart_fails() {
    PostgresServer.Located got = PostgresServer.locate(Map.of(), () -> true, () -> {
      throw new IllegalStateException("image pull refused");
    });
    assertTrue(got.fails());
    assertTrue(got.problem().contains("image pull refused"), got.problem());
  }

  @Test
  void databaseName_isSafeAndUnique() {
    String a = PostgresExtension.databaseName(PostgresServerTest.class);
    String b = PostgresExtension.databaseName(PostgresServerTest.class);
    assertTrue(a.matches("dl_postgresservertest_[0-9a-f]{8}"), a);
    assertFalse(a.equals(b));
    class Very$Odd_Näme {}
    String odd = PostgresExtension.databaseName(Very$Odd_Näme.class);
    assertTrue(odd.matches("dl_[a-z0-9_]+_[0-9a-f]{8}") && odd.length() <= 63, odd);
  }
}

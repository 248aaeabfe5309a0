package org.datolite.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

class DatalogCancelTest {
  @Test
  void cancel_stopsARunningQueryWith57014_andIsFalseWhenNoneRuns() throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:datolite:mem:datalog-cancel-test")) {
      DatoliteConnection dc = conn.unwrap(DatoliteConnection.class);
      dc.transact(List.of(Map.of(Keyword.of(":db/ident"), Keyword.of(":n/id"), Keyword.of(":db/valueType"),
          Keyword.of(":db.type/long"), Keyword.of(":db/cardinality"), Keyword.of(":db.cardinality/one"))));
      List<Object> data = new ArrayList<>();
      for (long i = 0; i < 3000; i++) {
        data.add(Map.of(Keyword.of(":n/id"), i));
      }
      dc.transact(data);
      StringWriter out = new StringWriter();
      Shell shell = new Shell(conn, new PrintWriter(out), new PrintWriter(out));
      DatalogRunner runner = new DatalogRunner(dc, shell);
      assertFalse(runner.cancel(), "no query runs");

      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread query = new Thread(() -> {
        try {
          runner.run("[:find (count ?a) . :where [?a :n/id ?x] [?b :n/id ?y] [(< ?x ?y)]]", DatalogRunner.Kind.QUERY);
        } catch (RuntimeException e) {
          failure.set(e);
        }
      });
      query.start();
      boolean cancelled = false;
      while (query.isAlive() && !cancelled) {
        cancelled = runner.cancel();
        Thread.onSpinWait();
      }
      query.join(60_000);
      assertTrue(cancelled, "the query was still running when cancelled: " + out);
      assertTrue(failure.get() instanceof DatoliteException, String.valueOf(failure.get()));
      assertEquals("57014", ((DatoliteException) failure.get()).sqlState(), failure.get().getMessage());
      assertFalse(runner.cancel(), "no query runs any more");
    }
  }
}

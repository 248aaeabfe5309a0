package org.datolite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.datolite.demo.StorageDemo;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.file.FileStore;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatoliteCommandTest {
  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = DatoliteCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void demo_firstRunCreatesThenLaterRunsReopenAndIndexAgain() {
    String path = dir.resolve("data").toString();
    Run first = run("demo", "--path", path, "--datoms", "20000", "--changes", "10");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("Created the sample database"), first.out());
    assertTrue(first.out().contains("Index job at t"), first.out());
    assertTrue(first.out().contains("10 order status changes (21 datoms)"), first.out());
    assertTrue(first.out().contains(":person/name"), first.out());
    assertTrue(first.out().contains("retracted :status/placed"), first.out());

    Run second = run("demo", "--path", path, "--changes", "3");
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("Opened the sample database"), second.out());
    assertTrue(second.out().contains("(roots revision 2)"), second.out());
    assertTrue(second.out().contains("3 order status changes (7 datoms)"), second.out());

    try (FileStore store = FileStore.open(dir.resolve("data"))) {
      KeyValueStore.Versioned roots = store.getVersioned(StorageDemo.ROOTS_KEY);
      assertEquals(3, roots.rev());
    }
  }

  @Test
  void demo_lockedStoreIsAClearError() {
    try (FileStore store = FileStore.open(dir.resolve("held"))) {
      Run run = run("demo", "--path", dir.resolve("held").toString(), "--datoms", "1000");
      assertEquals(3, run.exit());
      assertTrue(run.err().contains("STORE_LOCKED"), run.err());
      assertTrue(store.keys("").isEmpty(), "nothing written");
    }
  }

  @Test
  void gc_collectsAFileDatabase_andRefusesAShortCutoff() {
    String path = dir.resolve("db").toString();
    try (DatoliteConnection conn = Datolite.connect("file:" + path + "?db=shop", null)) {
      conn.transact("[{:db/ident :item/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      conn.transact("[{:item/n 1}]");
    }
    Run run = run("gc", "--storage", "file:" + path, "--db", "shop");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("shop in ") && run.out().contains("deleted 0 nodes"), run.out());
    try (DatoliteConnection conn = Datolite.connect("file:" + path + "?db=shop", null)) {
      assertEquals(1L, ((Number) conn.q("[:find (count ?e) . :where [?e :item/n]]")).longValue(), "nothing live lost");
    }
    run = run("gc", "--storage", "file:" + path, "--db", "shop", "--older-than-minutes", "5");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--older-than-minutes must be at least 10"), run.err());
    run = run("gc", "--db", "shop");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--storage"), run.err());
  }

  @Test
  void demo_badOptionsAreRejectedWithUsage() {
    Run run = run("demo", "--datoms", "5");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--datoms must be at least 100"), run.err());
    run = run("demo", "--datoms", "many");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("'many'"), run.err());
    run = run("frobnicate");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Unmatched argument"), run.err());
  }

  @Test
  void noArguments_printsUsage() {
    Run run = run();
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("Usage: datolite"), run.out());
    assertTrue(run.out().contains("demo"), run.out());
  }
}

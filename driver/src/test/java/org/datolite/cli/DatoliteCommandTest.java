package org.datolite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  void demo_toursSqlDatalogPullTimeTravelAndHistory_inATemporaryDatabaseItRemoves() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before;
    try (var listing = Files.list(tmp)) {
      before = listing.filter(p -> p.getFileName().toString().startsWith("datolite-demo")).count();
    }
    Run run = run("demo", "--scale", "1");
    assertEquals(0, run.exit(), run.err());
    String out = run.out();
    for (int step = 1; step <= 8; step++) {
      assertTrue(out.contains("\n" + step + ". "), "step " + step + " has its caption:\n" + out);
    }
    assertTrue(out.contains("Loaded a sample shop into jdbc:datolite:file:"), out);
    assertTrue(out.contains("100 customers, 20 products, 500 orders"), out);
    assertTrue(out.contains("FOR SYSTEM_TIME AS OF BASIS_T("), out);
    assertTrue(out.contains("-> 1 row updated"), out);
    assertTrue(out.contains(":line/_orders [{:line/quantity"), "the pull follows the reverse ref:\n" + out);
    assertTrue(out.contains("(count-distinct ?c)"), out);
    // the price before and after the UPDATE, and its history: asserted, retracted, asserted again
    int now = out.indexOf("  SELECT sku, name, price FROM product WHERE sku = 'SKU-0000'");
    int asOf = out.indexOf("FOR SYSTEM_TIME AS OF BASIS_T(");
    String oldPrice = lastCell(out.substring(asOf).lines().skip(3).findFirst().orElseThrow());
    String newPrice = lastCell(out.substring(now).lines().skip(3).findFirst().orElseThrow());
    assertEquals(new BigDecimal(oldPrice).multiply(new BigDecimal("1.1")), new BigDecimal(newPrice), out);
    String history = out.substring(out.indexOf("7. "), out.indexOf("8. "));
    assertTrue(history.contains(oldPrice + " | true") && history.contains(oldPrice + " | false")
        && history.contains(newPrice + " | true"), history);
    assertTrue(out.contains("(3 rows, "), out);
    assertTrue(!out.contains("00000000000000000000"), "no decimal padded to scale 500:\n" + out);
    try (var listing = Files.list(tmp)) {
      assertEquals(before, listing.filter(p -> p.getFileName().toString().startsWith("datolite-demo")).count(),
          "the temporary database is removed");
    }
  }

  private static String lastCell(String tableRow) {
    String[] cells = tableRow.split("\\|");
    return cells[cells.length - 1].trim();
  }

  @Test
  void demo_withAPath_keepsTheDatabase_andTheNextRunReopensIt() {
    String path = dir.resolve("shop").toString();
    Run first = run("demo", "--scale", "1", "--path", path);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("Loaded a sample shop"), first.out());
    Run second = run("demo", "--scale", "1", "--path", path);
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("Opened the sample shop") && second.out().contains("100 customers, 500 orders"),
        second.out());
    String history = second.out().substring(second.out().indexOf("7. "), second.out().indexOf("8. "));
    assertTrue(history.contains("(5 rows, "), "two UPDATEs: five price datoms\n" + history);
  }

  @Test
  void demo_refusesADirectoryHoldingAnotherDatabase_andChangesNothing() throws Exception {
    String path = dir.resolve("other").toString();
    try (DatoliteConnection conn = Datolite.connect("file:" + path, null)) {
      conn.transact("[{:db/ident :city/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
          + " {:db/ident :customer/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
    }
    Run run = run("demo", "--scale", "1", "--path", path);
    assertEquals(1, run.exit(), run.out());
    assertTrue(run.err().contains("holds another database (tables [CITY, CUSTOMER])"), run.err());
    try (DatoliteConnection conn = Datolite.connect("file:" + path, null)) {
      assertEquals(null, conn.q("[:find ?e . :where [?e :db/ident :customer/email]]"), "no shop schema added (a CUSTOMER table alone is not the shop)");
    }
  }

  @Test
  void demo_storageTour_firstRunCreatesThenLaterRunsReopenAndIndexAgain() {
    String path = dir.resolve("data").toString();
    Run first = run("demo", "--storage-tour", "--path", path, "--datoms", "20000", "--changes", "10");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("Created the sample database"), first.out());
    assertTrue(first.out().contains("Index job at t"), first.out());
    assertTrue(first.out().contains("10 order status changes (21 datoms)"), first.out());
    assertTrue(first.out().contains(":person/name"), first.out());
    assertTrue(first.out().contains("retracted :status/placed"), first.out());

    Run second = run("demo", "--storage-tour", "--path", path, "--changes", "3");
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
      Run run = run("demo", "--storage-tour", "--path", dir.resolve("held").toString(), "--datoms", "1000");
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
    Run run = run("demo", "--storage-tour", "--datoms", "5");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--datoms must be at least 100"), run.err());
    run = run("demo", "--datoms", "many");
    assertEquals(2, run.exit());
    assertEquals("datolite: Invalid value for option '--datoms': 'many' is not a long (see 'datolite demo --help')",
        run.err().strip(), "one line");
    run = run("demo", "--scale", "0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--scale must be between 1 and 10000; got 0"), run.err());
    run = run("frobnicate");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Unmatched argument") && run.err().strip().lines().count() == 1, run.err());
  }

  @Test
  void transactor_isASubcommandWithItsSettings() {
    Run run = run("transactor", "--list-settings");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("storage") && run.out().contains("index-threshold-mb"), run.out());
    run = run("transactor", "--help");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("Usage: datolite transactor") && run.out().contains("--storage=VALUE"), run.out());
    run = run("transactor", "--set", "no-such-setting=1");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("unknown setting(s) [no-such-setting]"), run.err());
  }

  @Test
  void quietLogging_warnByDefault_infoForTheTransactor_andTheEnvironmentWins() {
    String key = "org.slf4j.simpleLogger.defaultLogLevel";
    String saved = System.getProperty(key);
    try {
      System.clearProperty(key);
      DatoliteCommand.quietLogging(new String[] {"demo"}, null);
      assertEquals("warn", System.getProperty(key));
      System.clearProperty(key);
      DatoliteCommand.quietLogging(new String[] {"transactor", "--config", "x"}, null);
      assertEquals("info", System.getProperty(key));
      System.clearProperty(key);
      DatoliteCommand.quietLogging(new String[] {"shell"}, " DEBUG ");
      assertEquals("debug", System.getProperty(key));
      DatoliteCommand.quietLogging(new String[] {"demo"}, "error");
      assertEquals("debug", System.getProperty(key), "a level set as a system property stays");
    } finally {
      if (saved == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, saved);
      }
    }
  }

  @Test
  void noArguments_printsUsage() {
    Run run = run();
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("Usage: datolite"), run.out());
    assertTrue(run.out().contains("demo"), run.out());
  }
}

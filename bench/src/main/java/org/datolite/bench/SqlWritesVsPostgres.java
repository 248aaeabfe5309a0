package org.datolite.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;

/**
 * SQL writes side by side with PostgreSQL on the same machine, in one run: pgbench's tpcb-like
 * transaction (three UPDATEs, a SELECT and an INSERT in one JDBC transaction, run again on
 * {@code 40001}) at 1, 8 and 32 clients, and a bulk load of a 16-column table of TPC-H
 * {@code lineitem}'s shape through {@code executeBatch} with a commit every 5,000 rows
 * (PostgreSQL with {@code reWriteBatchedInserts}). Datolite runs on embedded ({@code file:}) and
 * on PostgreSQL storage; PostgreSQL runs the same SQL on tables with primary keys.
 *
 * <p>Each system is warmed up the same way before it is measured, as a server runs in production:
 * a tpcb round of {@code warm-up} seconds at 8 clients, not counted, before the counted rounds,
 * and loads of as many rows as the counted one, not counted, for {@code warm-up} seconds (at
 * least one) before the counted load. A JVM's first tens of seconds are spent compiling (a load
 * right after a quarter-size one ran at about 60% of the rate of later ones); PostgreSQL's server
 * needs no warm-up but gets the same rounds. So the counted load goes into a table that already
 * holds the warm-up's rows, on every system.
 * Before each system's rounds PostgreSQL takes a checkpoint, so that none is measured while the
 * server flushes what the one before wrote.
 *
 * <p>Arguments: scale (pgbench's: branches; 100,000 accounts each; default 1), seconds per
 * tpcb round (default 10), lineitem rows (default 200,000), warm-up seconds (default 30), and
 * which parts to run (default {@code tpcb,lineitem}).
 * PostgreSQL on {@code DATOLITE_BENCH_PG_URL} (default the local server, user postgres).
 *
 * <pre>java -Xmx4g -cp bench/target/benchmarks.jar org.datolite.bench.SqlWritesVsPostgres 1 10 200000 30</pre>
 */
public final class SqlWritesVsPostgres {
  private SqlWritesVsPostgres() {}

  private static final int[] CLIENTS = {1, 8, 32};
  private static final int BATCH = 5_000;
  /** Loads counted after the warm-up; the median is reported (one load moves by a third on a busy machine). */
  private static final int COUNTED_LOADS = 3;

  public static void main(String[] args) throws Exception {
    int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int lineitems = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    String[] parts = args.length > 4 ? args[4].split(",") : new String[] {"tpcb", "lineitem"};
    for (String part : parts) {
      if (!part.equals("tpcb") && !part.equals("lineitem")) {
        throw new IllegalArgumentException("unknown part " + part + "; expected tpcb, lineitem or both, comma-separated");
      }
    }
    System.out.printf(Locale.ROOT, "SqlWritesVsPostgres: scale %d (%,d accounts), %d s rounds after %d s of warm-up,"
        + " %,d lineitems, %s, %d cores%n", scale, scale * 100_000, seconds, warmUp, lineitems, Instant.now(),
        Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("datolite-writes-bench");
    try (ScratchDatabase pg = new ScratchDatabase("datolite_writes_pg");
        ScratchDatabase storage = new ScratchDatabase("datolite_writes_storage")) {
      String[] names = {"Datolite (file:)", "Datolite (postgresql: storage)", "PostgreSQL"};
      double[][] tps = new double[names.length][CLIENTS.length];
      long[][] retries = new long[names.length][CLIENTS.length];
      double[] rates = new double[names.length];
      for (int t = 0; t < names.length; t++) {
        for (String database : parts) {
          Process transactor = t == 1 ? TransactorChild.start(storage.storage(), database, SECRET,
              dir.resolve(database + "-transactor.log"), List.of("-Xmx2g")) : null;
          String nativeUrl = t == 0 ? "file:" + dir.resolve(database) : t == 1 ? storage.storage() + "&db=" + database
              : null;
          String url = t == 2 ? pg.jdbcUrl() + (database.equals("lineitem") ? "&reWriteBatchedInserts=true" : "")
              : "jdbc:datolite:" + nativeUrl;
          Properties props = new Properties();
          props.setProperty("secret", SECRET);
          checkpoint(pg.jdbcUrl()); // what the system before wrote is not flushed during this one's rounds
          try (DatoliteConnection keep = nativeUrl == null ? null : TransactorChild.connectWhenServed(nativeUrl, t == 1 ? props : null)) {
            if (database.equals("tpcb")) {
              long t0 = System.nanoTime();
              if (keep != null) {
                loadDatolite(url, keep, scale);
              } else {
                loadPostgres(url, scale);
              }
              System.out.printf(Locale.ROOT, "%s: loaded in %.1f s%n", names[t], (System.nanoTime() - t0) / 1e9);
              long[] w = tpcb(url, 8, scale, warmUp);
              System.out.printf(Locale.ROOT, "  warm-up, 8 clients: %,.0f tps (not counted)%n", w[0] / (double) warmUp);
              for (int c = 0; c < CLIENTS.length; c++) {
                long[] r = tpcb(url, CLIENTS[c], scale, seconds);
                tps[t][c] = r[0] / (double) seconds;
                retries[t][c] = r[1];
                System.out.printf(Locale.ROOT, "  %d clients: %,.0f tps, %,d retries%n", CLIENTS[c], tps[t][c], r[1]);
              }
            } else {
              try (Connection c = connect(url); Statement st = c.createStatement()) {
                st.execute(LINEITEM_TABLE); // the same DDL on both
              }
              long warmUntil = System.nanoTime() + warmUp * 1_000_000_000L;
              int loads = 0;
              double w;
              do {
                w = bulkLoad(url, lineitems);
                loads++;
              } while (System.nanoTime() < warmUntil);
              System.out.printf(Locale.ROOT, "  lineitem warm-up: %d loads, the last %,.0f rows/s (not counted)%n", loads, w);
              double[] counted = new double[COUNTED_LOADS];
              TransactorLog log = t == 1 ? new TransactorLog(dir.resolve(database + "-transactor.log")) : null;
              if (log != null) {
                System.out.println("  warm-up, transactor: " + log.since());
              }
              for (int i = 0; i < COUNTED_LOADS; i++) {
                counted[i] = bulkLoad(url, lineitems);
                if (log != null) { // why a load ran slow: a large merge beside it, or writes waiting
                  System.out.printf(Locale.ROOT, "  load %d: %,.0f rows/s; transactor: %s%n", i + 1, counted[i], log.since());
                }
              }
              System.out.printf(Locale.ROOT, "  lineitem: %s rows/s%n", Arrays.stream(counted)
                  .mapToObj(r -> String.format(Locale.ROOT, "%,.0f", r)).collect(Collectors.joining(", ")));
              Arrays.sort(counted);
              rates[t] = counted[COUNTED_LOADS / 2];
              System.out.printf(Locale.ROOT, "  lineitem: median %,.0f rows/s%n", rates[t]);
            }
          } finally {
            if (transactor != null) {
              transactor.destroy();
              transactor.waitFor();
            }
          }
        }
      }
      List<String> ran = List.of(parts);
      System.out.println();
      System.out.println("| tpcb-like, scale " + scale + " | " + String.join(" | ", names)
          + " | file ÷ PG | pg storage ÷ PG | goal ≥ 1× |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int c = 0; c < CLIENTS.length && ran.contains("tpcb"); c++) {
        double a = tps[0][c] / tps[2][c];
        double b = tps[1][c] / tps[2][c];
        System.out.printf(Locale.ROOT, "| %d client%s | %,.0f tps (%,d retries) | %,.0f tps (%,d retries) | %,.0f tps"
            + " | %.2f× | %.2f× | %s |%n", CLIENTS[c], CLIENTS[c] == 1 ? "" : "s", tps[0][c], retries[0][c],
            tps[1][c], retries[1][c], tps[2][c], a, b, CLIENTS[c] == 1 ? "(none at 1)"
                : Math.min(a, b) >= 1 ? "met" : "NOT met");
      }
      System.out.println();
      System.out.println("| executeBatch lineitem, " + BATCH + " rows a commit, median of " + COUNTED_LOADS
          + " loads | " + names[0] + " | " + names[1]
          + " | PostgreSQL (reWriteBatchedInserts) | file ÷ PG | pg storage ÷ PG | goal ≥ 0.5× |");
      System.out.println("|---|---|---|---|---|---|---|");
      double a = rates[0] / rates[2];
      double b = rates[1] / rates[2];
      if (ran.contains("lineitem")) {
        System.out.printf(Locale.ROOT, "| %,d rows | %,.0f rows/s | %,.0f rows/s | %,.0f rows/s | %.2f× | %.2f× | %s |%n",
            lineitems, rates[0], rates[1], rates[2], a, b, Math.min(a, b) >= 0.5 ? "met" : "NOT met");
      }
    } finally {
      deleteTree(dir);
    }
  }

  static final String SECRET = "writes-bench-shared-secret-0123456789";

  /**
   * A PostgreSQL checkpoint, so that the server does not flush what an earlier round wrote (the
   * PostgreSQL-storage rounds write gigabytes) while the next one is measured; skipped, with a
   * line, where the user may not.
   */
  private static void checkpoint(String url) {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
    } catch (SQLException e) {
      System.out.println("  (no CHECKPOINT before the round: " + e.getMessage() + ")");
    }
  }

  /** A JDBC connection; a Datolite peer of a standalone transactor gives the transactor's secret. */
  private static Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    if (url.startsWith("jdbc:datolite:postgresql:")) {
      p.setProperty("secret", SECRET);
    }
    return DriverManager.getConnection(url, p);
  }

  // ---- tpcb-like ---------------------------------------------------------------------------------

  /** The tables of the tpcb-like transaction, the same DDL on both sides. */
  private static final String[] TPCB_TABLES = {"CREATE TABLE branch (bid int PRIMARY KEY, bbalance int)",
      "CREATE TABLE teller (tid int PRIMARY KEY, bid int, tbalance int)",
      "CREATE TABLE account (aid int PRIMARY KEY, bid int, abalance int)",
      "CREATE TABLE hist (tid int, bid int, aid int, delta int, mtime timestamp)"};

  /** The tables by DDL, their rows (pgbench's initial data) through the native API, in large transactions. */
  private static void loadDatolite(String url, DatoliteConnection conn, int scale) throws SQLException {
    try (Connection c = connect(url); Statement st = c.createStatement()) {
      for (String ddl : TPCB_TABLES) {
        st.execute(ddl);
      }
    }
    StringBuilder tx = new StringBuilder("[");
    for (int b = 1; b <= scale; b++) {
      tx.append("{:branch/bid ").append(b).append(" :branch/bbalance 0}");
    }
    for (int t = 1; t <= scale * 10; t++) {
      tx.append("{:teller/tid ").append(t).append(" :teller/bid ").append((t - 1) / 10 + 1).append(" :teller/tbalance 0}");
    }
    conn.transact(tx.append(']').toString());
    for (int a = 1; a <= scale * 100_000; a += 10_000) {
      tx.setLength(0);
      tx.append('[');
      for (int k = a; k < a + 10_000 && k <= scale * 100_000; k++) {
        tx.append("{:account/aid ").append(k).append(" :account/bid ").append((k - 1) / 100_000 + 1)
            .append(" :account/abalance 0}");
      }
      conn.transact(tx.append(']').toString());
    }
  }

  private static void loadPostgres(String url, int scale) throws SQLException {
    try (Connection c = connect(url); Statement st = c.createStatement()) {
      for (String ddl : TPCB_TABLES) {
        st.execute(ddl);
      }
      st.execute("INSERT INTO branch SELECT g, 0 FROM generate_series(1, " + scale + ") g");
      st.execute("INSERT INTO teller SELECT g, (g - 1) / 10 + 1, 0 FROM generate_series(1, " + scale * 10 + ") g");
      st.execute("INSERT INTO account SELECT g, (g - 1) / 100000 + 1, 0 FROM generate_series(1, " + scale * 100_000
          + ") g");
      st.execute("VACUUM ANALYZE");
    }
  }

  /** Runs the transaction from {@code clients} threads for {@code seconds}: {committed, retries}. */
  private static long[] tpcb(String url, int clients, int scale, int seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean counting = new AtomicBoolean();
    AtomicLong committed = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      long seed = 31L * i + clients;
      done.add(pool.submit(() -> {
        client(url, scale, seed, stop, counting, committed, retries);
        return null;
      }));
    }
    Thread.sleep(Math.min(3_000, seconds * 300L)); // warm up, not counted
    counting.set(true);
    long start = committed.get();
    long startRetries = retries.get();
    Thread.sleep(seconds * 1000L);
    long n = committed.get() - start;
    long r = retries.get() - startRetries;
    stop.set(true);
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return new long[] {n, r};
  }

  private static void client(String url, int scale, long seed, AtomicBoolean stop, AtomicBoolean counting,
      AtomicLong committed, AtomicLong retries) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed);
    try (Connection c = connect(url)) {
      c.setAutoCommit(false);
      PreparedStatement account = c.prepareStatement("UPDATE account SET abalance = abalance + ? WHERE aid = ?");
      PreparedStatement read = c.prepareStatement("SELECT abalance FROM account WHERE aid = ?");
      PreparedStatement teller = c.prepareStatement("UPDATE teller SET tbalance = tbalance + ? WHERE tid = ?");
      PreparedStatement branch = c.prepareStatement("UPDATE branch SET bbalance = bbalance + ? WHERE bid = ?");
      PreparedStatement hist = c.prepareStatement(
          "INSERT INTO hist (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)");
      while (!stop.get()) {
        int aid = 1 + random.nextInt(scale * 100_000);
        int bid = 1 + random.nextInt(scale);
        int tid = 1 + random.nextInt(scale * 10);
        int delta = random.nextInt(-5000, 5001);
        while (true) {
          try {
            account.setInt(1, delta);
            account.setInt(2, aid);
            account.executeUpdate();
            read.setInt(1, aid);
            try (ResultSet rs = read.executeQuery()) {
              rs.next();
            }
            teller.setInt(1, delta);
            teller.setInt(2, tid);
            teller.executeUpdate();
            branch.setInt(1, delta);
            branch.setInt(2, bid);
            branch.executeUpdate();
            hist.setInt(1, tid);
            hist.setInt(2, bid);
            hist.setInt(3, aid);
            hist.setInt(4, delta);
            hist.executeUpdate();
            c.commit();
            committed.incrementAndGet();
            break;
          } catch (SQLException e) {
            c.rollback();
            if (!"40001".equals(e.getSQLState()) && !"40P01".equals(e.getSQLState())) {
              throw e;
            }
            retries.incrementAndGet();
            if (stop.get()) {
              return;
            }
          }
        }
      }
    }
  }

  // ---- bulk load -------------------------------------------------------------------------------

  static final String LINEITEM_TABLE = "CREATE TABLE lineitem (orderkey bigint, partkey bigint,"
      + " suppkey bigint, linenumber bigint, quantity numeric, extendedprice numeric, discount numeric, tax numeric,"
      + " returnflag text, linestatus text, shipdate timestamp, commitdate timestamp, receiptdate timestamp,"
      + " shipinstruct text, shipmode text, comment text)";

  private static final String[] MODES = {"AIR", "MAIL", "RAIL", "SHIP", "TRUCK", "REG AIR", "FOB"};
  private static final String[] INSTRUCTIONS = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};

  /** Loads {@code rows} lineitems through executeBatch, committing every {@link #BATCH}: rows a second. */
  static double bulkLoad(String url, int rows) throws SQLException {
    SplittableRandom random = new SplittableRandom(42);
    try (Connection c = connect(url)) {
      c.setAutoCommit(false);
      PreparedStatement p = c.prepareStatement("INSERT INTO lineitem (orderkey, partkey, suppkey, linenumber,"
          + " quantity, extendedprice, discount, tax, returnflag, linestatus, shipdate, commitdate, receiptdate,"
          + " shipinstruct, shipmode, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      long day = 86_400_000L;
      long t0 = System.nanoTime();
      for (int i = 0; i < rows; i++) {
        long ship = 694_224_000_000L + random.nextInt(2_500) * day;
        p.setLong(1, i / 4 + 1);
        p.setLong(2, 1 + random.nextInt(200_000));
        p.setLong(3, 1 + random.nextInt(10_000));
        p.setLong(4, i % 4 + 1);
        p.setBigDecimal(5, BigDecimal.valueOf(1 + random.nextInt(50)));
        p.setBigDecimal(6, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
        p.setBigDecimal(7, BigDecimal.valueOf(random.nextInt(11), 2));
        p.setBigDecimal(8, BigDecimal.valueOf(random.nextInt(9), 2));
        p.setString(9, random.nextBoolean() ? "R" : "N");
        p.setString(10, random.nextBoolean() ? "O" : "F");
        p.setTimestamp(11, new Timestamp(ship));
        p.setTimestamp(12, new Timestamp(ship + random.nextInt(60) * day));
        p.setTimestamp(13, new Timestamp(ship + random.nextInt(30) * day));
        p.setString(14, INSTRUCTIONS[random.nextInt(INSTRUCTIONS.length)]);
        p.setString(15, MODES[random.nextInt(MODES.length)]);
        p.setString(16, "comment " + Long.toString(random.nextLong(), 36));
        p.addBatch();
        if ((i + 1) % BATCH == 0 || i == rows - 1) {
          p.executeBatch();
          c.commit();
        }
      }
      return rows / ((System.nanoTime() - t0) / 1e9);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }
}

package org.datolite.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.TxReport;

/**
 * SQL through the Datolite JDBC driver against PostgreSQL, side by side in one run, the same data
 * on both sides and prepared statements on both sides (issue 11, "Benchmarks"):
 *
 * <ol>
 *   <li>the pgbench select-only shape, {@code SELECT abalance FROM account WHERE aid = ?} with
 *       random aids, at 1 and 8 threads (operations per second, after a warm-up);</li>
 *   <li>a range scan with aggregation over 1% of the accounts;</li>
 *   <li>a 3-table join with a selective filter: the accounts of the branch of one teller;</li>
 *   <li>the DataScript queries of {@link DatalogVsPostgres} written in SQL over its {@code PERSON}
 *       data (loaded by its generator);</li>
 *   <li>connect-to-first-result in a cold JVM: child processes on the same class path that time
 *       {@code getConnection}, the first {@code executeQuery} and the first {@code next()}.</li>
 * </ol>
 *
 * <p>Datolite runs on embedded in-memory databases ({@code jdbc:datolite:mem:…}) loaded through the
 * native API in large transactions; PostgreSQL on {@code DATOLITE_BENCH_PG_URL} (default: the local
 * server; a scratch database is created and dropped). The accounts: {@code :account/aid} (unique
 * identity), {@code :account/abalance}, {@code :account/branch} (a ref); 1,000 accounts a branch
 * and 10 tellers a branch ({@code :teller/tid}, {@code :teller/tbalance}, {@code :teller/branch}),
 * {@code :branch/bid}, {@code :branch/bbalance}; PostgreSQL has the same columns with primary keys
 * on the ids and indexes on the branch references. No filler column.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.SqlVsPostgres
 * [accounts [seconds [people [runs]]]]} (defaults 1,000,000 accounts; 5 s per measured round of
 * the point reads, three rounds after a warm-up of the same length; 20,000 people; 30 timed runs
 * per query). {@code BENCH_COLD_RUNS} sets the number of cold JVMs per side (default 5).
 */
public final class SqlVsPostgres {
  /** Accounts per branch (pgbench has 100,000; fewer keep the join's filter selective). */
  private static final int ACCOUNTS_PER_BRANCH = 1000;
  /** Tellers per branch, as in pgbench. */
  private static final int TELLERS_PER_BRANCH = 10;
  /** Accounts per Datolite transaction while loading. */
  private static final int TX_ACCOUNTS = 10_000;

  private SqlVsPostgres() {}

  private interface Run {
    Object run() throws Exception;
  }

  /** One thread's point reader: its own connection and prepared statement. */
  private static final class PointReader implements AutoCloseable {
    private final Connection conn;
    private final PreparedStatement ps;

    PointReader(String url) throws SQLException {
      conn = DriverManager.getConnection(url);
      ps = conn.prepareStatement("SELECT abalance FROM account WHERE aid = ?");
    }

    long read(long aid) throws SQLException {
      ps.setLong(1, aid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no account " + aid);
        }
        return rs.getLong(1);
      }
    }

    @Override
    public void close() throws SQLException {
      ps.close();
      conn.close();
    }
  }

  static long abalance(long aid) {
    return aid * 7919L % 10_001 - 5000;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "--first-result".equals(args[0])) {
      firstResult(args[1], args[2]);
      return;
    }
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int people = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int coldRuns = Integer.parseInt(System.getenv().getOrDefault("BENCH_COLD_RUNS", "5"));
    String admin = System.getenv().getOrDefault("DATOLITE_BENCH_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String scratch = "datolite_sqlbench_" + Long.toHexString(System.nanoTime());
    String pgUrl = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + scratch + "$1");
    System.out.printf(Locale.ROOT, "SqlVsPostgres: %,d accounts, %d s rounds, %,d people, %d runs, %d cold JVMs, %s, %d cores%n",
        accounts, seconds, people, runs, coldRuns, Instant.now(), Runtime.getRuntime().availableProcessors());
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + scratch);
    }
    String accountsDb = "sqlbench-accounts-" + UUID.randomUUID();
    String peopleDb = "sqlbench-people-" + UUID.randomUUID();
    String dlUrl = "jdbc:datolite:mem:" + accountsDb;
    try (DatoliteConnection accountsConn = Datolite.connect("mem:" + accountsDb, null);
         DatoliteConnection peopleConn = Datolite.connect("mem:" + peopleDb, null);
         Connection pg = DriverManager.getConnection(pgUrl);
         Connection dl = DriverManager.getConnection(dlUrl);
         Connection dlPeople = DriverManager.getConnection("jdbc:datolite:mem:" + peopleDb)) {
      long t0 = System.nanoTime();
      int branches = loadAccounts(accountsConn, accounts);
      long t1 = System.nanoTime();
      loadAccountsPostgres(pg, accounts, branches);
      long t2 = System.nanoTime();
      DatalogVsPostgres.load(peopleConn, pg, people);
      long t3 = System.nanoTime();
      Quiet.await("loading");
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf(Locale.ROOT, "Loaded %,d accounts, %,d branches, %,d tellers: Datolite %.1f s, PostgreSQL %.1f s;"
          + " %,d people (both) %.1f s; heap used %,d MiB of %,d MiB%n", accounts, branches,
          branches * TELLERS_PER_BRANCH, (t1 - t0) / 1e9, (t2 - t1) / 1e9, people, (t3 - t2) / 1e9,
          (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
      check(dlUrl, pgUrl, accounts);

      System.out.println();
      System.out.println("| benchmark | Datolite | PostgreSQL | Datolite ÷ PostgreSQL (rate) | goal |");
      System.out.println("|---|---|---|---|---|");
      for (int threads : new int[] {1, 8}) {
        double d = pointReads(dlUrl, threads, accounts, seconds);
        double p = pointReads(pgUrl, threads, accounts, seconds);
        System.out.printf(Locale.ROOT, "| point read, %d thread%s | %,.0f ops/s | %,.0f ops/s | %.2f× | ≥ 3× %s |%n",
            threads, threads == 1 ? "" : "s", d, p, d / p, d / p >= 3 ? "met" : "NOT met");
      }

      System.out.println();
      System.out.println("| query | Datolite median | PostgreSQL median | PostgreSQL ÷ Datolite (time) | rows | goal ≥ 1× |");
      System.out.println("|---|---|---|---|---|---|");
      int width = Math.max(1, accounts / 100);
      String range = "SELECT COUNT(*), SUM(abalance) FROM account WHERE aid BETWEEN ? AND ?";
      PreparedStatement dRange = dl.prepareStatement(range);
      PreparedStatement pRange = pg.prepareStatement(range);
      SplittableRandom rnd = new SplittableRandom(7);
      row("range, 1% of accounts, COUNT and SUM", runs, () -> rangeQuery(dRange, rnd, accounts, width),
          () -> rangeQuery(pRange, rnd, accounts, width));
      // the same shape with the bounds written into the statement (one fixed range in the middle)
      String literal = "SELECT COUNT(*), SUM(abalance) FROM account WHERE aid BETWEEN " + (accounts / 2) + " AND "
          + (accounts / 2 + width - 1);
      measure("range, 1%, literal bounds (one fixed range)", runs, dl, literal, pg, literal);
      int tellers = branches * TELLERS_PER_BRANCH;
      PreparedStatement dJoin = dl.prepareStatement("SELECT a.aid, a.abalance, b.bbalance, t.tbalance FROM teller t"
          + " JOIN branch b ON b.db_id = t.branch JOIN account a ON a.branch = b.db_id WHERE t.tid = ?");
      PreparedStatement pJoin = pg.prepareStatement("SELECT a.aid, a.abalance, b.bbalance, t.tbalance FROM teller t"
          + " JOIN branch b ON b.bid = t.bid JOIN account a ON a.bid = b.bid WHERE t.tid = ?");
      row("join teller → branch → accounts, one teller", runs, () -> rows(dJoin, 1 + rnd.nextInt(tellers)),
          () -> rows(pJoin, 1 + rnd.nextInt(tellers)));
      personQueries(dlPeople, pg, runs);
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
      }
    }
    // cold JVMs: a small scratch PostgreSQL database of its own, dropped afterwards
    String coldDb = scratch + "_cold";
    String coldPg = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + coldDb + "$1");
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + coldDb);
    }
    try {
      try (Connection c = DriverManager.getConnection(coldPg); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE item (name text, qty bigint)");
        st.execute("INSERT INTO item VALUES ('a', 1), ('b', 2), ('c', 3)");
      }
      double[] d = coldStarts("datolite", "jdbc:datolite:mem:cold", coldRuns);
      double[] p = coldStarts("postgres", coldPg, coldRuns);
      System.out.println();
      System.out.println("| cold JVM, " + coldRuns + " each, medians | getConnection → first next() | main thread's CPU"
          + " in it | JVM start → exit | goal ≤ 500 ms |");
      System.out.println("|---|---|---|---|---|");
      System.out.printf(Locale.ROOT, "| Datolite (mem) | %.0f ms | %.0f ms | %.0f ms | %s |%n", d[0], d[2], d[1],
          d[0] <= 500 ? "met" : "NOT met");
      System.out.printf(Locale.ROOT, "| PostgreSQL (pgjdbc) | %.0f ms | %.0f ms | %.0f ms | |%n", p[0], p[2], p[1]);
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + coldDb + " WITH (FORCE)");
      }
    }
  }

  static int loadAccounts(DatoliteConnection conn, int accounts) throws SQLException {
    conn.transact("[{:db/ident :branch/bid :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :branch/bbalance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :teller/tid :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :teller/tbalance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :teller/branch :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/aid :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :account/abalance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/branch :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}]");
    int branches = (accounts + ACCOUNTS_PER_BRANCH - 1) / ACCOUNTS_PER_BRANCH;
    Map<Integer, Long> branchId = new HashMap<>();
    StringBuilder tx = new StringBuilder("[");
    for (int b = 1; b <= branches; b++) {
      tx.append("{:db/id \"b").append(b).append("\" :branch/bid ").append(b).append(" :branch/bbalance ")
          .append(b % 100).append('}');
      if (b % TX_ACCOUNTS == 0 || b == branches) {
        TxReport report = conn.transact(tx.append(']').toString());
        for (int k = b - (b - 1) % TX_ACCOUNTS; k <= b; k++) {
          branchId.put(k, report.tempids().get("b" + k));
        }
        tx.setLength(0);
        tx.append('[');
      }
    }
    int tellers = branches * TELLERS_PER_BRANCH;
    for (int t = 1; t <= tellers; t++) {
      tx.append("{:teller/tid ").append(t).append(" :teller/tbalance ").append(t * 31 % 1001 - 500)
          .append(" :teller/branch ").append(branchId.get((t - 1) / TELLERS_PER_BRANCH + 1)).append('}');
      if (t % TX_ACCOUNTS == 0 || t == tellers) {
        conn.transact(tx.append(']').toString());
        tx.setLength(0);
        tx.append('[');
      }
    }
    for (int a = 1; a <= accounts; a++) {
      tx.append("{:account/aid ").append(a).append(" :account/abalance ").append(abalance(a))
          .append(" :account/branch ").append(branchId.get((a - 1) / ACCOUNTS_PER_BRANCH + 1)).append('}');
      if (a % TX_ACCOUNTS == 0 || a == accounts) {
        conn.transact(tx.append(']').toString());
        tx.setLength(0);
        tx.append('[');
      }
    }
    return branches;
  }

  private static void loadAccountsPostgres(Connection pg, int accounts, int branches) throws SQLException {
    try (Statement st = pg.createStatement()) {
      st.execute("CREATE TABLE branch (bid int, bbalance int)");
      st.execute("CREATE TABLE teller (tid int, bid int, tbalance int)");
      st.execute("CREATE TABLE account (aid int, bid int, abalance int)");
      st.execute("INSERT INTO branch SELECT g, g % 100 FROM generate_series(1, " + branches + ") g");
      st.execute("INSERT INTO teller SELECT g, (g - 1) / " + TELLERS_PER_BRANCH + " + 1, g * 31 % 1001 - 500"
          + " FROM generate_series(1, " + branches * TELLERS_PER_BRANCH + ") g");
      st.execute("INSERT INTO account SELECT g, (g - 1) / " + ACCOUNTS_PER_BRANCH + " + 1,"
          + " g::bigint * 7919 % 10001 - 5000 FROM generate_series(1, " + accounts + ") g");
      st.execute("ALTER TABLE branch ADD PRIMARY KEY (bid)");
      st.execute("ALTER TABLE teller ADD PRIMARY KEY (tid)");
      st.execute("ALTER TABLE account ADD PRIMARY KEY (aid)");
      st.execute("CREATE INDEX ON teller (bid)");
      st.execute("CREATE INDEX ON account (bid)");
      st.execute("VACUUM ANALYZE branch");
      st.execute("VACUUM ANALYZE teller");
      st.execute("VACUUM ANALYZE account");
    }
  }

  /** Both sides give the same answers before anything is timed. */
  private static void check(String dlUrl, String pgUrl, int accounts) throws Exception {
    SplittableRandom rnd = new SplittableRandom(1);
    try (PointReader d = new PointReader(dlUrl); PointReader p = new PointReader(pgUrl)) {
      for (int i = 0; i < 100; i++) {
        long aid = 1 + rnd.nextInt(accounts);
        long a = d.read(aid);
        long b = p.read(aid);
        if (a != b || a != abalance(aid)) {
          throw new IllegalStateException("account " + aid + ": Datolite " + a + ", PostgreSQL " + b);
        }
      }
    }
    String sql = "SELECT COUNT(*), SUM(abalance) FROM account WHERE aid BETWEEN 1 AND " + accounts;
    try (Connection d = DriverManager.getConnection(dlUrl); Connection p = DriverManager.getConnection(pgUrl);
         Statement ds = d.createStatement(); Statement ps = p.createStatement();
         ResultSet dr = ds.executeQuery(sql); ResultSet pr = ps.executeQuery(sql)) {
      dr.next();
      pr.next();
      if (dr.getLong(1) != pr.getLong(1) || dr.getLong(2) != pr.getLong(2)) {
        throw new IllegalStateException("all accounts: Datolite " + dr.getLong(1) + " / " + dr.getLong(2)
            + ", PostgreSQL " + pr.getLong(1) + " / " + pr.getLong(2));
      }
    }
  }

  /** Point reads of random accounts on {@code threads} threads: the median of three rounds, after a warm-up. */
  private static double pointReads(String url, int threads, int accounts, int seconds) throws Exception {
    List<PointReader> readers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      readers.add(new PointReader(url));
    }
    AtomicLong[] counts = new AtomicLong[threads];
    Thread[] workers = new Thread[threads];
    Exception[] failure = new Exception[1];
    AtomicBoolean stop = new AtomicBoolean();
    for (int i = 0; i < threads; i++) {
      AtomicLong count = new AtomicLong();
      counts[i] = count;
      PointReader reader = readers.get(i);
      SplittableRandom rnd = new SplittableRandom(1000 + i);
      workers[i] = new Thread(() -> {
        long sink = 0;
        try {
          while (!stop.get()) {
            sink += reader.read(1 + rnd.nextInt(accounts));
            count.lazySet(count.get() + 1);
          }
        } catch (Exception e) {
          failure[0] = e;
        }
        if (sink == Long.MIN_VALUE) {
          System.out.print("");
        }
      }, "reader-" + i);
      workers[i].start();
    }
    Thread.sleep(seconds * 1000L); // warm-up
    double[] rates = new double[3];
    for (int r = 0; r < rates.length; r++) {
      long n0 = sum(counts);
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long n1 = sum(counts);
      rates[r] = (n1 - n0) / ((System.nanoTime() - t0) / 1e9);
    }
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    for (PointReader reader : readers) {
      reader.close();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    Arrays.sort(rates);
    return rates[1];
  }

  private static long sum(AtomicLong[] counts) {
    long n = 0;
    for (AtomicLong c : counts) {
      n += c.get();
    }
    return n;
  }

  private static int rangeQuery(PreparedStatement ps, SplittableRandom rnd, int accounts, int width)
      throws SQLException {
    long from = 1 + rnd.nextInt(Math.max(1, accounts - width + 1));
    ps.setLong(1, from);
    ps.setLong(2, from + width - 1);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return (int) rs.getLong(1);
    }
  }

  private static int rows(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= columns; c++) {
          rs.getObject(c);
        }
        n++;
      }
    }
    return n;
  }

  /** The DataScript queries of {@link DatalogVsPostgres} in SQL: Datolite's PERSON tables against its PostgreSQL tables. */
  private static void personQueries(Connection dl, Connection pg, int runs) throws Exception {
    String[][] queries = {
      {"q1 name", "SELECT db_id FROM person WHERE name = ?", "SELECT id FROM person WHERE name = ?"},
      {"q2 + age", "SELECT db_id, age FROM person WHERE name = ?", "SELECT id, age FROM person WHERE name = ?"},
      {"q3 + sex", "SELECT db_id, age FROM person WHERE name = ? AND sex = ':male'",
        "SELECT id, age FROM person WHERE name = ? AND sex = 'male'"},
      {"q4 + last name", "SELECT db_id, last_name, age FROM person WHERE name = ? AND sex = ':male'",
        "SELECT id, last_name, age FROM person WHERE name = ? AND sex = 'male'"},
      {"q5 value join on age", "SELECT DISTINCT p2.db_id, p2.last_name, p1.age FROM person p1"
        + " JOIN person p2 ON p2.age = p1.age WHERE p1.name = ?", "SELECT DISTINCT p2.id, p2.last_name, p1.age"
        + " FROM person p1 JOIN person p2 ON p2.age = p1.age WHERE p1.name = ?"},
    };
    for (String[] q : queries) {
      measure(q[0], q[0].startsWith("q5") ? Math.max(3, runs / 10) : runs, dl, q[1], pg, q[2], "Ivan");
    }
    measure("qpred1 salary > 50,000", runs, dl, "SELECT db_id, salary FROM person WHERE salary > 50000",
        pg, "SELECT id, salary FROM person WHERE salary > 50000");
    measure("qpred2 the same, bound by ?", runs, dl, "SELECT db_id, salary FROM person WHERE salary > ?",
        pg, "SELECT id, salary FROM person WHERE salary > ?", 50_000);
    // pulls: 1,000 people named Ivan, one at a time and all at once (IN with 1,000 literals)
    List<Long> ids = new ArrayList<>();
    try (Statement st = dl.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT db_id FROM person WHERE name = 'Ivan'")) {
      while (rs.next() && ids.size() < 1000) {
        ids.add(rs.getLong(1));
      }
    }
    List<Long> pgIds = new ArrayList<>();
    for (Long id : ids) {
      pgIds.add(DatalogVsPostgres.personId.get(id));
    }
    try (PreparedStatement dOne = dl.prepareStatement("SELECT name, last_name, age FROM person WHERE db_id = ?");
         PreparedStatement pOne = pg.prepareStatement("SELECT name, last_name, age FROM person WHERE id = ?")) {
      row("pull one ×" + ids.size() + " (WHERE db_id = ?)", Math.max(3, runs / 3), () -> {
        int n = 0;
        for (Long id : ids) {
          n += rows(dOne, id);
        }
        return n;
      }, () -> {
        int n = 0;
        for (Long id : pgIds) {
          n += rows(pOne, id);
        }
        return n;
      });
    }
    String dIn = ids.toString().replace('[', '(').replace(']', ')');
    String pIn = pgIds.toString().replace('[', '(').replace(']', ')');
    measure("pull many (IN of " + ids.size() + " ids)", runs, dl, "SELECT name, last_name, age FROM person WHERE db_id IN " + dIn,
        pg, "SELECT name, last_name, age FROM person WHERE id IN " + pIn);
    long root = 0;
    for (Map.Entry<Long, Long> e : DatalogVsPostgres.personId.entrySet()) {
      if (e.getValue() == 0L) {
        root = e.getKey();
      }
    }
    for (String tree : List.of("wide", "long")) {
      measure("follows, " + tree + " tree (WITH RECURSIVE)", Math.max(3, runs / 10), dl,
          "WITH RECURSIVE r(id) AS (SELECT follows_" + tree + " FROM person_follows_" + tree + " WHERE person_id = ?"
          + " UNION SELECT f.follows_" + tree + " FROM person_follows_" + tree + " f JOIN r ON f.person_id = r.id)"
          + " SELECT id FROM r",
          pg, "WITH RECURSIVE r(id) AS (SELECT follows FROM follows_" + tree + " WHERE person_id = ?"
          + " UNION SELECT f.follows FROM follows_" + tree + " f JOIN r ON f.person_id = r.id) SELECT id FROM r",
          root, 0L);
    }
  }

  /**
   * One query on both sides, prepared; with one parameter value per side when {@code params} has
   * two, the same value on both when it has one. A statement Datolite cannot prepare or run is
   * reported as such and skipped.
   */
  private static void measure(String name, int runs, Connection dl, String dSql, Connection pg, String pSql,
      Object... params) throws Exception {
    Object dParam = params.length > 0 ? params[0] : null;
    Object pParam = params.length > 1 ? params[1] : dParam;
    PreparedStatement d;
    try {
      d = dl.prepareStatement(dSql);
      if (dParam == null) {
        rows(d);
      } else {
        rows(d, dParam);
      }
    } catch (SQLException e) {
      String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      System.out.printf(Locale.ROOT, "| %s | fails: %s %s | | | | |%n", name, e.getSQLState(),
          msg.length() > 120 ? msg.substring(0, 120) + "…" : msg);
      return;
    }
    try (PreparedStatement dp = d; PreparedStatement p = pg.prepareStatement(pSql)) {
      if (dParam == null) {
        row(name, runs, () -> rows(dp), () -> rows(p));
      } else {
        row(name, runs, () -> rows(dp, dParam), () -> rows(p, pParam));
      }
    }
  }

  private static void row(String name, int runs, Run datolite, Run postgres) throws Exception {
    int rows = (Integer) datolite.run();
    int pgRows = (Integer) postgres.run();
    double[] d = median(datolite, runs);
    double[] p = median(postgres, runs);
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f× | %,d%s | %s |%n", name, time(d, runs), time(p, runs),
        p[0] / d[0], rows, rows == pgRows ? "" : String.format(Locale.ROOT, " (PostgreSQL %,d)", pgRows),
        p[0] / d[0] >= 1 ? "met" : "NOT met");
  }

  private static String time(double[] median, int runs) {
    return String.format(Locale.ROOT, "%.3f ms", median[0])
        + (median[1] < runs ? String.format(Locale.ROOT, " (%d runs)", (int) median[1]) : "");
  }

  /**
   * The median time of up to {@code runs} timed runs in ms, and how many there were: after a
   * warm-up of at least 2 s and at least one run (three when they are short), so that the JIT has
   * settled; the timed runs stop after 20 s once there are five.
   */
  private static double[] median(Run r, int runs) throws Exception {
    long start = System.nanoTime();
    long warm = start + 2_000_000_000L;
    for (int i = 0; i < 1 || i < 3 && System.nanoTime() < warm + 2_000_000_000L || System.nanoTime() < warm; i++) {
      r.run();
    }
    double[] ms = new double[runs];
    long stop = System.nanoTime() + 20_000_000_000L;
    int n = 0;
    while (n < runs && (n < 5 || System.nanoTime() < stop)) {
      long t0 = System.nanoTime();
      r.run();
      ms[n++] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms, 0, n);
    return new double[] {ms[n / 2], n};
  }

  /**
   * Medians over {@code runs} child JVMs: getConnection → first next() (ms), the child's life from
   * spawn to exit, and the CPU time of the child's main thread from getConnection to first next().
   */
  private static double[] coldStarts(String kind, String url, int runs) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    double[] first = new double[runs];
    double[] cpu = new double[runs];
    double[] life = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      String[] result = ChildJvm.report(List.of(java, "-cp", System.getProperty("java.class.path"),
          SqlVsPostgres.class.getName(), "--first-result", kind, url), "first-result-ms ");
      life[i] = (System.nanoTime() - t0) / 1e6;
      first[i] = Double.parseDouble(result[1]);
      cpu[i] = Double.parseDouble(result[2]);
    }
    Arrays.sort(first);
    Arrays.sort(cpu);
    Arrays.sort(life);
    return new double[] {first[runs / 2], life[runs / 2], cpu[runs / 2]};
  }

  /** In a child JVM: creates a small database (Datolite) or uses the parent's (PostgreSQL), then times the first result. */
  private static void firstResult(String kind, String url) throws Exception {
    DatoliteConnection nativeConn = null;
    if ("datolite".equals(kind)) {
      nativeConn = Datolite.connect(url.substring("jdbc:datolite:".length()), null);
      nativeConn.transact("[{:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
          + " {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      nativeConn.transact("[{:item/name \"a\" :item/qty 1} {:item/name \"b\" :item/qty 2} {:item/name \"c\" :item/qty 3}]");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    String first;
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT name, qty FROM item WHERE qty > 1")) {
      if (!rs.next()) {
        throw new IllegalStateException("no rows");
      }
      first = rs.getString(1);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
    System.out.println("first-result-ms " + ms + " " + cpuMs + " (" + first + ")");
    if (nativeConn != null) {
      nativeConn.close();
    }
  }
}

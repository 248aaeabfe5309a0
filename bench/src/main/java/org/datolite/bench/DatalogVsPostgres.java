package org.datolite.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.TxReport;
import org.datolite.query.QueryLimits;

/**
 * The DataScript query benchmark, reproduced synthetically, side by side with PostgreSQL in one
 * run: people with a name (8 values), a last name (6), aliases (0–9 of 11, cardinality many), a
 * sex, an age (0–99) and a salary (0–99,999), queried by q1 (name), q2 (+ age), q3 (+ sex), q4
 * (+ last name), q5 (a value join on age), qpred1 (salary above 50,000) and qpred2 (the same
 * bound through {@code :in}). Datolite runs on an embedded in-memory database; the anchor runs the
 * equivalent SQL over normalized tables with the usual indexes, through prepared statements, on
 * {@code DATOLITE_BENCH_PG_URL} (default: the local server; a scratch database is created and
 * dropped). Each query is warmed up for two seconds, then reports the median of its timed runs and PostgreSQL ÷ Datolite (above 1:
 * Datolite is faster).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.DatalogVsPostgres [people [runs]]}.
 */
public final class DatalogVsPostgres {
  private static final String[] NAMES = {"Ivan", "Petr", "Sergei", "Oleg", "Yuri", "Dmitry", "Fedor", "Denis"};
  private static final String[] LAST = {"Ivanov", "Petrov", "Sidorov", "Kovalev", "Kuznetsov", "Voronoi"};
  private static final String[] ALIASES = {"A. C. Q. W.", "A. J. Finn", "A.A.Q.", "Aaron Sweeney", "Abraham",
      "Abram", "Abraham Lincoln", "Abe", "Abel", "Abner", "Ace"};

  private DatalogVsPostgres() {}

  private interface Run {
    Object run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String admin = System.getenv().getOrDefault("DATOLITE_BENCH_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String scratch = "datolite_qbench_" + Long.toHexString(System.nanoTime());
    String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + scratch + "$1");
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + scratch);
    }
    try (DatoliteConnection conn = Datolite.connect("mem:qbench-" + UUID.randomUUID(), null);
         Connection pg = DriverManager.getConnection(url)) {
      load(conn, pg, people);
      Quiet.await("loading");
      Database db = conn.db();
      PreparedStatement q1 = pg.prepareStatement("SELECT id FROM person WHERE name = ?");
      PreparedStatement q2 = pg.prepareStatement("SELECT id, age FROM person WHERE name = ?");
      PreparedStatement q3 = pg.prepareStatement("SELECT id, age FROM person WHERE name = ? AND sex = 'male'");
      PreparedStatement q4 = pg.prepareStatement(
          "SELECT id, last_name, age FROM person WHERE name = ? AND sex = 'male'");
      PreparedStatement q5 = pg.prepareStatement("SELECT DISTINCT p2.id, p2.last_name, p1.age FROM person p1"
          + " JOIN person p2 ON p2.age = p1.age WHERE p1.name = ?");
      PreparedStatement qpred = pg.prepareStatement("SELECT id, salary FROM person WHERE salary > ?");
      System.out.println("| query | Datolite median | PostgreSQL median | PostgreSQL ÷ Datolite | rows |");
      System.out.println("|---|---|---|---|---|");
      long root = (Long) db.q("[:find ?e . :where [?e :person/follows-long _] (not [_ :person/follows-long ?e])]");
      row("q1", runs, () -> db.q("[:find ?e :where [?e :person/name \"Ivan\"]]"), () -> rows(q1, "Ivan"));
      row("q2", runs, () -> db.q("[:find ?e ?a :where [?e :person/name \"Ivan\"] [?e :person/age ?a]]"),
          () -> rows(q2, "Ivan"));
      row("q3", runs, () -> db.q("[:find ?e ?a :where [?e :person/name \"Ivan\"] [?e :person/age ?a]"
          + " [?e :person/sex :male]]"), () -> rows(q3, "Ivan"));
      row("q4", runs, () -> db.q("[:find ?e ?l ?a :where [?e :person/name \"Ivan\"] [?e :person/last-name ?l]"
          + " [?e :person/age ?a] [?e :person/sex :male]]"), () -> rows(q4, "Ivan"));
      row("q5", Math.max(3, runs / 10), () -> db.q("[:find ?e1 ?l ?a :where [?e :person/name \"Ivan\"]"
          + " [?e :person/age ?a] [?e1 :person/age ?a] [?e1 :person/last-name ?l]]"), () -> rows(q5, "Ivan"));
      row("qpred1", runs, () -> db.q("[:find ?e ?s :where [?e :person/salary ?s] [(> ?s 50000)]]"),
          () -> rows(qpred, 50_000));
      row("qpred2", runs, () -> db.q("[:find ?e ?s :in $ ?min :where [?e :person/salary ?s] [(> ?s ?min)]]",
          50_000), () -> rows(qpred, 50_000));
      // The planner against the written order, on q3 written badly (most general clause first).
      String badQ3 = "[:find ?e ?a :where [?e :person/age ?a] [?e :person/sex :male] [?e :person/name \"Ivan\"]]";
      row("q3 badly written, planned", runs, () -> db.q(badQ3), () -> rows(q3, "Ivan"));
      row("q3 badly written, written order", runs,
          () -> Datolite.q(QueryLimits.DEFAULT.withWrittenOrder(true), badQ3, db), () -> rows(q3, "Ivan"));
      // Pull: one entity at a time (1,000 of them), many at once, and the wildcard.
      List<Long> ids = new ArrayList<>();
      for (Object id : (Collection<?>) db.q("[:find [?e ...] :where [?e :person/name \"Ivan\"]]")) {
        if (ids.size() < 1000) {
          ids.add((Long) id);
        }
      }
      Long[] pgIds = new Long[ids.size()];
      for (int i = 0; i < pgIds.length; i++) {
        pgIds[i] = personId.get(ids.get(i));
      }
      String pattern = "[:person/name :person/last-name :person/age]";
      PreparedStatement one = pg.prepareStatement("SELECT name, last_name, age FROM person WHERE id = ?");
      row("pull one ×1000", Math.max(3, runs / 3), () -> {
        List<Object> out = new ArrayList<>();
        for (Long id : ids) {
          out.add(db.pull(pattern, id));
        }
        return out;
      }, () -> {
        int n = 0;
        for (Long id : pgIds) {
          n += rows(one, id);
        }
        return n;
      });
      PreparedStatement many = pg.prepareStatement("SELECT name, last_name, age FROM person WHERE id = ANY(?)");
      Array idArray = pg.createArrayOf("bigint", pgIds);
      row("pull many (1,000)", runs, () -> db.pullMany(pattern, ids), () -> rows(many, idArray));
      PreparedStatement wildcard = pg.prepareStatement("SELECT p.*, ARRAY(SELECT alias FROM person_alias a"
          + " WHERE a.person_id = p.id) FROM person p WHERE p.id = ANY(?)");
      row("pull wildcard (1,000)", runs, () -> db.pullMany("[*]", ids), () -> rows(wildcard, idArray));
      // A recursive rule over a wide tree (ten children each) and a long one (a chain), from the root.
      String rules = "[[(wide ?a ?b) [?a :person/follows-wide ?b]] [(wide ?a ?b) (wide ?a ?x) [?x :person/follows-wide ?b]]"
          + " [(long ?a ?b) [?a :person/follows-long ?b]] [(long ?a ?b) (long ?a ?x) [?x :person/follows-long ?b]]]";
      for (String tree : List.of("wide", "long")) {
        PreparedStatement follows = pg.prepareStatement("WITH RECURSIVE r(id) AS (SELECT follows FROM follows_"
            + tree + " WHERE person_id = ? UNION SELECT f.follows FROM follows_" + tree + " f JOIN r ON f.person_id"
            + " = r.id) SELECT id FROM r");
        row("follows, " + tree + " tree", Math.max(3, runs / 10),
            () -> db.q("[:find ?b :in $ % ?root :where (" + tree + " ?root ?b)]", rules, root), () -> rows(follows, 0L));
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
      }
    }
  }

  private static int rows(PreparedStatement ps, Object param) throws Exception {
    ps.setObject(1, param);
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static void row(String name, int runs, Run datolite, Run postgres) throws Exception {
    int rows = ((Collection<?>) datolite.run()).size();
    int pgRows = (Integer) postgres.run();
    double d = median(datolite, runs);
    double p = median(postgres, runs);
    System.out.printf("| %s | %.3f ms | %.3f ms | %.2f× | %,d (PostgreSQL %,d) |%n", name, d, p, p / d, rows, pgRows);
  }

  private static double median(Run r, int runs) throws Exception {
    long warm = System.nanoTime() + 2_000_000_000L; // warm-up: at least 2 s and 3 runs, so the JIT has settled
    for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
      r.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  /** PostgreSQL's person id of each Datolite entity id (also read by {@link SqlVsPostgres}). */
  static final Map<Long, Long> personId = new HashMap<>();

  static void load(DatoliteConnection conn, Connection pg, int people) throws Exception {
    conn.transact("[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
        + " :db/index true}"
        + " {:db/ident :person/last-name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}"
        + " {:db/ident :person/sex :db/valueType :db.type/keyword :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/salary :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/follows-wide :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
        + " {:db/ident :person/follows-long :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}]");
    Long[] entity = new Long[people];
    try (Statement st = pg.createStatement()) {
      st.execute("CREATE TABLE person (id bigint PRIMARY KEY, name text, last_name text, sex text, age int,"
          + " salary int)");
      st.execute("CREATE TABLE person_alias (person_id bigint REFERENCES person(id), alias text)");
      st.execute("CREATE TABLE follows_wide (person_id bigint, follows bigint)");
      st.execute("CREATE TABLE follows_long (person_id bigint, follows bigint)");
    }
    Random random = new Random(42);
    pg.setAutoCommit(false);
    try (PreparedStatement person = pg.prepareStatement("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)");
         PreparedStatement alias = pg.prepareStatement("INSERT INTO person_alias VALUES (?, ?)")) {
      StringBuilder tx = new StringBuilder("[");
      for (int i = 0; i < people; i++) {
        String name = NAMES[random.nextInt(NAMES.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String sex = random.nextBoolean() ? "male" : "female";
        int age = random.nextInt(100);
        int salary = random.nextInt(100_000);
        List<String> aliases = new ArrayList<>(List.of(ALIASES));
        Collections.shuffle(aliases, random);
        aliases = aliases.subList(0, random.nextInt(10));
        tx.append("{:db/id \"p").append(i).append("\" :person/name \"").append(name).append("\" :person/last-name \"").append(last)
            .append("\" :person/sex :").append(sex).append(" :person/age ").append(age)
            .append(" :person/salary ").append(salary);
        if (!aliases.isEmpty()) {
          tx.append(" :person/alias [");
          aliases.forEach(a -> tx.append('"').append(a).append("\" "));
          tx.append(']');
        }
        tx.append('}');
        person.setLong(1, i);
        person.setString(2, name);
        person.setString(3, last);
        person.setString(4, sex);
        person.setInt(5, age);
        person.setInt(6, salary);
        person.addBatch();
        for (String a : aliases) {
          alias.setLong(1, i);
          alias.setString(2, a);
          alias.addBatch();
        }
        if (i % 1000 == 999 || i == people - 1) {
          TxReport report = conn.transact(tx.append(']').toString());
          for (int k = i - i % 1000; k <= i; k++) {
            entity[k] = report.tempids().get("p" + k);
            personId.put(entity[k], (long) k);
          }
          tx.setLength(0);
          tx.append('[');
          person.executeBatch();
          alias.executeBatch();
        }
      }
    }
    // The trees: person i follows (is the parent of) 10i+1..10i+10 in the wide one, i+1 in the long one.
    try (PreparedStatement wide = pg.prepareStatement("INSERT INTO follows_wide VALUES (?, ?)");
         PreparedStatement chain = pg.prepareStatement("INSERT INTO follows_long VALUES (?, ?)")) {
      StringBuilder tx = new StringBuilder("[");
      for (int i = 1; i < people; i++) {
        tx.append("[:db/add ").append(entity[(i - 1) / 10]).append(" :person/follows-wide ").append(entity[i])
            .append("] [:db/add ").append(entity[i - 1]).append(" :person/follows-long ").append(entity[i]).append(']');
        wide.setLong(1, (i - 1) / 10);
        wide.setLong(2, i);
        wide.addBatch();
        chain.setLong(1, i - 1);
        chain.setLong(2, i);
        chain.addBatch();
        if (i % 1000 == 999 || i == people - 1) {
          conn.transact(tx.append(']').toString());
          tx.setLength(0);
          tx.append('[');
          wide.executeBatch();
          chain.executeBatch();
        }
      }
    }
    try (Statement st = pg.createStatement()) {
      st.execute("CREATE INDEX ON follows_wide (person_id)");
      st.execute("CREATE INDEX ON follows_long (person_id)");
      st.execute("CREATE INDEX ON person (name)");
      st.execute("CREATE INDEX ON person (age)");
      st.execute("CREATE INDEX ON person (salary)");
      st.execute("CREATE INDEX ON person (last_name)");
      st.execute("CREATE INDEX ON person_alias (person_id)");
      st.execute("CREATE INDEX ON person_alias (alias)");
    }
    pg.commit();
    pg.setAutoCommit(true);
    try (Statement st = pg.createStatement()) {
      st.execute("ANALYZE");
    }
  }
}

package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.datolite.Datolite;
import org.datolite.Database;
import org.datolite.DatoliteConnection;
import org.datolite.datom.Index;
import org.datolite.value.Keyword;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.Seeds;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential tests: the same generated data ({@link PeopleData}) in Datolite, loaded through
 * the native API, and in normalized PostgreSQL tables; several hundred generated queries
 * ({@link QueryGen}, a third of them prepared statements with parameters) per run must return the same bags on both (the same lists where ORDER BY
 * makes the order total), compared by {@link QueryResult}.
 *
 * <p>The harness itself is proven against PostgreSQL alone: {@link #postgresAgainstPostgres_agree}
 * compares two loads of the same data into two schemas of one database, the second in shuffled
 * row order (so that an answer that hangs on physical order, such as a LIMIT without a total
 * ORDER BY, would show), and {@link #comparison_noticesOneChangedValue} checks that a single
 * changed value is caught. A failure names the seed (rerun it with {@code -Ddatolite.seed=…}),
 * the SQL and the difference; {@code -Ddatolite.differential.print=true} prints every query.
 */
@WithPostgres
class DifferentialTest {
  /** Queries per try; each test makes {@code TRIES} tries, each with fresh data. */
  static final int QUERIES = 200;
  static final int TRIES = 3;
  /** The system property that prints every generated query and its row count. */
  static final String PRINT_PROPERTY = "datolite.differential.print";
  /** The planner's lookup-join switch ({@code LookupJoinRule.MODE_PROPERTY}). */
  static final String LOOKUP_JOINS = "datolite.sql.lookupJoins";
  /** Failures shown in one report, at most. */
  static final int SHOWN = 5;

  @Test
  void postgresAgainstPostgres_agree(PostgresDatabase pg) {
    Seeds.check(TRIES, random -> {
      PeopleData data = PeopleData.generate(random);
      Map<String, Long> ids = data.syntheticIds();
      try (Connection expected = schema(pg, "expected"); Connection actual = schema(pg, "mirror")) {
        data.loadPostgres(expected, ids, null);
        data.loadPostgres(actual, ids, new Random(random.nextLong()));
        Outcome o = compare(new QueryGen(data, ids), random, expected, actual, QUERIES, false);
        o.assertAgreed("PostgreSQL (shuffled load)");
        assertTrue(data.people.isEmpty() || o.nonEmpty * 4 >= o.queries,
            "most generated queries should return rows, but only " + o.nonEmpty + " of " + o.queries + " did");
      }
    });
  }

  @Test
  void comparison_noticesOneChangedValue(PostgresDatabase pg) {
    Seeds.check(TRIES, random -> {
      PeopleData data = PeopleData.generate(random);
      Map<String, Long> ids = data.syntheticIds();
      try (Connection expected = schema(pg, "expected"); Connection actual = schema(pg, "mirror")) {
        data.loadPostgres(expected, ids, null);
        PeopleData changed = data.mutated(random);
        changed.loadPostgres(actual, changed.syntheticIds(), null);
        Outcome o = compare(new QueryGen(data, ids), random, expected, actual, 2000, true);
        assertTrue(!o.failures.isEmpty(), "2000 queries did not notice the changed value");
      }
    });
  }

  @Test
  void datoliteAgainstPostgres_agree(PostgresDatabase pg) {
    // The guard goes once the JDBC driver lands (issue 11).
    Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT);
    Seeds.check(TRIES, random -> {
      PeopleData data = PeopleData.generate(random);
      String name = DatoliteJdbc.memName("differential");
      try (DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null)) {
        Map<String, Long> ids = data.loadDatolite(store);
        try (Connection expected = schema(pg, "expected");
            Connection actual = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name))) {
          data.loadPostgres(expected, ids, null);
          compare(new QueryGen(data, ids), random, expected, actual, QUERIES, false)
              .assertAgreed("Datolite");
        }
      }
    });
  }

  @Test
  void datoliteWithLookupJoinsEverywhere_agreesWithPostgres(PostgresDatabase pg) {
    // Every join that can look its inner rows up by key does (LookupJoinRule's switch), whatever
    // the sizes: the generated joins along the ref, to the child table, and IN/EXISTS subqueries.
    Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT);
    String before = System.getProperty(LOOKUP_JOINS);
    System.setProperty(LOOKUP_JOINS, "always");
    try {
      Seeds.check(TRIES, random -> {
        PeopleData data = PeopleData.generate(random);
        String name = DatoliteJdbc.memName("lookup");
        try (DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null)) {
          Map<String, Long> ids = data.loadDatolite(store);
          try (Connection expected = schema(pg, "expected");
              Connection actual = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name))) {
            data.loadPostgres(expected, ids, null);
            assertTrue(plan(actual, "SELECT P.NAME, C.NAME FROM PERSON P JOIN COMPANY C ON P.EMPLOYER = C.DB_ID")
                .contains("DatoliteLookupJoin"), "the switch should make the ref join a lookup join");
            compare(new QueryGen(data, ids), random, expected, actual, QUERIES, false)
                .assertAgreed("Datolite with lookup joins");
          }
        }
      });
    } finally {
      if (before == null) {
        System.clearProperty(LOOKUP_JOINS);
      } else {
        System.setProperty(LOOKUP_JOINS, before);
      }
    }
  }

  private static String plan(Connection conn, String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        b.append(rs.getString(1)).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void generatedData_loadsThroughTheNativeApi() {
    // Needs no JDBC driver: the EDN the differential tests transact is accepted, every tempid
    // resolves to its own entity, and the datoms are those of the data.
    Seeds.check(TRIES, random -> {
      PeopleData data = PeopleData.generate(random);
      try (DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(DatoliteJdbc.memName("load")), null)) {
        Map<String, Long> ids = data.loadDatolite(store);
        assertEquals(data.companies.size() + data.people.size(),
            data.companies.stream().map(c -> ids.get(c.tempid())).distinct().count()
                + data.people.stream().map(p -> ids.get(p.tempid())).distinct().count());
        Database db = store.db();
        assertEquals(data.people.stream().mapToLong(p -> p.aliases().size()).sum(),
            count(db.datoms(Index.AEVT, Keyword.of("person/alias"))), ":person/alias datoms");
        assertEquals(data.people.stream().filter(p -> p.born() != null).count(),
            count(db.datoms(Index.AEVT, Keyword.of("person/born"))), ":person/born datoms");
        assertEquals(data.companies.stream().filter(c -> c.revenue() != null).count(),
            count(db.datoms(Index.AEVT, Keyword.of("company/revenue"))), ":company/revenue datoms");
        for (PeopleData.Person p : data.people) {
          long id = ids.get(p.tempid());
          if (p.name() != null) {
            assertEquals(p.name(), db.datoms(Index.EAVT, id, Keyword.of("person/name")).iterator().next().v());
          }
          if (p.employer() != null) {
            assertEquals(ids.get(p.employer().tempid()),
                db.datoms(Index.EAVT, id, Keyword.of("person/employer")).iterator().next().v());
          }
        }
      }
    });
  }

  private static long count(Iterable<?> xs) {
    long n = 0;
    for (Object x : xs) {
      n++;
    }
    return n;
  }

  /** A connection whose search path is a fresh, empty schema {@code name} of {@code pg}. */
  static Connection schema(PostgresDatabase pg, String name) throws SQLException {
    try (Connection admin = pg.connect(); Statement st = admin.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      st.execute("CREATE SCHEMA " + name);
    }
    String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
    return new PostgresDatabase(url, pg.user(), pg.password(), pg.name()).connect();
  }

  /** What a run of generated queries found. */
  static final class Outcome {
    int queries;
    int nonEmpty;
    int ordered;
    final List<String> failures = new ArrayList<>();

    void assertAgreed(String actualName) {
      if (!failures.isEmpty()) {
        fail(failures.size() + " of " + queries + " queries answered differently on " + actualName
            + " than on PostgreSQL; the first " + Math.min(SHOWN, failures.size()) + ":\n\n"
            + String.join("\n\n", failures.subList(0, Math.min(SHOWN, failures.size()))));
      }
      System.out.printf("differential: %d queries agreed on %s and PostgreSQL (%d with rows, %d ordered)%n",
          queries, actualName, nonEmpty, ordered);
    }
  }

  /** Runs {@code n} generated queries on both connections and collects the differences, up to the first one if {@code stopAtFirst}. */
  static Outcome compare(QueryGen gen, Random random, Connection expected, Connection actual, int n, boolean stopAtFirst) {
    return compare(gen, random, expected, actual, n, stopAtFirst, UnaryOperator.identity());
  }

  /** As above, with each parameter passed through {@code actualParameter} before it is bound on {@code actual}. */
  static Outcome compare(QueryGen gen, Random random, Connection expected, Connection actual, int n, boolean stopAtFirst,
      UnaryOperator<Object> actualParameter) {
    Outcome o = new Outcome();
    for (int i = 0; i < n; i++) {
      QueryGen.Query q = gen.next(random);
      o.queries++;
      QueryResult want;
      try {
        want = QueryResult.run(expected, q.sql(), q.params());
      } catch (SQLException e) {
        throw new AssertionError("PostgreSQL rejected generated SQL (a generator bug): " + e.getMessage()
            + "\n  SQL: " + q.sql() + (q.params().isEmpty() ? "" : "\n  parameters: " + q.params()), e);
      }
      if (Boolean.getBoolean(PRINT_PROPERTY)) {
        System.out.println(want.rows().size() + (q.ordered() ? " ordered" : "") + " rows: " + q.sql()
            + (q.params().isEmpty() ? "" : "  -- parameters " + q.params()));
      }
      if (!want.rows().isEmpty()) {
        o.nonEmpty++;
      }
      if (q.ordered()) {
        o.ordered++;
      }
      String problem;
      try {
        problem = want.difference(QueryResult.run(actual, q.sql(), q.params().stream().map(actualParameter).toList()),
            q.ordered());
      } catch (SQLException | RuntimeException e) {
        problem = "failed: " + e + (e instanceof SQLException s ? " (SQLState " + s.getSQLState() + ")" : "");
      }
      if (problem != null) {
        o.failures.add("query " + (i + 1) + ": " + q.sql()
            + (q.params().isEmpty() ? "" : "\n  parameters: " + q.params()) + "\n  " + problem);
        if (stopAtFirst) {
          break;
        }
      }
    }
    return o;
  }
}

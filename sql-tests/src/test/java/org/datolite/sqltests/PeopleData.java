package org.datolite.sqltests;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.datolite.DatoliteConnection;
import org.datolite.TxReport;
import org.datolite.testkit.Gen;

/**
 * The generated data of the differential tests: companies and the people they employ, with
 * some attributes missing so that NULLs occur, loaded alike into Datolite (EDN through the native
 * API) and into normalized PostgreSQL tables that have the names and types of the SQL model
 * (docs/sql.md): {@code PERSON(DB_ID, NAME, AGE, SCORE, ACTIVE, BORN, EMPLOYER)},
 * {@code PERSON_ALIAS(PERSON_ID, ALIAS)} for the cardinality-many {@code :person/alias}, and
 * {@code COMPANY(DB_ID, NAME, CITY, REVENUE)}.
 *
 * <p>Values are chosen so that both engines must give exactly the same answer: scores are
 * multiples of 0.25 (sums are exact in any order), instants are whole seconds, strings are
 * ASCII and Latin-1 (so Java's order is the code-point order that PostgreSQL's {@code "C"}
 * collation uses), and a person always has at least one cardinality-one attribute (so being a
 * row of {@code PERSON} never hangs on the alias alone). Entity ids are Datolite's; PostgreSQL
 * gets the same ids, so ids may appear in queries and results.
 */
final class PeopleData {
  static final String SCHEMA_EDN = "["
      + "{:db/ident :company/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
      + " {:db/ident :company/city :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
      + " {:db/ident :company/revenue :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/score :db/valueType :db.type/double :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/active :db/valueType :db.type/boolean :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/employer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}"
      + "]";

  /** The PostgreSQL tables, same names and types as Datolite's SQL model; text sorts by code point. */
  static final List<String> POSTGRES_DDL = List.of(
      "CREATE TABLE COMPANY (DB_ID BIGINT PRIMARY KEY, NAME VARCHAR COLLATE \"C\", CITY VARCHAR COLLATE \"C\","
          + " REVENUE NUMERIC)",
      "CREATE TABLE PERSON (DB_ID BIGINT PRIMARY KEY, NAME VARCHAR COLLATE \"C\", AGE BIGINT,"
          + " SCORE DOUBLE PRECISION, ACTIVE BOOLEAN, BORN TIMESTAMP, EMPLOYER BIGINT REFERENCES COMPANY (DB_ID))",
      "CREATE TABLE PERSON_ALIAS (PERSON_ID BIGINT NOT NULL REFERENCES PERSON (DB_ID),"
          + " ALIAS VARCHAR COLLATE \"C\" NOT NULL, PRIMARY KEY (PERSON_ID, ALIAS))");

  /** Letters of generated text: both cases, a space, LIKE's wildcards as data, and Latin-1. */
  static final String TEXT_CHARS = "abcABC _%\u00e9\u00df";
  static final List<String> CITIES = List.of("Basel", "Bern", "Lyon", "basel", "Z\u00fcrich");
  static final Instant EPOCH_START = Instant.parse("1950-01-01T00:00:00Z");
  static final long BORN_SPAN_SECONDS = 70L * 365 * 24 * 3600;

  record Company(String tempid, String name, String city, BigDecimal revenue) {}

  record Person(String tempid, String name, Long age, Double score, Boolean active, Instant born,
      Company employer, List<String> aliases) {}

  final List<Company> companies;
  final List<Person> people;

  private PeopleData(List<Company> companies, List<Person> people) {
    this.companies = companies;
    this.people = people;
  }

  /** Names: short, so that equal names and shared prefixes are common. */
  static Gen<String> names() {
    return Gen.strings(TEXT_CHARS, 0, 4);
  }

  /** A data set of a few companies and some dozens of people, drawn from {@code random} alone. */
  static PeopleData generate(Random random) {
    Gen<String> names = names();
    int nCompanies = 1 + random.nextInt(6);
    List<Company> companies = new ArrayList<>();
    for (int i = 0; i < nCompanies; i++) {
      String city = random.nextInt(5) == 0 ? null : CITIES.get(random.nextInt(CITIES.size()));
      BigDecimal revenue = random.nextInt(4) == 0 ? null
          : BigDecimal.valueOf(random.nextInt(2_000_000) - 200_000, 2);
      companies.add(new Company("c" + i, names.next(random) + i, city, revenue));
    }
    int nPeople = random.nextInt(80);
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < nPeople; i++) {
      String name = random.nextInt(8) == 0 ? null : names.next(random);
      Long age = random.nextInt(6) == 0 ? null : (long) random.nextInt(100);
      Double score = random.nextInt(5) == 0 ? null : (random.nextInt(4001) - 2000) * 0.25;
      Boolean active = random.nextInt(4) == 0 ? null : random.nextBoolean();
      Instant born = random.nextInt(5) == 0 ? null
          : EPOCH_START.plusSeconds((long) (random.nextDouble() * BORN_SPAN_SECONDS));
      Company employer = random.nextInt(4) == 0 ? null : companies.get(random.nextInt(nCompanies));
      if (name == null && age == null && score == null && active == null && born == null && employer == null) {
        age = 42L;
      }
      List<String> aliases = random.nextInt(3) == 0 ? List.of() : Gen.strings(TEXT_CHARS, 1, 3).uniqueList(1, 3).next(random);
      people.add(new Person("p" + i, name, age, score, active, born, employer, aliases));
    }
    return new PeopleData(companies, people);
  }

  /**
   * The same data but for one change, for checking that a comparison notices it: one person's
   * age moves by one (or appears), or a person appears when there was none.
   */
  PeopleData mutated(Random random) {
    List<Person> ps = new ArrayList<>(people);
    if (ps.isEmpty()) {
      ps.add(new Person("p0", "x", 1L, null, null, null, null, List.of()));
    } else {
      int i = random.nextInt(ps.size());
      Person p = ps.get(i);
      ps.set(i, new Person(p.tempid(), p.name(), p.age() == null ? 5L : p.age() + 1, p.score(), p.active(),
          p.born(), p.employer(), p.aliases()));
    }
    return new PeopleData(companies, ps);
  }

  /** The data as one EDN transaction of entity maps, with tempids "c0", "p0"… */
  String dataEdn() {
    StringBuilder sb = new StringBuilder("[");
    for (Company c : companies) {
      sb.append("{:db/id \"").append(c.tempid()).append("\" :company/name ").append(edn(c.name()));
      if (c.city() != null) {
        sb.append(" :company/city ").append(edn(c.city()));
      }
      if (c.revenue() != null) {
        sb.append(" :company/revenue ").append(c.revenue().toPlainString()).append('M');
      }
      sb.append("}\n");
    }
    for (Person p : people) {
      sb.append("{:db/id \"").append(p.tempid()).append('"');
      if (p.name() != null) {
        sb.append(" :person/name ").append(edn(p.name()));
      }
      if (p.age() != null) {
        sb.append(" :person/age ").append(p.age());
      }
      if (p.score() != null) {
        sb.append(" :person/score ").append(p.score());
      }
      if (p.active() != null) {
        sb.append(" :person/active ").append(p.active());
      }
      if (p.born() != null) {
        sb.append(" :person/born #inst \"").append(p.born()).append('"');
      }
      if (p.employer() != null) {
        sb.append(" :person/employer \"").append(p.employer().tempid()).append('"');
      }
      if (!p.aliases().isEmpty()) {
        sb.append(" :person/alias [");
        for (String a : p.aliases()) {
          sb.append(edn(a)).append(' ');
        }
        sb.append(']');
      }
      sb.append("}\n");
    }
    return sb.append(']').toString();
  }

  private static String edn(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Transacts the schema and the data through the native API; the entity id of each tempid. */
  Map<String, Long> loadDatolite(DatoliteConnection conn) {
    conn.transact(SCHEMA_EDN);
    TxReport report = conn.transact(dataEdn());
    return Map.copyOf(report.tempids());
  }

  /** Ids for a load into PostgreSQL alone: 1000 + position, companies first. */
  Map<String, Long> syntheticIds() {
    Map<String, Long> ids = new HashMap<>();
    long next = 1000;
    for (Company c : companies) {
      ids.put(c.tempid(), next++);
    }
    for (Person p : people) {
      ids.put(p.tempid(), next++);
    }
    return ids;
  }

  /**
   * Creates the tables and inserts the data with the entity ids {@code ids}, rows in an order
   * shuffled by {@code shuffle} when it is not null (so that an answer that depends on the
   * physical order shows up when two loads are compared).
   */
  void loadPostgres(Connection conn, Map<String, Long> ids, Random shuffle) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String ddl : POSTGRES_DDL) {
        st.execute(ddl);
      }
    }
    List<Company> cs = new ArrayList<>(companies);
    List<Person> ps = new ArrayList<>(people);
    if (shuffle != null) {
      Collections.shuffle(cs, shuffle);
      Collections.shuffle(ps, shuffle);
    }
    try (PreparedStatement ins = conn.prepareStatement("INSERT INTO COMPANY VALUES (?, ?, ?, ?)")) {
      for (Company c : cs) {
        ins.setLong(1, ids.get(c.tempid()));
        ins.setString(2, c.name());
        ins.setString(3, c.city());
        ins.setBigDecimal(4, c.revenue());
        ins.addBatch();
      }
      ins.executeBatch();
    }
    try (PreparedStatement ins = conn.prepareStatement("INSERT INTO PERSON VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement alias = conn.prepareStatement("INSERT INTO PERSON_ALIAS VALUES (?, ?)")) {
      for (Person p : ps) {
        long id = ids.get(p.tempid());
        ins.setLong(1, id);
        ins.setString(2, p.name());
        ins.setObject(3, p.age(), Types.BIGINT);
        ins.setObject(4, p.score(), Types.DOUBLE);
        ins.setObject(5, p.active(), Types.BOOLEAN);
        if (p.born() == null) {
          ins.setNull(6, Types.TIMESTAMP);
        } else {
          ins.setObject(6, LocalDateTime.ofInstant(p.born(), ZoneOffset.UTC));
        }
        ins.setObject(7, p.employer() == null ? null : ids.get(p.employer().tempid()), Types.BIGINT);
        ins.addBatch();
        List<String> as = new ArrayList<>(p.aliases());
        if (shuffle != null) {
          Collections.shuffle(as, shuffle);
        }
        for (String a : as) {
          alias.setLong(1, id);
          alias.setString(2, a);
          alias.addBatch();
        }
      }
      ins.executeBatch();
      alias.executeBatch();
    }
  }
}

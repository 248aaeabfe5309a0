package org.datolite.sqltests;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Generates SQL over {@link PeopleData}'s tables that PostgreSQL and Datolite (Calcite's
 * dialect) both accept and must answer alike: filters with comparisons, BETWEEN, IN lists,
 * IS [NOT] NULL, LIKE prefixes and AND/OR/NOT; inner and left joins along the ref and to the
 * child table; GROUP BY with COUNT/SUM/MIN/MAX/AVG and HAVING; DISTINCT; IN, NOT IN, EXISTS and
 * scalar subqueries; CASE and COALESCE; ORDER BY (always made total with a key, and NULLS
 * FIRST/LAST spelled out) with LIMIT and OFFSET.
 *
 * <p>What it avoids on purpose, because the two dialects differ there rather than the engines:
 * string literals as CASE results (Calcite types them CHAR and pads), AVG of integers and of
 * decimals (PostgreSQL answers NUMERIC; the generated SQL casts to DOUBLE PRECISION first),
 * MIN/MAX of booleans (PostgreSQL has none), division, and {@code !=}. The child table's value
 * column is named after its attribute, {@code ALIAS} (VALUE is a reserved word in Calcite).
 *
 * <p>Literals are drawn mostly from the data, so that equality filters and IN lists match rows.
 */
final class QueryGen {
  /**
   * A generated query; {@code ordered} when its ORDER BY makes the order of its rows total;
   * {@code params} the values of its {@code ?} parameters, in order (empty: a plain statement).
   */
  record Query(String sql, boolean ordered, List<Object> params) {
    Query(String sql, boolean ordered) {
      this(sql, ordered, List.of());
    }
  }

  enum Kind { LONG, DOUBLE, TEXT, BOOL, TIME, DECIMAL, ID, REF }

  record Column(String table, String name, Kind kind) {
    String sql() {
      return table + "." + name;
    }
  }

  /** A FROM clause, the columns it offers and the columns that identify its rows. */
  record From(String sql, List<Column> columns, List<String> key) {}

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static final List<Column> PERSON = List.of(
      new Column("P", "DB_ID", Kind.ID), new Column("P", "NAME", Kind.TEXT), new Column("P", "AGE", Kind.LONG),
      new Column("P", "SCORE", Kind.DOUBLE), new Column("P", "ACTIVE", Kind.BOOL), new Column("P", "BORN", Kind.TIME),
      new Column("P", "EMPLOYER", Kind.REF));
  private static final List<Column> COMPANY = List.of(
      new Column("C", "DB_ID", Kind.REF), new Column("C", "NAME", Kind.TEXT), new Column("C", "CITY", Kind.TEXT),
      new Column("C", "REVENUE", Kind.DECIMAL));
  private static final List<Column> ALIAS = List.of(
      new Column("A", "PERSON_ID", Kind.ID), new Column("A", "ALIAS", Kind.TEXT));

  private static final List<From> FROMS = List.of(
      new From("PERSON P", PERSON, List.of("P.DB_ID")),
      new From("COMPANY C", COMPANY, List.of("C.DB_ID")),
      new From("PERSON_ALIAS A", ALIAS, List.of("A.PERSON_ID", "A.ALIAS")),
      new From("PERSON P JOIN COMPANY C ON P.EMPLOYER = C.DB_ID", concat(PERSON, COMPANY), List.of("P.DB_ID")),
      new From("PERSON P LEFT JOIN COMPANY C ON P.EMPLOYER = C.DB_ID", concat(PERSON, COMPANY), List.of("P.DB_ID")),
      new From("COMPANY C LEFT JOIN PERSON P ON P.EMPLOYER = C.DB_ID", concat(COMPANY, PERSON),
          List.of("C.DB_ID", "P.DB_ID")),
      new From("PERSON P JOIN PERSON_ALIAS A ON A.PERSON_ID = P.DB_ID", concat(PERSON, ALIAS),
          List.of("P.DB_ID", "A.ALIAS")),
      new From("PERSON P LEFT JOIN PERSON_ALIAS A ON A.PERSON_ID = P.DB_ID", concat(PERSON, ALIAS),
          List.of("P.DB_ID", "A.ALIAS")));

  private final PeopleData data;
  /** The parameters of the query being generated when it is a prepared one, else null. */
  private List<Object> params;
  /** Whether {@code … OR x IN (subquery)} is generated; see {@link #withoutOrInSubquery}. */
  private boolean orInSubquery = true;
  private final List<Long> personIds = new ArrayList<>();
  private final List<Long> companyIds = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  QueryGen(PeopleData data, Map<String, Long> ids) {
    this.data = data;
    for (PeopleData.Company c : data.companies) {
      companyIds.add(ids.get(c.tempid()));
      texts.add(c.name());
      if (c.city() != null) {
        texts.add(c.city());
      }
    }
    for (PeopleData.Person p : data.people) {
      personIds.add(ids.get(p.tempid()));
      if (p.name() != null) {
        texts.add(p.name());
      }
      texts.addAll(p.aliases());
    }
  }

  /**
   * This generator without {@code cond OR x IN (subquery)}: plain Calcite 1.41 answers it with no
   * rows at all when the subquery's WHERE is false for every row (its plan is an empty
   * {@code EnumerableValues}), e.g. {@code SELECT C.NAME FROM COMPANY C WHERE C.CITY IS NOT NULL
   * OR C.DB_ID IN (SELECT P.EMPLOYER FROM PERSON P WHERE 1 = 0)}. Only the plain-Calcite
   * reference leaves it out; Datolite must answer it right, and nulls-and-aggregates.sql pins it.
   */
  QueryGen withoutOrInSubquery() {
    orInSubquery = false;
    return this;
  }

  private static List<Column> concat(List<Column> a, List<Column> b) {
    List<Column> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * The next query, drawn from {@code r}. One in three is a prepared statement: its literals
   * (comparison operands, BETWEEN bounds, IN list elements, LIKE patterns) are {@code ?}
   * parameters, of the Java types a JDBC application binds (Long, Double, String, Boolean,
   * LocalDateTime, BigDecimal).
   */
  Query next(Random r) {
    params = r.nextInt(3) == 0 ? new ArrayList<>() : null;
    try {
      int shape = r.nextInt(100);
      Query q;
      if (shape < 30) {
        q = select(r);
      } else if (shape < 40) {
        q = distinct(r);
      } else if (shape < 70) {
        q = aggregate(r);
      } else if (shape < 90) {
        q = subquery(r);
      } else {
        q = expressions(r);
      }
      if (params == null) {
        return q;
      }
      long marks = q.sql().chars().filter(c -> c == '?').count(); // generated text never holds a '?' of its own
      if (marks != params.size()) {
        throw new IllegalStateException(marks + " parameter marks but " + params.size() + " parameters: " + q.sql());
      }
      return new Query(q.sql(), q.ordered(), List.copyOf(params));
    } finally {
      params = null;
    }
  }

  private static <T> T pick(Random r, List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  private Query select(Random r) {
    From f = pick(r, FROMS);
    List<Column> cols = some(r, f.columns(), 1, 4);
    String sql = "SELECT " + projection(cols) + " FROM " + f.sql() + where(r, f.columns());
    return maybeOrdered(r, sql, f, r.nextInt(2) == 0);
  }

  private Query distinct(Random r) {
    From f = pick(r, FROMS);
    List<Column> cols = some(r, f.columns().stream().filter(c -> c.kind() != Kind.ID).toList(), 1, 2);
    String sql = "SELECT DISTINCT " + projection(cols) + " FROM " + f.sql() + where(r, f.columns());
    if (r.nextBoolean()) {
      StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
      for (int i = 1; i <= cols.size(); i++) {
        order.add("C" + i + direction(r));
      }
      return new Query(sql + order + limit(r), true);
    }
    return new Query(sql, false);
  }

  private Query aggregate(Random r) {
    From f = pick(r, FROMS);
    List<Column> groups = r.nextInt(4) == 0 ? List.of()
        : some(r, f.columns().stream().filter(c -> c.kind() != Kind.DOUBLE).toList(), 1, 2);
    List<String> items = new ArrayList<>();
    for (Column g : groups) {
      items.add(g.sql());
    }
    int nAggs = 1 + r.nextInt(3);
    for (int i = 0; i < nAggs; i++) {
      items.add(aggregateCall(r, f.columns()));
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(labelled(items)).append(" FROM ").append(f.sql())
        .append(where(r, f.columns()));
    if (!groups.isEmpty()) {
      StringJoiner by = new StringJoiner(", ", " GROUP BY ", "");
      groups.forEach(g -> by.add(g.sql()));
      sql.append(by);
      if (r.nextInt(3) == 0) {
        sql.append(" HAVING ").append(having(r, f.columns()));
      }
      if (r.nextBoolean()) {
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (int i = 1; i <= groups.size(); i++) {
          order.add("C" + i + direction(r));
        }
        return new Query(sql.append(order).append(limit(r)).toString(), true);
      }
    }
    return new Query(sql.toString(), false);
  }

  private String aggregateCall(Random r, List<Column> cols) {
    Column c = pick(r, cols);
    return switch (r.nextInt(8)) {
      case 0 -> "COUNT(*)";
      case 1 -> "COUNT(" + c.sql() + ")";
      case 2 -> "COUNT(DISTINCT " + c.sql() + ")";
      case 3, 4 -> switch (c.kind()) {
        case LONG, DOUBLE, DECIMAL -> "SUM(" + c.sql() + ")";
        default -> "COUNT(" + c.sql() + ")";
      };
      case 5 -> switch (c.kind()) {
        case LONG, DECIMAL -> "AVG(CAST(" + c.sql() + " AS DOUBLE PRECISION))";
        case DOUBLE -> "AVG(" + c.sql() + ")";
        default -> "COUNT(*)";
      };
      default -> c.kind() == Kind.BOOL ? "COUNT(" + c.sql() + ")"
          : (r.nextBoolean() ? "MIN(" : "MAX(") + c.sql() + ")";
    };
  }

  private String having(Random r, List<Column> cols) {
    Column c = pick(r, cols);
    return switch (c.kind()) {
      case LONG, DOUBLE, DECIMAL, TEXT, TIME -> (r.nextBoolean() ? "MIN(" : "MAX(") + c.sql() + ") "
          + pick(r, List.of("<", ">", "=", "<>")) + " " + literal(r, c.kind());
      default -> "COUNT(*) > " + r.nextInt(4);
    };
  }

  private Query subquery(Random r) {
    String sql;
    switch (r.nextInt(7)) {
      case 0, 1 -> {
        String inner = "SELECT 1 FROM PERSON_ALIAS A WHERE A.PERSON_ID = P.DB_ID"
            + and(r, ALIAS);
        sql = "SELECT P.DB_ID AS C1, P.NAME AS C2 FROM PERSON P WHERE " + (r.nextBoolean() ? "NOT " : "")
            + "EXISTS (" + inner + ")" + and(r, PERSON);
      }
      case 2 -> {
        String inner = "SELECT C.DB_ID FROM COMPANY C" + where(r, COMPANY);
        sql = "SELECT P.NAME AS C1, P.AGE AS C2 FROM PERSON P WHERE P.EMPLOYER " + (r.nextBoolean() ? "NOT " : "")
            + "IN (" + inner + ")" + and(r, PERSON);
      }
      case 3 -> {
        // NOT IN over a subquery that may yield NULLs: three-valued logic decides
        Column c = pick(r, List.of(PERSON.get(1), PERSON.get(2), PERSON.get(5)));
        String inner = "SELECT Q." + c.name() + " FROM PERSON Q" + where(r, PERSON).replace("P.", "Q.");
        sql = "SELECT P.DB_ID AS C1, " + c.sql() + " AS C2 FROM PERSON P WHERE " + c.sql()
            + (r.nextBoolean() ? " NOT IN (" : " IN (") + inner + ")";
      }
      case 4 -> {
        String agg = pick(r, List.of("AVG(CAST(Q.AGE AS DOUBLE PRECISION))", "MIN(Q.AGE)", "MAX(Q.AGE)"));
        sql = "SELECT P.DB_ID AS C1, P.AGE AS C2 FROM PERSON P WHERE P.AGE " + pick(r, List.of("<", ">=", "="))
            + " (SELECT " + agg + " FROM PERSON Q" + where(r, PERSON).replace("P.", "Q.") + ")";
      }
      case 5 -> {
        // a correlated scalar subquery in the select list
        sql = "SELECT P.DB_ID AS C1, (SELECT COUNT(*) FROM PERSON_ALIAS A WHERE A.PERSON_ID = P.DB_ID) AS C2,"
            + " (SELECT C.NAME FROM COMPANY C WHERE C.DB_ID = P.EMPLOYER) AS C3 FROM PERSON P" + where(r, PERSON);
      }
      default -> {
        // built in the order of the text, so that the parameters of a prepared query line up
        sql = "SELECT C.NAME AS C1, C.CITY AS C2 FROM COMPANY C WHERE " + (r.nextBoolean() ? "NOT " : "")
            + "EXISTS (SELECT 1 FROM PERSON P WHERE P.EMPLOYER = C.DB_ID" + and(r, PERSON) + ")";
        if (r.nextBoolean() && orInSubquery) {
          sql += " OR C.DB_ID IN (SELECT P.EMPLOYER FROM PERSON P" + where(r, PERSON) + ")";
        }
      }
    }
    return new Query(sql, false);
  }

  private Query expressions(Random r) {
    From f = FROMS.get(r.nextInt(3) == 0 ? 4 : 0);
    List<String> items = new ArrayList<>();
    items.add("P.DB_ID");
    items.add("COALESCE(P.AGE, " + (r.nextInt(200) - 100) + ")");
    items.add("CASE WHEN " + predicate(r, f.columns(), 1) + " THEN 1 WHEN " + predicate(r, f.columns(), 0)
        + " THEN 2 ELSE 3 END");
    items.add(pick(r, List.of("P.AGE + 1", "P.AGE * 2 - 7", "P.SCORE * 2", "-P.SCORE", "P.SCORE + P.AGE")));
    items.add("COALESCE(P.NAME, " + pick(r, List.of("P.NAME", "''")) + ")");
    items.add("CASE WHEN P.ACTIVE THEN P.AGE ELSE -1 END");
    if (f.columns().size() > PERSON.size()) {
      items.add("COALESCE(C.CITY, C.NAME)");
    }
    String sql = "SELECT " + labelled(items) + " FROM " + f.sql() + where(r, f.columns());
    return maybeOrdered(r, sql, f, r.nextBoolean());
  }

  private Query maybeOrdered(Random r, String sql, From f, boolean order) {
    if (!order) {
      return new Query(sql, false);
    }
    StringJoiner by = new StringJoiner(", ", " ORDER BY ", "");
    for (Column c : some(r, f.columns(), 0, 2)) {
      by.add(c.sql() + direction(r));
    }
    for (String k : f.key()) {
      by.add(k + " ASC NULLS LAST");
    }
    return new Query(sql + by + limit(r), true);
  }

  private static String direction(Random r) {
    return (r.nextBoolean() ? " ASC" : " DESC") + (r.nextBoolean() ? " NULLS FIRST" : " NULLS LAST");
  }

  private static String limit(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> "";
      case 1 -> " LIMIT " + r.nextInt(10);
      case 2 -> " LIMIT " + (1 + r.nextInt(10)) + " OFFSET " + r.nextInt(10);
      default -> " OFFSET " + r.nextInt(5) + " ROWS FETCH FIRST " + (1 + r.nextInt(8)) + " ROWS ONLY";
    };
  }

  private static String projection(List<Column> cols) {
    return labelled(cols.stream().map(Column::sql).toList());
  }

  private static String labelled(List<String> items) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < items.size(); i++) {
      j.add(items.get(i) + " AS C" + (i + 1));
    }
    return j.toString();
  }

  private static <T> List<T> some(Random r, List<T> xs, int min, int max) {
    int n = Math.min(xs.size(), min + r.nextInt(max - min + 1));
    Set<T> out = new LinkedHashSet<>();
    while (out.size() < n) {
      out.add(pick(r, xs));
    }
    return new ArrayList<>(out);
  }

  private String where(Random r, List<Column> cols) {
    return r.nextInt(5) == 0 ? "" : " WHERE " + predicate(r, cols, 2);
  }

  private String and(Random r, List<Column> cols) {
    return r.nextBoolean() ? "" : " AND " + predicate(r, cols, 1);
  }

  /** A condition over {@code cols}, nested at most {@code depth} levels of AND/OR/NOT. */
  String predicate(Random r, List<Column> cols, int depth) {
    if (depth > 0 && r.nextInt(3) == 0) {
      return switch (r.nextInt(3)) {
        case 0 -> "(" + predicate(r, cols, depth - 1) + " AND " + predicate(r, cols, depth - 1) + ")";
        case 1 -> "(" + predicate(r, cols, depth - 1) + " OR " + predicate(r, cols, depth - 1) + ")";
        default -> "NOT (" + predicate(r, cols, depth - 1) + ")";
      };
    }
    Column c = pick(r, cols);
    String col = c.sql();
    if (r.nextInt(8) == 0) {
      return col + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
    }
    if (c.kind() == Kind.BOOL) {
      return switch (r.nextInt(4)) {
        case 0 -> col;
        case 1 -> "NOT " + col;
        case 2 -> col + " = " + literal(r, c.kind());
        default -> col + " <> " + literal(r, c.kind());
      };
    }
    if (c.kind() == Kind.TEXT && r.nextInt(3) == 0) {
      String s = texts.isEmpty() ? "a" : pick(r, texts);
      String prefix = s.substring(0, Math.min(s.length(), r.nextInt(3)));
      return col + (r.nextInt(4) == 0 ? " NOT LIKE " : " LIKE ") + parameterOr(prefix + "%", quote(prefix + "%"));
    }
    return switch (r.nextInt(5)) {
      case 0 -> col + " BETWEEN " + literal(r, c.kind()) + " AND " + literal(r, c.kind());
      case 1 -> {
        StringJoiner in = new StringJoiner(", ", col + (r.nextInt(4) == 0 ? " NOT IN (" : " IN ("), ")");
        int n = r.nextInt(8) == 0 ? 21 + r.nextInt(10) : 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          in.add(literal(r, c.kind()));
        }
        yield in.toString();
      }
      default -> col + " " + pick(r, List.of("=", "<>", "<", "<=", ">", ">=")) + " " + literal(r, c.kind());
    };
  }

  /** A literal of {@code kind}, usually one that occurs in the data; a {@code ?} in a prepared query. */
  String literal(Random r, Kind kind) {
    Object v = value(r, kind);
    return parameterOr(v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v, sql(v));
  }

  /** {@code ?} with {@code value} as its parameter in a prepared query, else {@code literal}. */
  private String parameterOr(Object value, String literal) {
    if (params == null) {
      return literal;
    }
    params.add(value);
    return "?";
  }

  private static String sql(Object v) {
    if (v instanceof String s) {
      return quote(s);
    } else if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    } else if (v instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    } else if (v instanceof BigDecimal d) {
      return d.toPlainString();
    } else if (v instanceof Instant t) {
      return "TIMESTAMP '" + TS.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)) + "'";
    }
    return String.valueOf(v);
  }

  /** A value of {@code kind}, usually one that occurs in the data. */
  private Object value(Random r, Kind kind) {
    boolean fromData = r.nextInt(4) != 0;
    return switch (kind) {
      case LONG -> {
        List<Long> ages = data.people.stream().map(PeopleData.Person::age).filter(Objects::nonNull).toList();
        yield fromData && !ages.isEmpty() ? pick(r, ages) : (long) (r.nextInt(120) - 10);
      }
      case DOUBLE -> {
        List<Double> scores = data.people.stream().map(PeopleData.Person::score).filter(Objects::nonNull).toList();
        yield fromData && !scores.isEmpty() ? pick(r, scores) : (r.nextInt(4001) - 2000) * 0.25;
      }
      case TEXT -> fromData && !texts.isEmpty() ? pick(r, texts) : PeopleData.names().next(r);
      case BOOL -> r.nextBoolean();
      case TIME -> {
        List<Instant> borns = data.people.stream().map(PeopleData.Person::born).filter(Objects::nonNull)
            .toList();
        yield fromData && !borns.isEmpty() ? pick(r, borns)
            : PeopleData.EPOCH_START.plusSeconds((long) (r.nextDouble() * PeopleData.BORN_SPAN_SECONDS));
      }
      case DECIMAL -> {
        List<BigDecimal> revenues = data.companies.stream().map(PeopleData.Company::revenue)
            .filter(Objects::nonNull).toList();
        yield fromData && !revenues.isEmpty() ? pick(r, revenues) : BigDecimal.valueOf(r.nextInt(2_000_000) - 200_000, 2);
      }
      case ID -> fromData && !personIds.isEmpty() ? pick(r, personIds) : (long) r.nextInt(10);
      case REF -> fromData && !companyIds.isEmpty() ? pick(r, companyIds) : (long) r.nextInt(10);
    };
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

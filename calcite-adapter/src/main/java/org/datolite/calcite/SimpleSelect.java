package org.datolite.calcite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.exec.LookupRank;
import org.datolite.calcite.exec.Operand;
import org.datolite.calcite.exec.ScanFilter;
import org.datolite.calcite.exec.ScanSpec;
import org.datolite.calcite.exec.Scans;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.table.SqlTypes;
import org.datolite.value.ValueType;

/**
 * The one statement shape answered without Calcite's parser, validator and planner: a
 * {@code SELECT} of plain columns (or {@code *}) of one entity table, filtered by a conjunction
 * of comparisons of a column with a literal or a {@code ?} ({@code = <> != < <= > >=},
 * {@code BETWEEN}, and {@code IS [NOT] NULL}), perhaps with a {@code LIMIT} of a number. It becomes the same scan the planner would choose (an id lookup, a value
 * lookup in AVET, a range, or the whole table) with the same filter, so its rows, column types and
 * parameter types are those of the planned statement; {@code SimpleSelectTest} holds the two
 * paths equal over generated statements.
 *
 * <p>It exists for the first statement of a cold JVM: Calcite's first plan initialises thousands
 * of classes (0.5–1 s), a direct scan a few dozen. Anything else (another form of identifier,
 * literal or operator, a reserved word, a name that does not resolve, a type mismatch) is left to
 * Calcite, which also gives every error its message: {@link #prepare} answers null.
 *
 * <p>Identifiers follow the planner's lexical rules: unquoted, upper-cased, matched without regard
 * to case; a quoted identifier, or one spelling a reserved word, is left to Calcite.
 */
public final class SimpleSelect {
  /** The system property that turns the fast path off when {@code false}. */
  public static final String PROPERTY = "datolite.sql.simpleSelect";

  /**
   * What each statement text came to over a model (empty: not simple), so that a text run again
   * (a {@code Statement} rather than a prepared one) is neither tokenized nor planned again,
   * whether it is simple or goes to the planner, which caches its own plans.
   */
  private static final Cache<Key, Optional<PreparedSql>> PLANS = Caffeine.newBuilder().maximumSize(2_000).build();

  private record Key(SqlModel model, String sql) {}

  private final List<String> tokens;
  private int at;

  private SimpleSelect(List<String> tokens) {
    this.tokens = tokens;
  }

  /** A comparison of the scan's column at {@code position} with an operand; {@code op} "IS NULL" and "IS NOT NULL" take none. */
  private record Condition(int column, int position, String op, Operand operand, Column type) {}

  /**
   * The plan of a statement of the simple shape over the model's tables, or null if it is not of
   * that shape (then Calcite plans it).
   */
  public static PreparedSql prepare(SqlModel model, String sql) {
    if (!enabled() || sql == null) {
      return null;
    }
    return PLANS.get(new Key(model, sql), k -> Optional.ofNullable(planText(model, sql))).orElse(null);
  }

  private static PreparedSql planText(SqlModel model, String sql) {
    List<String> tokens = Tokens.of(sql);
    if (tokens == null || tokens.isEmpty() || !"SELECT".equals(tokens.get(0))) {
      return null;
    }
    try {
      return new SimpleSelect(tokens).plan(model, sql);
    } catch (NotSimple e) {
      return null;
    }
  }

  static boolean enabled() {
    return !"false".equals(System.getProperty(PROPERTY));
  }

  /** The statement is not of the simple shape. */
  private static final class NotSimple extends Exception {
    private static final NotSimple INSTANCE = new NotSimple();

    private NotSimple() {
      super(null, null, false, false);
    }
  }

  private String next() throws NotSimple {
    if (at >= tokens.size()) {
      throw NotSimple.INSTANCE;
    }
    return tokens.get(at++);
  }

  private boolean accept(String token) {
    if (at < tokens.size() && tokens.get(at).equals(token)) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(String token) throws NotSimple {
    if (!accept(token)) {
      throw NotSimple.INSTANCE;
    }
  }

  /** An unquoted identifier that is no reserved word, upper-cased. */
  private String identifier() throws NotSimple {
    String t = next();
    if (!Tokens.isIdentifier(t) || SqlReservedWords.isReserved(t)) {
      throw NotSimple.INSTANCE;
    }
    return t;
  }

  private PreparedSql plan(SqlModel model, String sql) throws NotSimple {
    expect("SELECT");
    List<String[]> items = selectList();
    expect("FROM");
    String tableName = identifier();
    TableModel found = model.tables(SqlModel.PUBLIC).get(tableName);
    if (!(found instanceof EntityTableModel table) || !found.name().equals(tableName)) {
      throw NotSimple.INSTANCE;
    }
    String alias = null;
    if (accept("AS")) {
      alias = identifier();
    } else if (at < tokens.size() && Tokens.isIdentifier(tokens.get(at))
        && !SqlReservedWords.isReserved(tokens.get(at))) {
      alias = identifier();
    }
    List<Integer> columns = new ArrayList<>();
    List<ResultColumn> results = new ArrayList<>();
    if (items == null) {
      for (int c = 0; c < table.columns().size(); c++) {
        Column col = table.columns().get(c);
        results.add(result(table, col, col.name()));
        columns.add(c);
      }
    } else {
      for (String[] item : items) {
        int c = column(table, alias, item[0], item[1]);
        results.add(result(table, table.columns().get(c), item[2]));
        columns.add(c);
      }
    }
    for (int i = 0; i < results.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (results.get(i).label().equalsIgnoreCase(results.get(j).label())) {
          throw NotSimple.INSTANCE; // the planner makes repeated labels unique
        }
      }
    }
    int shown = columns.size();
    List<Condition> conditions = new ArrayList<>();
    List<ParameterInfo> parameters = new ArrayList<>();
    if (accept("WHERE")) {
      do {
        conditions.addAll(condition(table, alias, columns, parameters));
      } while (accept("AND"));
    }
    long limit = -1;
    if (accept("LIMIT")) {
      String n = next();
      if (!Tokens.isInteger(n) || n.length() > 9) {
        throw NotSimple.INSTANCE;
      }
      limit = Long.parseLong(n);
    }
    if (at != tokens.size()) {
      throw NotSimple.INSTANCE;
    }
    int[] read = columns.stream().mapToInt(Integer::intValue).toArray();
    // the planner's choice of access (LookupRank, as ScanKeys chooses); the filter keeps every
    // condition but an exact lookup's
    Condition best = null;
    int bestRank = LookupRank.NONE;
    for (Condition c : conditions) {
      int rank = rank(c, conditions);
      if (rank < bestRank) {
        best = c;
        bestRank = rank;
      }
    }
    Access access = new Access.Full();
    List<Condition> tested = new ArrayList<>(conditions);
    if (best != null && best.op().equals("=")) {
      access = best.type().kind() == ColumnKind.ENTITY_ID ? new Access.Ids(List.of(best.operand()))
          : new Access.Equal(best.column(), List.of(best.operand()));
      if (LookupRank.exactEquality(best.type())) {
        tested.remove(best); // a lookup that finds exactly the rows the condition accepts
      }
    } else if (best != null) {
      access = range(best, conditions);
    }
    ScanFilter filter = tested.isEmpty() ? null : filter(tested);
    ScanSpec spec = new ScanSpec(table, read, access, false, null, filter);
    long rows = limit;
    Bindable<Object> bindable = root -> project(Scans.scan(root, spec), shown, read.length, rows);
    return PreparedSql.direct(sql, results, parameters, bindable, "SimpleSelect(" + spec + ")\n");
  }

  /** The select list: null for '*', else each item's qualifier (or null), column and label. */
  private List<String[]> selectList() throws NotSimple {
    if (accept("*")) {
      return null;
    }
    List<String[]> items = new ArrayList<>();
    do {
      String first = identifier();
      String qualifier = null;
      String column = first;
      if (accept(".")) {
        qualifier = first;
        column = identifier();
      }
      String label = column;
      if (accept("AS")) {
        label = identifier();
      } else if (at < tokens.size() && Tokens.isIdentifier(tokens.get(at)) && !tokens.get(at).equals("FROM")) {
        label = identifier();
      }
      items.add(new String[] {qualifier, column, label});
    } while (accept(","));
    return items;
  }

  /** The lookup a condition offers, ranked by {@link LookupRank} (a range bounded on both sides if the others bound it). */
  private static int rank(Condition c, List<Condition> all) {
    if (c.op().equals("=")) {
      return LookupRank.equality(c.type());
    }
    if (!isRange(c)) {
      return LookupRank.NONE;
    }
    Access.Range r = range(c, all);
    return LookupRank.range(c.type(), r.low() != null && r.high() != null);
  }

  private static boolean isRange(Condition c) {
    return switch (c.op()) {
      case "<", "<=", ">", ">=" -> true;
      default -> false;
    };
  }

  /** A range lookup by condition {@code c}, with the opposite bound on its column if there is one. */
  private static Access.Range range(Condition c, List<Condition> all) {
    Operand low = null;
    Operand high = null;
    boolean lowInclusive = false;
    boolean highInclusive = false;
    for (Condition d : all) {
      if (d.column() != c.column() || !isRange(d)) {
        continue;
      }
      boolean lower = d.op().startsWith(">");
      if (lower && low == null) {
        low = d.operand();
        lowInclusive = d.op().equals(">=");
      } else if (!lower && high == null) {
        high = d.operand();
        highInclusive = d.op().equals("<=");
      }
    }
    return new Access.Range(c.column(), low, lowInclusive, high, highInclusive);
  }

  /** The table position of a column named in the statement (perhaps qualified by the table or its alias). */
  private static int column(EntityTableModel table, String alias, String qualifier, String name) throws NotSimple {
    if (qualifier != null && !qualifier.equals(alias == null ? table.name() : alias)) {
      throw NotSimple.INSTANCE;
    }
    for (int c = 0; c < table.columns().size(); c++) {
      if (table.columns().get(c).name().equals(name)) {
        return c;
      }
    }
    throw NotSimple.INSTANCE;
  }

  /**
   * A comparison: column op operand, operand op column, column IS [NOT] NULL, or column BETWEEN
   * operand AND operand (two comparisons).
   */
  private List<Condition> condition(EntityTableModel table, String alias, List<Integer> columns,
      List<ParameterInfo> parameters) throws NotSimple {
    String first = at < tokens.size() ? tokens.get(at) : "";
    int c;
    String op;
    Operand operand;
    if (!first.isEmpty() && Tokens.isIdentifier(first) && !SqlReservedWords.isReserved(first)) {
      c = columnRef(table, alias);
      if (accept("IS")) {
        op = accept("NOT") ? "IS NOT NULL" : "IS NULL";
        expect("NULL");
        return List.of(new Condition(c, position(columns, c), op, null, table.columns().get(c)));
      }
      if (accept("BETWEEN")) {
        Column type = table.columns().get(c);
        if (!comparable(type) || type.showsTarget()) {
          throw NotSimple.INSTANCE;
        }
        Operand low = operand(type, parameters);
        expect("AND");
        Operand high = operand(type, parameters);
        int p = position(columns, c);
        return List.of(new Condition(c, p, ">=", low, type), new Condition(c, p, "<=", high, type));
      }
      op = operator(next());
      operand = operand(table.columns().get(c), parameters);
    } else {
      int start = at; // the operand comes first: read its column, then the operand with that column's type
      accept("-");
      next();
      op = flip(operator(next()));
      c = columnRef(table, alias);
      int end = at;
      at = start;
      operand = operand(table.columns().get(c), parameters);
      at = end;
    }
    Column type = table.columns().get(c);
    if (!comparable(type)) {
      throw NotSimple.INSTANCE;
    }
    return List.of(new Condition(c, position(columns, c), op, operand, type));
  }

  private int columnRef(EntityTableModel table, String alias) throws NotSimple {
    String first = identifier();
    if (accept(".")) {
      return column(table, alias, first, identifier());
    }
    return column(table, alias, null, first);
  }

  /** The scan position reading table column {@code c}, added after the shown ones if none does. */
  private static int position(List<Integer> columns, int c) {
    int p = columns.indexOf(c);
    if (p < 0) {
      columns.add(c);
      p = columns.size() - 1;
    }
    return p;
  }

  private static String operator(String t) throws NotSimple {
    return switch (t) {
      case "=", "<>", "<", "<=", ">", ">=" -> t;
      case "!=" -> "<>";
      default -> throw NotSimple.INSTANCE;
    };
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  /** Whether a column's values are compared here: integers (ids, longs, non-enum refs), text, booleans. */
  private static boolean comparable(Column c) {
    return switch (c.type()) {
      case LONG, STRING, KEYWORD, BOOLEAN -> true;
      case REF -> !c.enumRef();
      default -> false;
    } || c.kind() == ColumnKind.ENTITY_ID;
  }

  /** A literal of the column's type, or a {@code ?} (typed as the column). */
  private Operand operand(Column column, List<ParameterInfo> parameters) throws NotSimple {
    String t = next();
    SqlTypeName type = typeName(column);
    if (t.equals("?")) {
      parameters.add(new ParameterInfo(type, type == SqlTypeName.VARCHAR ? varcharPrecision(column) : -1, -1));
      return Operand.parameter(parameters.size() - 1);
    }
    boolean negative = t.equals("-");
    if (negative) {
      t = next();
    }
    if (type == SqlTypeName.BIGINT && Tokens.isInteger(t)) {
      try {
        return Operand.literal(Long.parseLong(negative ? "-" + t : t));
      } catch (NumberFormatException e) {
        throw NotSimple.INSTANCE; // beyond a long: the planner's DECIMAL arithmetic decides
      }
    }
    if (!negative && type == SqlTypeName.VARCHAR && Tokens.isString(t)) {
      return Operand.literal(Tokens.stringValue(t));
    }
    if (!negative && type == SqlTypeName.BOOLEAN && (t.equals("TRUE") || t.equals("FALSE"))) {
      return Operand.literal(t.equals("TRUE"));
    }
    throw NotSimple.INSTANCE;
  }

  /** The SQL type of a column as the planner types it. */
  private static SqlTypeName typeName(Column c) {
    if (c.kind() == ColumnKind.ENTITY_ID) {
      return SqlTypeName.BIGINT;
    }
    return SqlTypes.typeName(c.type());
  }

  private static int varcharPrecision(Column c) {
    return c.type() == ValueType.UUID ? 36 : -1;
  }

  /** A result column of the table's column {@code c}, labelled, with the type the planner gives it. */
  private static ResultColumn result(EntityTableModel table, Column c, String label) throws NotSimple {
    SqlTypeName type = typeName(c);
    int precision;
    int scale = -1;
    switch (c.type()) {
      case LONG, REF, BOOLEAN, DOUBLE, STRING, KEYWORD -> precision = -1; // the types SimpleSelectTest shows
      case UUID -> precision = 36;
      case INSTANT -> precision = 3;
      default -> throw NotSimple.INSTANCE;
    }
    if (c.kind() == ColumnKind.ENTITY_ID) {
      precision = -1;
    }
    return new ResultColumn(label, type, precision, scale, c.nullable(), table.schemaName(), table.name(), c.name())
        .declaredAs(c);
  }

  /** The filter of the conditions, as the planner's interpreted filter evaluates them. */
  private static ScanFilter filter(List<Condition> conditions) {
    int[] reads = conditions.stream().mapToInt(Condition::position).distinct().toArray();
    Condition[] all = conditions.toArray(new Condition[0]);
    ScanFilter.Test test = (row, root) -> {
      for (Condition c : all) {
        Object v = row[c.position()];
        if (c.op().equals("IS NULL") || c.op().equals("IS NOT NULL")) {
          if ((v == null) != c.op().equals("IS NULL")) {
            return false;
          }
          continue;
        }
        Object o = c.operand().value(root);
        if (v == null || o == null) {
          return false; // unknown
        }
        int r = compare(v, o);
        boolean ok = switch (c.op()) {
          case "=" -> r == 0;
          case "<>" -> r != 0;
          case "<" -> r < 0;
          case "<=" -> r <= 0;
          case ">" -> r > 0;
          default -> r >= 0;
        };
        if (!ok) {
          return false;
        }
      }
      return true;
    };
    StringBuilder text = new StringBuilder();
    for (Condition c : all) {
      text.append(text.length() == 0 ? "" : " AND ").append('$').append(c.position()).append(' ').append(c.op())
          .append(c.operand() == null ? "" : " " + c.operand());
    }
    return new ScanFilter(reads, test, text.toString());
  }

  /** Numbers by value, text as {@code String.compareTo}, booleans false before true. */
  private static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    throw new IllegalStateException("cannot compare " + a.getClass().getSimpleName() + " with "
        + b.getClass().getSimpleName());
  }

  /**
   * The first {@code shown} columns of each scanned row (all, if the filter read no others), and
   * of the first {@code limit} rows only (all, if negative).
   */
  private static Enumerable<Object> project(Enumerable<Object> scan, int shown, int read, long limit) {
    if (shown == read && limit < 0) {
      return scan;
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        Enumerator<Object> in = scan.enumerator();
        return new Enumerator<>() {
          private long left = limit;

          @Override
          public Object current() {
            return shown == read ? in.current() : Arrays.copyOf((Object[]) in.current(), shown);
          }

          @Override
          public boolean moveNext() {
            if (left == 0) {
              return false;
            }
            left--;
            return in.moveNext();
          }

          @Override
          public void reset() {
            in.reset();
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }

  /** The statement's tokens, upper-cased outside string literals; null if it has a token of another kind. */
  static final class Tokens {
    private Tokens() {}

    static List<String> of(String sql) {
      List<String> out = new ArrayList<>();
      int i = 0;
      int n = sql.length();
      while (i < n) {
        char c = sql.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
          int s = i;
          while (i < n && isIdentifierPart(sql.charAt(i))) {
            i++;
          }
          out.add(sql.substring(s, i).toUpperCase(Locale.ROOT));
        } else if (c >= '0' && c <= '9') {
          int s = i;
          while (i < n && sql.charAt(i) >= '0' && sql.charAt(i) <= '9') {
            i++;
          }
          if (i < n && (isIdentifierPart(sql.charAt(i)) || sql.charAt(i) == '.')) {
            return null; // a decimal, an exponent or a name starting with a digit
          }
          out.add(sql.substring(s, i));
        } else if (c == '\'') {
          StringBuilder b = new StringBuilder("'");
          i++;
          while (true) {
            if (i >= n) {
              return null;
            }
            char d = sql.charAt(i++);
            if (d == '\'') {
              if (i < n && sql.charAt(i) == '\'') {
                b.append('\'');
                i++;
              } else {
                break;
              }
            } else {
              b.append(d);
            }
          }
          out.add(b.append('\'').toString());
        } else if (c == '<' || c == '>' || c == '!') {
          if (i + 1 < n && (sql.charAt(i + 1) == '=' || c == '<' && sql.charAt(i + 1) == '>')) {
            out.add(sql.substring(i, i + 2));
            i += 2;
          } else if (c == '!') {
            return null;
          } else {
            out.add(String.valueOf(c));
            i++;
          }
        } else if (c == '=' || c == ',' || c == '*' || c == '.' || c == '?') {
          out.add(String.valueOf(c));
          i++;
        } else if (c == '-' && !(i + 1 < n && sql.charAt(i + 1) == '-')) {
          out.add("-");
          i++;
        } else {
          return null; // quotes, comments, parentheses, other operators: the planner's
        }
      }
      return out;
    }

    private static boolean isIdentifierPart(char c) {
      return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    static boolean isIdentifier(String t) {
      char c = t.charAt(0);
      return c >= 'A' && c <= 'Z';
    }

    static boolean isInteger(String t) {
      char c = t.charAt(0);
      return c >= '0' && c <= '9';
    }

    static boolean isString(String t) {
      return t.charAt(0) == '\'';
    }

    static String stringValue(String t) {
      return t.substring(1, t.length() - 1);
    }
  }
}

package org.datolite.calcite.write;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.datolite.DatoliteException;
import org.datolite.calcite.ParameterInfo;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.SimpleSelect;
import org.datolite.calcite.SqlEngine;
import org.datolite.calcite.SqlErrors;
import org.datolite.calcite.SqlReservedWords;
import org.datolite.calcite.exec.Operand;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.table.DatoliteTypeSystem;
import org.datolite.calcite.table.SqlTypes;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueType;

/**
 * Prepares SQL writes ({@link SqlWrite}): parses INSERT, UPDATE and DELETE, resolves the table and
 * columns written, and plans the query that finds the rows.
 *
 * <h2>Design</h2>
 * A write is not planned as a whole. What it writes is worked out here; what it reads is a
 * SELECT over the same table, planned like any query (and like any query answered without the
 * planner when it is simple: an UPDATE or DELETE by key is a {@link SimpleSelect}). The SELECT
 * keeps the statement's own WHERE text, so its {@code ?} keep their order; a SET value that is
 * a literal or a {@code ?} is written directly, and only computed values join the SELECT's list.
 * An INSERT of literals and {@code ?} needs no query at all. Prepared writes are kept per
 * schema model and text.
 */
public final class SqlWrites {
  private SqlWrites() {}

  private static final Cache<Key, SqlWrite> WRITES = Caffeine.newBuilder().maximumSize(2_000).build();
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl(DatoliteTypeSystem.INSTANCE);
  private static final Set<String> WRITE_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT");

  private record Key(SqlModel model, String sql) {}

  /** The first word of a statement, upper-cased, after white space, comments and opening parentheses; "" if none. */
  public static String firstWord(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int s = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(s, i).toUpperCase(Locale.ROOT);
  }

  /** Whether a statement is an INSERT, UPDATE, DELETE or MERGE (by its first word). */
  public static boolean isWrite(String sql) {
    return sql != null && WRITE_WORDS.contains(firstWord(sql));
  }

  /**
   * The prepared write of a statement over a schema's tables.
   *
   * @param statistics the database value whose counts plan the query that finds the rows
   * @throws DatoliteException {@code 42…} for a syntax error or an unknown table or column,
   *     {@code 0A000} for a statement or table SQL does not write
   */
  public static SqlWrite prepare(Schema schema, Db statistics, String sql) {
    SqlModel model = SqlModel.cached(schema);
    return WRITES.get(new Key(model, sql), k -> plan(schema, statistics, model, sql));
  }

  private static SqlWrite plan(Schema schema, Db statistics, SqlModel model, String sql) {
    SqlNode node;
    try {
      node = SqlEngine.parse(sql);
    } catch (SqlParseException e) {
      throw SqlErrors.prepare(e, sql);
    }
    Planning p = new Planning(schema, statistics, model, sql);
    if (node instanceof SqlInsert insert) {
      return p.insert(insert);
    }
    if (node instanceof SqlUpdate update) {
      return p.update(update);
    }
    if (node instanceof SqlDelete delete) {
      return p.delete(delete);
    }
    if (node instanceof SqlMerge merge) {
      return p.merge(merge);
    }
    throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, node.getKind() + " is not a write SQL runs;"
        + " expected INSERT, UPDATE or DELETE");
  }

  /** The work of preparing one statement. */
  private static final class Planning {
    private final Schema schema;
    private final Db statistics;
    private final SqlModel model;
    private final String sql;

    Planning(Schema schema, Db statistics, SqlModel model, String sql) {
      this.schema = schema;
      this.statistics = statistics;
      this.model = model;
      this.sql = sql;
    }

    // ---- INSERT --------------------------------------------------------------------------------

    SqlWrite insert(SqlInsert insert) {
      TableModel table = target(insert.getTargetTable());
      List<Column> targets = insert.getTargetColumnList() == null ? writable(table)
          : columns(table, insert.getTargetColumnList());
      int parameterCount = parameterIndexes(insert).size();
      SqlNode source = insert.getSource();
      if (source.getKind() == SqlKind.VALUES) {
        List<Operand[]> rows = directRows((SqlCall) source, targets);
        if (rows != null) {
          ParameterInfo[] infos = new ParameterInfo[parameterCount];
          for (Operand[] row : rows) {
            for (int i = 0; i < row.length; i++) {
              if (row[i].parameter() >= 0) {
                infos[row[i].parameter()] = parameterOf(targets.get(i));
              }
            }
          }
          return new SqlWrite(sql, SqlWrite.Kind.INSERT, table, targets, List.of(infos), rows, null, new int[0],
              null, null, 0);
        }
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
          typeBareValues((SqlCall) row, targets);
        }
      } else if (source instanceof SqlSelect select) {
        typeBareValues(select.getSelectList(), targets);
      }
      PreparedSql query = query(unparse(source));
      if (query.columns().size() != targets.size()) {
        throw arity(query.columns().size(), targets.size());
      }
      return new SqlWrite(sql, SqlWrite.Kind.INSERT, table, targets, query.parameters(), null, query,
          identity(parameterCount, query), null, null, 0);
    }

    /** The rows of a VALUES of literals, {@code ?}, NULL and DEFAULT; null if any item is another expression. */
    private List<Operand[]> directRows(SqlCall values, List<Column> targets) {
      List<Operand[]> rows = new ArrayList<>();
      for (SqlNode r : values.getOperandList()) {
        List<SqlNode> items = ((SqlCall) r).getOperandList();
        if (items.size() != targets.size()) {
          throw arity(items.size(), targets.size());
        }
        Operand[] row = new Operand[items.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = direct(items.get(i));
          if (row[i] == null) {
            return null;
          }
        }
        rows.add(row);
      }
      return rows;
    }

    /** Casts the {@code ?}, NULL and DEFAULT items of a row or select list to their columns' types. */
    private static void typeBareValues(SqlNodeList items, List<Column> targets) {
      for (int i = 0; i < items.size() && i < targets.size(); i++) {
        SqlNode item = items.get(i);
        if (isBare(item)) {
          items.set(i, cast(item, targets.get(i)));
        }
      }
    }

    private static void typeBareValues(SqlCall row, List<Column> targets) {
      if (row.operandCount() != targets.size()) {
        throw arity(row.operandCount(), targets.size());
      }
      for (int i = 0; i < row.operandCount(); i++) {
        SqlNode item = row.operand(i);
        if (isBare(item)) {
          row.setOperand(i, cast(item, targets.get(i)));
        }
      }
    }

    private static boolean isBare(SqlNode item) {
      return item instanceof SqlDynamicParam || isDefault(item) || WriteValues.literal(item) == null;
    }

    private static SqlNode cast(SqlNode item, Column c) {
      SqlNode value = isDefault(item) ? SqlLiteral.createNull(item.getParserPosition()) : item;
      return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, value,
          SqlTypeUtil.convertTypeToSpec(SqlTypes.of(TYPES, c)));
    }

    private static DatoliteException arity(int values, int columns) {
      return new DatoliteException(SqlState.SYNTAX_ERROR, "INSERT has " + values + " values for " + columns
          + " target columns; give one value per column (DB_ID is given by the database)");
    }

    /** The statement's parameters 0..n-1 are the query's, in order. */
    private int[] identity(int count, PreparedSql query) {
      if (query.parameters().size() != count) {
        throw new DatoliteException(SqlState.INTERNAL_ERROR, "the query of " + sql + " has "
            + query.parameters().size() + " parameters; the statement has " + count);
      }
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = i;
      }
      return out;
    }

    // ---- UPDATE and DELETE ---------------------------------------------------------------------

    SqlWrite update(SqlUpdate update) {
      TableModel table = target(update.getTargetTable());
      List<Column> targets = columns(table, update.getTargetColumnList());
      List<SqlNode> values = update.getSourceExpressionList();
      Operand[] sets = new Operand[targets.size()];
      SqlWrite.Increment[] increments = new SqlWrite.Increment[targets.size()];
      List<String> computed = new ArrayList<>();
      Set<Integer> direct = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        increments[i] = blindIncrement(table, targets.get(i), i, update);
        if (increments[i] != null) {
          if (increments[i].delta().parameter() >= 0) {
            direct.add(increments[i].delta().parameter());
          }
          continue;
        }
        sets[i] = direct(values.get(i));
        if (sets[i] == null) {
          computed.add(unparse(values.get(i)));
        } else if (sets[i].parameter() >= 0) {
          direct.add(sets[i].parameter());
        }
      }
      PreparedSql query = query(select(table, update.getAlias(), computed, update.getCondition()));
      TreeSet<Integer> all = parameterIndexes(update);
      List<Integer> viaQuery = new ArrayList<>();
      for (int i : all) {
        if (!direct.contains(i)) {
          viaQuery.add(i);
        }
      }
      if (query.parameters().size() != viaQuery.size()) {
        throw new DatoliteException(SqlState.INTERNAL_ERROR, "the query of " + sql + " has "
            + query.parameters().size() + " parameters; expected " + viaQuery.size());
      }
      ParameterInfo[] infos = new ParameterInfo[all.size()];
      int[] sourceParameters = new int[viaQuery.size()];
      for (int j = 0; j < viaQuery.size(); j++) {
        sourceParameters[j] = viaQuery.get(j);
        infos[viaQuery.get(j)] = query.parameters().get(j);
      }
      for (int i = 0; i < sets.length; i++) {
        Operand written = sets[i] != null ? sets[i] : increments[i] != null ? increments[i].delta() : null;
        if (written != null && written.parameter() >= 0) {
          infos[written.parameter()] = parameterOf(targets.get(i));
        }
      }
      return new SqlWrite(sql, SqlWrite.Kind.UPDATE, table, targets, List.of(infos), null, query, sourceParameters,
          sets, increments, keyColumns(table));
    }

    /**
     * A SET of an entity table's number column to itself plus or minus a literal or {@code ?}
     * ({@code SET n = n + ?}), the column read nowhere else in the statement: written as
     * {@code [:db.sql/increment e a delta]}, which adds to the value at commit, so that the
     * statement need not read it (concurrent increments of one row do not conflict). Null for
     * any other SET.
     */
    private static SqlWrite.Increment blindIncrement(TableModel table, Column c, int i, SqlUpdate update) {
      SqlNode value = update.getSourceExpressionList().get(i);
      if (!(table instanceof EntityTableModel) || c.kind() != ColumnKind.ATTRIBUTE || c.showsTarget()
          || !(value instanceof SqlBasicCall call) || call.operandCount() != 2
          || call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) {
        return null;
      }
      boolean integral = c.type() == ValueType.LONG || c.type() == ValueType.BIGINT;
      if (!integral && c.type() != ValueType.BIGDEC && c.type() != ValueType.DOUBLE && c.type() != ValueType.FLOAT) {
        return null;
      }
      SqlNode other = names(call.operand(0), c) ? call.operand(1)
          : call.getKind() == SqlKind.PLUS && names(call.operand(1), c) ? call.operand(0) : null;
      Operand delta = null;
      if (other instanceof SqlDynamicParam p) {
        delta = Operand.parameter(p.getIndex());
      } else if (other != null && WriteValues.literal(other) instanceof BigDecimal d
          && (!integral || d.stripTrailingZeros().scale() <= 0)) {
        delta = Operand.literal(d);
      }
      if (delta == null || mentions(update.getCondition(), c)) {
        return null;
      }
      for (int j = 0; j < update.getSourceExpressionList().size(); j++) {
        if (j != i && mentions(update.getSourceExpressionList().get(j), c)) {
          return null;
        }
      }
      return new SqlWrite.Increment(delta, call.getKind() == SqlKind.MINUS);
    }

    private static boolean names(SqlNode node, Column c) {
      return node instanceof SqlIdentifier id && id.names.get(id.names.size() - 1).equalsIgnoreCase(c.name());
    }

    private static boolean mentions(SqlNode node, Column c) {
      if (node == null) {
        return false;
      }
      boolean[] found = {false};
      node.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlIdentifier id) {
          found[0] |= names(id, c);
          return null;
        }
      });
      return found[0];
    }

    /**
     * A MERGE on an entity table: one query joins the source to the target ({@code LEFT JOIN …
     * ON} the statement's condition) and computes the UPDATE's and the INSERT's values for each
     * source row, which {@link SqlWrite} then updates or inserts.
     */
    SqlWrite merge(SqlMerge merge) {
      TableModel table = target(merge.getTargetTable());
      if (!(table instanceof EntityTableModel)) {
        throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "MERGE writes entity tables; " + table.name()
            + " is a child table: write it with INSERT and DELETE");
      }
      SqlUpdate update = merge.getUpdateCall();
      SqlInsert insert = merge.getInsertCall();
      List<Column> updated = update == null ? List.of() : columns(table, update.getTargetColumnList());
      List<Column> inserted = insert == null ? List.of()
          : insert.getTargetColumnList() == null ? writable(table) : columns(table, insert.getTargetColumnList());
      String target = name(table.name());
      String alias = merge.getAlias() == null ? target : name(merge.getAlias().getSimple());
      List<String> items = new ArrayList<>();
      items.add(alias + "." + name(table.columns().get(0).name())); // the entity id (DB_ID or an identity column)
      List<SqlNode> parts = new ArrayList<>(); // the parts of the query text in order, for its parameters
      for (int i = 0; i < updated.size(); i++) {
        SqlNode v = update.getSourceExpressionList().get(i);
        SqlNode typed = isBare(v) ? cast(v, updated.get(i)) : v;
        items.add(unparse(typed));
        parts.add(v);
      }
      if (insert != null) {
        if (!(insert.getSource() instanceof SqlCall values) || values.getKind() != SqlKind.VALUES
            || values.operandCount() != 1) {
          throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "MERGE … WHEN NOT MATCHED THEN INSERT takes"
              + " one VALUES row");
        }
        List<SqlNode> row = ((SqlCall) values.operand(0)).getOperandList();
        if (row.size() != inserted.size()) {
          throw arity(row.size(), inserted.size());
        }
        for (int i = 0; i < row.size(); i++) {
          SqlNode v = row.get(i);
          items.add(unparse(isBare(v) ? cast(v, inserted.get(i)) : v));
          parts.add(v);
        }
      }
      parts.add(merge.getSourceTableRef());
      parts.add(merge.getCondition());
      String select = "SELECT " + String.join(", ", items) + " FROM " + unparse(merge.getSourceTableRef())
          + " LEFT JOIN " + target + (merge.getAlias() == null ? "" : " AS " + alias) + " ON "
          + unparse(merge.getCondition());
      PreparedSql query = query(select);
      List<Integer> order = new ArrayList<>();
      for (SqlNode part : parts) {
        order.addAll(parameterIndexes(part)); // each part's own, in its text's order
      }
      int count = parameterIndexes(merge).size();
      if (query.parameters().size() != order.size() || order.size() != count) {
        throw new DatoliteException(SqlState.INTERNAL_ERROR, "the query of " + sql + " has "
            + query.parameters().size() + " parameters; the statement has " + count);
      }
      ParameterInfo[] infos = new ParameterInfo[count];
      int[] sourceParameters = new int[order.size()];
      for (int j = 0; j < order.size(); j++) {
        sourceParameters[j] = order.get(j);
        infos[order.get(j)] = query.parameters().get(j);
      }
      return new SqlWrite(sql, SqlWrite.Kind.MERGE, table, updated, List.of(infos), null, query, sourceParameters,
          null, null, 1, inserted);
    }

    SqlWrite delete(SqlDelete delete) {
      TableModel table = target(delete.getTargetTable());
      PreparedSql query = query(select(table, delete.getAlias(), List.of(), delete.getCondition()));
      int count = parameterIndexes(delete).size();
      return new SqlWrite(sql, SqlWrite.Kind.DELETE, table, List.of(), query.parameters(), null, query,
          identity(count, query), null, null, keyColumns(table));
    }

    private static int keyColumns(TableModel table) {
      return table instanceof EntityTableModel ? 1 : 2;
    }

    /**
     * The SELECT of the rows an UPDATE or DELETE matches: their key columns, then the computed
     * values, from the table under the statement's alias, with the statement's own WHERE text.
     */
    private String select(TableModel table, SqlIdentifier alias, List<String> computed, SqlNode condition) {
      StringBuilder b = new StringBuilder("SELECT ");
      List<String> items = new ArrayList<>();
      for (int c = 0; c < keyColumns(table); c++) {
        items.add(name(table.columns().get(c).name()));
      }
      items.addAll(computed);
      b.append(String.join(", ", items)).append(" FROM ").append(name(table.name()));
      if (alias != null) {
        b.append(" AS ").append(name(alias.getSimple()));
      }
      if (condition != null) {
        b.append(" WHERE ").append(whereText(condition));
      }
      return b.toString();
    }

    /**
     * The statement's text of its WHERE condition: the WHERE clause ends an UPDATE or DELETE, so
     * it runs from the condition's first token to the end (a final {@code ;} left out); the
     * condition unparsed where the text does not read so.
     */
    private String whereText(SqlNode condition) {
      int[] first = {Integer.MAX_VALUE, Integer.MAX_VALUE};
      condition.accept(new SqlBasicVisitor<Void>() {
        private void at(SqlParserPos p) {
          if (p != null && p.getLineNum() > 0 && (p.getLineNum() < first[0]
              || p.getLineNum() == first[0] && p.getColumnNum() < first[1])) {
            first[0] = p.getLineNum();
            first[1] = p.getColumnNum();
          }
        }

        @Override
        public Void visit(SqlCall call) {
          at(call.getParserPosition());
          return super.visit(call);
        }

        @Override
        public Void visit(SqlIdentifier id) {
          at(id.getParserPosition());
          return null;
        }

        @Override
        public Void visit(SqlDynamicParam param) {
          at(param.getParserPosition());
          return null;
        }

        @Override
        public Void visit(SqlLiteral literal) {
          at(literal.getParserPosition());
          return null;
        }
      });
      int start = offset(first[0], first[1]);
      int where = start < 0 ? -1 : sql.toUpperCase(Locale.ROOT).lastIndexOf("WHERE", start);
      if (where < 0 || !sql.substring(where + 5, start).chars().allMatch(ch -> Character.isWhitespace(ch) || ch == '(')) {
        return unparse(condition);
      }
      int end = sql.length();
      while (end > start && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
        end--;
      }
      return sql.substring(where + 5, end).trim();
    }

    /** The offset of a 1-based line and column in the statement, or -1. */
    private int offset(int line, int column) {
      if (line == Integer.MAX_VALUE) {
        return -1;
      }
      int at = 0;
      for (int l = 1; l < line; l++) {
        at = sql.indexOf('\n', at);
        if (at < 0) {
          return -1;
        }
        at++;
      }
      int o = at + column - 1;
      return o <= sql.length() ? o : -1;
    }

    // ---- tables, columns, values ---------------------------------------------------------------

    private TableModel target(SqlNode node) {
      if (!(node instanceof SqlIdentifier id) || id.names.size() > 2) {
        throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "the target of a write is a table named"
            + " TABLE or PUBLIC.TABLE; got " + node);
      }
      String schemaName = id.names.size() == 2 ? id.names.get(0).toUpperCase(Locale.ROOT) : SqlModel.PUBLIC;
      String name = id.names.get(id.names.size() - 1);
      TableModel table = find(model.tables(schemaName), name);
      if (table == null) {
        throw new DatoliteException(SqlState.UNDEFINED_TABLE, "table " + id + " does not exist"
            + (schemaName.equals(SqlModel.PUBLIC) ? "" : " (writes go to the tables of schema PUBLIC)"));
      }
      if (!(table instanceof EntityTableModel) && !(table instanceof ChildTableModel)) {
        throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, schemaName + "." + table.name()
            + " is read-only: " + (schemaName.equals(SqlModel.HISTORY) ? "history is written by writing the table"
                + " itself" : "the raw indexes and transactions are written by writing the entity tables"));
      }
      return table;
    }

    private static <T> T find(Map<String, T> byName, String name) {
      T exact = byName.get(name);
      if (exact != null) {
        return exact;
      }
      for (Map.Entry<String, T> e : byName.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }

    /** The columns an INSERT without a column list writes: all but DB_ID. */
    private static List<Column> writable(TableModel table) {
      List<Column> out = new ArrayList<>();
      for (Column c : table.columns()) {
        if (c.kind() != ColumnKind.ENTITY_ID) {
          out.add(c);
        }
      }
      return out;
    }

    private List<Column> columns(TableModel table, SqlNodeList names) {
      List<Column> out = new ArrayList<>();
      for (SqlNode n : names) {
        SqlIdentifier id = (SqlIdentifier) n;
        String name = id.names.get(id.names.size() - 1);
        Column found = null;
        for (Column c : table.columns()) {
          if (c.name().equals(name)) {
            found = c;
          }
        }
        for (Column c : table.columns()) {
          if (found == null && c.name().equalsIgnoreCase(name)) {
            found = c;
          }
        }
        if (found == null) {
          throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "column " + name + " of table " + table.name()
              + " does not exist");
        }
        if (found.kind() == ColumnKind.ENTITY_ID) {
          throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + found.name() + " is the entity id,"
              + " given by the database; it cannot be written (name rows by a key column of your own)");
        }
        if (out.contains(found)) {
          throw new DatoliteException(SqlState.DUPLICATE_COLUMN, "column " + found.name() + " is written twice");
        }
        if (found.type() == ValueType.TUPLE) {
          throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + found.name() + " holds tuples,"
              + " which SQL does not write yet; write them through transact");
        }
        out.add(found);
      }
      return out;
    }

    /** A literal, {@code ?}, NULL or DEFAULT as an operand written directly; null for another expression. */
    private static Operand direct(SqlNode item) {
      if (item instanceof SqlDynamicParam p) {
        return Operand.parameter(p.getIndex());
      }
      if (isDefault(item)) {
        return Operand.literal(null);
      }
      Object v = WriteValues.literal(item);
      return v == WriteValues.NOT_LITERAL ? null : Operand.literal(v);
    }

    private static boolean isDefault(SqlNode item) {
      return item instanceof SqlBasicCall call && call.getKind() == SqlKind.DEFAULT;
    }

    private static ParameterInfo parameterOf(Column c) {
      SqlTypeName type = SqlTypes.typeName(c.type());
      return new ParameterInfo(type, c.type() == ValueType.UUID ? 36 : -1, -1);
    }

    /** The indexes of every {@code ?} of the statement, in order. */
    private static TreeSet<Integer> parameterIndexes(SqlNode statement) {
      TreeSet<Integer> out = new TreeSet<>();
      statement.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlDynamicParam param) {
          out.add(param.getIndex());
          return null;
        }
      });
      return out;
    }

    private PreparedSql query(String select) {
      PreparedSql simple = SimpleSelect.prepare(model, select);
      return simple != null ? simple : SqlEngine.of(schema, statistics).prepare(select);
    }

    private static String unparse(SqlNode node) {
      return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT).withAlwaysUseParentheses(false)
          .withQuoteAllIdentifiers(true)).getSql();
    }

    /** A name as the parser reads it back: unquoted when it is an upper-case word that is not reserved. */
    private static String name(String n) {
      boolean plain = !n.isEmpty() && n.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')
          && n.charAt(0) >= 'A' && n.charAt(0) <= 'Z' && !SqlReservedWords.isReserved(n);
      return plain ? n : "\"" + n.replace("\"", "\"\"") + "\"";
    }
  }
}

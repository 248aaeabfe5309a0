package org.datolite.calcite.write;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import org.datolite.DatoliteException;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.SqlEngine;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.calcite.exec.SqlValues;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.table.DatoliteTypeSystem;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;

/**
 * A table's CHECK constraints ({@code :db.sql/check}) on the rows SQL writes: each is evaluated
 * by the SQL engine on the row's values, as {@code SELECT COUNT(*) FROM (VALUES (CAST(? AS …),
 * …)) AS CHECKED (col, …) WHERE NOT (expression)}, planned once per table shape and expression.
 * As in SQL, a row passes unless the expression is FALSE (NULL passes).
 */
public final class CheckConstraints {
  private CheckConstraints() {}

  /** Each table's constraint queries, made once (a model, and its tables, serve one schema). */
  private static final Cache<EntityTableModel, List<String>> QUERIES = Caffeine.newBuilder().weakKeys()
      .maximumSize(1_000).build();

  /**
   * The query that counts the rows of a VALUES of the table's columns that break a constraint.
   *
   * @param columns the columns, in table order, the entity id first
   */
  public static String query(List<Column> columns, String expression) {
    StringBuilder values = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      values.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(sqlType(columns.get(i))).append(')');
      names.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).name()).append('"');
    }
    return "SELECT COUNT(*) FROM (VALUES (" + values + ")) AS \"CHECKED\" (" + names + ") WHERE NOT (" + expression
        + ")";
  }

  /** The SQL type a column's values have in queries (as the model gives them to the planner). */
  static String sqlType(Column c) {
    if (c.kind() == ColumnKind.ENTITY_ID) {
      return "BIGINT";
    }
    return switch (c.type()) {
      case LONG, REF -> "BIGINT";
      case BOOLEAN -> "BOOLEAN";
      case DOUBLE -> "DOUBLE";
      case FLOAT -> "REAL";
      case BIGINT -> "DECIMAL(" + DatoliteTypeSystem.MAX_DECIMAL_PRECISION + ", 0)";
      case BIGDEC -> "DECIMAL(" + DatoliteTypeSystem.MAX_DECIMAL_PRECISION + ", " + DatoliteTypeSystem.BIGDEC_SCALE + ")";
      case INSTANT -> "TIMESTAMP(3)";
      case UUID -> "VARCHAR(36)";
      case BYTES -> "VARBINARY";
      default -> "VARCHAR";
    };
  }

  /**
   * Fails when a row breaks one of the table's constraints.
   *
   * @param stored the row's stored values in table column order (the entity id first, null for a new row)
   * @throws DatoliteException {@code 23514} naming the constraint
   */
  static void check(SqlExecution x, EntityTableModel table, Object[] stored, long now) {
    if (table.checks().isEmpty()) {
      return;
    }
    List<Column> columns = table.columns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      Column c = columns.get(i);
      values[i] = stored[i] == null ? null : c.kind() == ColumnKind.ENTITY_ID ? stored[i]
          : SqlValues.toSql(c, x.schema(), x.db(), stored[i]);
    }
    SqlEngine engine = SqlEngine.of(x.schema(), x.db());
    List<String> queries = QUERIES.get(table, t -> t.checks().stream().map(e -> query(t.columns(), e)).toList());
    for (int k = 0; k < queries.size(); k++) {
      String expression = table.checks().get(k);
      PreparedSql q = engine.prepare(queries.get(k));
      long broken;
      try (PreparedSql.Rows rows = q.execute(x, values, now)) {
        broken = rows.hasNext() ? ((Number) rows.next()[0]).longValue() : 0;
      }
      if (broken > 0) {
        throw new DatoliteException(SqlState.CHECK_VIOLATION, "new row for table " + table.name()
            + " violates check constraint (" + expression + ")");
      }
    }
  }

  /** The row of an existing entity as stored, in table column order, for an UPDATE to overlay. */
  static Object[] currentRow(SqlExecution x, EntityTableModel table, long e) {
    List<Object> out = new ArrayList<>(table.columns().size());
    for (Column c : table.columns()) {
      if (c.kind() == ColumnKind.ENTITY_ID) {
        out.add(e);
      } else {
        Datom d = x.db().first(Index.EAVT, e, c.attribute().id());
        out.add(d == null ? null : d.v());
      }
    }
    return out.toArray();
  }
}

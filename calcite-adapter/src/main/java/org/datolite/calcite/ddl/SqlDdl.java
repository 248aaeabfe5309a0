package org.datolite.calcite.ddl;

import java.util.List;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.calcite.write.SqlWrites;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * SQL DDL as schema transactions (docs/sql.md, "Creating tables"): {@code CREATE TABLE} installs
 * attributes in the table's namespace with what was declared, {@code ALTER TABLE} adds, drops and
 * changes columns, {@code DROP TABLE} hides a table and keeps its history readable, {@code
 * TRUNCATE} deletes every row, {@code CREATE [UNIQUE] INDEX} makes a column unique or changes
 * nothing (AVET covers every attribute), and views are schema data too.
 */
public final class SqlDdl {
  private SqlDdl() {}

  private static final Set<String> WORDS = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE", "COMMENT", "GRANT",
      "REVOKE", "RENAME");

  /** Whether a statement is DDL (by its first word). */
  public static boolean isDdl(String sql) {
    return sql != null && WORDS.contains(SqlWrites.firstWord(sql));
  }

  /**
   * What a DDL statement does to a database value.
   *
   * @param statement the statement's kind, for messages ({@code CREATE TABLE})
   * @param transactions the transactions to run in order; empty when the statement changes nothing
   *     ({@code IF NOT EXISTS} of something that exists, a non-unique index)
   */
  public record Plan(String statement, List<List<Object>> transactions) {
    public Plan {
      transactions = List.copyOf(transactions);
    }
  }

  /**
   * The plan of a DDL statement on {@code db} (whose schema is {@code schema}).
   *
   * @param now the statement's time (epoch milliseconds), for a DEFAULT CURRENT_TIMESTAMP filling existing rows
   * @throws DatoliteException {@code 42601} for a syntax error, {@code 0A000} for DDL not supported,
   *     {@code 42P01}/{@code 42703} for an unknown table or column, {@code 42P07}/{@code 42701} for
   *     one that exists, {@code 23502} for NOT NULL on rows without a value, and others as PostgreSQL
   *     answers them
   */
  public static Plan plan(Schema schema, Db db, String sql, long now) {
    return new DdlPlanner(schema, db, now).plan(DdlParser.parse(sql));
  }
}

package org.datolite.calcite;

import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.calcite.model.Column;

/**
 * A column of a statement's result, for {@code ResultSetMetaData}.
 *
 * @param label the column's label (its alias, else its name)
 * @param type its SQL type
 * @param precision its precision, or -1
 * @param scale its scale, or -1
 * @param nullable whether it can be NULL
 * @param schema the schema of the table it reads directly, or ""
 * @param table that table, or ""
 * @param column that table's column, or ""
 */
public record ResultColumn(String label, SqlTypeName type, int precision, int scale, boolean nullable,
    String schema, String table, String column) {

  /**
   * This result column as a table column declared by DDL is reported: its declared type, length
   * or precision and scale ({@code INTEGER}, {@code VARCHAR(40)}, {@code DECIMAL(10, 2)}, {@code
   * DATE}); itself for a column declared by none. The values stay what they are; the driver reads
   * them as the declared type.
   */
  public ResultColumn declaredAs(Column c) {
    if (c == null || c.declared() == null || c.declared().type() == null) {
      return this;
    }
    Column.Declared d = c.declared();
    int p = d.precision() == null ? -1 : d.precision().intValue();
    int s = d.scale() == null ? -1 : d.scale().intValue();
    return switch (d.type()) {
      case SMALLINT -> with(SqlTypeName.SMALLINT, -1, -1);
      case INTEGER -> with(SqlTypeName.INTEGER, -1, -1);
      case BIGINT -> with(SqlTypeName.BIGINT, -1, -1);
      case DECIMAL -> p < 0 ? this : with(SqlTypeName.DECIMAL, p, Math.max(s, 0));
      case REAL -> with(SqlTypeName.REAL, -1, -1);
      case DOUBLE -> with(SqlTypeName.DOUBLE, -1, -1);
      case BOOLEAN -> with(SqlTypeName.BOOLEAN, -1, -1);
      case CHAR -> with(SqlTypeName.CHAR, p, -1);
      case VARCHAR -> with(SqlTypeName.VARCHAR, p, -1);
      case DATE -> with(SqlTypeName.DATE, -1, -1);
      case TIMESTAMP -> with(SqlTypeName.TIMESTAMP, 3, -1);
      case UUID -> this;
      case VARBINARY -> with(SqlTypeName.VARBINARY, p, -1);
    };
  }

  private ResultColumn with(SqlTypeName t, int p, int s) {
    return new ResultColumn(label, t, p, s, nullable, schema, table, column);
  }
}

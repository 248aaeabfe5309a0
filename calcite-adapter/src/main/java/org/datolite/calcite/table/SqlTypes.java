package org.datolite.calcite.table;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.calcite.model.Column;
import org.datolite.value.ValueType;

/**
 * The SQL type of each value type. Every type has a concrete one:
 *
 * <table>
 *   <caption>Value types as SQL types</caption>
 *   <tr><th>value type</th><th>SQL type</th></tr>
 *   <tr><td>long, ref</td><td>BIGINT</td></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td></tr>
 *   <tr><td>double / float</td><td>DOUBLE / REAL</td></tr>
 *   <tr><td>bigint</td><td>DECIMAL(1000, 0)</td></tr>
 *   <tr><td>bigdec</td><td>DECIMAL(1000, 500)</td></tr>
 *   <tr><td>instant</td><td>TIMESTAMP(3), UTC</td></tr>
 *   <tr><td>string, keyword (":ns/name"), uuid, uri, tuple (EDN text)</td><td>VARCHAR</td></tr>
 *   <tr><td>bytes</td><td>VARBINARY</td></tr>
 * </table>
 */
public final class SqlTypes {
  private SqlTypes() {}

  /** The SQL type name of a value type. */
  public static SqlTypeName typeName(ValueType type) {
    return switch (type) {
      case LONG, REF -> SqlTypeName.BIGINT;
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      case DOUBLE -> SqlTypeName.DOUBLE;
      case FLOAT -> SqlTypeName.REAL;
      case BIGINT, BIGDEC -> SqlTypeName.DECIMAL;
      case INSTANT -> SqlTypeName.TIMESTAMP;
      case BYTES -> SqlTypeName.VARBINARY;
      case STRING, KEYWORD, UUID, URI, TUPLE -> SqlTypeName.VARCHAR;
    };
  }

  /** The type of a column, nullable as the column is. */
  public static RelDataType of(RelDataTypeFactory f, Column column) {
    RelDataType t = switch (column.type()) {
      case BIGINT -> f.createSqlType(SqlTypeName.DECIMAL, DatoliteTypeSystem.MAX_DECIMAL_PRECISION, 0);
      case BIGDEC -> f.createSqlType(SqlTypeName.DECIMAL, DatoliteTypeSystem.MAX_DECIMAL_PRECISION,
          DatoliteTypeSystem.BIGDEC_SCALE);
      case INSTANT -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case UUID -> f.createSqlType(SqlTypeName.VARCHAR, 36);
      default -> f.createSqlType(typeName(column.type()));
    };
    return f.createTypeWithNullability(t, column.nullable());
  }
}

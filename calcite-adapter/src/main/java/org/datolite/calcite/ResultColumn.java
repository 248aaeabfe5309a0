package org.datolite.calcite;

import org.apache.calcite.sql.type.SqlTypeName;

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
    String schema, String table, String column) {}

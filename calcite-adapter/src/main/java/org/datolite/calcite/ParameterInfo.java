package org.datolite.calcite;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A {@code ?} of a statement as validation typed it, for {@code ParameterMetaData}.
 *
 * @param type the SQL type it is compared with or cast to
 * @param precision its precision, or -1
 * @param scale its scale, or -1
 */
public record ParameterInfo(SqlTypeName type, int precision, int scale) {}

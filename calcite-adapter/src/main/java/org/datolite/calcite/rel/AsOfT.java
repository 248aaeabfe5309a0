package org.datolite.calcite.rel;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code BASIS_T(n)}: a database's basis {@code t} as a point in time, for
 * {@code FOR SYSTEM_TIME AS OF BASIS_T(42)} (the clause takes only timestamps). It means
 * something only there: the snapshot rule reads it; anywhere else it fails to plan (0A000).
 */
public final class AsOfT {
  /** The function. */
  public static final SqlFunction BASIS_T = new SqlFunction("BASIS_T", SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP), null,
      OperandTypes.family(SqlTypeFamily.INTEGER), SqlFunctionCategory.TIMEDATE);

  private AsOfT() {}
}

package org.datolite.calcite.table;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with room for {@code :db.type/bigdec} and {@code :db.type/bigint}: DECIMAL
 * up to 1000 digits (Calcite's default stops at 19 and rounds down beyond).
 */
public final class DatoliteTypeSystem extends RelDataTypeSystemImpl {
  /** The one instance. */
  public static final RelDataTypeSystem INSTANCE = new DatoliteTypeSystem();
  /** The largest DECIMAL precision. */
  public static final int MAX_DECIMAL_PRECISION = 1000;
  /** The scale of a {@code :db.type/bigdec} column. */
  public static final int BIGDEC_SCALE = 500;

  private DatoliteTypeSystem() {}

  /**
   * Text literals of different lengths in one column (a VALUES list, a UNION, CASE branches) are
   * VARCHAR, as in PostgreSQL, not CHAR padded to the longest ({@code 'c'} stays {@code 'c'}).
   */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
  }

  @SuppressWarnings("deprecation") // still read where literals and casts are typed
  @Override
  public int getMaxNumericPrecision() {
    return MAX_DECIMAL_PRECISION;
  }

  @SuppressWarnings("deprecation")
  @Override
  public int getMaxNumericScale() {
    return MAX_DECIMAL_PRECISION;
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getDefaultPrecision(typeName);
  }
}

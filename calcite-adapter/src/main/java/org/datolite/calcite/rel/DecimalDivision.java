package org.datolite.calcite.rel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Exact decimal division. Calcite's generated code divides DECIMALs to 16 significant digits
 * ({@code MathContext.DECIMAL64}), so {@code AVG} of a {@code :db.type/bigdec} of 20 digits, or
 * {@code amount / 3}, lost its last digits. A plan's DECIMAL divisions of exact numbers call
 * {@link #divide} instead, which keeps every digit of the operands and 16 more (PostgreSQL's
 * numeric division gives at least 16 significant digits too); the division's declared result
 * type then rounds it as before.
 */
public final class DecimalDivision {
  /** Digits kept beyond the operands' own. */
  private static final int EXTRA_DIGITS = 16;

  private static final SqlUserDefinedFunction DIVIDE = new SqlUserDefinedFunction(
      new SqlIdentifier("DATOLITE_DECIMAL_DIVIDE", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, null, null, null,
      ScalarFunctionImpl.create(DecimalDivision.class, "divide"));

  private DecimalDivision() {}

  /**
   * {@code x / y} to the operands' digits and 16 more, rounded half up; null if either is null.
   * Dividing by zero fails as Calcite's own division does ({@link ArithmeticException}).
   */
  public static BigDecimal divide(BigDecimal x, BigDecimal y) {
    if (x == null || y == null) {
      return null;
    }
    int digits = Math.max(x.precision(), y.precision()) + EXTRA_DIGITS;
    return x.divide(y, new MathContext(digits, RoundingMode.HALF_UP));
  }

  /** The plan with its DECIMAL divisions of exact numbers calling {@link #divide}. */
  public static RelNode rewrite(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode r = rewrite(input);
      changed |= r != input;
      inputs.add(r);
    }
    RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    return node.accept(new Calls(node.getCluster().getRexBuilder()));
  }

  /** Replaces the divisions within one node's expressions. */
  private static final class Calls extends RexShuttle {
    private final RexBuilder rex;

    Calls(RexBuilder rex) {
      this.rex = rex;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexCall visited = (RexCall) super.visitCall(call);
      if (visited.getKind() != SqlKind.DIVIDE || visited.getType().getSqlTypeName() != SqlTypeName.DECIMAL
          || !visited.getOperands().stream().allMatch(o -> o.getType().getFamily() == SqlTypeFamily.NUMERIC
              && SqlTypeName.EXACT_TYPES.contains(o.getType().getSqlTypeName()))) {
        return visited;
      }
      List<RexNode> operands = new ArrayList<>();
      for (RexNode o : visited.getOperands()) {
        operands.add(o.getType().getSqlTypeName() == SqlTypeName.DECIMAL ? o : rex.makeCast(decimalOf(o.getType()), o));
      }
      return rex.makeCall(visited.getType(), DIVIDE, operands);
    }

    private RelDataType decimalOf(RelDataType integer) {
      RelDataType d = rex.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 19, 0);
      return rex.getTypeFactory().createTypeWithNullability(d, integer.isNullable());
    }
  }
}

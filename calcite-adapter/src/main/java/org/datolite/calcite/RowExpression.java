package org.datolite.calcite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A scalar expression over one row of internal values, evaluated without generated code: the
 * part of SQL that filters and projections over one scan mostly use. Columns, literals and
 * {@code ?} parameters; {@code = <> < <= > >=} between operands of one type family (exact
 * numbers, approximate numbers, text, booleans, or one datetime type); {@code AND OR NOT} and
 * {@code IS [NOT] NULL/TRUE/FALSE} with SQL's three-valued logic (null is unknown).
 *
 * <p>Each operator does what the code Calcite generates for it does: numbers compare by value
 * (decimals ignoring scale), approximate numbers as {@code double}s, text by UTF-16 code unit
 * ({@code String.compareTo}). {@link #compile} answers null for anything else, and the statement
 * is then compiled as usual.
 */
interface RowExpression {
  /** The value for one row; {@code root} supplies the parameters. */
  Object eval(Object[] row, DataContext root);

  /** The expression as evaluator, or null if it is outside what this class evaluates. */
  static RowExpression compile(RexNode e) {
    try {
      return Compiler.expression(e);
    } catch (Compiler.Unsupported u) {
      return null;
    }
  }

  /**
   * A literal's value in internal form (what generated code holds for it), or null if it is NULL
   * or not of a plain type (a number, text, a boolean, a date, time or timestamp).
   */
  static Object literalValue(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeName stored = literal.getTypeName();
    if (stored != SqlTypeName.BOOLEAN && stored != SqlTypeName.DECIMAL && stored != SqlTypeName.DOUBLE
        && stored != SqlTypeName.CHAR && stored != SqlTypeName.DATE && stored != SqlTypeName.TIME
        && stored != SqlTypeName.TIMESTAMP) {
      return null; // a Sarg, a symbol, an interval...
    }
    return switch (literal.getType().getSqlTypeName()) {
      case TINYINT -> literal.getValueAs(Byte.class);
      case SMALLINT -> literal.getValueAs(Short.class);
      case INTEGER, DATE, TIME -> literal.getValueAs(Integer.class);
      case BIGINT, TIMESTAMP -> literal.getValueAs(Long.class);
      case DECIMAL -> literal.getValueAs(BigDecimal.class);
      case FLOAT, DOUBLE -> literal.getValueAs(Double.class);
      case REAL -> literal.getValueAs(Float.class);
      case CHAR, VARCHAR -> literal.getValueAs(String.class);
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      default -> null;
    };
  }

  /** Whether a value of a condition is TRUE (null and FALSE are not). */
  static boolean isTrue(Object v) {
    return Boolean.TRUE.equals(v);
  }

  /** Compiles RexNodes; throws {@link Unsupported} for what it does not evaluate. */
  final class Compiler {
    private Compiler() {}

    /** Thrown while compiling an expression that is not evaluated here. */
    static final class Unsupported extends Exception {
      private static final long serialVersionUID = 1L;

      Unsupported() {
        super(null, null, false, false);
      }
    }

    static RowExpression expression(RexNode e) throws Unsupported {
      if (e instanceof RexInputRef ref) {
        int i = ref.getIndex();
        return (row, root) -> row[i];
      }
      if (e instanceof RexLiteral literal) {
        Object v = literal(literal);
        return (row, root) -> v;
      }
      if (e instanceof RexDynamicParam p) {
        if (family(p.getType()) == null) {
          throw new Unsupported();
        }
        String name = "?" + p.getIndex();
        return (row, root) -> root.get(name);
      }
      if (e instanceof RexCall call) {
        return call(call);
      }
      throw new Unsupported();
    }

    private static RowExpression call(RexCall call) throws Unsupported {
      List<RowExpression> args = new ArrayList<>();
      for (RexNode o : call.getOperands()) {
        args.add(expression(o));
      }
      SqlKind kind = call.getKind();
      switch (kind) {
        case AND:
          return and(args.toArray(new RowExpression[0]));
        case OR:
          return or(args.toArray(new RowExpression[0]));
        case NOT: {
          RowExpression a = args.get(0);
          return (row, root) -> {
            Object v = a.eval(row, root);
            return v == null ? null : !(Boolean) v;
          };
        }
        case IS_NULL: {
          RowExpression a = args.get(0);
          return (row, root) -> a.eval(row, root) == null;
        }
        case IS_NOT_NULL: {
          RowExpression a = args.get(0);
          return (row, root) -> a.eval(row, root) != null;
        }
        case IS_TRUE: {
          RowExpression a = args.get(0);
          return (row, root) -> Boolean.TRUE.equals(a.eval(row, root));
        }
        case IS_NOT_TRUE: {
          RowExpression a = args.get(0);
          return (row, root) -> !Boolean.TRUE.equals(a.eval(row, root));
        }
        case IS_FALSE: {
          RowExpression a = args.get(0);
          return (row, root) -> Boolean.FALSE.equals(a.eval(row, root));
        }
        case IS_NOT_FALSE: {
          RowExpression a = args.get(0);
          return (row, root) -> !Boolean.FALSE.equals(a.eval(row, root));
        }
        case EQUALS:
        case NOT_EQUALS:
        case LESS_THAN:
        case LESS_THAN_OR_EQUAL:
        case GREATER_THAN:
        case GREATER_THAN_OR_EQUAL:
          return comparison(kind, call.getOperands().get(0).getType(), call.getOperands().get(1).getType(),
              args.get(0), args.get(1));
        default:
          throw new Unsupported();
      }
    }

    private static RowExpression and(RowExpression[] args) {
      return (row, root) -> {
        boolean unknown = false;
        for (RowExpression a : args) {
          Object v = a.eval(row, root);
          if (v == null) {
            unknown = true;
          } else if (!(Boolean) v) {
            return false;
          }
        }
        return unknown ? null : Boolean.TRUE;
      };
    }

    private static RowExpression or(RowExpression[] args) {
      return (row, root) -> {
        boolean unknown = false;
        for (RowExpression a : args) {
          Object v = a.eval(row, root);
          if (v == null) {
            unknown = true;
          } else if ((Boolean) v) {
            return true;
          }
        }
        return unknown ? null : Boolean.FALSE;
      };
    }

    /** The families whose values compare with each other here. */
    private enum Family { EXACT, APPROXIMATE, TEXT, BOOLEAN, DATE, TIME, TIMESTAMP }

    private static Family family(RelDataType type) {
      SqlTypeName n = type.getSqlTypeName();
      switch (n) {
        case TINYINT:
        case SMALLINT:
        case INTEGER:
        case BIGINT:
        case DECIMAL:
          return Family.EXACT;
        case FLOAT:
        case REAL:
        case DOUBLE:
          return Family.APPROXIMATE;
        case CHAR:
        case VARCHAR:
          return Family.TEXT;
        case BOOLEAN:
          return Family.BOOLEAN;
        case DATE:
          return Family.DATE;
        case TIME:
          return Family.TIME;
        case TIMESTAMP:
          return Family.TIMESTAMP;
        default:
          return null;
      }
    }

    private static RowExpression comparison(SqlKind kind, RelDataType leftType, RelDataType rightType,
        RowExpression left, RowExpression right) throws Unsupported {
      Family f = family(leftType);
      if (f == null || f != family(rightType)) {
        throw new Unsupported();
      }
      Comparison c = switch (f) {
        case EXACT -> Compiler::compareExact;
        case APPROXIMATE -> Compiler::compareApproximate;
        case TEXT -> (a, b) -> ((String) a).compareTo((String) b);
        case BOOLEAN -> (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
        case DATE, TIME, TIMESTAMP -> (a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
      };
      return switch (kind) {
        case EQUALS -> test(left, right, c, r -> r == 0);
        case NOT_EQUALS -> test(left, right, c, r -> r != 0);
        case LESS_THAN -> test(left, right, c, r -> r < 0);
        case LESS_THAN_OR_EQUAL -> test(left, right, c, r -> r <= 0);
        case GREATER_THAN -> test(left, right, c, r -> r > 0);
        default -> test(left, right, c, r -> r >= 0);
      };
    }

    /** A three-way comparison of two non-null values; for approximate numbers, NaN compares as unordered. */
    private interface Comparison {
      int compare(Object a, Object b);
    }

    /** Unordered (a NaN): every comparison is false, as for Java's {@code double} operators. */
    private static final int UNORDERED = Integer.MIN_VALUE;

    private interface Outcome {
      boolean of(int comparison);
    }

    private static RowExpression test(RowExpression left, RowExpression right, Comparison c, Outcome o) {
      return (row, root) -> {
        Object a = left.eval(row, root);
        if (a == null) {
          return null;
        }
        Object b = right.eval(row, root);
        if (b == null) {
          return null;
        }
        int r = c.compare(a, b);
        return r != UNORDERED && o.of(r);
      };
    }

    private static int compareExact(Object a, Object b) {
      if (a instanceof BigDecimal || b instanceof BigDecimal) {
        return decimal(a).compareTo(decimal(b));
      }
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }

    private static BigDecimal decimal(Object v) {
      return v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
    }

    private static int compareApproximate(Object a, Object b) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return UNORDERED;
      }
      // as Java's operators: -0.0 equals 0.0
      return x < y ? -1 : x > y ? 1 : 0;
    }

    private static Object literal(RexLiteral literal) throws Unsupported {
      if (literal.isNull()) {
        return null;
      }
      Object v = literalValue(literal);
      if (v == null) {
        throw new Unsupported();
      }
      return v;
    }
  }
}

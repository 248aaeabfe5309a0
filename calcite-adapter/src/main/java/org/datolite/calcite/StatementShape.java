package org.datolite.calcite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.NlsString;

/**
 * A query with the literals of its simple comparisons taken out as parameters, so that texts
 * that differ only in those literals ({@code WHERE id = 5}, {@code WHERE id = 6}) share one plan.
 * The plan is made once per shape ({@link #key()}) and each text binds its own values.
 *
 * <p>Which literals, to keep the plan what the text's own would be:
 * <ul>
 *   <li>an integer or a plain character string (no charset or collation) compared
 *       ({@code = <> < <= > >=}) with a column, in a WHERE, HAVING or JOIN … ON condition, at its
 *       top level or under AND only (an OR of literal equalities becomes one index lookup of
 *       several keys, which parameters would not give), in the query and in the queries of its
 *       FROM clause, set operations and WITH;
 *   <li>nowhere else: not in the select list, GROUP BY, ORDER BY, LIMIT, IN lists, BETWEEN,
 *       LIKE patterns, function arguments or FOR SYSTEM_TIME AS OF, where a literal can decide a
 *       type, a lookup or an ordinal.
 * </ul>
 * A parameter takes the type of the column it is compared with; a shape whose parameter's type
 * is not the literal's kind (a number compared with a number, text with text) is not shared, and
 * a value that the parameter's type does not hold exactly (3,000,000,000 for an INTEGER column)
 * makes its text plan on its own, as it would without shapes.
 */
final class StatementShape {
  /** The system property that turns shapes off when {@code false}; read at planning. */
  static final String PROPERTY = "datolite.sql.shapes";

  private final String key;
  private final int ownParameters;
  private final List<SqlDynamicParam> lifted;
  private final List<SqlLiteral> literals;
  private final Lifter lifter;

  private StatementShape(String key, int ownParameters, Lifter lifter) {
    this.key = key;
    this.ownParameters = ownParameters;
    this.lifted = List.copyOf(lifter.params);
    this.literals = List.copyOf(lifter.literals);
    this.lifter = lifter;
  }

  /** Whether planning may share plans between texts (the system property is not {@code false}). */
  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
  }

  /**
   * Takes the literals out of a parsed query, changing it in place, or answers null (leaving it
   * as it was) if it has none to take out.
   */
  static StatementShape of(SqlNode query) {
    int own = ownParameters(query);
    Lifter lifter = new Lifter(own);
    lifter.query(query);
    if (lifter.params.isEmpty()) {
      return null;
    }
    String text;
    try {
      text = query.toString();
    } catch (RuntimeException e) {
      lifter.restore();
      return null;
    }
    // which parameter is which: `?` unparses the same for all of them
    StringBuilder key = new StringBuilder(text).append("\n-- parameters");
    query.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        key.append(' ').append(param.getIndex());
        return null;
      }
    });
    return new StatementShape(key.toString(), own, lifter);
  }

  /** Puts the literals back into the query (to plan it as written). */
  void restore() {
    lifter.restore();
  }

  /** What identifies the shape: the query's text with parameters, and the order of their indexes. */
  String key() {
    return key;
  }

  /** The parameters of the text itself (the first indexes). */
  int ownParameters() {
    return ownParameters;
  }

  /** The parameters that stand for literals, at indexes {@link #ownParameters()} on. */
  List<SqlDynamicParam> lifted() {
    return lifted;
  }

  /**
   * The literals' values as the shape's parameters read them (internal form), or null if one
   * does not fit its parameter's type exactly.
   *
   * @param types the types validation gave the parameters, by index (the text's own first)
   */
  Object[] values(List<ParameterInfo> types) {
    Object[] out = new Object[literals.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = value(literals.get(k), types.get(ownParameters + k));
      if (out[k] == null) {
        return null;
      }
    }
    return out;
  }

  /** Whether a parameter of this type can stand for the literal taken out at position {@code k}. */
  boolean accepts(int k, ParameterInfo type) {
    SqlLiteral literal = literals.get(k);
    return switch (type.type()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT, REAL, DOUBLE -> literal instanceof SqlNumericLiteral;
      case CHAR, VARCHAR -> literal instanceof SqlCharStringLiteral;
      default -> false;
    };
  }

  private static Object value(SqlLiteral literal, ParameterInfo type) {
    if (literal instanceof SqlCharStringLiteral s) {
      return switch (type.type()) {
        case CHAR, VARCHAR -> s.getValueAs(NlsString.class).getValue();
        default -> null;
      };
    }
    BigDecimal v = ((SqlNumericLiteral) literal).getValueAs(BigDecimal.class);
    try {
      return switch (type.type()) {
        case TINYINT -> v.byteValueExact();
        case SMALLINT -> v.shortValueExact();
        case INTEGER -> v.intValueExact();
        case BIGINT -> v.longValueExact();
        case DECIMAL -> v.precision() - v.scale() <= type.precision() - type.scale() ? v : null;
        case FLOAT, DOUBLE -> v.abs().compareTo(BigDecimal.valueOf(1L << 53)) <= 0 ? (Object) v.doubleValue() : null;
        case REAL -> v.abs().compareTo(BigDecimal.valueOf(1L << 24)) <= 0 ? (Object) v.floatValue() : null;
        default -> null;
      };
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static int ownParameters(SqlNode query) {
    int[] max = {-1};
    query.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        max[0] = Math.max(max[0], param.getIndex());
        return null;
      }
    });
    return max[0] + 1;
  }

  /** Walks the queries of a statement and replaces the literals of their conditions' comparisons. */
  private static final class Lifter {
    private static final Set<SqlKind> COMPARISONS = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
        SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);
    private final int first;
    final List<SqlDynamicParam> params = new ArrayList<>();
    final List<SqlLiteral> literals = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();

    Lifter(int first) {
      this.first = first;
    }

    void restore() {
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
    }

    void query(SqlNode n) {
      if (n instanceof SqlSelect s) {
        from(s.getFrom());
        condition(s.getWhere());
        condition(s.getHaving());
      } else if (n instanceof SqlOrderBy o) {
        query(o.query);
      } else if (n instanceof SqlWith w) {
        for (SqlNode item : w.withList) {
          query(((SqlWithItem) item).query);
        }
        query(w.body);
      } else if (n instanceof SqlCall c && (c.getKind() == SqlKind.UNION || c.getKind() == SqlKind.INTERSECT
          || c.getKind() == SqlKind.EXCEPT)) {
        for (SqlNode o : c.getOperandList()) {
          query(o);
        }
      }
    }

    private void from(SqlNode n) {
      if (n instanceof SqlJoin j) {
        from(j.getLeft());
        from(j.getRight());
        condition(j.getCondition());
      } else if (n instanceof SqlCall c && c.getKind() == SqlKind.AS) {
        from(c.operand(0));
      } else {
        query(n);
      }
    }

    private void condition(SqlNode n) {
      if (!(n instanceof SqlBasicCall call)) {
        return;
      }
      SqlKind kind = call.getKind();
      if (kind == SqlKind.AND) {
        for (SqlNode o : call.getOperandList()) {
          condition(o);
        }
        return;
      }
      if (!COMPARISONS.contains(kind) || call.operandCount() != 2) {
        return;
      }
      SqlNode left = call.operand(0);
      SqlNode right = call.operand(1);
      if (left instanceof SqlIdentifier && liftable(right)) {
        lift(call, 1);
      } else if (right instanceof SqlIdentifier && liftable(left)) {
        lift(call, 0);
      }
    }

    private static boolean liftable(SqlNode n) {
      if (n instanceof SqlNumericLiteral num) {
        BigDecimal v = num.getValueAs(BigDecimal.class);
        return num.isExact() && v.scale() <= 0;
      }
      if (n instanceof SqlCharStringLiteral s) {
        NlsString nls = s.getValueAs(NlsString.class);
        return nls.getCharsetName() == null && nls.getCollation() == null;
      }
      return false;
    }

    private void lift(SqlBasicCall call, int operand) {
      SqlLiteral literal = (SqlLiteral) call.operand(operand);
      SqlDynamicParam p = new SqlDynamicParam(first + params.size(), literal.getParserPosition());
      call.setOperand(operand, p);
      undo.add(() -> call.setOperand(operand, literal));
      params.add(p);
      literals.add(literal);
    }
  }
}

package org.datolite.calcite.rel;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.exec.LookupRank;
import org.datolite.calcite.exec.Operand;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.DatomsTableModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.model.TransactionsTableModel;
import org.datolite.value.ValueType;

/**
 * Chooses how a scan finds its rows from the conjuncts of the filter above it: an id equality
 * or {@code IN} first (EAVT), then a value equality or {@code IN} on a unique attribute, then on
 * any attribute (AVET), then a range ({@code <}, {@code BETWEEN}, {@code LIKE 'x%'}) on an id or
 * a value. Keys are literals or {@code ?} parameters. The filter stays above the scan, so a
 * lookup only narrows; conditions it cannot use cost nothing. The exceptions: a lookup that finds
 * exactly the rows its conjunct accepts takes that conjunct out of the filter ({@code DB_ID IN
 * (…)} of a thousand ids would otherwise be tested against each row it found). Those are the id
 * lookups, and value lookups by equality or {@code IN} on a text, integer, boolean or (non-enum)
 * ref column with keys written as literals or bare parameters, whose stored form compares as SQL
 * compares them.
 */
final class ScanKeys {
  private ScanKeys() {}

  /**
   * An access, and the conjunct it makes redundant (the rows it finds are exactly those the
   * conjunct accepts), or null when the filter must still test them all.
   */
  record Choice(Access access, RexNode exact) {}

  /** The best access for a filter over a scan reading {@code columns} of {@code table}, or null. */
  static Choice choose(RexNode condition, TableModel table, int[] columns) {
    if (table instanceof DatomsTableModel
        || table instanceof TransactionsTableModel) {
      return null;
    }
    Access best = null;
    RexNode bestConjunct = null;
    boolean bestExact = false;
    int bestRank = Integer.MAX_VALUE;
    // One-sided ranges by column, so that `x >= ? AND x <= ?` becomes one bounded range.
    Map<Integer, Access.Range> ranges = new HashMap<>();
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      Candidate k = candidate(c, table, columns);
      if (k == null) {
        continue;
      }
      if (k.access instanceof Access.Range r) {
        Access.Range both = ranges.merge(r.column(), r, ScanKeys::intersect);
        if (both.low() != null && both.high() != null) {
          k = new Candidate(both, LookupRank.range(table.columns().get(r.column()), true));
        }
      }
      if (k.rank < bestRank) {
        best = k.access;
        bestConjunct = c;
        bestRank = k.rank;
        bestExact = k.exact;
      }
    }
    return best == null ? null : new Choice(best, bestExact ? bestConjunct : null);
  }

  /** Two ranges over one column as one: each end taken from whichever has it (the filter above checks both). */
  private static Access.Range intersect(Access.Range a, Access.Range b) {
    Access.Range low = a.low() != null ? a : b;
    Access.Range high = a.high() != null ? a : b;
    return new Access.Range(a.column(), low.low(), low.lowInclusive(), high.high(), high.highInclusive());
  }

  /** An access from one conjunct; {@code exact}: it finds exactly the rows the conjunct accepts. */
  private record Candidate(Access access, int rank, boolean exact) {
    Candidate(Access access, int rank) {
      this(access, rank, false);
    }
  }

  private static Candidate candidate(RexNode c, TableModel table, int[] columns) {
    if (!(c instanceof RexCall call)) {
      return null;
    }
    SqlKind kind = call.getKind();
    if (kind == SqlKind.LIKE && call.getOperands().size() == 2) {
      Integer col = column(call.getOperands().get(0), columns);
      if (col != null && call.getOperands().get(1) instanceof RexLiteral lit && isText(table.columns().get(col))) {
        String pattern = lit.getValueAs(String.class);
        String prefix = likePrefix(pattern);
        if (prefix != null && !prefix.isEmpty()) {
          String next = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
          return rank(table, col, new Access.Range(col, Operand.literal(prefix), true, Operand.literal(next), false), true);
        }
      }
      return null;
    }
    if (kind == SqlKind.SEARCH) {
      Integer col = column(call.getOperands().get(0), columns);
      if (col == null || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
        return null;
      }
      Sarg<?> sarg = lit.getValueAs(Sarg.class);
      if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE) {
        return null;
      }
      if (sarg.isPoints()) {
        List<Operand> values = new ArrayList<>();
        for (Range<?> r : sarg.rangeSet.asRanges()) {
          Object v = internal(r.lowerEndpoint());
          if (v == null) {
            return null;
          }
          values.add(Operand.literal(v));
        }
        return equality(table, col, values, true);
      }
      if (sarg.rangeSet.asRanges().size() == 1) {
        Range<?> r = sarg.rangeSet.asRanges().iterator().next();
        Operand low = r.hasLowerBound() ? Operand.literal(internal(r.lowerEndpoint())) : null;
        Operand high = r.hasUpperBound() ? Operand.literal(internal(r.upperEndpoint())) : null;
        if (low != null && low.literal() == null || high != null && high.literal() == null) {
          return null;
        }
        return rank(table, col, new Access.Range(col, low,
            r.hasLowerBound() && r.lowerBoundType() == BoundType.CLOSED, high,
            r.hasUpperBound() && r.upperBoundType() == BoundType.CLOSED), true);
      }
      return null;
    }
    if (call.getOperands().size() != 2) {
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    Integer col = column(left, columns);
    RexNode key = right;
    Operand value = operand(right);
    if (col == null || value == null) {
      col = column(right, columns);
      key = left;
      value = operand(left);
      kind = kind.reverse();
      if (col == null || value == null) {
        return null;
      }
    }
    return switch (kind) {
      // a cast key (`CAST(? AS INTEGER)`) converts otherwise than the lookup's keys: not exact
      case EQUALS -> equality(table, col, List.of(value), key instanceof RexDynamicParam || key instanceof RexLiteral);
      case LESS_THAN -> rank(table, col, new Access.Range(col, null, false, value, false), true);
      case LESS_THAN_OR_EQUAL -> rank(table, col, new Access.Range(col, null, false, value, true), true);
      case GREATER_THAN -> rank(table, col, new Access.Range(col, value, false, null, false), true);
      case GREATER_THAN_OR_EQUAL -> rank(table, col, new Access.Range(col, value, true, null, false), true);
      default -> null;
    };
  }

  /**
   * An equality or {@code IN} on a column: an id lookup (always exact), or a value lookup, exact
   * when its keys are literals or bare parameters ({@code plainKeys}) and
   * {@link LookupRank#exactEquality} says so for the column.
   */
  private static Candidate equality(TableModel table, int col, List<Operand> values, boolean plainKeys) {
    Column c = table.columns().get(col);
    if (c.kind() == ColumnKind.ENTITY_ID || c.kind() == ColumnKind.OWNER_ID) {
      return new Candidate(new Access.Ids(values), LookupRank.equality(c), true);
    }
    Candidate k = rank(table, col, new Access.Equal(col, values), false);
    return k == null ? null : new Candidate(k.access(), k.rank(), plainKeys && LookupRank.exactEquality(c));
  }

  /** A lookup's candidate, ranked by {@link LookupRank} (a range as one-sided); null if it is no lookup. */
  private static Candidate rank(TableModel table, int col, Access access, boolean range) {
    Column c = table.columns().get(col);
    int rank = range ? LookupRank.range(c, false) : LookupRank.equality(c);
    return rank == LookupRank.NONE ? null : new Candidate(access, rank);
  }

  /** The table position of a column reference over the scan's output, or null. */
  private static Integer column(RexNode n, int[] columns) {
    if (n instanceof RexInputRef ref) {
      return columns[ref.getIndex()];
    }
    return null;
  }

  /** A key: a literal (internal form) or a parameter, possibly cast; else null. */
  private static Operand operand(RexNode n) {
    if (n instanceof RexDynamicParam p) {
      return Operand.parameter(p.getIndex());
    }
    if (n instanceof RexLiteral lit) {
      Object v = literal(lit);
      return v == null ? null : Operand.literal(v);
    }
    if (n.getKind() == SqlKind.CAST && ((RexCall) n).getOperands().get(0) instanceof RexDynamicParam p
        && n.getType().getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
      return Operand.parameter(p.getIndex());
    }
    return null;
  }

  private static Object literal(RexLiteral lit) {
    if (lit.isNull()) {
      return null;
    }
    SqlTypeName t = lit.getTypeName();
    return switch (t.getFamily() == null ? SqlTypeFamily.ANY : t.getFamily()) {
      case CHARACTER -> lit.getValueAs(String.class);
      case NUMERIC, EXACT_NUMERIC, APPROXIMATE_NUMERIC -> lit.getValueAs(BigDecimal.class);
      case BOOLEAN -> lit.getValueAs(Boolean.class);
      case TIMESTAMP -> lit.getValueAs(Long.class);
      default -> null;
    };
  }

  private static Object internal(Comparable<?> c) {
    if (c instanceof NlsString s) {
      return s.getValue();
    }
    if (c instanceof BigDecimal || c instanceof Boolean) {
      return c;
    }
    if (c instanceof TimestampString ts) {
      return ts.getMillisSinceEpoch();
    }
    return null;
  }

  private static boolean isText(Column c) {
    return c.type() == ValueType.STRING;
  }

  /** The fixed prefix of a LIKE pattern ending in a single {@code %}, or null. */
  static String likePrefix(String pattern) {
    if (pattern == null || !pattern.endsWith("%")) {
      return null;
    }
    String prefix = pattern.substring(0, pattern.length() - 1);
    if (prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
      return null;
    }
    char last = prefix.isEmpty() ? 0 : prefix.charAt(prefix.length() - 1);
    return last == Character.MAX_VALUE || Character.isSurrogate(last) ? null : prefix;
  }
}

package org.datolite.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;

/**
 * Turns a hash join one of whose sides is a whole Datolite table into a {@link DatoliteLookupJoin}
 * when looking that table's rows up by the other side's keys reads less than scanning it: a join
 * along a ref from a few rows reads a few entities, not the table. Runs after join ordering, on
 * the physical plan; the inner side may be the table's scan or a projection of its columns.
 */
@SuppressWarnings("deprecation") // RelOptRule's operand builders: no Immutables processor in this build
public final class LookupJoinRule extends RelOptRule {
  /** The rule. */
  public static final LookupJoinRule INSTANCE = new LookupJoinRule();

  /**
   * A diagnostic switch (a system property read at planning): {@code always} makes every join
   * that can be a lookup join one, {@code never} none; unset or {@code auto}, the estimated cost
   * decides. Tests use it to run the same queries both ways.
   */
  public static final String MODE_PROPERTY = "datolite.sql.lookupJoins";

  /** Index lookups per outer row cost about this many rows of a scan. */
  static final double LOOKUP_COST = 4;

  private LookupJoinRule() {
    super(operand(EnumerableHashJoin.class, any()), "DatoliteLookupJoin");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    String mode = System.getProperty(MODE_PROPERTY, "auto");
    if (mode.equals("never")) {
      return;
    }
    Join join = call.rel(0);
    JoinRelType type = join.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.SEMI
        && type != JoinRelType.ANTI) {
      return;
    }
    // only keys compared with '=' (IS NOT DISTINCT FROM, where NULL meets NULL, stays in the rest)
    JoinInfo info = JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.getCondition());
    if (info.leftKeys.isEmpty()) {
      return;
    }
    boolean residual = info.leftKeys.size() > 1 || !info.nonEquiConditions.isEmpty();
    if (residual && type != JoinRelType.INNER) {
      return;
    }
    RelMetadataQuery mq = call.getMetadataQuery();
    boolean always = mode.equals("always");
    RelNode result = lookup(join, info, false, mq, always);
    if (result == null && type == JoinRelType.INNER) {
      result = lookup(join, info, true, mq, always);
    }
    if (result != null) {
      call.transformTo(result);
    }
  }

  /**
   * The join as a lookup into its right side (or its left, {@code swapped}, for an inner join), or
   * null when that side is not a whole table or a scan of it is cheaper.
   */
  private static RelNode lookup(Join join, JoinInfo info, boolean swapped, RelMetadataQuery mq, boolean always) {
    RelNode outer = unwrap(swapped ? join.getRight() : join.getLeft());
    DatoliteScan inner = innerScan(unwrap(swapped ? join.getLeft() : join.getRight()));
    if (inner == null) {
      return null;
    }
    List<Integer> outerKeys = swapped ? info.rightKeys : info.leftKeys;
    List<Integer> innerKeys = swapped ? info.leftKeys : info.rightKeys;
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int k = 0; k < innerKeys.size(); k++) {
      int rank = keyRank(inner, innerKeys.get(k), outer.getRowType().getFieldList().get(outerKeys.get(k)).getType()
          .getSqlTypeName() == inner.getRowType().getFieldList().get(innerKeys.get(k)).getType().getSqlTypeName());
      if (rank < bestRank) {
        best = k;
        bestRank = rank;
      }
    }
    if (best < 0 || bestRank == Integer.MAX_VALUE) {
      return null;
    }
    DatoliteLookupJoin lookup = new DatoliteLookupJoin(join.getTraitSet(), outer, inner, outerKeys.get(best),
        innerKeys.get(best), join.getJoinType());
    double outerRows = mq.getRowCount(outer);
    double scanRows = Math.max(1, inner.datoliteTable().rowCount());
    if (!always && outerRows * (LOOKUP_COST + lookup.fanout()) >= scanRows) {
      return null;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RelNode joined = lookup;
    if (swapped) { // back to the join's field order: the table's fields, then the outer's
      int outerWidth = outer.getRowType().getFieldCount();
      int innerWidth = inner.getRowType().getFieldCount();
      List<RexNode> fields = new ArrayList<>();
      for (int i = 0; i < innerWidth; i++) {
        fields.add(rex.makeInputRef(lookup, outerWidth + i));
      }
      for (int i = 0; i < outerWidth; i++) {
        fields.add(rex.makeInputRef(lookup, i));
      }
      joined = EnumerableProject.create(lookup, fields, join.getRowType());
    }
    List<RexNode> rest = new ArrayList<>(info.nonEquiConditions);
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    for (int k = 0; k < info.leftKeys.size(); k++) {
      if (k != best) {
        rest.add(rex.makeCall(SqlStdOperatorTable.EQUALS,
            rex.makeInputRef(joined, info.leftKeys.get(k)),
            rex.makeInputRef(joined, leftWidth + info.rightKeys.get(k))));
      }
    }
    if (rest.isEmpty()) {
      return joined;
    }
    return new EnumerableFilter(join.getCluster(), joined.getTraitSet(), joined,
        RexUtil.composeConjunction(rex, rest));
  }

  /**
   * How good a column is as a lookup key, lower is better: an entity id, a unique value, another
   * value; {@link Integer#MAX_VALUE} when it cannot be looked up (the outer key's type differs).
   */
  private static int keyRank(DatoliteScan scan, int field, boolean sameType) {
    if (!sameType) {
      return Integer.MAX_VALUE;
    }
    Column c = scan.model().columns().get(scan.columns()[field]);
    if (c.kind() == ColumnKind.ENTITY_ID || c.kind() == ColumnKind.OWNER_ID) {
      return 0;
    }
    if (c.kind() != ColumnKind.ATTRIBUTE && c.kind() != ColumnKind.VALUE || c.attribute() == null) {
      return Integer.MAX_VALUE;
    }
    return c.attribute().isUnique() ? 1 : 2;
  }

  /** A whole entity or child table read by a scan, narrowed to a projection of its fields; else null. */
  private static DatoliteScan innerScan(RelNode rel) {
    if (rel instanceof DatoliteScan s) {
      return whole(s) ? s : null;
    }
    if (rel instanceof EnumerableProject p && unwrap(p.getInput()) instanceof DatoliteScan s && whole(s)) {
      int[] columns = s.columns();
      int[] picked = new int[p.getProjects().size()];
      for (int i = 0; i < picked.length; i++) {
        if (!(p.getProjects().get(i) instanceof RexInputRef ref)) {
          return null;
        }
        picked[i] = columns[ref.getIndex()];
      }
      return s.withColumns(picked);
    }
    return null;
  }

  private static boolean whole(DatoliteScan s) {
    return s.access() instanceof Access.Full
        && (s.model() instanceof EntityTableModel || s.model() instanceof ChildTableModel);
  }

  private static RelNode unwrap(RelNode rel) {
    return rel instanceof HepRelVertex v ? v.getCurrentRel() : rel;
  }
}

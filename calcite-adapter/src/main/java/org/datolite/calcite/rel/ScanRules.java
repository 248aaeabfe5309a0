package org.datolite.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlKind;
import org.datolite.DatoliteException;
import org.datolite.calcite.exec.AsOf;
import org.datolite.calcite.exec.Operand;
import org.datolite.error.SqlState;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;
import org.datolite.calcite.exec.Access;

/**
 * The rewrites that shape a scan: a filter's keys become its lookup ({@link ScanKeys}), and a
 * projection (with a filter between) narrows the columns it reads.
 */
@SuppressWarnings("deprecation") // RelOptRule's operand builders: no Immutables processor in this build
public final class ScanRules {
  private ScanRules() {}

  /**
   * Filter over a full scan: the scan gets the filter's best lookup; the filter stays, less the
   * conjunct an id lookup answers exactly.
   */
  public static final RelOptRule FILTER_LOOKUP = new RelOptRule(
      RelOptRule.operand(LogicalFilter.class, RelOptRule.operand(DatoliteScan.class, RelOptRule.none())),
      "DatoliteFilterLookup") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      DatoliteScan scan = call.rel(1);
      if (!(scan.access() instanceof Access.Full)) {
        return;
      }
      ScanKeys.Choice choice = ScanKeys.choose(filter.getCondition(), scan.model(), scan.columns());
      if (choice == null) {
        return;
      }
      DatoliteScan found = scan.withAccess(choice.access());
      if (choice.exact() == null) {
        call.transformTo(filter.copy(filter.getTraitSet(), found, filter.getCondition()));
        return;
      }
      List<RexNode> rest = new ArrayList<>(RelOptUtil.conjunctions(filter.getCondition()));
      rest.remove(choice.exact());
      RexNode condition = RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), rest, true);
      call.transformTo(condition == null ? found : filter.copy(filter.getTraitSet(), found, condition));
    }
  };

  /** A snapshot over a scan ({@code FOR SYSTEM_TIME AS OF}): the scan reads that point in time. */
  public static final RelOptRule SNAPSHOT = new RelOptRule(
      RelOptRule.operand(LogicalSnapshot.class, RelOptRule.operand(DatoliteScan.class, RelOptRule.none())),
      "DatoliteSnapshot") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSnapshot snapshot = call.rel(0);
      DatoliteScan scan = call.rel(1);
      call.transformTo(scan.withAsOf(asOf(snapshot.getPeriod())));
    }
  };

  /** The point in time of a period: a TIMESTAMP literal or {@code CAST(? AS TIMESTAMP)}, or BASIS_T of either. */
  static AsOf asOf(RexNode period) {
    RexNode p = period;
    boolean t = false;
    if (p instanceof RexCall c && c.getOperator() == AsOfT.BASIS_T) {
      t = true;
      p = c.getOperands().get(0);
    }
    while (p.getKind() == SqlKind.CAST) {
      p = ((RexCall) p).getOperands().get(0);
    }
    if (p instanceof RexDynamicParam d) {
      return new AsOf(Operand.parameter(d.getIndex()), t);
    }
    if (p instanceof RexLiteral l && !l.isNull()) {
      Object v = t ? l.getValueAs(Long.class) : l.getValueAs(Long.class);
      return new AsOf(Operand.literal(v), t);
    }
    throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "FOR SYSTEM_TIME AS OF takes a TIMESTAMP literal, "
        + "CAST(? AS TIMESTAMP) or BASIS_T(n); got " + period);
  }

  /** Project over a scan: the scan reads only the columns the projection uses. */
  public static final RelOptRule PROJECT_COLUMNS = new RelOptRule(
      RelOptRule.operand(LogicalProject.class, RelOptRule.operand(DatoliteScan.class, RelOptRule.none())),
      "DatoliteProjectColumns") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      DatoliteScan scan = call.rel(1);
      ImmutableBitSet used = RelOptUtilAccess.inputsUsed(project.getProjects(), null);
      Mapping m = narrowing(scan, used);
      if (m == null) {
        return;
      }
      DatoliteScan narrowed = narrowed(scan, m);
      List<RexNode> exprs = RexPermuteInputsShuttle.of(m).visitList(project.getProjects());
      call.transformTo(project.copy(project.getTraitSet(), narrowed, exprs, project.getRowType()));
    }
  };

  /** Project over a filter over a scan: the scan reads only the columns either uses. */
  public static final RelOptRule PROJECT_FILTER_COLUMNS = new RelOptRule(
      RelOptRule.operand(LogicalProject.class, RelOptRule.operand(LogicalFilter.class,
          RelOptRule.operand(DatoliteScan.class, RelOptRule.none()))),
      "DatoliteProjectFilterColumns") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      Filter filter = call.rel(1);
      DatoliteScan scan = call.rel(2);
      ImmutableBitSet used = RelOptUtilAccess.inputsUsed(project.getProjects(), filter.getCondition());
      Mapping m = narrowing(scan, used);
      if (m == null) {
        return;
      }
      DatoliteScan narrowed = narrowed(scan, m);
      RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(m);
      RelNode newFilter = filter.copy(filter.getTraitSet(), narrowed, filter.getCondition().accept(shuttle));
      call.transformTo(project.copy(project.getTraitSet(), newFilter, shuttle.visitList(project.getProjects()),
          project.getRowType()));
    }
  };

  /** The rules, in the order the rewrite phase runs them. */
  public static List<RelOptRule> all() {
    return List.of(SNAPSHOT, FILTER_LOOKUP, PROJECT_FILTER_COLUMNS, PROJECT_COLUMNS);
  }

  /** The mapping from the scan's fields to the used ones, or null if all are used. */
  private static Mapping narrowing(DatoliteScan scan, ImmutableBitSet used) {
    int n = scan.getRowType().getFieldCount();
    ImmutableBitSet keep = used.isEmpty() ? ImmutableBitSet.of(0) : used;
    if (keep.cardinality() == n) {
      return null;
    }
    Mapping m = Mappings.create(MappingType.INVERSE_SURJECTION, n, keep.cardinality());
    int j = 0;
    for (int i : keep) {
      m.set(i, j++);
    }
    return m;
  }

  private static DatoliteScan narrowed(DatoliteScan scan, Mapping m) {
    int[] old = scan.columns();
    List<Integer> cols = new ArrayList<>();
    for (int i = 0; i < old.length; i++) {
      if (m.getTargetOpt(i) >= 0) {
        cols.add(old[i]);
      }
    }
    // Access keeps table positions, so it survives the narrowing unchanged.
    return scan.withColumns(cols.stream().mapToInt(Integer::intValue).toArray());
  }

  static final class RelOptUtilAccess {
    private RelOptUtilAccess() {}

    static ImmutableBitSet inputsUsed(List<RexNode> exprs, RexNode condition) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (RexNode e : exprs) {
        b.addAll(RelOptUtil.InputFinder.bits(e));
      }
      if (condition != null) {
        b.addAll(RelOptUtil.InputFinder.bits(condition));
      }
      return b.build();
    }
  }
}

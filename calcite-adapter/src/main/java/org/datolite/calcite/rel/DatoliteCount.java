package org.datolite.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.exec.AsOf;
import org.datolite.calcite.exec.Scans;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.TableModel;

/**
 * {@code SELECT COUNT(*) FROM t} answered from the index: a child table's rows are its
 * attribute's datoms (unless only member owners' values are rows) (an O(log n) count over persisted segments), an entity table's rows the
 * distinct entities of its member attributes' AEVT runs (one attribute: its count; several: a
 * merge of entity ids that builds no rows). The count is taken at each execution from the
 * statement's database value, at its point in time.
 */
public final class DatoliteCount extends AbstractRelNode implements EnumerableRel {
  private final DatoliteScan scan;

  DatoliteCount(RelOptCluster cluster, RelTraitSet traits, DatoliteScan scan, RelDataType rowType) {
    super(cluster, traits);
    this.scan = scan;
    this.rowType = rowType;
  }

  /** An aggregate of only {@code COUNT(*)}, no grouping, over a whole table (through a calc without a condition). */
  @SuppressWarnings("deprecation") // RelOptRule's operand builders: no Immutables processor in this build
  public static final RelOptRule RULE = new RelOptRule(RelOptRule.operand(EnumerableAggregate.class, RelOptRule.any()),
      "DatoliteCount") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      Aggregate agg = call.rel(0);
      if (!agg.getGroupSet().isEmpty() || agg.getAggCallList().size() != 1) {
        return;
      }
      AggregateCall c = agg.getAggCallList().get(0);
      if (c.getAggregation().getKind() != SqlKind.COUNT || !c.getArgList().isEmpty() || c.isDistinct()
          || c.filterArg >= 0) {
        return;
      }
      RelNode input = unwrap(agg.getInput());
      if (input instanceof EnumerableCalc calc && calc.getProgram().getCondition() == null) {
        input = unwrap(calc.getInput());
      }
      // a child table whose values count only under member owners (ownerMembers) reads its rows
      if (input instanceof DatoliteScan s && s.access() instanceof Access.Full
          && (s.model() instanceof EntityTableModel
              || s.model() instanceof ChildTableModel child && child.ownerMembers().isEmpty())) {
        call.transformTo(new DatoliteCount(agg.getCluster(), agg.getTraitSet(), s, agg.getRowType()));
      }
    }
  };

  private static RelNode unwrap(RelNode rel) {
    return rel instanceof HepRelVertex v ? v.getCurrentRel() : rel;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DatoliteCount(getCluster(), traitSet, scan, rowType);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return 1;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    RelWriter w = super.explainTerms(pw).item("table", scan.getTable().getQualifiedName())
        .item("index", "AEVT counts");
    return scan.asOf() == null ? w : w.item("asOf", scan.asOf());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    TableModel table = scan.model();
    return implementor.result(physType, Blocks.toBlock(Expressions.call(Scans.class, "count",
        implementor.getRootExpression(), implementor.stash(table, TableModel.class),
        scan.asOf() == null ? Expressions.constant(null, AsOf.class) : implementor.stash(scan.asOf(), AsOf.class))));
  }
}

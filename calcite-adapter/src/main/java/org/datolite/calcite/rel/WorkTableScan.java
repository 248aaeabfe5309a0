package org.datolite.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
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
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.schema.TransientTable;
import org.datolite.calcite.exec.WorkTables;

/**
 * The scan of a {@code WITH RECURSIVE} query's working table (the rows the previous round
 * produced): read from the execution's own schema by name, where the recursion put it, and
 * checking the statement's timeout and cancellation each round, so that a recursion that never
 * ends still stops. (Calcite's own enumerable scan cannot read a transient table.)
 */
public final class WorkTableScan extends TableScan implements EnumerableRel {
  /** LogicalTableScan of a transient table → this. */
  @SuppressWarnings("deprecation") // RelOptRule's operand builders: no Immutables processor in this build
  public static final RelOptRule RULE = new RelOptRule(RelOptRule.operand(LogicalTableScan.class, RelOptRule.none()),
      "DatoliteWorkTableScan") {
    @Override
    public boolean matches(RelOptRuleCall call) {
      return ((TableScan) call.rel(0)).getTable().unwrap(TransientTable.class) != null;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      TableScan scan = call.rel(0);
      call.transformTo(new WorkTableScan(scan.getCluster(),
          scan.getTraitSet().replace(EnumerableConvention.INSTANCE), scan.getTable()));
    }
  };

  WorkTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table) {
    super(cluster, traits, List.of(), table);
  }

  /**
   * The rows of one round: a recursion's frontier, typically small against the tables it joins
   * (and unknown when planning), so that a join from it looks rows up rather than reading a table
   * each round.
   */
  static final double ROUND_ROWS = 10;

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return ROUND_ROWS;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new WorkTableScan(getCluster(), traitSet, getTable());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    List<String> name = getTable().getQualifiedName();
    return implementor.result(physType, Blocks.toBlock(Expressions.call(WorkTables.class, "scan",
        implementor.getRootExpression(), Expressions.constant(name.get(name.size() - 1)),
        Expressions.constant(physType.getFormat() == JavaRowFormat.SCALAR))));
  }
}

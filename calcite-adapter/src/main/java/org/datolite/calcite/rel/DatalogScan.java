package org.datolite.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.datolite.calcite.exec.DatalogRows;
import org.datolite.calcite.exec.DatalogSpec;

/**
 * {@code DATALOG(…)} in a plan: runs the query on the statement's database value when executed
 * (its own operator, so that the plan does not look the table up by the function's name).
 */
public final class DatalogScan extends TableScan implements EnumerableRel {
  /** A guess for the planner: Datalog results are usually small next to tables. */
  static final double ESTIMATED_ROWS = 100;

  private final DatalogSpec spec;

  public DatalogScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, DatalogSpec spec) {
    super(cluster, traits, List.of(), table);
    this.spec = spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DatalogScan(getCluster(), traitSet, getTable(), spec);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("datalog", spec.query()).itemIf("inputs", spec.inputs(), !spec.inputs().isEmpty());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return ESTIMATED_ROWS;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(ESTIMATED_ROWS, ESTIMATED_ROWS, ESTIMATED_ROWS);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    DatalogSpec run = spec.withScalar(physType.getFormat() == JavaRowFormat.SCALAR);
    Expression stashed = implementor.stash(run, DatalogSpec.class);
    Expression call = Expressions.call(DatalogRows.class, "scan", implementor.getRootExpression(), stashed);
    return implementor.result(physType, Blocks.toBlock(call));
  }
}

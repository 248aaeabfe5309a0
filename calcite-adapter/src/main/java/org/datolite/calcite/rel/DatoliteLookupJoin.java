package org.datolite.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.datolite.calcite.exec.LookupJoins;
import org.datolite.calcite.exec.LookupSpec;
import org.datolite.calcite.exec.ScanSpec;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;

/**
 * A join that looks the inner table's rows up by the outer rows' keys instead of reading the
 * whole inner table: a batch of outer rows at a time, their distinct keys one index lookup (by
 * entity id, or by value in AVET). This is how a join along a ref runs: {@code teller JOIN
 * branch ON branch.DB_ID = teller.BRANCH} reads only the branches the tellers name, and {@code
 * branch JOIN account ON account.BRANCH = branch.DB_ID} only the accounts of those branches.
 *
 * <p>The inner side is a full {@link DatoliteScan} (its table, columns and point in time); its
 * access is replaced by each batch's keys. Join types: INNER, LEFT, SEMI and ANTI, on one key
 * compared with {@code =}.
 */
public final class DatoliteLookupJoin extends SingleRel implements EnumerableRel {
  private final DatoliteScan inner;
  private final int leftKey;
  private final int rightKey;
  private final JoinRelType joinType;

  /**
   * @param left the outer rows
   * @param inner the scan whose rows are looked up
   * @param leftKey the outer key field
   * @param rightKey the key's position among the scan's fields
   */
  public DatoliteLookupJoin(RelTraitSet traits, RelNode left, DatoliteScan inner, int leftKey, int rightKey,
      JoinRelType joinType) {
    super(left.getCluster(), traits, left);
    this.inner = inner;
    this.leftKey = leftKey;
    this.rightKey = rightKey;
    this.joinType = joinType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DatoliteLookupJoin(traitSet, inputs.get(0), inner, leftKey, rightKey, joinType);
  }

  @Override
  protected RelDataType deriveRowType() {
    return SqlValidatorUtil.deriveJoinRowType(getInput().getRowType(), inner.getRowType(), joinType,
        getCluster().getTypeFactory(), null, List.of());
  }

  private Column keyColumn() {
    return inner.model().columns().get(inner.columns()[rightKey]);
  }

  /** Whether the inner key is an entity id (read through EAVT) rather than a value (AVET). */
  private boolean byId() {
    ColumnKind k = keyColumn().kind();
    return k == ColumnKind.ENTITY_ID || k == ColumnKind.OWNER_ID;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    String[] names = new String[inner.columns().length];
    for (int i = 0; i < names.length; i++) {
      names[i] = inner.model().columns().get(inner.columns()[i]).name();
    }
    RelWriter w = super.explainTerms(pw)
        .item("table", inner.getTable().getQualifiedName())
        .item("index", byId() ? "EAVT" : "AVET")
        .item("key", getInput().getRowType().getFieldNames().get(leftKey) + " = " + inner.model().name() + "."
            + keyColumn().name())
        .item("columns", List.of(names))
        .item("joinType", joinType.lowerName);
    return inner.asOf() == null ? w : w.item("asOf", inner.asOf());
  }

  /** Values per owner assumed for a child table's lookup by owner (a cardinality-many attribute's usual few). */
  static final double VALUES_PER_OWNER = 4;

  /**
   * Matches per outer row: one for an entity id or a unique value, a few for an owner's values in
   * a child table, else a share of the table.
   */
  double fanout() {
    Column key = keyColumn();
    if (key.kind() == ColumnKind.ENTITY_ID || key.attribute() != null && key.attribute().isUnique()) {
      return 1;
    }
    if (key.kind() == ColumnKind.OWNER_ID) {
      return VALUES_PER_OWNER;
    }
    double rows = Math.max(1, inner.datoliteTable().rowCount());
    return inner.model() instanceof EntityTableModel ? Math.max(1, rows / 20) : Math.max(1, rows / 10);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double outer = mq.getRowCount(getInput());
    return switch (joinType) {
      case SEMI, ANTI -> outer / 2;
      case LEFT -> outer * fanout();
      default -> outer * fanout();
    };
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double outer = mq.getRowCount(getInput());
    double rows = estimateRowCount(mq);
    // an index lookup per outer key costs a few rows' worth of scanning
    return planner.getCostFactory().makeCost(rows, outer * 4 + rows, outer * 4 + rows);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder b = new BlockBuilder();
    Result left = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression leftRows = b.append("left", left.block);
    Expression leftArrays = left.physType.convertTo(leftRows, JavaRowFormat.ARRAY);
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    ScanSpec scan = new ScanSpec(inner.model(), inner.columns(), inner.access(), false, inner.asOf());
    LookupSpec spec = new LookupSpec(scan, leftKey, rightKey, joinType, inner.columns().length, byId());
    b.append(Expressions.call(LookupJoins.class, "join", implementor.getRootExpression(), leftArrays,
        implementor.stash(spec, LookupSpec.class), Expressions.constant(scalar)));
    return implementor.result(physType, b.toBlock());
  }
}

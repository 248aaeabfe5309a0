package org.datolite.calcite.rel;

import java.util.Arrays;
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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.exec.AsOf;
import org.datolite.calcite.exec.ScanSpec;
import org.datolite.calcite.exec.Scans;
import org.datolite.calcite.model.DatomsTableModel;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.model.TransactionsTableModel;
import org.datolite.calcite.table.DatoliteTable;

/**
 * The one scan of every Datolite table, in Calcite's enumerable convention: the columns it reads
 * (positions in the table) and how it finds rows ({@link Access}: all of them, or an EAVT or AVET
 * lookup whose keys are literals or {@code ?} parameters, read at each execution). An entity
 * table's scan assembles each row from its entity's datoms; it is never a join per column.
 */
public final class DatoliteScan extends TableScan implements EnumerableRel {
  private final DatoliteTable datoliteTable;
  private final int[] columns;
  private final Access access;
  private final AsOf asOf;

  public DatoliteScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, DatoliteTable datoliteTable,
      int[] columns, Access access, AsOf asOf) {
    super(cluster, traits, List.of(), table);
    this.datoliteTable = datoliteTable;
    this.columns = columns;
    this.access = access;
    this.asOf = asOf;
  }

  /** The point in time the scan reads (FOR SYSTEM_TIME AS OF), or null: the statement's value. */
  public AsOf asOf() {
    return asOf;
  }

  /** The same scan reading as of a point in time. */
  public DatoliteScan withAsOf(AsOf newAsOf) {
    return new DatoliteScan(getCluster(), getTraitSet(), getTable(), datoliteTable, columns, access, newAsOf);
  }

  public DatoliteTable datoliteTable() {
    return datoliteTable;
  }

  public TableModel model() {
    return datoliteTable.model();
  }

  /** The table positions of the columns read, in output order. */
  public int[] columns() {
    return columns.clone();
  }

  public Access access() {
    return access;
  }

  /** The same scan reading other columns. */
  public DatoliteScan withColumns(int[] newColumns) {
    return new DatoliteScan(getCluster(), getTraitSet(), getTable(), datoliteTable, newColumns, access, asOf);
  }

  /** The same scan finding its rows another way. */
  public DatoliteScan withAccess(Access newAccess) {
    return new DatoliteScan(getCluster(), getTraitSet(), getTable(), datoliteTable, columns, newAccess, asOf);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DatoliteScan(getCluster(), traitSet, getTable(), datoliteTable, columns, access, asOf);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> fields = getTable().getRowType().getFieldList();
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (int c : columns) {
      b.add(fields.get(c));
    }
    return b.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    String[] names = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      names[i] = model().columns().get(columns[i]).name();
    }
    RelWriter w = super.explainTerms(pw).item("index", index()).item("columns", Arrays.toString(names));
    w = access instanceof Access.Full ? w : w.item("lookup", lookup());
    return asOf == null ? w : w.item("asOf", asOf);
  }

  /** The index the scan reads. */
  public String index() {
    if (model() instanceof DatomsTableModel d) {
      return d.index().name();
    }
    if (model() instanceof TransactionsTableModel) {
      return "AEVT";
    }
    if (access instanceof Access.Ids) {
      return "EAVT";
    }
    if (access instanceof Access.Range r && model().columns().get(r.column()).attribute() == null) {
      return "AEVT";
    }
    return access instanceof Access.Full ? "AEVT" : "AVET";
  }

  private String lookup() {
    if (access instanceof Access.Ids ids) {
      return model().columns().get(0).name() + " in " + ids.ids();
    }
    if (access instanceof Access.Equal eq) {
      return model().columns().get(eq.column()).name() + " in " + eq.values();
    }
    if (access instanceof Access.Ordered o) {
      return model().columns().get(o.column()).name() + (o.descending() ? " descending" : " ascending")
          + (o.nullsFirst() ? ", NULLs first" : ", NULLs last");
    }
    Access.Range r = (Access.Range) access;
    return model().columns().get(r.column()).name() + " " + (r.low() == null ? "(-inf"
        : (r.lowInclusive() ? "[" : "(") + r.low()) + ", " + (r.high() == null ? "+inf)"
        : r.high() + (r.highInclusive() ? "]" : ")"));
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = Math.max(1, datoliteTable.rowCount());
    if (access instanceof Access.Ids ids) {
      return ids.ids().size();
    }
    if (access instanceof Access.Equal eq) {
      boolean unique = model() instanceof EntityTableModel && model().columns().get(eq.column()).attribute() != null
          && model().columns().get(eq.column()).attribute().isUnique();
      return eq.values().size() * (unique ? 1 : Math.max(1, rows / 20));
    }
    if (access instanceof Access.Range) {
      return Math.max(1, rows / 4);
    }
    return rows;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    // Reading fewer columns costs less: each column is a conversion per row.
    double width = (columns.length + 2.0) / (model().columns().size() + 2.0);
    return planner.getCostFactory().makeCost(rows, rows * width, rows * width);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    ScanSpec spec = new ScanSpec(model(), columns.clone(), access, scalar, asOf);
    Expression stashed = implementor.stash(spec, ScanSpec.class);
    Expression call = Expressions.call(Scans.class, "scan", implementor.getRootExpression(), stashed);
    return implementor.result(physType, Blocks.toBlock(call));
  }
}

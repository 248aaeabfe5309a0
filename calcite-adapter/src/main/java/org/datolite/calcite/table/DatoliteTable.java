package org.datolite.calcite.table;

import java.util.List;
import java.util.function.LongSupplier;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.rel.DatoliteScan;

/**
 * A table of the model as Calcite sees it: its row type and a scan of its own convention. It
 * holds no database value (the statement's arrives at execution), so a plan serves every
 * snapshot; its row count is an estimate from the value the engine was built on.
 */
public final class DatoliteTable extends AbstractTable implements TranslatableTable, TemporalTable {
  private final TableModel model;
  private final LongSupplier rowCount;

  public DatoliteTable(TableModel model, LongSupplier rowCount) {
    this.model = model;
    this.rowCount = rowCount;
  }

  public TableModel model() {
    return model;
  }

  /** The estimated number of rows. */
  public long rowCount() {
    return rowCount.getAsLong();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (Column c : model.columns()) {
      b.add(c.name(), SqlTypes.of(f, c));
    }
    return b.build();
  }

  @Override
  public Statistic getStatistic() {
    List<ImmutableBitSet> keys = model instanceof EntityTableModel ? List.of(ImmutableBitSet.of(0)) : List.of();
    return Statistics.of(rowCount.getAsLong(), keys);
  }

  /** Every table reads any point in time ({@code FOR SYSTEM_TIME AS OF}); it has no period columns. */
  @Override
  public String getSysStartFieldName() {
    return "";
  }

  @Override
  public String getSysEndFieldName() {
    return "";
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
    RelOptCluster cluster = context.getCluster();
    int[] all = new int[model.columns().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new DatoliteScan(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, this, all,
        new Access.Full(), null);
  }
}

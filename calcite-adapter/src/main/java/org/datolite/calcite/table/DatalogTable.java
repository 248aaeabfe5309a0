package org.datolite.calcite.table;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.datolite.calcite.DatalogRunner;
import org.datolite.calcite.exec.DatalogSpec;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.rel.DatalogScan;

/** The table a {@code DATALOG(…)} call names: the query, its inputs and its typed columns. */
public final class DatalogTable extends AbstractTable implements TranslatableTable {
  private final DatalogSpec spec;

  DatalogTable(DatalogRunner runner, String query, List<Object> inputs, List<Column> columns) {
    this.spec = new DatalogSpec(runner, query, List.copyOf(inputs), List.copyOf(columns), false);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (Column c : spec.columns()) {
      b.add(c.name(), SqlTypes.of(f, c));
    }
    return b.build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
    RelOptCluster cluster = context.getCluster();
    return new DatalogScan(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, spec);
  }
}

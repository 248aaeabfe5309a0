package org.datolite.calcite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.Bindable;
import org.datolite.calcite.exec.ScanFilter;
import org.datolite.calcite.exec.ScanSpec;
import org.datolite.calcite.exec.Scans;
import org.datolite.calcite.rel.DatoliteScan;

/**
 * A plan of filters and projections over one scan, run without generated code: the scan's rows
 * go through each filter's condition and each projection's expressions ({@link RowExpression});
 * the scan applies a filter directly above it itself (a {@link ScanFilter}).
 * Most point reads and simple filters plan to this shape, and running it directly spares the
 * statement Calcite's physical planning (Volcano), its code generation and Janino's compilation:
 * 0.5–1 s of a cold JVM's first statement, 5–10 ms of a warm one's.
 *
 * <p>{@link #of} answers null for any other plan, or when an expression is outside what
 * {@link RowExpression} evaluates; the statement is then planned and compiled as usual. The
 * system property {@value #PROPERTY}{@code =false} turns this off (to compare the two paths).
 */
final class InterpretedPlan implements Bindable<Object> {
  /** The system property that turns interpretation off when {@code false}; read at planning. */
  static final String PROPERTY = "datolite.sql.interpret";

  private final ScanSpec scan;
  /** Bottom-up: a filter's condition (one expression, {@code project} false) or a projection's expressions. */
  private final List<Step> steps;
  private final String text;

  private record Step(boolean project, RowExpression[] expressions) {}

  private InterpretedPlan(ScanSpec scan, List<Step> steps, String text) {
    this.scan = scan;
    this.steps = steps;
    this.text = text;
  }

  /** Whether planning may use this class (the system property is not {@code false}). */
  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
  }

  /** The plan run directly, or null if the logical plan is not filters and projections over a scan. */
  static InterpretedPlan of(RelNode logical) {
    List<RelNode> chain = new ArrayList<>();
    RelNode r = logical;
    while (r instanceof LogicalProject || r instanceof LogicalFilter) {
      chain.add(r);
      r = r.getInput(0);
    }
    if (!(r instanceof DatoliteScan s)) {
      return null;
    }
    Collections.reverse(chain);
    RexBuilder rex = logical.getCluster().getRexBuilder();
    ScanFilter filter = null;
    if (!chain.isEmpty() && chain.get(0) instanceof LogicalFilter f) {
      // the filter on the scan's rows: the scan applies it, reading a looked-up row's filter columns first
      RowExpression condition = RowExpression.compile(RexUtil.expandSearch(rex, null, f.getCondition()));
      if (condition == null) {
        return null;
      }
      filter = new ScanFilter(RelOptUtil.InputFinder.bits(f.getCondition()).toArray(),
          (row, root) -> RowExpression.isTrue(condition.eval(row, root)), f.getCondition().toString());
      chain.remove(0);
    }
    List<Step> steps = new ArrayList<>();
    StringBuilder text = new StringBuilder("Interpreted(scan=[").append(s.getTable().getQualifiedName())
        .append(", index=").append(s.index()).append(", columns=").append(s.columns().length)
        .append(filter == null ? "" : ", filter=" + filter.text()).append("]");
    for (RelNode n : chain) {
      List<RexNode> exprs = n instanceof LogicalFilter f ? List.of(f.getCondition()) : ((LogicalProject) n).getProjects();
      RowExpression[] compiled = new RowExpression[exprs.size()];
      for (int i = 0; i < compiled.length; i++) {
        compiled[i] = RowExpression.compile(RexUtil.expandSearch(rex, null, exprs.get(i)));
        if (compiled[i] == null) {
          return null;
        }
      }
      steps.add(new Step(n instanceof LogicalProject, compiled));
      text.append(n instanceof LogicalFilter ? ", filter=" : ", project=").append(exprs);
    }
    ScanSpec spec = new ScanSpec(s.model(), s.columns(), s.access(), false, s.asOf(), filter);
    return new InterpretedPlan(spec, List.copyOf(steps), text.append(")").toString());
  }

  @Override
  public Enumerable<Object> bind(DataContext root) {
    Enumerable<Object> rows = Scans.scan(root, scan);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new Rows(rows.enumerator(), root);
      }
    };
  }

  @Override
  public String toString() {
    return text;
  }

  /** The scan's rows through the steps. */
  private final class Rows implements Enumerator<Object> {
    private final Enumerator<Object> scan;
    private final DataContext root;
    private Object[] current;

    Rows(Enumerator<Object> scan, DataContext root) {
      this.scan = scan;
      this.root = root;
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      rows:
      while (scan.moveNext()) {
        Object[] row = (Object[]) scan.current();
        for (Step step : steps) {
          RowExpression[] e = step.expressions();
          if (!step.project()) {
            if (!RowExpression.isTrue(e[0].eval(row, root))) {
              continue rows;
            }
          } else {
            Object[] out = new Object[e.length];
            for (int i = 0; i < e.length; i++) {
              out[i] = e[i].eval(row, root);
            }
            row = out;
          }
        }
        current = row;
        return true;
      }
      return false;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("an interpreted plan runs once");
    }

    @Override
    public void close() {
      scan.close();
    }
  }
}

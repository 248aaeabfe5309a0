package org.datolite.calcite.rel;

import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.datolite.calcite.exec.Access;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.value.ValueType;

/**
 * {@code ORDER BY} on an index order, applied to the physical plan: a sort on {@code DB_ID}
 * ascending goes, since every entity-table scan gives its rows in id order (the AEVT merge, and
 * lookups, which sort the entities they find); and {@code ORDER BY col … LIMIT n} on an
 * attribute column of a whole table reads AVET in that order ({@link Access.Ordered}), so only the
 * rows the limit keeps are assembled. Filters and projections between the sort and the scan keep
 * the order.
 */
@SuppressWarnings("deprecation") // RelOptRule's operand builders: no Immutables processor in this build
public final class OrderRules {
  private OrderRules() {}

  /**
   * Value types whose SQL order is their AVET order (text by code point there, by UTF-16 unit in a
   * sort: they differ only above U+FFFF against U+E000–U+FFFF; keywords, UUIDs and others read as
   * text in an order AVET does not keep).
   */
  private static final Set<ValueType> AVET_ORDERED = Set.of(ValueType.BOOLEAN, ValueType.LONG, ValueType.REF,
      ValueType.BIGINT, ValueType.FLOAT, ValueType.DOUBLE, ValueType.BIGDEC, ValueType.INSTANT, ValueType.STRING);

  /** A sort whose first key is DB_ID (or a child table's owner id) ascending over a scan that gives that order. */
  public static final RelOptRule SORT_BY_ID = new RelOptRule(RelOptRule.operand(EnumerableSort.class, RelOptRule.any()),
      "DatoliteSortById") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      if (sort.offset != null || sort.fetch != null || sort.getCollation().getFieldCollations().isEmpty()) {
        return;
      }
      RelFieldCollation first = sort.getCollation().getFieldCollations().get(0);
      Source src = source(sort.getInput(), first.getFieldIndex());
      // DB_ID is unique, so later keys change nothing; an owner id is not: then it must be the only key
      boolean alone = sort.getCollation().getFieldCollations().size() == 1;
      if (src != null && first.direction == RelFieldCollation.Direction.ASCENDING && idOrdered(src)
          && (alone || src.scan.model() instanceof EntityTableModel)) {
        call.transformTo(unwrap(sort.getInput()));
      }
    }
  };

  /** A limit over a sort on one attribute column of a whole entity table: the scan reads AVET in order. */
  public static final RelOptRule LIMIT_SORT_BY_VALUE = new RelOptRule(RelOptRule.operand(EnumerableLimit.class,
      RelOptRule.operand(EnumerableSort.class, RelOptRule.any())), "DatoliteLimitSortByValue") {
    @Override
    public void onMatch(RelOptRuleCall call) {
      EnumerableLimit limit = call.rel(0);
      Sort sort = call.rel(1);
      List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
      if (limit.fetch == null || keys.isEmpty() || keys.size() > 2 || sort.offset != null || sort.fetch != null) {
        return;
      }
      RelFieldCollation key = keys.get(0);
      Source src = source(sort.getInput(), key.getFieldIndex());
      if (keys.size() == 2 && !(src != null && thenById(src, key, keys.get(1), sort.getInput()))) {
        return; // ties on the first key would be cut wherever the limit falls
      }
      if (src == null || !(src.scan.access() instanceof Access.Full)
          || !(src.scan.model() instanceof EntityTableModel)) {
        return;
      }
      Column c = src.scan.model().columns().get(src.column);
      if (c.kind() != ColumnKind.ATTRIBUTE || c.attribute() == null || !AVET_ORDERED.contains(c.type())) {
        return;
      }
      boolean descending = key.direction == RelFieldCollation.Direction.DESCENDING;
      RelFieldCollation.NullDirection nulls = key.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
          ? key.direction.defaultNullDirection() : key.nullDirection;
      DatoliteScan ordered = src.scan.withAccess(new Access.Ordered(src.column, descending,
          nulls == RelFieldCollation.NullDirection.FIRST));
      RelNode input = unwrap(sort.getInput());
      RelNode newInput = input instanceof EnumerableCalc calc ? calc.copy(calc.getTraitSet(), List.of(ordered)) : ordered;
      call.transformTo(limit.copy(limit.getTraitSet(), List.of(newInput)));
    }
  };

  /**
   * Whether a second sort key is the same scan's DB_ID ascending after an ascending first key:
   * AVET orders equal values by entity, and the NULL rows come in id order. Not for decimals
   * and floating point, where values SQL calls equal (1.5 and 1.50, 0.0 and -0.0) are distinct in
   * AVET.
   */
  private static boolean thenById(Source first, RelFieldCollation key, RelFieldCollation second, RelNode input) {
    Source src = source(input, second.getFieldIndex());
    ValueType t = first.scan.model().columns().get(first.column).type();
    return src != null && src.scan == first.scan
        && src.scan.model().columns().get(src.column).kind() == ColumnKind.ENTITY_ID
        && key.direction == RelFieldCollation.Direction.ASCENDING
        && second.direction == RelFieldCollation.Direction.ASCENDING
        && t != ValueType.BIGDEC && t != ValueType.DOUBLE && t != ValueType.FLOAT;
  }

  /** The rules, for one Hep pass over the physical plan. */
  public static List<RelOptRule> all() {
    return List.of(LIMIT_SORT_BY_VALUE, SORT_BY_ID);
  }

  /** A sort key traced to the table column a scan reads it from. */
  private record Source(DatoliteScan scan, int column) {}

  /** The scan and table column an input field comes from, through at most one calc; else null. */
  private static Source source(RelNode input, int field) {
    RelNode rel = unwrap(input);
    int f = field;
    if (rel instanceof EnumerableCalc calc) {
      RexProgram program = calc.getProgram();
      RexNode e = program.expandLocalRef(program.getProjectList().get(f));
      if (!(e instanceof RexInputRef ref)) {
        return null;
      }
      f = ref.getIndex();
      rel = unwrap(calc.getInput());
    }
    return rel instanceof DatoliteScan scan ? new Source(scan, scan.columns()[f]) : null;
  }

  /** Whether the scan gives its rows in ascending order of the column, an id. */
  private static boolean idOrdered(Source src) {
    Access a = src.scan.access();
    ColumnKind kind = src.scan.model().columns().get(src.column).kind();
    if (src.scan.model() instanceof EntityTableModel) {
      return kind == ColumnKind.ENTITY_ID && !(a instanceof Access.Ordered);
    }
    // a child table: the attribute's AEVT run, or its EAVT run per owner, owners in ascending order
    return src.scan.model() instanceof ChildTableModel && kind == ColumnKind.OWNER_ID
        && (a instanceof Access.Full || a instanceof Access.Ids);
  }

  private static RelNode unwrap(RelNode rel) {
    return rel instanceof HepRelVertex v ? v.getCurrentRel() : rel;
  }
}

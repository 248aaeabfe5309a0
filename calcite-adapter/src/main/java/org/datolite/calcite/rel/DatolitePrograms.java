package org.datolite.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimizer's phases, a short fixed pipeline rather than Calcite's standard program (which
 * commutes joins exhaustively and takes seconds on 8-table joins):
 *
 * <ol>
 *   <li>subqueries become joins, then decorrelation;
 *   <li>a rewrite phase (Hep): filters pushed into and through joins, projections merged, then the
 *       scan rules (lookups from filters, columns from projections);
 *   <li>join order by {@link Programs#heuristicJoinOrder} (a greedy multi-join order from row
 *       counts) from three tables up, and the enumerable rules in Volcano;
 *   <li>hash joins whose one side is a whole table read by index lookups instead, where the other
 *       side is small ({@link LookupJoinRule});
 *   <li>filters and projections as calcs.
 * </ol>
 */
public final class DatolitePrograms {
  /** Joins from which the greedy multi-join reordering runs (below it, the written order stands). */
  static final int MIN_JOINS_TO_REORDER = 2;

  private DatolitePrograms() {}

  /** The whole pipeline. */
  public static Program standard() {
    return Programs.sequence(
        Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
        Programs.decorrelate(),
        Programs.of(rewrite(), true, DefaultRelMetadataProvider.INSTANCE),
        Programs.heuristicJoinOrder(physicalRules(), false, MIN_JOINS_TO_REORDER),
        Programs.of(new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(LookupJoinRule.INSTANCE).build(), true, DefaultRelMetadataProvider.INSTANCE),
        Programs.calc(DefaultRelMetadataProvider.INSTANCE));
  }

  /** FOR SYSTEM_TIME AS OF folded into the scans, before field trimming puts projections between. */
  public static RelNode snapshots(RelNode rel) {
    HepPlanner hep = new HepPlanner(new HepProgramBuilder().addRuleInstance(ScanRules.SNAPSHOT).build());
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  private static HepProgram rewrite() {
    return new HepProgramBuilder()
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleCollection(List.of(
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_MERGE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            // the enumerable aggregate computes neither AVG nor DISTINCT aggregates itself
            CoreRules.AGGREGATE_REDUCE_FUNCTIONS,
            CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES,
            // window functions run as a window operator over a projection
            CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW))
        .addRuleCollection(ScanRules.all())
        .build();
  }

  private static List<RelOptRule> physicalRules() {
    List<RelOptRule> rules = new ArrayList<>(EnumerableRules.ENUMERABLE_RULES);
    // The planner tracks no collation trait (see SqlEngine): Sort operators order rows, and the
    // rules that need a collation trait (merge join, merge union) stay out.
    rules.remove(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    rules.remove(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE);
    rules.add(CoreRules.PROJECT_REMOVE);
    rules.add(CoreRules.AGGREGATE_PROJECT_MERGE);
    return rules;
  }
}

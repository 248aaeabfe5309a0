package org.datolite.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptCostImpl;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule;
import org.apache.calcite.rel.rules.AggregateProjectMergeRule;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CalcMergeRule;
import org.apache.calcite.rel.rules.FilterCalcMergeRule;
import org.apache.calcite.rel.rules.FilterJoinRule;
import org.apache.calcite.rel.rules.FilterMergeRule;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rel.rules.FilterToCalcRule;
import org.apache.calcite.rel.rules.JoinToMultiJoinRule;
import org.apache.calcite.rel.rules.LoptOptimizeJoinRule;
import org.apache.calcite.rel.rules.ProjectCalcMergeRule;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.rel.rules.ProjectOverSumToSum0Rule;
import org.apache.calcite.rel.rules.ProjectRemoveRule;
import org.apache.calcite.rel.rules.ProjectToCalcRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.rel.rules.ReduceExpressionsRule;
import org.apache.calcite.rel.rules.SubQueryRemoveRule;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql2rel.RelDecorrelator;

/**
 * The optimizer's phases, a short fixed pipeline rather than Calcite's standard program (which
 * commutes joins exhaustively and takes seconds on 8-table joins):
 *
 * <ol>
 *   <li>subqueries become joins (and windowed SUMs SUM0s), then decorrelation; skipped when the
 *       plan has none of these;
 *   <li>a rewrite phase (Hep): filters pushed into and through joins, projections merged, then the
 *       scan rules (lookups from filters, columns from projections);
 *   <li>join order by a greedy multi-join order from row counts ({@link LoptOptimizeJoinRule},
 *       as {@code Programs.heuristicJoinOrder}) from three tables up, and the enumerable rules in
 *       Volcano;
 *   <li>hash joins whose one side is a whole table read by index lookups instead, where the other
 *       side is small ({@link LookupJoinRule});
 *   <li>filters and projections as calcs;
 *   <li>sorts the scans' index order already gives removed, and a sorted LIMIT on a column read in
 *       its AVET order ({@link OrderRules}); {@code COUNT(*)} of a whole table from index counts
 *       ({@link DatoliteCount}).
 * </ol>
 *
 * <p>Phases 1–2 are {@link #logical}, the others {@link #physical}: a plan that is only filters and
 * projections over one scan after the first two can run without the other two (see
 * {@code SqlEngine}). Every rule is built here from its configuration, never read from Calcite's
 * {@code CoreRules}, {@code RelOptRules} or {@code Programs}: the first touch of any of those
 * builds all of Calcite's ~150 core rules (about 1,000 classes and 400 lambdas, 0.3–0.4 s of a
 * cold JVM's first statement), of which Datolite uses 20.
 */
public final class DatolitePrograms {
  /** Joins from which the greedy multi-join reordering runs (below it, the written order stands). */
  static final int MIN_JOINS_TO_REORDER = 2;

  private DatolitePrograms() {}

  /** FOR SYSTEM_TIME AS OF folded into the scans, before field trimming puts projections between. */
  public static RelNode snapshots(RelNode rel) {
    HepPlanner hep = new HepPlanner(new HepProgramBuilder().addRuleInstance(ScanRules.SNAPSHOT).build());
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  /** Phases 1 and 2: subqueries and correlations removed, filters and projections pushed, scans shaped. */
  public static RelNode logical(RelNode rel) {
    RelNode r = rel;
    if (PhaseOne.needed(r)) {
      r = hep(Rewrites.SUB_QUERIES, true, r);
      r = RelDecorrelator.decorrelateQuery(r, RelFactories.LOGICAL_BUILDER.create(r.getCluster(), null));
    }
    return hep(Rewrites.REWRITE, true, r);
  }

  /**
   * Phases 3 and 4: the join order, the enumerable operators (Volcano), lookup joins, filters and
   * projections as calcs, then sorts and counts from the indexes.
   */
  public static RelNode physical(RelOptPlanner planner, RelNode rel, RelTraitSet traits) {
    RelNode r = DecimalDivision.rewrite(rel);
    List<RelOptRule> rules = Physical.RULES;
    if (RelOptUtil.countJoins(r) >= MIN_JOINS_TO_REORDER) {
      // joins gathered into a MultiJoin, which LoptOptimizeJoinRule expands in a greedy order
      r = hep(JoinOrder.MULTI_JOIN, false, r);
      rules = JoinOrder.RULES;
    }
    planner.clear();
    for (RelOptRule rule : rules) {
      planner.addRule(rule);
    }
    if (!r.getTraitSet().equals(traits)) {
      r = planner.changeTraits(r, traits);
    }
    planner.setRoot(r);
    r = planner.findBestExp();
    r = hep(Physical.LOOKUP_JOINS, true, r);
    r = hep(Physical.CALC, true, r);
    return hep(Physical.ORDER_AND_COUNT, true, r);
  }

  /** Runs a Hep program over a plan, as {@code Programs.of(program, noDag, DefaultRelMetadataProvider.INSTANCE)}. */
  private static RelNode hep(HepProgram program, boolean noDag, RelNode rel) {
    HepPlanner planner = new HepPlanner(program, null, noDag, null, RelOptCostImpl.FACTORY);
    List<RelMetadataProvider> list = new ArrayList<>();
    list.add(DefaultRelMetadataProvider.INSTANCE);
    planner.registerMetadataProviders(list);
    rel.getCluster().setMetadataProvider(ChainedRelMetadataProvider.of(list));
    planner.setRoot(rel);
    return planner.findBestExp();
  }

  /** Whether a plan has subqueries, correlations or windowed aggregates (phase 1 has nothing to do otherwise). */
  private static final class PhaseOne extends RexShuttle {
    private boolean found;

    static boolean needed(RelNode rel) {
      PhaseOne c = new PhaseOne();
      c.visit(rel);
      return c.found;
    }

    private void visit(RelNode rel) {
      if (found) {
        return;
      }
      if (rel instanceof Correlate || !rel.getVariablesSet().isEmpty()) {
        found = true;
        return;
      }
      rel.accept(this);
      for (RelNode input : rel.getInputs()) {
        visit(input);
      }
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      found = true;
      return subQuery;
    }

    @Override
    public RexNode visitCorrelVariable(RexCorrelVariable variable) {
      found = true;
      return variable;
    }

    @Override
    public RexNode visitOver(RexOver over) {
      found = true;
      return over;
    }
  }

  /** The rules of phases 1 and 2, built on first use. */
  private static final class Rewrites {
    // here rather than in Physical: a plan that needs no physical phase never initialises those rules
    static final RelOptRule PROJECT_REMOVE = ProjectRemoveRule.Config.DEFAULT.toRule();

    static final HepProgram SUB_QUERIES = new HepProgramBuilder()
        .addRuleCollection(List.of(
            SubQueryRemoveRule.Config.FILTER.toRule(),
            SubQueryRemoveRule.Config.PROJECT.toRule(),
            SubQueryRemoveRule.Config.JOIN.toRule(),
            ProjectOverSumToSum0Rule.Config.DEFAULT.toRule()))
        .build();

    static final HepProgram REWRITE = new HepProgramBuilder()
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleCollection(List.of(
            FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.DEFAULT.toRule(),
            FilterJoinRule.JoinConditionPushRule.JoinConditionPushRuleConfig.DEFAULT.toRule(),
            FilterProjectTransposeRule.Config.DEFAULT.toRule(),
            FilterMergeRule.Config.DEFAULT.toRule(),
            ProjectMergeRule.Config.DEFAULT.toRule(),
            PROJECT_REMOVE,
            ReduceExpressionsRule.FilterReduceExpressionsRule.FilterReduceExpressionsRuleConfig.DEFAULT.toRule(),
            // the enumerable aggregate computes neither AVG nor DISTINCT aggregates itself
            AggregateReduceFunctionsRule.Config.DEFAULT.toRule(),
            AggregateExpandDistinctAggregatesRule.Config.DEFAULT.toRule(),
            // window functions run as a window operator over a projection
            ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
                .toRule()))
        .addRuleCollection(ScanRules.all())
        .build();
  }

  /** The rules of phases 3 and 4, built on first use. */
  private static final class Physical {
    static final List<RelOptRule> RULES = rules();

    /** Hash joins from a small side into a whole table, as lookups (after Volcano). */
    static final HepProgram LOOKUP_JOINS = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(LookupJoinRule.INSTANCE).build();

    /** Sorts on an index order, and whole-table counts (after the calcs). */
    static final HepProgram ORDER_AND_COUNT = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleCollection(OrderRules.all()).addRuleInstance(DatoliteCount.RULE).build();

    /** As Calcite's {@code RelOptRules.CALC_RULES} without the bindable convention (Volcano left none). */
    static final HepProgram CALC = new HepProgramBuilder()
        .addRuleCollection(List.of(
            EnumerableRules.ENUMERABLE_CALC_RULE,
            EnumerableRules.ENUMERABLE_FILTER_TO_CALC_RULE,
            EnumerableRules.ENUMERABLE_PROJECT_TO_CALC_RULE,
            FilterToCalcRule.Config.DEFAULT.toRule(),
            ProjectToCalcRule.Config.DEFAULT.toRule(),
            CalcMergeRule.Config.DEFAULT.toRule(),
            FilterCalcMergeRule.Config.DEFAULT.toRule(),
            ProjectCalcMergeRule.Config.DEFAULT.toRule()))
        .build();

    private static List<RelOptRule> rules() {
      List<RelOptRule> rules = new ArrayList<>(EnumerableRules.ENUMERABLE_RULES);
      // The planner tracks no collation trait (see SqlEngine): Sort operators order rows, and the
      // rules that need a collation trait (merge join, merge union) stay out.
      rules.remove(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
      rules.remove(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE);
      rules.add(Rewrites.PROJECT_REMOVE);
      rules.add(AggregateProjectMergeRule.Config.DEFAULT.toRule());
      // WITH RECURSIVE: Calcite's enumerable scan cannot read the working table; this one can
      rules.add(WorkTableScan.RULE);
      return List.copyOf(rules);
    }
  }

  /** The rules of a reordered join, built on first use. */
  private static final class JoinOrder {
    static final HepProgram MULTI_JOIN = new HepProgramBuilder()
        .addRuleInstance(FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.DEFAULT.toRule())
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(JoinToMultiJoinRule.Config.DEFAULT.toRule())
        .build();

    static final List<RelOptRule> RULES = rules();

    private static List<RelOptRule> rules() {
      // The enumerable rules hold no join commutation or association to remove.
      List<RelOptRule> rules = new ArrayList<>(Physical.RULES);
      rules.add(LoptOptimizeJoinRule.Config.DEFAULT.toRule());
      return List.copyOf(rules);
    }
  }
}

package org.datolite.query;

import java.util.List;

/**
 * Recognises the rule shape of graph reachability, the transitive closure of one reference
 * attribute:
 *
 * <pre>
 * [[(follows ?a ?b) [?a :person/follows ?b]]
 *  [(follows ?a ?b) (follows ?a ?x) [?x :person/follows ?b]]]   ; or [?a :person/follows ?x] (follows ?x ?b)
 * </pre>
 *
 * Called with one end bound, such a rule is answered by a breadth-first search from each bound
 * value along the attribute (forwards through AEVT, or backwards through VAET), one merge over the
 * index per level of the search, instead of a fixpoint that pays a round of rule evaluation per
 * level (a chain of 20,000 links is 20,000 rounds).
 *
 * @param source the database source of the patterns
 * @param attribute the attribute, as written (an ident or id)
 */
record Closure(String source, Object attribute) {
  /** The closure a rule's definitions compute, or null if they are not that shape. */
  static Closure of(List<Rule> defs) {
    if (defs.size() != 2) {
      return null;
    }
    List<Term.Var> head = defs.get(0).head();
    if (head.size() != 2 || head.get(0).equals(head.get(1)) || !defs.get(1).head().equals(head)) {
      return null;
    }
    Rule base = defs.get(0).body().size() == 1 ? defs.get(0) : defs.get(1);
    Rule step = base == defs.get(0) ? defs.get(1) : defs.get(0);
    if (base.body().size() != 1 || step.body().size() != 2
        || !(base.body().get(0) instanceof Clause.Pattern edge) || !isEdge(edge, head.get(0), head.get(1))) {
      return null;
    }
    Object attribute = ((Term.Constant) edge.terms().get(1)).value();
    Clause.RuleCall call = null;
    Clause.Pattern link = null;
    for (Clause c : step.body()) {
      if (c instanceof Clause.RuleCall r && r.name().equals(base.name()) && r.args().size() == 2) {
        call = r;
      } else if (c instanceof Clause.Pattern p && p.source().equals(edge.source())
          && p.terms().size() == 3 && p.terms().get(1).equals(edge.terms().get(1))) {
        link = p;
      }
    }
    if (call == null || link == null || !(call.args().get(0) instanceof Term.Var c0)
        || !(call.args().get(1) instanceof Term.Var c1)) {
      return null;
    }
    Term.Var a = head.get(0);
    Term.Var b = head.get(1);
    // left-linear: (r ?a ?x) [?x attr ?b]; right-linear: [?a attr ?x] (r ?x ?b)
    boolean left = c0.equals(a) && !c1.equals(a) && !c1.equals(b) && isEdge(link, c1, b);
    boolean right = c1.equals(b) && !c0.equals(a) && !c0.equals(b) && isEdge(link, a, c0);
    return left || right ? new Closure(edge.source(), attribute) : null;
  }

  private static boolean isEdge(Clause.Pattern p, Term.Var from, Term.Var to) {
    return p.terms().size() == 3 && p.terms().get(0).equals(from) && p.terms().get(1) instanceof Term.Constant
        && p.terms().get(2).equals(to);
  }
}

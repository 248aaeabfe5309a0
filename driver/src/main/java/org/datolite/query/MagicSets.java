package org.datolite.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The magic-sets rewriting of a program of rules for a call with some arguments bound, so that
 * bottom-up evaluation derives only what the call can reach from its bindings instead of the
 * rule's whole relation (the closure of a 250,000-edge graph from one node, not from all of them).
 *
 * <p>Each rule reached with a given pattern of bound ({@code b}) and free ({@code f}) arguments
 * gets an adorned copy, named {@code "name bf"} (a space: no rule name written in EDN has one),
 * whose body starts with a call to its magic rule {@code "magic name bf"}: the set of bindings
 * the rule is asked for. A call inside a body whose arguments are bound by the clauses before it
 * (left to right) calls the adorned copy of its rule, and adds a magic rule saying: the callee is
 * asked for these arguments whenever the caller is asked for its own and the clauses before the
 * call hold. The entry's magic rule reads the seed, a collection source of the call's bound
 * values. Calls with nothing bound, and calls inside {@code not} and {@code or}, keep the
 * original rules, which stay in the program.
 */
final class MagicSets {
  private MagicSets() {}

  /** The rewritten program and the name of the entry's adorned rule. */
  record Program(Map<String, List<Rule>> rules, String entry) {}

  static Program rewrite(Map<String, List<Rule>> rules, String name, boolean[] bound, String seedSource) {
    String adornment = adornment(bound);
    Map<String, List<Rule>> out = new LinkedHashMap<>(rules);
    List<Term> seedVars = new ArrayList<>();
    List<Term.Var> seedHead = new ArrayList<>();
    for (boolean b : bound) {
      if (b) {
        Term.Var v = new Term.Var("?%seed" + seedHead.size());
        seedVars.add(v);
        seedHead.add(v);
      }
    }
    String entryMagic = magic(name, adornment);
    out.put(entryMagic, new ArrayList<>(List.of(new Rule(entryMagic, List.of(), seedHead,
        List.of(new Clause.Pattern(seedSource, seedVars))))));
    Deque<String[]> work = new ArrayDeque<>();
    Set<String> done = new HashSet<>();
    work.add(new String[] {name, adornment});
    done.add(adorned(name, adornment));
    int fresh = 0;
    while (!work.isEmpty()) {
      String[] next = work.poll();
      String rule = next[0];
      String ad = next[1];
      List<Rule> defs = new ArrayList<>();
      for (Rule def : rules.get(rule)) {
        List<Term.Var> head = def.head();
        List<Term> boundHead = new ArrayList<>();
        Set<Term.Var> known = new HashSet<>();
        for (int i = 0; i < head.size(); i++) {
          if (ad.charAt(i) == 'b') {
            boundHead.add(head.get(i));
            known.add(head.get(i));
          }
        }
        List<Clause> body = new ArrayList<>();
        body.add(new Clause.RuleCall("$", magic(rule, ad), boundHead));
        for (Clause c : def.body()) {
          if (c instanceof Clause.RuleCall call && rules.containsKey(call.name())
              && call.args().size() == rules.get(call.name()).get(0).head().size()) {
            boolean[] at = boundArguments(call.args(), known::contains);
            if (at != null) {
              String calleeAd = adornment(at);
              // The callee is asked for these arguments whenever this rule is asked and the clauses before hold.
              List<Term.Var> magicHead = new ArrayList<>();
              List<Clause> magicBody = new ArrayList<>(body);
              for (int i = 0; i < at.length; i++) {
                if (at[i]) {
                  Term t = call.args().get(i);
                  Term.Var v = new Term.Var("?%magic" + fresh++);
                  magicBody.add(new Clause.Function("identity", List.of(t), new Binding.Scalar(v)));
                  magicHead.add(v);
                }
              }
              String calleeMagic = magic(call.name(), calleeAd);
              out.computeIfAbsent(calleeMagic, k -> new ArrayList<>())
                  .add(new Rule(calleeMagic, List.of(), magicHead, magicBody));
              body.add(new Clause.RuleCall(call.source(), adorned(call.name(), calleeAd), call.args()));
              if (done.add(adorned(call.name(), calleeAd))) {
                work.add(new String[] {call.name(), calleeAd});
              }
              known.addAll(Vars.binds(c));
              continue;
            }
          }
          body.add(c);
          known.addAll(Vars.binds(c));
        }
        defs.add(new Rule(adorned(rule, ad), List.of(), head, body));
      }
      out.put(adorned(rule, ad), defs);
    }
    return new Program(out, adorned(name, adornment));
  }

  /** Which arguments of a call are bound (constants, or variables {@code isBound} accepts); null if none is. */
  static boolean[] boundArguments(List<Term> args, Predicate<Term.Var> isBound) {
    boolean[] at = new boolean[args.size()];
    boolean any = false;
    for (int i = 0; i < at.length; i++) {
      Term t = args.get(i);
      at[i] = t instanceof Term.Constant || t instanceof Term.Var v && isBound.test(v);
      any |= at[i];
    }
    return any ? at : null;
  }

  static String adornment(boolean[] bound) {
    StringBuilder sb = new StringBuilder();
    for (boolean b : bound) {
      sb.append(b ? 'b' : 'f');
    }
    return sb.toString();
  }

  private static String adorned(String rule, String adornment) {
    return rule + " " + adornment;
  }

  private static String magic(String rule, String adornment) {
    return "magic " + rule + " " + adornment;
  }
}

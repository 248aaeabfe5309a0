package org.datolite.query;

import java.util.List;

/** A clause of {@code :where} or of a rule body. */
public sealed interface Clause {
  /** {@code [$src? e a v tx added]}: up to five terms matched against datoms. */
  record Pattern(String source, List<Term> terms) implements Clause {}

  /** {@code [(pred args…)]}: keeps the bindings for which the predicate is true. */
  record Predicate(String function, List<Term> args) implements Clause {}

  /** {@code [(fn args…) binding]}: binds the function's result. */
  record Function(String function, List<Term> args, Binding binding) implements Clause {}

  /** {@code (not …)} (join: null) or {@code (not-join [vars] …)}. */
  record Not(String source, List<Term.Var> join, List<Clause> clauses) implements Clause {}

  /**
   * {@code (or …)} (join: null) or {@code (or-join [vars] …)}; each branch is one clause or an
   * {@link And}.
   */
  record Or(String source, List<Term.Var> join, List<Clause> branches) implements Clause {}

  /** {@code (and …)}: a branch of an or. */
  record And(List<Clause> clauses) implements Clause {}

  /** {@code (rule-name args…)}. */
  record RuleCall(String source, String name, List<Term> args) implements Clause {}
}

package org.datolite.query;

import java.util.List;

/**
 * How a value is bound to variables: an input of {@code :in} or the result of a function
 * expression. The four forms of Datomic's grammar.
 */
public sealed interface Binding {
  /** {@code ?x}: one value. */
  record Scalar(Term.Var var) implements Binding {}

  /** {@code [?a ?b]} (blanks allowed): one tuple. */
  record Tuple(List<Term> vars) implements Binding {}

  /** {@code [?x ...]}: each element of a collection. */
  record Collection(Term.Var var) implements Binding {}

  /** {@code [[?a ?b]]} (blanks allowed): each tuple of a relation. */
  record Relation(List<Term> vars) implements Binding {}
}

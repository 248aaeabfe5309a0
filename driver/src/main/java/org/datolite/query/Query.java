package org.datolite.query;

import java.util.List;

/**
 * A parsed Datalog query (Datomic's grammar): what to find, how to return it, the inputs, and the
 * clauses. Produced by {@link QueryParser}; immutable.
 *
 * @param find the find specification
 * @param returnMaps {@code :keys}, {@code :syms} or {@code :strs} names, or null
 * @param with {@code :with} variables (kept in the set before aggregation, then dropped)
 * @param inputs {@code :in}; {@code [$]} when the query names none
 * @param where the clauses
 */
public record Query(Find find, ReturnMaps returnMaps, List<Term.Var> with, List<Input> inputs, List<Clause> where) {

  /** The find specification: its shape and its elements. */
  public record Find(Shape shape, List<Element> elements) {}

  /** How results are shaped: {@code ?a ?b} relation, {@code [?a ...]} collection, {@code [?a ?b]} tuple, {@code ?a .} scalar. */
  public enum Shape {
    RELATION,
    COLLECTION,
    TUPLE,
    SCALAR
  }

  /** One element of a find specification. */
  public sealed interface Element {}

  /** A variable. */
  public record VarElement(Term.Var var) implements Element {}

  /** An aggregate: {@code (count ?x)}, {@code (max 3 ?x)}, {@code (count-distinct ?x)}. */
  public record Aggregate(String function, List<Term> args) implements Element {
    /** The aggregated variable (the last argument). */
    public Term.Var var() {
      return (Term.Var) args.get(args.size() - 1);
    }
  }

  /** A pull expression: {@code (pull ?e pattern)} or {@code (pull $src ?e pattern)}. */
  public record Pull(String source, Term.Var var, Object pattern) implements Element {}

  /** {@code :keys}, {@code :syms} or {@code :strs}: each result becomes a map under these names. */
  public record ReturnMaps(Kind kind, List<String> names) {
    public enum Kind {
      KEYS,
      SYMS,
      STRS
    }
  }

  /** An input of {@code :in}. */
  public sealed interface Input {}

  /** A database or collection source: {@code $} or {@code $name}. */
  public record SourceInput(String name) implements Input {}

  /** Rules: {@code %}. */
  public record RulesInput() implements Input {}

  /** A binding of an argument to variables. */
  public record BindingInput(Binding binding) implements Input {}
}

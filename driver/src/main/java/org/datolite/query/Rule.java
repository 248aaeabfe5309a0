package org.datolite.query;

import java.util.List;
import java.util.stream.Stream;

/**
 * One definition of a rule: {@code [(name [?required …] ?free …) clause …]}. A rule may have
 * several definitions (its results are their union) and may call itself.
 *
 * @param required variables that must be bound when the rule is called ({@code [[?a] ?b]} form)
 * @param free the other head variables
 */
public record Rule(String name, List<Term.Var> required, List<Term.Var> free, List<Clause> body) {
  /** Every head variable in order: the required ones, then the free ones. */
  public List<Term.Var> head() {
    return Stream.concat(required.stream(), free.stream()).toList();
  }
}

package org.datolite.query;

import org.datolite.edn.Edn;

/** A term of a clause: a variable, the blank {@code _}, a constant, or a source variable. */
public sealed interface Term {
  /** A logic variable, {@code ?name}. */
  record Var(String name) implements Term {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The blank {@code _}: matches anything, binds nothing. */
  record Blank() implements Term {
    @Override
    public String toString() {
      return "_";
    }
  }

  /** A constant: a keyword, string, number, boolean, instant, uuid, and so on. */
  record Constant(Object value) implements Term {
    @Override
    public String toString() {
      return Edn.describe(value); // a value with no EDN form, such as a database input, by its toString
    }
  }

  /** A source variable used as an argument (for example of {@code missing?} or {@code get-else}). */
  record Source(String name) implements Term {
    @Override
    public String toString() {
      return name;
    }
  }
}

package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Relations written and read back in the tests of the engine's parts. */
final class Relations {
  private Relations() {}

  static Term.Var v(String name) {
    return new Term.Var(name);
  }

  /** A relation of the variables named in {@code vars} (space-separated) and these rows. */
  static Relation rel(String vars, Object[]... rows) {
    List<Term.Var> vs = new ArrayList<>();
    for (String name : vars.split(" ")) {
      if (!name.isEmpty()) {
        vs.add(v(name));
      }
    }
    return new Relation(vs, new ArrayList<>(Arrays.asList(rows)));
  }

  static Object[] row(Object... values) {
    return values;
  }

  /** The rows as a set of lists, to compare without order. */
  static Set<List<Object>> rows(Relation r) {
    Set<List<Object>> out = new HashSet<>();
    for (Object[] row : r.rows) {
      out.add(Arrays.asList(row));
    }
    return out;
  }

  /** The variables of a relation as written: {@code ?a ?b}. */
  static String vars(Relation r) {
    List<String> names = new ArrayList<>();
    for (Term.Var x : r.vars) {
      names.add(x.name());
    }
    return String.join(" ", names);
  }
}

package org.datolite.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.DatoliteException;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;
import org.datolite.value.Keyword;

/** Shapes the bindings as the find specification says, aggregating where it asks. */
final class Results {
  private Results() {}

  /** The variable an element reads. */
  static Term.Var varOf(Query.Element e) {
    return e instanceof Query.VarElement ve ? ve.var() : e instanceof Query.Pull p ? p.var()
        : ((Query.Aggregate) e).var();
  }

  static Object shape(Query q, Relation rel, Map<String, Object> sources) {
    List<Query.Element> elements = q.find().elements();
    List<Term.Var> keep = new ArrayList<>();
    for (Query.Element e : elements) {
      Term.Var v = varOf(e);
      if (!keep.contains(v)) {
        keep.add(v);
      }
    }
    for (Term.Var v : q.with()) {
      if (!keep.contains(v)) {
        keep.add(v);
      }
    }
    Relation set = rel.distinct && keep.size() == rel.vars.size() && rel.vars.containsAll(keep) ? rel
        : rel.project(keep);
    boolean aggregated = elements.stream().anyMatch(e -> e instanceof Query.Aggregate);
    List<List<Object>> rows = aggregated ? aggregate(elements, set) : plain(elements, set);
    if (elements.stream().anyMatch(e -> e instanceof Query.Pull)) {
      rows = pulled(elements, rows, sources);
    }
    List<Object> shaped = new ArrayList<>();
    for (List<Object> row : rows) {
      shaped.add(q.returnMaps() == null ? row : asMap(q.returnMaps(), row));
    }
    return switch (q.find().shape()) {
      case RELATION -> shaped;
      case COLLECTION -> rows.stream().map(r -> r.get(0)).toList();
      case TUPLE -> shaped.isEmpty() ? null : shaped.get(0);
      case SCALAR -> rows.isEmpty() ? null : rows.get(0).get(0);
    };
  }

  /** Each pull element's entity id replaced by the map its pattern pulls. */
  private static List<List<Object>> pulled(List<Query.Element> elements, List<List<Object>> rows,
      Map<String, Object> sources) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      out.add(new ArrayList<>(row));
    }
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) instanceof Query.Pull p) {
        // every row's entity at once: the pattern parsed and its attributes read once
        List<Long> ids = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
          if (!(row.get(i) instanceof Long e)) {
            throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "(pull " + p.var() + " …): " + p.var() + " is "
                + Functions.describe(row.get(i)) + ", not an entity id");
          }
          ids.add(e);
        }
        List<Map<Object, Object>> maps = Pull.pullMany((QueryDatabase) sources.get(p.source()), p.pattern(), ids);
        for (int r = 0; r < out.size(); r++) {
          out.get(r).set(i, maps.get(r));
        }
      }
    }
    List<List<Object>> fixed = new ArrayList<>(out.size());
    for (List<Object> row : out) {
      fixed.add(Collections.unmodifiableList(row));
    }
    return fixed;
  }

  /**
   * One row per binding of the kept variables ({@code set} is already distinct on them, and
   * with {@code :with} a bag on the elements' own).
   */
  private static List<List<Object>> plain(List<Query.Element> elements, Relation set) {
    int[] at = new int[elements.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = set.index(varOf(elements.get(i)));
    }
    List<List<Object>> out = new ArrayList<>(set.rows.size());
    for (Object[] r : set.rows) {
      Object[] values = new Object[at.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = r[at[i]];
      }
      out.add(Collections.unmodifiableList(Arrays.asList(values)));
    }
    return out;
  }

  private static List<List<Object>> aggregate(List<Query.Element> elements, Relation set) {
    Map<Relation.Row, List<Object[]>> groups = new LinkedHashMap<>();
    for (Object[] r : set.rows) {
      List<Object> key = new ArrayList<>();
      for (Query.Element e : elements) {
        if (!(e instanceof Query.Aggregate)) {
          key.add(r[set.index(varOf(e))]);
        }
      }
      groups.computeIfAbsent(new Relation.Row(key.toArray()), k -> new ArrayList<>()).add(r);
    }
    if (groups.isEmpty() && elements.stream().allMatch(e -> e instanceof Query.Aggregate)) {
      groups.put(new Relation.Row(new Object[0]), new ArrayList<>()); // (count ?x) of nothing is 0
    }
    List<List<Object>> out = new ArrayList<>();
    for (Map.Entry<Relation.Row, List<Object[]>> g : groups.entrySet()) {
      List<Object> row = new ArrayList<>();
      int k = 0;
      for (Query.Element e : elements) {
        if (!(e instanceof Query.Aggregate)) {
          row.add(g.getKey().values[k++]);
        } else {
          Query.Aggregate a = (Query.Aggregate) e;
          List<Object> values = new ArrayList<>();
          int at = set.index(a.var());
          for (Object[] r : g.getValue()) {
            values.add(r[at]);
          }
          row.add(Aggregates.apply(a, values));
        }
      }
      if (!(g.getValue().isEmpty() && row.stream().anyMatch(x -> x == null))) {
        out.add(Collections.unmodifiableList(row));
      }
    }
    return out;
  }

  private static Map<Object, Object> asMap(Query.ReturnMaps maps, List<Object> row) {
    Map<Object, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < row.size(); i++) {
      String name = maps.names().get(i);
      Object key = switch (maps.kind()) {
        case KEYS -> Keyword.of(name);
        case SYMS -> Symbol.of(name);
        case STRS -> name;
      };
      out.put(key, row.get(i));
    }
    return out;
  }
}

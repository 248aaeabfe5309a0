package org.datolite.cli.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.datolite.edn.Edn;
import org.datolite.edn.Symbol;
import org.datolite.value.Keyword;

/**
 * The find specification of a query, as far as printing its result needs it: its shape
 * (docs/datalog.md: {@code :find ?a ?b} a relation, {@code :find [?a ...]} a collection,
 * {@code :find [?a ?b]} a tuple, {@code :find ?a .} a scalar) and its column labels (the find
 * elements as written, or the names of {@code :keys}, {@code :syms} or {@code :strs}).
 */
record FindSpec(Kind kind, List<String> columns) {
  private static final Keyword FIND = Keyword.of(":find");
  private static final List<Keyword> RETURN_MAPS = List.of(Keyword.of(":keys"), Keyword.of(":syms"),
      Keyword.of(":strs"));
  private static final Symbol ELLIPSIS = Symbol.of("...");
  private static final Symbol DOT = Symbol.of(".");

  /** The shape of a query's result. */
  enum Kind { RELATION, COLLECTION, TUPLE, SCALAR }

  /** The find specification of a query form (a vector or map starting with, or holding, {@code :find}). */
  static FindSpec of(Object query) {
    List<Object> find = section(query, FIND);
    List<Object> names = null;
    for (Keyword key : RETURN_MAPS) {
      List<Object> found = section(query, key);
      if (!found.isEmpty()) {
        names = found;
      }
    }
    if (find.size() == 1 && find.get(0) instanceof List<?> vector) {
      boolean collection = vector.size() == 2 && ELLIPSIS.equals(vector.get(1));
      return collection ? new FindSpec(Kind.COLLECTION, List.of(Edn.describe(vector.get(0))))
          : new FindSpec(Kind.TUPLE, labels(vector));
    }
    if (find.size() == 2 && DOT.equals(find.get(1))) {
      return new FindSpec(Kind.SCALAR, List.of(Edn.describe(find.get(0))));
    }
    return new FindSpec(Kind.RELATION, labels(names != null && names.size() == find.size() ? names : find));
  }

  /** The result as rows of values, one value per column (a missing scalar or tuple is no row). */
  List<List<Object>> rows(Object result) {
    List<List<Object>> rows = new ArrayList<>();
    switch (kind) {
      case SCALAR -> {
        if (result != null) {
          rows.add(single(result));
        }
      }
      case TUPLE -> {
        if (result instanceof List<?> tuple) {
          rows.add(new ArrayList<>(tuple));
        } else if (result != null) {
          rows.add(single(result));
        }
      }
      case COLLECTION -> {
        for (Object value : (Collection<?>) result) {
          rows.add(single(value));
        }
      }
      default -> {
        for (Object row : (Collection<?>) result) {
          if (row instanceof Map<?, ?> map) {
            rows.add(new ArrayList<>(map.values()));
          } else {
            rows.add(new ArrayList<>((List<?>) row));
          }
        }
      }
    }
    return rows;
  }

  private static List<Object> single(Object value) {
    List<Object> row = new ArrayList<>(1);
    row.add(value);
    return row;
  }

  private static List<String> labels(List<?> elements) {
    List<String> out = new ArrayList<>(elements.size());
    for (Object element : elements) {
      out.add(element instanceof Keyword k ? k.name() : Edn.describe(element));
    }
    return out;
  }

  /** The elements of a query section: a map's value, or a vector's elements from the keyword to the next keyword. */
  private static List<Object> section(Object query, Keyword key) {
    if (query instanceof Map<?, ?> map) {
      return map.get(key) instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }
    List<Object> out = new ArrayList<>();
    List<?> vector = (List<?>) query;
    int at = vector.indexOf(key);
    for (int i = at + 1; at >= 0 && i < vector.size() && !(vector.get(i) instanceof Keyword); i++) {
      out.add(vector.get(i));
    }
    return out;
  }
}

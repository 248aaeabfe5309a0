package org.datolite.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/** The aggregate functions of {@code :find}. */
final class Aggregates {
  private static final Random RANDOM = new Random();

  private Aggregates() {}

  static Object apply(Query.Aggregate a, List<Object> values) {
    String fn = a.function();
    Long n = a.args().size() == 2 && a.args().get(0) instanceof Term.Constant k && k.value() instanceof Long l ? l : null;
    switch (fn) {
      case "count":
        return (long) values.size();
      case "count-distinct":
        return (long) distinct(values).size();
      case "distinct":
        return new LinkedHashSet<>(distinct(values));
      case "sum": {
        Object acc = 0L;
        for (Object v : values) {
          acc = Functions.get("+").apply(new Object[] {acc, v});
        }
        return acc;
      }
      case "avg":
        return values.isEmpty() ? null : toDouble(Functions.get("+").apply(values.toArray())) / values.size();
      case "min":
      case "max": {
        int sign = fn.equals("max") ? -1 : 1;
        Comparator<Object> order = (x, y) -> sign * Functions.compare(x, y);
        if (n != null) {
          return distinct(values).stream().sorted(order).limit(n).toList();
        }
        return values.stream().min(order).orElse(null);
      }
      case "median": {
        List<Object> sorted = values.stream().sorted(Functions::compare).toList();
        if (sorted.isEmpty()) {
          return null;
        }
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid)
            : (toDouble(sorted.get(mid - 1)) + toDouble(sorted.get(mid))) / 2;
      }
      case "variance":
        return values.isEmpty() ? null : variance(values);
      case "stddev":
        return values.isEmpty() ? null : Math.sqrt(variance(values));
      case "rand": {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < (n == null ? 1 : n) && !values.isEmpty(); i++) {
          out.add(values.get(RANDOM.nextInt(values.size())));
        }
        return n == null ? (out.isEmpty() ? null : out.get(0)) : out;
      }
      case "sample": {
        List<Object> pool = new ArrayList<>(distinct(values));
        Collections.shuffle(pool, RANDOM);
        return pool.subList(0, (int) Math.min(n == null ? 1 : n, pool.size()));
      }
      default:
        throw new DatoliteException(SqlState.UNDEFINED_FUNCTION, "unknown aggregate " + fn + "; expected count, count-distinct, sum,"
            + " avg, min, max, median, variance, stddev, distinct, rand or sample");
    }
  }

  private static List<Object> distinct(List<Object> values) {
    Set<Relation.Row> seen = new LinkedHashSet<>();
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      if (seen.add(new Relation.Row(new Object[] {v}))) {
        out.add(v);
      }
    }
    return out;
  }

  private static double toDouble(Object o) {
    if (!(o instanceof Number num)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "aggregate over " + Functions.describe(o) + "; expected numbers");
    }
    return num.doubleValue();
  }

  private static double variance(List<Object> values) {
    double mean = 0;
    for (Object v : values) {
      mean += toDouble(v);
    }
    mean /= values.size();
    double sum = 0;
    for (Object v : values) {
      double d = toDouble(v) - mean;
      sum += d * d;
    }
    return sum / values.size();
  }
}

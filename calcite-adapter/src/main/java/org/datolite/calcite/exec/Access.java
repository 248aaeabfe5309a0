package org.datolite.calcite.exec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a scan finds its rows: every row in index order, or only the rows an index lookup names.
 * Lookups narrow; the query's filter still runs on what they find, so a lookup only has to find
 * every row that can match.
 */
public sealed interface Access {
  /** Every row. */
  record Full() implements Access {
    @Override
    public String toString() {
      return "full";
    }
  }

  /** The rows of some entities, by id ({@code DB_ID} of an entity table, the owner id of a child table). */
  record Ids(List<Operand> ids) implements Access {
    public Ids {
      ids = List.copyOf(ids);
    }

    @Override
    public String toString() {
      return "EAVT e in " + ids;
    }
  }

  /** The rows whose column equals one of some values (AVET). */
  record Equal(int column, List<Operand> values) implements Access {
    public Equal {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return "AVET $" + column + " in " + values.stream().map(String::valueOf).collect(Collectors.toList());
    }
  }

  /** The rows whose column lies in a range (AVET); a null end is open. */
  record Range(int column, Operand low, boolean lowInclusive, Operand high, boolean highInclusive) implements Access {
    @Override
    public String toString() {
      return "AVET $" + column + " " + (low == null ? "(-inf" : (lowInclusive ? "[" : "(") + low) + ", "
          + (high == null ? "+inf)" : high + (highInclusive ? "]" : ")"));
    }
  }

  /**
   * Every row, in the order of one attribute column's values (AVET, backwards when descending),
   * the rows where it is NULL before or after them: how {@code ORDER BY col … LIMIT n} reads
   * only the first rows of the order.
   */
  record Ordered(int column, boolean descending, boolean nullsFirst) implements Access {
    @Override
    public String toString() {
      return "AVET $" + column + (descending ? " descending" : " ascending") + (nullsFirst ? ", NULLs first" : ", NULLs last");
    }
  }
}
package org.datolite.calcite.exec;

import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;

/**
 * Which index lookup a scan prefers among those its conditions offer (lower first), and which
 * lookups find exactly the rows their condition accepts; the planner's rule ({@code ScanKeys})
 * and the simple statements that skip the planner ({@code SimpleSelect}) both choose by these.
 * By id first (EAVT), then by a unique value, then by any value (AVET), then a range on ids, then
 * a range on values; a range bounded on both sides ranks just before a one-sided one.
 */
public final class LookupRank {
  /** No lookup. */
  public static final int NONE = Integer.MAX_VALUE;

  private LookupRank() {}

  private static boolean isId(Column c) {
    return c.kind() == ColumnKind.ENTITY_ID || c.kind() == ColumnKind.OWNER_ID;
  }

  /** The rank of an equality (or {@code IN}) lookup on a column. */
  public static int equality(Column c) {
    if (isId(c)) {
      return 0;
    }
    if (c.attribute() == null) {
      return NONE;
    }
    return c.attribute().isUnique() ? 10 : 20;
  }

  /** The rank of a range lookup on a column, bounded on one side or both. */
  public static int range(Column c, boolean bounded) {
    int rank;
    if (isId(c)) {
      rank = 30;
    } else if (c.attribute() == null || c.showsTarget()) {
      return NONE; // an enum's text or a keyed ref's key orders otherwise than AVET's ids: a range is no lookup
    } else {
      rank = 40;
    }
    return bounded ? rank - 1 : rank;
  }

  /**
   * Whether an equality lookup on a column, with keys that are literals or bare parameters, finds
   * exactly the rows the equality accepts: always by id; by value when the column's stored values
   * compare as SQL compares them (text, integers, booleans, refs other than enums; decimals keep
   * their scale, doubles their signed zero, keywords and the like their text form).
   */
  public static boolean exactEquality(Column c) {
    if (isId(c)) {
      return true;
    }
    return c.attribute() != null && !c.enumRef() && switch (c.type()) {
      case STRING, LONG, REF, BOOLEAN -> true;
      default -> false;
    };
  }
}

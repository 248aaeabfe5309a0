package org.datolite.datom;

import java.util.Comparator;
import org.datolite.value.Values;

/**
 * The four covering sort orders of datoms.
 *
 * <p>Each order compares its three leading components, then {@code tx}, then {@code added}
 * (retraction first), so that a history index can hold the assertion and the retraction of one
 * fact side by side. {@link #VAET} holds only datoms whose value is a ref.
 *
 * <table>
 *   <caption>Index orders</caption>
 *   <tr><th>index</th><th>order</th><th>answers</th></tr>
 *   <tr><td>EAVT</td><td>e, a, v, tx</td><td>an entity's attributes (row lookups)</td></tr>
 *   <tr><td>AEVT</td><td>a, e, v, tx</td><td>an attribute across entities (column scans)</td></tr>
 *   <tr><td>AVET</td><td>a, v, e, tx</td><td>value lookups and ranges</td></tr>
 *   <tr><td>VAET</td><td>v, a, e, tx</td><td>reverse references</td></tr>
 * </table>
 */
public enum Index {
  EAVT,
  AEVT,
  AVET,
  VAET;

  /**
   * The four orders as instances of one class, so that every call site comparing datoms (merges,
   * binary searches, sorts) sees a single receiver type and the JIT inlines the comparison; four
   * comparator classes made those sites megamorphic.
   */
  private static final class Order implements Comparator<Datom> {
    private final int order;

    Order(int order) {
      this.order = order;
    }

    @Override
    public int compare(Datom x, Datom y) {
      int c;
      switch (order) {
        case 0 -> { // e, a, v
          c = Long.compare(x.e(), y.e());
          if (c == 0) {
            c = Long.compare(x.a(), y.a());
            if (c == 0) {
              c = Values.compare(x.v(), y.v());
            }
          }
        }
        case 1 -> { // a, e, v
          c = Long.compare(x.a(), y.a());
          if (c == 0) {
            c = Long.compare(x.e(), y.e());
            if (c == 0) {
              c = Values.compare(x.v(), y.v());
            }
          }
        }
        case 2 -> { // a, v, e
          c = Long.compare(x.a(), y.a());
          if (c == 0) {
            c = Values.compare(x.v(), y.v());
            if (c == 0) {
              c = Long.compare(x.e(), y.e());
            }
          }
        }
        default -> { // v, a, e
          c = Values.compare(x.v(), y.v());
          if (c == 0) {
            c = Long.compare(x.a(), y.a());
            if (c == 0) {
              c = Long.compare(x.e(), y.e());
            }
          }
        }
      }
      return c != 0 ? c : compareTxAdded(x, y);
    }

    @Override
    public String toString() {
      return values()[order] + " order";
    }
  }

  private final Comparator<Datom> comparator;
  /** The components in order, as the letters of the name: e, a, v, t. */
  private final char[] components;

  Index() {
    this.comparator = new Order(ordinal());
    this.components = name().toLowerCase().toCharArray();
  }

  /** The total order of this index over datoms. */
  public Comparator<Datom> comparator() {
    return comparator;
  }

  /**
   * Whether two datoms, adjacent in this order, share the components that precede {@code v},
   * so that the later value is at least the earlier one (values may then be delta coded).
   */
  public boolean sameBeforeValue(Datom previous, Datom d) {
    return switch (this) {
      case EAVT, AEVT -> previous.e() == d.e() && previous.a() == d.a();
      case AVET -> previous.a() == d.a();
      case VAET -> true;
    };
  }

  /** The index with the given one-byte code ({@link #ordinal()}), as written in segments. */
  public static Index ofCode(int code) {
    Index[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("unknown index code " + code + "; expected 0.." + (all.length - 1));
    }
    return all[code];
  }

  /**
   * The smallest datom of this order whose leading components equal the given ones; missing
   * components are open. Pairs with {@link #upperBound} to scan a prefix.
   */
  public Datom lowerBound(Object... components) {
    return bound(Values.MIN, Long.MIN_VALUE, false, components);
  }

  /** The largest datom of this order whose leading components equal the given ones. */
  public Datom upperBound(Object... components) {
    return bound(Values.MAX, Long.MAX_VALUE, true, components);
  }

  private Datom bound(Object openValue, long openLong, boolean openAdded, Object[] components) {
    long e = openLong;
    long a = openLong;
    long tx = openLong;
    Object v = openValue;
    if (components.length > 4) {
      throw new IllegalArgumentException(
          name() + " has four components to bound; got " + components.length);
    }
    for (int i = 0; i < components.length; i++) {
      Object c = components[i];
      switch (componentAt(i)) {
        case 'e' -> e = asLong(c, 'e');
        case 'a' -> a = asLong(c, 'a');
        case 'v' -> v = c;
        default -> tx = asLong(c, 't');
      }
    }
    return new Datom(e, a, v, tx, openAdded);
  }

  private char componentAt(int i) {
    return components[i];
  }

  private long asLong(Object c, char component) {
    if (c instanceof Long l) {
      return l;
    }
    if (c instanceof Integer n) {
      return n;
    }
    throw new IllegalArgumentException(
        name() + " component " + component + " must be an entity id (Long); got "
            + (c == null ? "null" : c.getClass().getSimpleName()));
  }

  static int compareTxAdded(Datom x, Datom y) {
    int c = Long.compare(x.tx(), y.tx());
    return c != 0 ? c : Boolean.compare(x.added(), y.added());
  }
}

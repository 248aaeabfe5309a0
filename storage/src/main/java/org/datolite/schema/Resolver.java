package org.datolite.schema;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;

/**
 * Turns what a caller writes for an entity, an attribute, a value or a point in time into what
 * the datoms of one database value hold: entity and attribute ids, values as stored, transaction
 * ids. The peer's {@code Database} answers its index API through it, and the query engine
 * resolves the constants and bound values of its patterns through it, so that both read a name
 * the same way.
 *
 * <h2>Design</h2>
 * A resolver is a {@link Db} value and the {@link Schema} at that value's basis; it is immutable
 * and cheap (two references), so every view of a database carries its own.
 * <ul>
 *   <li><b>Entities</b> are written as an id ({@code Long}, or an {@code Integer}), an ident
 *       ({@link Keyword}, or its text {@code ":ns/name"}) or a lookup ref
 *       ({@code List.of(uniqueAttribute, value)}). Idents resolve at the basis whatever the view
 *       hides: an attribute's ident through the schema, any other ident through the unfiltered
 *       value's AVET, so a since or filtered value still knows {@code :person/name}. A lookup ref
 *       reads AVET of the view itself: it finds an entity only where the view shows its value.
 *   <li><b>Attributes</b> are written as their ident or id and resolve through the schema alone.
 *   <li><b>Values</b> for an attribute: a ref attribute's value is an entity (resolved as above);
 *       other values are widened from {@code Integer}, {@code Short} and {@code Byte} to
 *       {@code Long}, the one integer type datoms hold. Nothing else is converted.
 *   <li><b>Points in time</b>: a basis {@code t} or a transaction id, or an instant by
 *       {@code :db/txInstant}.
 * </ul>
 * What cannot resolve is answered in two ways, as callers need: {@code null} for an entity that
 * is not there (it matches nothing), and a {@link DatoliteException} with its SQLState for a
 * request that is wrong in itself: an unknown attribute ({@code 42703}), a lookup ref on an
 * attribute that is not unique ({@code 42P10}), a value of a kind that cannot name what is asked
 * ({@code 22023}).
 */
public final class Resolver {
  private final Db db;
  private final Schema schema;

  public Resolver(Db db, Schema schema) {
    this.db = db;
    this.schema = schema;
  }

  /** The database value names are resolved in. */
  public Db db() {
    return db;
  }

  /** The schema at the value's basis. */
  public Schema schema() {
    return schema;
  }

  // ---- entities -------------------------------------------------------------------------------

  /**
   * The entity id of {@code eid} (an id, ident or lookup ref), or null if it does not resolve: an
   * unknown ident, or a lookup ref whose value no entity has. An id is returned as it is.
   */
  public Long entid(Object eid) {
    if (eid instanceof Long id) {
      return id;
    }
    if (eid instanceof Integer id) {
      return (long) id;
    }
    if (eid instanceof Keyword ident) {
      // Idents resolve at the basis whatever the view hides (a since value still knows :person/name).
      Attribute attr = schema.attribute(ident);
      if (attr != null) {
        return attr.id();
      }
      Datom d = db.unfiltered().first(Index.AVET, Bootstrap.IDENT, ident);
      return d == null ? null : d.e();
    }
    if (eid instanceof String s && s.startsWith(":")) {
      return entid(Keyword.of(s.substring(1)));
    }
    if (eid instanceof List<?> ref && ref.size() == 2) {
      Attribute attr = attributeOrThrow(ref.get(0));
      if (attr.unique() == Uniqueness.NONE) {
        throw new DatoliteException(SqlState.INVALID_COLUMN_REFERENCE, "lookup ref " + ref + ": attribute " + attr.ident()
            + " is not unique; a lookup ref needs a :db/unique attribute");
      }
      Datom d = db.first(Index.AVET, attr.id(), value(attr, ref.get(1)));
      return d == null ? null : d.e();
    }
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "cannot use " + describe(eid)
        + " as an entity; expected an entity id (Long), an ident (Keyword) or a lookup ref [attribute value]");
  }

  /**
   * A value where datoms hold an entity id (a pattern's entity, attribute or transaction, the
   * value of a ref attribute): an ident ({@link Keyword}) or lookup ref ({@link List}) resolved
   * to its id, or null if it does not resolve; any other value as it is, unchecked.
   */
  public Object entityValue(Object v) {
    return v instanceof Keyword || v instanceof List<?> ? entid(v) : v;
  }

  /** The ident of an entity, or null if it has none (or does not resolve). */
  public Keyword ident(Object eid) {
    Long id = entid(eid);
    if (id == null) {
      return null;
    }
    Datom d = db.unfiltered().first(Index.EAVT, id, Bootstrap.IDENT);
    return d == null ? null : (Keyword) d.v();
  }

  // ---- attributes -----------------------------------------------------------------------------

  /** The attribute named by an ident or id, or null if there is none. */
  public Attribute attribute(Object ident) {
    if (ident instanceof Keyword k) {
      return schema.attribute(k);
    }
    if (ident instanceof Long id) {
      return schema.attribute(id);
    }
    if (ident instanceof String s && s.startsWith(":")) {
      return schema.attribute(Keyword.of(s.substring(1)));
    }
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "cannot use " + describe(ident)
        + " as an attribute; expected its ident (Keyword) or id (Long)");
  }

  /** As {@link #attribute}, failing with 42703 for an attribute the schema does not have. */
  public Attribute attributeOrThrow(Object ident) {
    Attribute attr = attribute(ident);
    if (attr == null) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "unknown attribute " + ident + "; install it with :db/ident,"
          + " :db/valueType and :db/cardinality first");
    }
    return attr;
  }

  // ---- values ---------------------------------------------------------------------------------

  /** A value for an attribute: a ref's entity resolved, an integer widened. Null: a ref that does not resolve. */
  public Object value(Attribute attr, Object v) {
    if (attr.isRef()) {
      return entid(v);
    }
    return normalize(v);
  }

  /** {@code Integer}, {@code Short} and {@code Byte} widened to {@code Long}; any other value as it is. */
  public static Object normalize(Object v) {
    if (v instanceof Integer i) {
      return (long) i;
    }
    if (v instanceof Short s) {
      return (long) s;
    }
    if (v instanceof Byte b) {
      return (long) b;
    }
    return v;
  }

  /**
   * The leading components of an index as the datoms hold them, or null if an entity among them
   * does not resolve (then nothing matches): {@code e} and a ref's {@code v} as entity ids,
   * {@code a} as an attribute id (an unknown one fails with 42703), {@code v} as a value of the
   * attribute (or, in VAET without an attribute, an entity), {@code t} as a transaction id.
   */
  public Object[] components(Index index, Object... components) {
    if (components.length > 4) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, index + " has four components; got " + components.length);
    }
    String order = index.name().toLowerCase();
    Attribute attr = null;
    int a = order.indexOf('a');
    if (a < components.length) {
      attr = attributeOrThrow(components[a]);
    }
    Object[] out = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      Object c = components[i];
      switch (order.charAt(i)) {
        case 'e' -> {
          Long e = entid(c);
          if (e == null) {
            return null;
          }
          out[i] = e;
        }
        case 'a' -> out[i] = attr.id();
        case 'v' -> {
          if (attr == null && index == Index.VAET) {
            Long e = entid(c); // VAET holds refs: its value is an entity
            if (e == null) {
              return null;
            }
            out[i] = e;
          } else {
            Object v = attr == null ? normalize(c) : value(attr, c);
            if (v == null) {
              return null;
            }
            out[i] = v;
          }
        }
        default -> out[i] = txOf(asLong(c, "t"));
      }
    }
    return out;
  }

  /**
   * The first and last possible AVET datoms (both inclusive) of an attribute's values between
   * {@code start} and {@code end} (null: open), each end inclusive or not.
   */
  public Datom[] valueBounds(Attribute attr, Object start, boolean startInclusive, Object end, boolean endInclusive) {
    Object lo = start == null ? null : value(attr, start);
    Object hi = end == null ? null : value(attr, end);
    Datom from = lo == null ? Index.AVET.lowerBound(attr.id())
        : startInclusive ? Index.AVET.lowerBound(attr.id(), lo) : Index.AVET.upperBound(attr.id(), lo);
    Datom to = hi == null ? Index.AVET.upperBound(attr.id())
        : endInclusive ? Index.AVET.upperBound(attr.id(), hi) : Index.AVET.lowerBound(attr.id(), hi);
    return new Datom[] {from, to};
  }

  // ---- points in time -------------------------------------------------------------------------

  /** The {@code t} of the last transaction the value includes. */
  public long basisT() {
    return Ids.t(db.basisTx());
  }

  /** A transaction id from a basis {@code t} or a transaction id (a negative {@code t} fails with 22023). */
  public static long txOf(long t) {
    if (Ids.isTx(t)) {
      return t;
    }
    if (t < 0) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "t " + t + " is negative; expected a basis t (0 or more) or a transaction id");
    }
    return Ids.tx(t);
  }

  /** The last transaction at or before an instant by {@code :db/txInstant} (or, before the first one, the id below it). */
  public long txAt(Instant instant) {
    Iterator<Datom> it = db.rangeReverse(Index.AVET, Index.AVET.lowerBound(Bootstrap.TX_INSTANT), true,
        Index.AVET.upperBound(Bootstrap.TX_INSTANT, instant), true);
    return it.hasNext() ? it.next().e() : Ids.tx(0) - 1;
  }

  private static long asLong(Object c, String what) {
    if (c instanceof Long l) {
      return l;
    }
    if (c instanceof Integer i) {
      return i;
    }
    throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "cannot use " + describe(c) + " as " + what + "; expected a Long");
  }

  private static String describe(Object o) {
    return o == null ? "null" : o + " (" + o.getClass().getSimpleName() + ")";
  }
}

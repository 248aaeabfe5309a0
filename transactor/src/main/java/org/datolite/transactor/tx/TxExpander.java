package org.datolite.transactor.tx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.value.Keyword;
import org.datolite.value.Values;

/**
 * Turns transaction data, as Datomic accepts it, into a flat list of {@link TxOp}s:
 *
 * <ul>
 *   <li>list forms {@code [:db/add e a v]}, {@code [:db/retract e a v]}, {@code [:db/retract e
 *       a]}, {@code [:db/retractEntity e]} and {@code [:db/cas e a old new]};
 *   <li>what SQL needs: {@code [:db.sql/new tempid]} (the tempid must not upsert: an SQL INSERT
 *       of an existing key fails), {@code [:db.sql/reserve name n]} (n entity ids set aside for a
 *       JDBC transaction's new rows, later created with {@code [:db.sql/new id]}) and {@code [:db.sql/unchanged t e a]} (nothing after
 *       basis {@code t} changed attribute {@code a} of {@code e}, or of any entity for nil: a JDBC
 *       transaction's reads);
 *   <li>map forms {@code {:db/id e, a v, …}}: a collection of values for a cardinality-many
 *       attribute, nested maps as values of ref attributes (which must be components or carry a
 *       unique attribute), reverse attributes {@code :ns/_name}, and {@code :db/ensure};
 *   <li>entities named by id, tempid string, ident, lookup ref {@code [attr value]}, or
 *       {@code "datomic.tx"} for the transaction itself.
 * </ul>
 *
 * Values are type-checked here; entities are resolved later, against the db before the
 * transaction.
 */
final class TxExpander {
  /** The tempid that names the transaction entity. */
  static final String TX_TEMPID = "datomic.tx";

  private static final Keyword DB_ID = Keyword.of(":db/id");
  private static final Keyword ADD = Keyword.of(":db/add");
  private static final Keyword RETRACT = Keyword.of(":db/retract");
  private static final Keyword RETRACT_ENTITY = Keyword.of(":db/retractEntity");
  private static final Keyword RETRACT_ENTITY_OLD = Keyword.of(":db.fn/retractEntity");
  private static final Keyword CAS = Keyword.of(":db/cas");
  private static final Keyword CAS_OLD = Keyword.of(":db.fn/cas");
  private static final Keyword SQL_NEW = Keyword.of(":db.sql/new");
  private static final Keyword SQL_UNCHANGED = Keyword.of(":db.sql/unchanged");
  private static final Keyword SQL_RESERVE = Keyword.of(":db.sql/reserve");
  private static final Keyword SQL_INCREMENT = Keyword.of(":db.sql/increment");
  /** The most ids one {@code :db.sql/reserve} sets aside. */
  static final int MAX_RESERVE = 1 << 20;

  private final Schema schema;
  private final List<TxOp> ops;
  /**
   * Attributes looked up by keyword, by the keyword's hash: a request's forms share one keyword
   * object per ident, so a bulk load's rows × columns are matched by identity, not by a schema
   * lookup each (two hash lookups and a string comparison).
   */
  private final Keyword[] seenKeywords = new Keyword[32];
  private final Attribute[] seenAttributes = new Attribute[32];
  private int automatic;

  private TxExpander(Schema schema, int expectedOps) {
    this.schema = schema;
    this.ops = new ArrayList<>(expectedOps);
  }

  /** Expands transaction data (a list of forms) into operations. */
  static List<TxOp> expand(Object txData, Schema schema) {
    if (!(txData instanceof List<?> forms)) {
      throw malformed("transaction data must be a vector of operations; got " + TxValues.describe(txData));
    }
    int expected = 0; // a map form's entries are (about) its operations: a bulk load's list is not regrown
    for (Object form : forms) {
      expected += form instanceof Map<?, ?> m ? m.size() : 1;
    }
    TxExpander expander = new TxExpander(schema, expected);
    for (int i = 0; i < forms.size(); i++) {
      expander.form(forms.get(i), where(i));
    }
    return expander.ops;
  }

  /** {@link #where} of the first operations, made once: a bulk load's thousands of rows each named one. */
  private static final String[] WHERE = new String[1 << 14];

  /** " in operation n" of operation {@code i}, n counted from 1. */
  private static String where(int i) {
    if (i >= WHERE.length) {
      return " in operation " + (i + 1);
    }
    String w = WHERE[i]; // a race makes equal strings; a String is safely published through its final fields
    if (w == null) {
      w = " in operation " + (i + 1);
      WHERE[i] = w;
    }
    return w;
  }

  private void form(Object form, String where) {
    if (form instanceof Map<?, ?> map) {
      entityMap(map, null, where);
    } else if (form instanceof List<?> list) {
      listForm(list, where);
    } else {
      throw malformed("operation " + TxValues.describe(form) + where
          + " is neither a list form [:db/add e a v] nor an entity map {:db/id e …}");
    }
  }

  private void listForm(List<?> list, String where) {
    if (list.isEmpty() || !(list.get(0) instanceof Keyword op)) {
      throw malformed("list form " + TxValues.describe(list) + where
          + " must start with an operation keyword such as :db/add");
    }
    if (op.equals(ADD)) {
      arity(list, 4, "[:db/add e a v]", where);
      Attribute a = attribute(list.get(2), where);
      EntityRef e = entity(list.get(1), where);
      if (a.id() == Bootstrap.ENSURE) {
        ops.add(new TxOp.Ensure(e, entity(list.get(3), where)));
      } else {
        ops.add(new TxOp.Add(e, a, value(a, list.get(3), where)));
      }
    } else if (op.equals(RETRACT)) {
      if (list.size() != 3 && list.size() != 4) {
        throw malformed("operation " + TxValues.describe(list) + where
            + " has " + (list.size() - 1) + " arguments; expected [:db/retract e a v] or [:db/retract e a]");
      }
      Attribute a = attribute(list.get(2), where);
      if (a.isComposite()) {
        throw new TxException(TxErrorCode.WRONG_TYPE, "composite tuple " + a.ident() + where
            + " is computed from its attributes and cannot be retracted; retract those attributes instead");
      }
      managedByTransactor(a, where);
      Object v = list.size() == 4 ? value(a, list.get(3), where) : null;
      ops.add(new TxOp.Retract(entity(list.get(1), where), a, v));
    } else if (op.equals(RETRACT_ENTITY) || op.equals(RETRACT_ENTITY_OLD)) {
      arity(list, 2, "[:db/retractEntity e]", where);
      ops.add(new TxOp.RetractEntity(entity(list.get(1), where)));
    } else if (op.equals(CAS) || op.equals(CAS_OLD)) {
      arity(list, 5, "[:db/cas e a old new]", where);
      Attribute a = attribute(list.get(2), where);
      managedByTransactor(a, where);
      if (a.isMany()) {
        throw new TxException(TxErrorCode.MALFORMED_TX_DATA, ":db/cas" + where + " on " + a.ident()
            + ", which has cardinality many; cas compares the one value of a cardinality-one attribute");
      }
      Object expected = list.get(3) == null ? null : value(a, list.get(3), where);
      ops.add(new TxOp.Cas(entity(list.get(1), where), a, expected, value(a, list.get(4), where)));
    } else if (op.equals(SQL_NEW)) {
      arity(list, 2, "[:db.sql/new tempid-or-reserved-id]", where);
      EntityRef e = entity(list.get(1), where);
      if (e instanceof EntityRef.Id id && Ids.partition(id.id()) != Ids.PARTITION_USER) {
        throw malformed("operation " + TxValues.describe(list) + where + " names entity " + id
            + ", which is not in :db.part/user; :db.sql/new takes a tempid or an id reserved with :db.sql/reserve");
      }
      if (!(e instanceof EntityRef.Temp) && !(e instanceof EntityRef.Id)) {
        throw malformed("operation " + TxValues.describe(list) + where
            + " names an existing entity; :db.sql/new takes a tempid or an id reserved with :db.sql/reserve");
      }
      ops.add(new TxOp.New(e));
    } else if (op.equals(SQL_INCREMENT)) {
      arity(list, 4, "[:db.sql/increment e a delta]", where);
      Attribute a = attribute(list.get(2), where);
      if (a.isMany() || !isNumber(a)) {
        throw new TxException(TxErrorCode.WRONG_TYPE, ":db.sql/increment" + where + " on " + a.ident()
            + "; it adds to the one value of a cardinality-one long, bigint, bigdec, double or float attribute");
      }
      managedByTransactor(a, where);
      ops.add(new TxOp.Increment(entity(list.get(1), where), a, value(a, list.get(3), where)));
    } else if (op.equals(SQL_RESERVE)) {
      arity(list, 3, "[:db.sql/reserve name n]", where);
      if (!(list.get(1) instanceof String name) || name.isEmpty() || !(list.get(2) instanceof Long n) || n < 1
          || n > MAX_RESERVE) {
        throw malformed("operation " + TxValues.describe(list) + where + " must name the reservation with a"
            + " non-empty string and ask for 1 to " + MAX_RESERVE + " ids");
      }
      ops.add(new TxOp.Reserve(name, (int) (long) n));
    } else if (op.equals(SQL_UNCHANGED)) {
      if (list.size() != 2 && list.size() != 4 && list.size() != 5) {
        throw malformed("operation " + TxValues.describe(list) + where + " has " + (list.size() - 1)
            + " arguments; expected [:db.sql/unchanged t], [:db.sql/unchanged t e a] (e an entity id, or nil for"
            + " every entity) or [:db.sql/unchanged t nil a v]");
      }
      if (!(list.get(1) instanceof Long t) || t < 0) {
        throw malformed("operation " + TxValues.describe(list) + where
            + " has basis " + TxValues.describe(list.get(1)) + "; expected the t the reads were made at");
      }
      if (list.size() == 2) {
        ops.add(new TxOp.Unchanged(t, null, null, null));
        return;
      }
      Object e = list.get(2);
      if (e != null && !(e instanceof Long id && id >= 0) || e != null && list.size() == 5) {
        throw malformed("operation " + TxValues.describe(list) + where + " names entity " + TxValues.describe(e)
            + "; expected an entity id, or nil for every entity (and nil before a value)");
      }
      Attribute a = attribute(list.get(3), where);
      Object v = list.size() == 5 ? (a.isRef() ? entityValue(list.get(4), list, where) : value(a, list.get(4), where))
          : null;
      ops.add(new TxOp.Unchanged(t, (Long) e, a, v));
    } else {
      throw new TxException(TxErrorCode.UNKNOWN_OPERATION, "unknown operation " + op + where
          + "; expected :db/add, :db/retract, :db/retractEntity, :db/cas or one of :db.sql/new, :db.sql/increment, :db.sql/reserve, :db.sql/unchanged");
    }
  }

  private static boolean isNumber(Attribute a) {
    return switch (a.valueType()) {
      case LONG, BIGINT, BIGDEC, DOUBLE, FLOAT -> true;
      default -> false;
    };
  }

  /** A ref value of a read check: an entity id (a check names no tempid, ident or lookup ref). */
  private static Long entityValue(Object v, List<?> list, String where) {
    if (!(v instanceof Long id) || id < 0) {
      throw malformed("operation " + TxValues.describe(list) + where + " checks ref value " + TxValues.describe(v)
          + "; expected an entity id");
    }
    return id;
  }

  /** Rejects {@code :db/txUuid}, which only the transactor asserts, from the client's transaction id. */
  private static void managedByTransactor(Attribute a, String where) {
    if (a.id() == Bootstrap.TX_UUID) {
      throw malformed(":db/txUuid" + where + " is set by the transactor from the id the client submits"
          + " the transaction with; it cannot be asserted or retracted in transaction data");
    }
  }

  private static void arity(List<?> list, int n, String shape, String where) {
    if (list.size() != n) {
      throw malformed("operation " + TxValues.describe(list) + where + " has " + (list.size() - 1)
          + " arguments; expected " + shape);
    }
  }

  /** Expands an entity map, returning the reference of the entity it describes. */
  private EntityRef entityMap(Map<?, ?> map, EntityRef assigned, String where) {
    EntityRef self = map.containsKey(DB_ID) ? entity(map.get(DB_ID), where)
        : assigned != null ? assigned : new EntityRef.Temp("auto-" + ++automatic, true);
    // forEach, not entrySet: a row read from binary forms gives its entries without an object each
    map.forEach((key, v) -> entry(self, key, v, where));
    return self;
  }

  /** The operations one entry of an entity map stands for. */
  private void entry(EntityRef self, Object key, Object v, String where) {
    if (DB_ID.equals(key)) {
      return;
    }
    if (key instanceof Keyword k && k.name().startsWith("_") && schema.attribute(k) == null) {
      reverse(self, k, v, where);
      return;
    }
    Attribute a = attribute(key, where);
    if (a.id() == Bootstrap.ENSURE) {
      for (Object spec : v instanceof Collection<?> c ? c : List.of(v)) {
        ops.add(new TxOp.Ensure(self, entity(spec, where)));
      }
      return;
    }
    if (!a.isMany() && !(v instanceof Map)) { // one value (the most common case: no list made)
      ops.add(new TxOp.Add(self, a, value(a, v, where)));
      return;
    }
    for (Object element : elements(a, v)) {
      if (element instanceof Map<?, ?> nested) {
        ops.add(new TxOp.Add(self, a, nested(a, nested, where)));
      } else {
        ops.add(new TxOp.Add(self, a, value(a, element, where)));
      }
    }
  }

  /** The values a map entry stands for: a collection for cardinality many, else the one value. */
  private static Collection<?> elements(Attribute a, Object v) {
    if (a.isMany() && v instanceof Collection<?> c && !(v instanceof Map)) {
      return c;
    }
    return Collections.singletonList(v);
  }

  private EntityRef nested(Attribute a, Map<?, ?> nested, String where) {
    if (!a.isRef()) {
      throw new TxException(TxErrorCode.WRONG_TYPE, "nested map " + TxValues.describe(nested) + where
          + " is a value of " + a.ident() + ", which is not a ref attribute");
    }
    if (!a.component() && !nested.containsKey(DB_ID) && !hasUniqueAttribute(nested)) {
      throw malformed("nested map " + TxValues.describe(nested) + where + " under " + a.ident()
          + " needs :db/id or a unique attribute, or " + a.ident()
          + " must be a component; otherwise it would create an entity that nothing can find");
    }
    return entityMap(nested, null, where);
  }

  private boolean hasUniqueAttribute(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (key instanceof Keyword k && schema.attribute(k) != null && schema.attribute(k).isUnique()) {
        return true;
      }
    }
    return false;
  }

  private void reverse(EntityRef self, Keyword reversed, Object v, String where) {
    Keyword forward = Keyword.of(reversed.namespace(), reversed.name().substring(1));
    Attribute a = schema.attribute(forward);
    if (a == null || !a.isRef()) {
      throw new TxException(TxErrorCode.UNKNOWN_ATTRIBUTE, "reverse attribute " + reversed + where
          + " needs " + forward + " to be an installed ref attribute");
    }
    boolean collection = v instanceof Collection<?> && !isLookupRef(v);
    for (Object source : collection ? (Collection<?>) v : List.of(v)) {
      EntityRef from = source instanceof Map<?, ?> m ? entityMap(m, null, where) : entity(source, where);
      ops.add(new TxOp.Add(from, a, self));
    }
  }

  private boolean isLookupRef(Object v) {
    return v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Keyword k
        && schema.attribute(k) != null && schema.attribute(k).isUnique();
  }

  private Attribute attribute(Object key, String where) {
    Attribute a = key instanceof Keyword k ? byKeyword(k) : key instanceof Long id ? schema.attribute(id) : null;
    if (a == null) {
      throw new TxException(TxErrorCode.UNKNOWN_ATTRIBUTE, "attribute " + TxValues.describe(key) + where
          + " is not installed; install it with {:db/ident … :db/valueType … :db/cardinality …} first");
    }
    return a;
  }

  private Attribute byKeyword(Keyword k) {
    int slot = k.hashCode() & (seenKeywords.length - 1);
    if (seenKeywords[slot] == k) {
      return seenAttributes[slot];
    }
    Attribute a = schema.attribute(k);
    if (a != null) {
      seenKeywords[slot] = k;
      seenAttributes[slot] = a;
    }
    return a;
  }

  /** A value for attribute {@code a}: an entity reference for refs, a checked value otherwise. */
  private Object value(Attribute a, Object v, String where) {
    managedByTransactor(a, where);
    if (v == null) {
      throw new TxException(TxErrorCode.WRONG_TYPE, "value of " + a.ident() + where
          + " is nil; Datomic has no nil values: retract the attribute instead");
    }
    if (a.isRef()) {
      return entity(v, where + " (value of " + a.ident() + ")");
    }
    return TxValues.coerce(a, v, schema, where);
  }

  EntityRef entity(Object x, String where) {
    if (x instanceof Long id) {
      if (id < 0) {
        throw new TxException(TxErrorCode.UNKNOWN_ENTITY, "entity id " + id + where
            + " is negative; use a tempid string for a new entity");
      }
      return new EntityRef.Id(id);
    }
    if (x instanceof String s) {
      if (s.isEmpty()) {
        throw malformed("empty tempid" + where + "; expected a non-empty string");
      }
      return s.equals(TX_TEMPID) ? new EntityRef.Tx() : new EntityRef.Temp(s, false);
    }
    if (x instanceof Keyword k) {
      return new EntityRef.Ident(k);
    }
    if (x instanceof List<?> l && l.size() == 2 && (l.get(0) instanceof Keyword || l.get(0) instanceof Long)) {
      Attribute a = attribute(l.get(0), where);
      if (!a.isUnique()) {
        throw new TxException(TxErrorCode.UNKNOWN_ENTITY, "lookup ref " + TxValues.describe(l) + where
            + " uses " + a.ident() + ", which is not unique; a lookup ref needs a :db/unique attribute");
      }
      if (l.get(1) == null) {
        throw new TxException(TxErrorCode.UNKNOWN_ENTITY, "lookup ref " + TxValues.describe(l) + where + " has a nil value");
      }
      Object v = a.isRef() ? l.get(1)
          : a.isComposite() ? TxValues.compositeLookupValue(a, l.get(1), schema, where)
          : TxValues.coerce(a, l.get(1), schema, where);
      return new EntityRef.Lookup(a, v);
    }
    throw malformed("entity " + TxValues.describe(x) + where
        + " must be an entity id, a tempid string, an ident keyword or a lookup ref [attribute value]");
  }

  private static TxException malformed(String message) {
    return new TxException(TxErrorCode.MALFORMED_TX_DATA, message);
  }

  static String show(Object v) {
    return v == null ? "nil" : Edn.describe(v);
  }
}

package org.datolite.transactor.tx;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Checks the schema facts a transaction changes, on the database after it: a new attribute
 * must be complete and valid, and an existing one may change only as Datomic allows.
 *
 * <ul>
 *   <li>allowed: renaming ({@code :db/ident}), {@code :db/doc}, {@code :db/index},
 *       {@code :db/isComponent}, {@code :db/noHistory}, {@code :db/cardinality} to many, to one
 *       if no entity has two values, and {@code :db/unique} added if the values are unique or
 *       removed;
 *   <li>forbidden: altering {@code :db/valueType}, {@code :db/tupleAttrs}, {@code :db/tupleType}
 *       or {@code :db/tupleTypes}, removing an attribute, and any change to the built-in schema.
 * </ul>
 *
 * Overrides of the SQL mapping ({@code :db.sql/*}) are checked by {@link SqlMappingCheck}.
 */
final class SchemaChanges {
  private SchemaChanges() {}

  static void check(List<Datom> datoms, Db before, Db after, Schema schema) {
    Set<Long> entities = new LinkedHashSet<>();
    for (Datom d : datoms) {
      if (Bootstrap.isSchemaAttribute(d.a())) {
        entities.add(d.e());
      }
    }
    for (long e : entities) {
      if (e < Bootstrap.FIRST_FREE_DB_INDEX && schema.ident(e) != null) {
        throw forbidden("the built-in schema entity " + schema.name(e) + " cannot change");
      }
      Attribute was = schema.attribute(e);
      Datom identAfter = after.first(Index.EAVT, e, Bootstrap.IDENT);
      Keyword ident = identAfter == null ? null : (Keyword) identAfter.v();
      checkEnums(after, e, ident);
      Attribute now = Schema.read(after, e, ident);
      boolean described = after.first(Index.EAVT, e, Bootstrap.VALUE_TYPE) != null
          || after.first(Index.EAVT, e, Bootstrap.CARDINALITY) != null;
      if (was == null && described && now == null) {
        throw new TxException(TxErrorCode.INVALID_SCHEMA, "attribute " + (ident == null ? "entity " + e : ident)
            + " needs :db/ident, :db/valueType and :db/cardinality; it has "
            + (ident == null ? "no :db/ident" : after.first(Index.EAVT, e, Bootstrap.VALUE_TYPE) == null
                ? "no :db/valueType" : "no :db/cardinality"));
      }
      if (now != null && now.component() && !now.isRef()) {
        throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/isComponent of " + now.ident()
            + " needs :db/valueType :db.type/ref; it is " + now.valueType().ident()
            + ", and only refs can point at owned entities");
      }
      if (was == null && now != null) {
        checkNew(now, schema);
      } else if (was != null) {
        checkAlteration(was, now, after);
      }
    }
    if (SqlMappingCheck.needed(datoms, schema)) {
      SqlMappingCheck.check(datoms, after);
    }
  }

  private static void checkEnums(Db after, long e, Keyword ident) {
    String name = ident == null ? "entity " + e : ident.toString();
    Datom type = after.first(Index.EAVT, e, Bootstrap.VALUE_TYPE);
    if (type != null && Bootstrap.typeOf((Long) type.v()) == null) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/valueType of " + name
          + " is not a value type; expected one of :db.type/string, :db.type/long, :db.type/ref, …");
    }
    Datom cardinality = after.first(Index.EAVT, e, Bootstrap.CARDINALITY);
    if (cardinality != null && (Long) cardinality.v() != Bootstrap.CARDINALITY_ONE
        && (Long) cardinality.v() != Bootstrap.CARDINALITY_MANY) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/cardinality of " + name
          + " must be :db.cardinality/one or :db.cardinality/many");
    }
    Datom tupleType = after.first(Index.EAVT, e, Bootstrap.TUPLE_TYPE);
    if (tupleType != null && Bootstrap.typeOf((Long) tupleType.v()) == null) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/tupleType of " + name + " is not a value type");
    }
    Datom tupleTypes = after.first(Index.EAVT, e, Bootstrap.TUPLE_TYPES);
    if (tupleTypes != null) {
      for (Object t : (List<?>) tupleTypes.v()) {
        if (t == null || Bootstrap.typeOf((Long) t) == null) {
          throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/tupleTypes of " + name
              + " names " + Edn.describe(t) + ", which is not a value type");
        }
      }
    }
    Datom unique = after.first(Index.EAVT, e, Bootstrap.UNIQUE);
    if (unique != null && (Long) unique.v() != Bootstrap.UNIQUE_VALUE && (Long) unique.v() != Bootstrap.UNIQUE_IDENTITY) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/unique of " + name
          + " must be :db.unique/value or :db.unique/identity");
    }
  }

  private static void checkNew(Attribute a, Schema schema) {
    Keyword ident = a.ident();
    if (ident.namespace() != null && (ident.namespace().equals("db") || ident.namespace().startsWith("db."))) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, "attribute " + ident
          + " uses the reserved namespace " + ident.namespace() + "; choose another namespace");
    }
    boolean tuple = a.valueType() == ValueType.TUPLE;
    int kinds = (a.tupleAttrs().isEmpty() ? 0 : 1) + (a.tupleType() == null ? 0 : 1) + (a.tupleTypes().isEmpty() ? 0 : 1);
    if (!tuple && kinds > 0) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, "attribute " + ident
          + " has tuple settings but :db/valueType " + a.valueType().ident() + "; use :db.type/tuple");
    }
    if (tuple && kinds != 1) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, "tuple attribute " + ident
          + " needs exactly one of :db/tupleAttrs, :db/tupleType and :db/tupleTypes; it has " + kinds);
    }
    if (a.tupleType() == ValueType.TUPLE || a.tupleTypes().contains(ValueType.TUPLE)) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, "tuple attribute " + ident + " cannot hold tuples");
    }
    if (!a.tupleTypes().isEmpty() && (a.tupleTypes().size() < 2 || a.tupleTypes().size() > 8)) {
      throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/tupleTypes of " + ident + " has "
          + a.tupleTypes().size() + " types; expected 2 to 8");
    }
    if (!a.tupleAttrs().isEmpty()) {
      if (a.tupleAttrs().size() < 2 || a.tupleAttrs().size() > 8) {
        throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/tupleAttrs of " + ident + " has "
            + a.tupleAttrs().size() + " attributes; expected 2 to 8");
      }
      for (long component : a.tupleAttrs()) {
        Attribute c = schema.attribute(component);
        if (c == null || c.isMany() || c.valueType() == ValueType.TUPLE) {
          throw new TxException(TxErrorCode.INVALID_SCHEMA, ":db/tupleAttrs of " + ident + " includes "
              + schema.name(component) + ", which is not an installed cardinality-one, non-tuple attribute");
        }
      }
    }
  }

  private static void checkAlteration(Attribute was, Attribute now, Db after) {
    if (now == null) {
      throw forbidden("attribute " + was.ident() + " cannot be removed (its :db/ident, :db/valueType and"
          + " :db/cardinality stay); stop using it or rename it instead");
    }
    if (was.valueType() != now.valueType()) {
      throw forbidden("cannot alter :db/valueType of " + was.ident() + " from " + was.valueType().ident()
          + " to " + now.valueType().ident() + "; a value type never changes: create a new attribute instead");
    }
    if (!was.tupleAttrs().equals(now.tupleAttrs()) || was.tupleType() != now.tupleType()
        || !was.tupleTypes().equals(now.tupleTypes())) {
      throw forbidden("cannot alter the tuple definition of " + was.ident() + "; create a new attribute instead");
    }
    if (was.isMany() && !now.isMany()) {
      long previous = Long.MIN_VALUE;
      for (Iterator<Datom> it = after.datoms(Index.AEVT, was.id()); it.hasNext(); ) {
        Datom d = it.next();
        if (d.e() == previous) {
          throw forbidden("cannot make " + was.ident() + " cardinality one: entity " + d.e()
              + " has several values; retract all but one first");
        }
        previous = d.e();
      }
    }
    if (!was.isUnique() && now.isUnique()) {
      Datom previous = null;
      for (Iterator<Datom> it = after.datoms(Index.AVET, was.id()); it.hasNext(); ) {
        Datom d = it.next();
        if (previous != null && Values.equals(previous.v(), d.v())) {
          throw forbidden("cannot make " + was.ident() + " unique: entities " + previous.e() + " and " + d.e()
              + " share the value " + Edn.describe(d.v()) + "; retract the duplicates first");
        }
        previous = d;
      }
    }
  }

  private static TxException forbidden(String message) {
    return new TxException(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, message);
  }
}

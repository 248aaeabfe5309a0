package org.datolite.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * The built-in schema every database starts with, transacted at {@code t = 0}: the attributes
 * that describe attributes ({@code :db/ident}, {@code :db/valueType}, …), the transaction
 * attributes, entity specs, and the enum idents of value types, cardinalities, uniqueness and
 * partitions. Their ids are small numbers in {@code :db.part/db} and never change.
 */
public final class Bootstrap {
  public static final long IDENT = 1;
  public static final long VALUE_TYPE = 2;
  public static final long CARDINALITY = 3;
  public static final long UNIQUE = 4;
  public static final long INDEX = 5;
  public static final long IS_COMPONENT = 6;
  public static final long NO_HISTORY = 7;
  public static final long DOC = 8;
  public static final long TX_INSTANT = 9;
  public static final long TUPLE_ATTRS = 10;
  public static final long TUPLE_TYPE = 11;
  public static final long TUPLE_TYPES = 12;
  /** The client-chosen UUID of a transaction, to find out whether it committed. */
  public static final long TX_UUID = 13;
  /** Virtual: asserting it runs an entity spec on the db after; it is never stored. */
  public static final long ENSURE = 14;
  public static final long ENTITY_ATTRS = 15;
  public static final long ENTITY_PREDS = 16;

  // The SQL mapping's overrides (docs/sql.md), asserted on attribute entities. Added after the
  // first release: a store created before them lacks their datoms at t 0, and Schema.of supplies
  // them from ATTRIBUTES, so such a store opens and takes them like a new one.
  /** {@code :db.sql/table}: the SQL name of the table of the attribute's namespace. */
  public static final long SQL_TABLE = 60;
  /** {@code :db.sql/membership}: only entities with this attribute are rows of its namespace's table. */
  public static final long SQL_MEMBERSHIP = 61;
  /** {@code :db.sql/include}: other attributes that are columns of the table of this attribute's namespace. */
  public static final long SQL_INCLUDE = 62;
  /** {@code :db.sql/exclude}: the attribute is no column of its namespace's table. */
  public static final long SQL_EXCLUDE = 63;
  /** {@code :db.sql/enum}: a ref attribute reads as its target's ident (true) or its id (false). */
  public static final long SQL_ENUM = 64;
  // What SQL DDL declared (docs/sql.md, "Creating tables"), kept as schema data so that metadata
  // reports a column as it was declared and the transactor can check NOT NULL.
  /** {@code :db.sql/type}: the declared SQL type name of the attribute's column ({@code INTEGER}, {@code VARCHAR}). */
  public static final long SQL_TYPE = 65;
  /** {@code :db.sql/precision}: the declared length or precision ({@code VARCHAR(50)}, {@code DECIMAL(10, 2)}). */
  public static final long SQL_PRECISION = 66;
  /** {@code :db.sql/scale}: the declared scale ({@code DECIMAL(10, 2)}). */
  public static final long SQL_SCALE = 67;
  /** {@code :db.sql/not-null}: every row of the attribute's table has a value (checked after each transaction). */
  public static final long SQL_NOT_NULL = 68;
  /** {@code :db.sql/default}: the SQL literal an INSERT writes when it names no value for the column. */
  public static final long SQL_DEFAULT = 69;
  /** {@code :db.sql/marker}: a boolean attribute asserted on every row SQL inserts; no column, but makes a row. */
  public static final long SQL_MARKER = 70;
  /** {@code :db.sql/references}: a ref attribute's targets are rows keyed by the named (unique) attribute. */
  public static final long SQL_REFERENCES = 71;
  /** {@code :db.sql/position}: the column's place in its table, as declared (columns without one follow, by name). */
  public static final long SQL_POSITION = 72;
  /** {@code :db.sql/dropped}: the attribute's table or column was dropped; its history stays readable. */
  public static final long SQL_DROPPED = 73;
  /** {@code :db.sql/view}: the name of a view (on a view entity, which is no attribute). */
  public static final long SQL_VIEW = 74;
  /** {@code :db.sql/view-query}: the query of a view. */
  public static final long SQL_VIEW_QUERY = 75;
  /** {@code :db.sql/id-column}: on a row marker, the name of its table's entity-id column (an identity column) for DB_ID. */
  public static final long SQL_ID_COLUMN = 76;
  /** {@code :db.sql/foreign-key}: the name of the foreign key a {@code :db.sql/references} makes (for DROP CONSTRAINT). */
  public static final long SQL_FOREIGN_KEY = 77;
  /** {@code :db.sql/check}: on a row marker, the CHECK constraints of its table, as SQL boolean expressions. */
  public static final long SQL_CHECK = 78;
  /**
   * {@code :db.sql/on-delete}: what a DELETE of a referenced row does to the rows whose
   * {@code :db.sql/references} column points to it: {@code "CASCADE"} or {@code "SET NULL"} (absent:
   * it fails while they do, SQL's {@code NO ACTION}).
   */
  public static final long SQL_ON_DELETE = 79;

  public static final long CARDINALITY_ONE = 40;
  public static final long CARDINALITY_MANY = 41;
  public static final long UNIQUE_VALUE = 42;
  public static final long UNIQUE_IDENTITY = 43;
  /** The entities whose idents name the partitions (not the partition numbers, see {@link Ids}). */
  public static final long DB_PART_ENTITY = 50;
  public static final long TX_PART_ENTITY = 51;
  public static final long USER_PART_ENTITY = 52;

  /** The first id of the value type idents; type {@code t} has id {@code TYPE_BASE + t.ordinal()}. */
  public static final long TYPE_BASE = 20;

  /** The schema of the attributes above, in id order. */
  public static final List<Attribute> ATTRIBUTES = List.of(
      attr(IDENT, ":db/ident", ValueType.KEYWORD, Uniqueness.IDENTITY, null, "The name of an entity."),
      attr(VALUE_TYPE, ":db/valueType", ValueType.REF, Uniqueness.NONE, null, "The type of an attribute's values."),
      attr(CARDINALITY, ":db/cardinality", ValueType.REF, Uniqueness.NONE, null, "One value per entity, or many."),
      attr(UNIQUE, ":db/unique", ValueType.REF, Uniqueness.NONE, null, "Uniqueness of an attribute's values."),
      attr(INDEX, ":db/index", ValueType.BOOLEAN, Uniqueness.NONE, null, "Whether values are indexed (all are)."),
      attr(IS_COMPONENT, ":db/isComponent", ValueType.BOOLEAN, Uniqueness.NONE, null, "Values are owned entities."),
      attr(NO_HISTORY, ":db/noHistory", ValueType.BOOLEAN, Uniqueness.NONE, null, "Retracted values are not kept."),
      attr(DOC, ":db/doc", ValueType.STRING, Uniqueness.NONE, null, "Documentation."),
      attr(TX_INSTANT, ":db/txInstant", ValueType.INSTANT, Uniqueness.NONE, null, "When a transaction committed."),
      attr(TUPLE_ATTRS, ":db/tupleAttrs", ValueType.TUPLE, Uniqueness.NONE, ValueType.REF, "Attributes of a composite tuple."),
      attr(TUPLE_TYPE, ":db/tupleType", ValueType.REF, Uniqueness.NONE, null, "Element type of a homogeneous tuple."),
      attr(TUPLE_TYPES, ":db/tupleTypes", ValueType.TUPLE, Uniqueness.NONE, ValueType.REF, "Element types of a tuple."),
      attr(TX_UUID, ":db/txUuid", ValueType.UUID, Uniqueness.VALUE, null, "The client's id of a transaction."),
      many(ENSURE, ":db/ensure", ValueType.REF, "Entity specs to check on the db after the transaction."),
      many(ENTITY_ATTRS, ":db.entity/attrs", ValueType.KEYWORD, "Attributes an entity spec requires."),
      many(ENTITY_PREDS, ":db.entity/preds", ValueType.STRING, "Predicates (Class/method) an entity spec runs."),
      attr(SQL_TABLE, ":db.sql/table", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: the name of the table of this attribute's namespace."),
      attr(SQL_MEMBERSHIP, ":db.sql/membership", ValueType.BOOLEAN, Uniqueness.NONE, null,
          "SQL: only entities with this attribute are rows of its namespace's table."),
      many(SQL_INCLUDE, ":db.sql/include", ValueType.REF,
          "SQL: attributes of other namespaces that are columns of this attribute's table."),
      attr(SQL_EXCLUDE, ":db.sql/exclude", ValueType.BOOLEAN, Uniqueness.NONE, null,
          "SQL: this attribute is no column of its namespace's table."),
      attr(SQL_ENUM, ":db.sql/enum", ValueType.BOOLEAN, Uniqueness.NONE, null,
          "SQL: this ref attribute reads as its target's ident (true) or its entity id (false)."),
      attr(SQL_TYPE, ":db.sql/type", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: the declared type of this attribute's column."),
      attr(SQL_PRECISION, ":db.sql/precision", ValueType.LONG, Uniqueness.NONE, null,
          "SQL: the declared length or precision of this attribute's column."),
      attr(SQL_SCALE, ":db.sql/scale", ValueType.LONG, Uniqueness.NONE, null,
          "SQL: the declared scale of this attribute's column."),
      attr(SQL_NOT_NULL, ":db.sql/not-null", ValueType.BOOLEAN, Uniqueness.NONE, null,
          "SQL: every row of this attribute's table has a value of it."),
      attr(SQL_DEFAULT, ":db.sql/default", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: the literal an INSERT writes when it names no value for this column."),
      attr(SQL_MARKER, ":db.sql/marker", ValueType.BOOLEAN, Uniqueness.NONE, null,
          "SQL: this attribute marks the rows SQL inserts into its namespace's table; it is no column."),
      attr(SQL_REFERENCES, ":db.sql/references", ValueType.REF, Uniqueness.NONE, null,
          "SQL: this ref attribute's targets are rows of the named attribute's table, shown by its value."),
      attr(SQL_POSITION, ":db.sql/position", ValueType.LONG, Uniqueness.NONE, null,
          "SQL: the place of this attribute's column in its table."),
      attr(SQL_DROPPED, ":db.sql/dropped", ValueType.BOOLEAN, Uniqueness.NONE, null,
          "SQL: this attribute's table or column was dropped; its history stays readable."),
      attr(SQL_VIEW, ":db.sql/view", ValueType.STRING, Uniqueness.IDENTITY, null, "SQL: the name of a view."),
      attr(SQL_VIEW_QUERY, ":db.sql/view-query", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: the query of a view."),
      attr(SQL_ID_COLUMN, ":db.sql/id-column", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: on a row marker, the name of its table's entity-id column (an identity column)."),
      attr(SQL_FOREIGN_KEY, ":db.sql/foreign-key", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: the name of the foreign key this attribute's :db.sql/references makes."),
      many(SQL_CHECK, ":db.sql/check", ValueType.STRING,
          "SQL: on a row marker, a CHECK constraint of its table (a boolean SQL expression over its columns)."),
      attr(SQL_ON_DELETE, ":db.sql/on-delete", ValueType.STRING, Uniqueness.NONE, null,
          "SQL: what deleting a row this attribute references does to its rows: CASCADE or SET NULL."));

  /** Enum idents: id to name. */
  public static final Map<Long, Keyword> ENUMS;

  static {
    Map<Long, Keyword> enums = new LinkedHashMap<>();
    for (ValueType t : ValueType.values()) {
      enums.put(typeId(t), t.ident());
    }
    enums.put(CARDINALITY_ONE, Keyword.of(":db.cardinality/one"));
    enums.put(CARDINALITY_MANY, Keyword.of(":db.cardinality/many"));
    enums.put(UNIQUE_VALUE, Keyword.of(":db.unique/value"));
    enums.put(UNIQUE_IDENTITY, Keyword.of(":db.unique/identity"));
    enums.put(DB_PART_ENTITY, Keyword.of(":db.part/db"));
    enums.put(TX_PART_ENTITY, Keyword.of(":db.part/tx"));
    enums.put(USER_PART_ENTITY, Keyword.of(":db.part/user"));
    ENUMS = Collections.unmodifiableMap(enums);
  }

  /** The first index in {@code :db.part/db} left for user-installed schema entities. */
  public static final long FIRST_FREE_DB_INDEX = 1000;

  private Bootstrap() {}

  /** Whether datoms of this attribute describe schema (so that the schema must be read again). */
  public static boolean isSchemaAttribute(long a) {
    return a == IDENT || a == VALUE_TYPE || a == CARDINALITY || a == UNIQUE || a == INDEX || a == IS_COMPONENT
        || a == NO_HISTORY || a == DOC || a == TUPLE_ATTRS || a == TUPLE_TYPE || a == TUPLE_TYPES || isSqlAttribute(a);
  }

  /** Whether datoms of this attribute are SQL schema data ({@code :db.sql/*}: mapping overrides, declarations, views). */
  public static boolean isSqlAttribute(long a) {
    return a >= SQL_TABLE && a <= SQL_ON_DELETE;
  }

  /** Whether any of these datoms describes schema. */
  public static boolean touchesSchema(List<Datom> datoms) {
    for (Datom d : datoms) {
      if (isSchemaAttribute(d.a())) {
        return true;
      }
    }
    return false;
  }

  /** The entity id of a value type's ident. */
  public static long typeId(ValueType t) {
    return TYPE_BASE + t.ordinal();
  }

  /** The value type an ident entity names, or null. */
  public static ValueType typeOf(long id) {
    long ordinal = id - TYPE_BASE;
    return ordinal >= 0 && ordinal < ValueType.values().length ? ValueType.values()[(int) ordinal] : null;
  }

  private static Attribute attr(long id, String ident, ValueType type, Uniqueness unique, ValueType tupleType, String doc) {
    return new Attribute(id, Keyword.of(ident), type, Cardinality.ONE, unique, unique != Uniqueness.NONE || id == TX_INSTANT,
        false, false, List.of(), tupleType, List.of(), doc);
  }

  private static Attribute many(long id, String ident, ValueType type, String doc) {
    return new Attribute(id, Keyword.of(ident), type, Cardinality.MANY, Uniqueness.NONE, false, false, false,
        List.of(), null, List.of(), doc);
  }

  /** The transaction of {@code t = 0} that installs all of the above. */
  public static List<Datom> datoms() {
    long tx = Ids.tx(0);
    List<Datom> out = new ArrayList<>();
    out.add(Datom.of(tx, TX_INSTANT, Instant.EPOCH, tx));
    for (Attribute a : ATTRIBUTES) {
      out.add(Datom.of(a.id(), IDENT, a.ident(), tx));
      out.add(Datom.of(a.id(), VALUE_TYPE, typeId(a.valueType()), tx));
      out.add(Datom.of(a.id(), CARDINALITY, a.isMany() ? CARDINALITY_MANY : CARDINALITY_ONE, tx));
      if (a.unique() != Uniqueness.NONE) {
        out.add(Datom.of(a.id(), UNIQUE, a.unique() == Uniqueness.IDENTITY ? UNIQUE_IDENTITY : UNIQUE_VALUE, tx));
      }
      if (a.indexed()) {
        out.add(Datom.of(a.id(), INDEX, true, tx));
      }
      if (a.tupleType() != null) {
        out.add(Datom.of(a.id(), TUPLE_TYPE, typeId(a.tupleType()), tx));
      }
      out.add(Datom.of(a.id(), DOC, a.doc(), tx));
    }
    for (Map.Entry<Long, Keyword> e : ENUMS.entrySet()) {
      out.add(Datom.of(e.getKey(), IDENT, e.getValue(), tx));
    }
    return out;
  }
}

package org.datolite.calcite.ddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.datolite.DatoliteException;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.SqlEngine;
import org.datolite.calcite.ddl.DdlStatement.Action;
import org.datolite.calcite.ddl.DdlStatement.AddColumn;
import org.datolite.calcite.ddl.DdlStatement.AddConstraint;
import org.datolite.calcite.ddl.DdlStatement.AlterTable;
import org.datolite.calcite.ddl.DdlStatement.ColumnDef;
import org.datolite.calcite.ddl.DdlStatement.Constraint;
import org.datolite.calcite.ddl.DdlStatement.CreateIndex;
import org.datolite.calcite.ddl.DdlStatement.CreateTable;
import org.datolite.calcite.ddl.DdlStatement.CreateView;
import org.datolite.calcite.ddl.DdlStatement.DropColumn;
import org.datolite.calcite.ddl.DdlStatement.DropIndex;
import org.datolite.calcite.ddl.DdlStatement.DropTables;
import org.datolite.calcite.ddl.DdlStatement.DropViews;
import org.datolite.calcite.ddl.DdlStatement.References;
import org.datolite.calcite.ddl.DdlStatement.SetDefault;
import org.datolite.calcite.ddl.DdlStatement.SetNotNull;
import org.datolite.calcite.ddl.DdlStatement.Truncate;
import org.datolite.calcite.ddl.DdlStatement.TypeSpec;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.SqlNames;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.calcite.write.CheckConstraints;
import org.datolite.calcite.write.ColumnDefaults;
import org.datolite.calcite.write.SqlWrites;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Cardinality;
import org.datolite.schema.DeclaredType;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.schema.SqlFacts;
import org.datolite.schema.Uniqueness;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Turns a parsed DDL statement into the schema transactions that do it, checking it against the
 * database value first, as PostgreSQL would (an existing table, an unknown column, a NOT NULL
 * on rows without a value…), so that a statement that fails stores nothing.
 *
 * <h2>Names</h2>
 * A table {@code ORDER_LINES} is namespace {@code order-lines}: lower case, {@code _} as {@code -},
 * so that the SQL model names it back {@code ORDER_LINES}; a column {@code UNIT_PRICE} is
 * attribute {@code :order-lines/unit-price}. The table's row marker is {@code :order-lines/db.row}
 * (no column name can make a {@code .}), which also pins the table's name ({@code :db.sql/table}).
 *
 * <h2>Dropping keeps history</h2>
 * {@code DROP TABLE} and {@code DROP COLUMN} rename the attributes out of the way ({@code
 * :orders.dropped-42/total}, {@code :orders/total.dropped-42}, 42 being the basis {@code t} the
 * statement saw) and mark them {@code :db.sql/dropped}: the table or column leaves the SQL model,
 * its datoms stay readable in its history table ({@code HISTORY.ORDERS_DROPPED_42}) and in
 * Datalog, and the name is free for a new table or column. Nothing of the data is retracted, so
 * a drop costs a datom or two per attribute, whatever the table's size.
 */
final class DdlPlanner {
  private static final Keyword DB_ID = Keyword.of("db", "id");
  private static final Keyword IDENT = Keyword.of("db", "ident");
  private static final Keyword VALUE_TYPE = Keyword.of("db", "valueType");
  private static final Keyword CARDINALITY = Keyword.of("db", "cardinality");
  private static final Keyword CARDINALITY_ONE = Keyword.of("db.cardinality", "one");
  private static final Keyword UNIQUE = Keyword.of("db", "unique");
  private static final Keyword UNIQUE_IDENTITY = Keyword.of("db.unique", "identity");
  private static final Keyword UNIQUE_VALUE = Keyword.of("db.unique", "value");
  private static final Keyword DOC = Keyword.of("db", "doc");
  private static final Keyword ADD = Keyword.of("db", "add");
  private static final Keyword RETRACT = Keyword.of("db", "retract");
  private static final Keyword RETRACT_ENTITY = Keyword.of("db", "retractEntity");
  private static final Keyword SQL_NEW = Keyword.of("db.sql", "new");
  private static final Keyword SQL_UNCHANGED = Keyword.of("db.sql", "unchanged");
  private static final Keyword SQL_TABLE = Keyword.of("db.sql", "table");
  private static final Keyword SQL_ENUM = Keyword.of("db.sql", "enum");
  private static final Keyword SQL_TYPE = Keyword.of("db.sql", "type");
  private static final Keyword SQL_PRECISION = Keyword.of("db.sql", "precision");
  private static final Keyword SQL_SCALE = Keyword.of("db.sql", "scale");
  private static final Keyword SQL_NOT_NULL = Keyword.of("db.sql", "not-null");
  private static final Keyword SQL_DEFAULT = Keyword.of("db.sql", "default");
  private static final Keyword SQL_MARKER = Keyword.of("db.sql", "marker");
  private static final Keyword SQL_REFERENCES = Keyword.of("db.sql", "references");
  private static final Keyword SQL_POSITION = Keyword.of("db.sql", "position");
  private static final Keyword SQL_DROPPED = Keyword.of("db.sql", "dropped");
  private static final Keyword SQL_VIEW = Keyword.of("db.sql", "view");
  private static final Keyword SQL_VIEW_QUERY = Keyword.of("db.sql", "view-query");
  private static final Keyword SQL_ID_COLUMN = Keyword.of("db.sql", "id-column");
  private static final Keyword SQL_EXCLUDE = Keyword.of("db.sql", "exclude");
  private static final Keyword SQL_CHECK = Keyword.of("db.sql", "check");
  private static final Keyword TUPLE_ATTRS = Keyword.of("db", "tupleAttrs");
  private static final Keyword SQL_FOREIGN_KEY = Keyword.of("db.sql", "foreign-key");
  private static final Keyword SQL_ON_DELETE = Keyword.of("db.sql", "on-delete");
  /** The name of a table's row marker in its namespace. */
  static final String MARKER = "db.row";

  private final Schema schema;
  private final Db db;
  private final SqlModel model;
  private final long now;
  /** The member attributes of the tables whose rows the statement read. */
  private final Set<Long> read = new TreeSet<>();

  DdlPlanner(Schema schema, Db db, long now) {
    this.schema = schema;
    this.db = db;
    this.model = SqlModel.cached(schema);
    this.now = now;
  }

  /**
   * The plan of a statement. Its first transaction carries read checks at the basis the statement
   * was planned on ({@code [:db.sql/unchanged t nil a]}): the schema's idents, and the member
   * attributes of every table whose rows it read, so that a concurrent schema change or write to
   * those tables makes it fail with 40001 (and run again) rather than act on what it no longer sees.
   */
  SqlDdl.Plan plan(DdlStatement s) {
    SqlDdl.Plan p = planned(s);
    if (p.transactions().isEmpty()) {
      return p;
    }
    List<List<Object>> transactions = new ArrayList<>(p.transactions());
    List<Object> first = new ArrayList<>(transactions.get(0));
    first.add(Arrays.asList(SQL_UNCHANGED, basisT(), null, IDENT));
    for (long a : read) {
      first.add(Arrays.asList(SQL_UNCHANGED, basisT(), null, a));
    }
    transactions.set(0, first);
    return new SqlDdl.Plan(p.statement(), transactions);
  }

  private SqlDdl.Plan planned(DdlStatement s) {
    if (s instanceof CreateTable c) {
      return createTable(c);
    } else if (s instanceof AlterTable a) {
      return alterTable(a);
    } else if (s instanceof DropTables d) {
      return dropTables(d);
    } else if (s instanceof Truncate t) {
      return truncate(t);
    } else if (s instanceof CreateIndex i) {
      return createIndex(i);
    } else if (s instanceof DropIndex i) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX " + i.name() + " is not supported:"
          + " indexes have no names here (AVET covers every attribute); to drop a column's uniqueness, transact"
          + " [:db/retract :table/column :db/unique :db.unique/value]");
    } else if (s instanceof CreateView v) {
      return createView(v);
    }
    return dropViews((DropViews) s);
  }

  private static SqlDdl.Plan plan(String statement, List<Object> forms) {
    return new SqlDdl.Plan(statement, forms.isEmpty() ? List.of() : List.of(forms));
  }

  private static SqlDdl.Plan nothing(String statement) {
    return new SqlDdl.Plan(statement, List.of());
  }

  // ---- CREATE TABLE -----------------------------------------------------------------------------

  private SqlDdl.Plan createTable(CreateTable c) {
    String name = c.name();
    if (exists(name)) {
      if (c.ifNotExists()) {
        return nothing("CREATE TABLE");
      }
      throw new DatoliteException(SqlState.DUPLICATE_TABLE, (model.views().containsKey(name) ? "a view" : "table")
          + " named " + name + " already exists");
    }
    String ns = namespace(name);
    for (Attribute a : schema.attributes()) {
      if (ns.equals(a.ident().namespace())) {
        throw new DatoliteException(SqlState.DUPLICATE_TABLE, "table " + name + " would be namespace " + ns
            + ", which holds attribute " + a.ident() + " already (its table is " + tableOf(a) + ")");
      }
    }
    if (c.columns().isEmpty()) {
      throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "table " + name + " needs at least one column");
    }
    Map<String, ColumnDef> columns = new LinkedHashMap<>();
    String identity = null;
    for (ColumnDef col : c.columns()) {
      checkColumnName(col.name());
      if (columns.put(col.name(), col) != null) {
        throw new DatoliteException(SqlState.DUPLICATE_COLUMN, "column " + col.name() + " is declared twice in table "
            + name);
      }
      if (col.identity()) {
        if (identity != null) {
          throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "table " + name + " declares two identity"
              + " columns (" + identity + ", " + col.name() + "); a table has one, its entity id");
        }
        checkIdentity(col);
        identity = col.name();
      }
    }
    // keys: a column's PRIMARY KEY or the table's, one at most; UNIQUE of one column each
    String primaryKey = null;
    Set<String> unique = new TreeSet<>();
    for (ColumnDef col : c.columns()) {
      if (col.primaryKey()) {
        primaryKey = onePrimaryKey(name, primaryKey, List.of(col.name()));
      }
      if (col.unique()) {
        unique.add(col.name());
      }
    }
    List<String> compositeKey = null;
    List<List<String>> compositeUnique = new ArrayList<>();
    Map<String, References> references = new LinkedHashMap<>();
    for (ColumnDef col : c.columns()) {
      if (col.references() != null) {
        references.put(col.name(), col.references());
      }
    }
    List<String> checks = new ArrayList<>();
    for (ColumnDef col : c.columns()) {
      checks.addAll(col.checks());
    }
    for (Constraint k : c.constraints()) {
      if (k.kind() == Constraint.Kind.CHECK) {
        checks.add(k.check());
        continue;
      }
      for (String col : k.columns()) {
        if (!columns.containsKey(col)) {
          throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "column " + col + " named in a " + describe(k)
              + " of table " + name + " is not among its columns " + columns.keySet());
        }
      }
      if (k.columns().size() > 1) {
        if (k.kind() == Constraint.Kind.FOREIGN_KEY) {
          throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "FOREIGN KEY (" + String.join(", ", k.columns())
              + ") of table " + name + " is not supported: a reference takes one column");
        }
        if (k.kind() == Constraint.Kind.PRIMARY_KEY) {
          if (primaryKey != null || compositeKey != null) {
            throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table " + name
                + " are not allowed");
          }
          compositeKey = k.columns();
        } else {
          compositeUnique.add(k.columns());
        }
        continue;
      }
      String col = k.columns().get(0);
      switch (k.kind()) {
        case PRIMARY_KEY -> {
          if (compositeKey != null) {
            throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table " + name
                + " are not allowed");
          }
          primaryKey = onePrimaryKey(name, primaryKey, k.columns());
        }
        case UNIQUE -> unique.add(col);
        default -> {
          if (references.put(col, k.references()) != null) {
            throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "column " + col + " of table " + name
                + " references two tables; a column references one");
          }
        }
      }
    }
    List<Object> forms = new ArrayList<>();
    String markerId = "ddl." + MARKER;
    Map<Object, Object> marker = new LinkedHashMap<>();
    marker.put(DB_ID, markerId);
    marker.put(IDENT, Keyword.of(ns, MARKER));
    marker.put(VALUE_TYPE, ValueType.BOOLEAN.ident());
    marker.put(CARDINALITY, CARDINALITY_ONE);
    marker.put(SQL_MARKER, Boolean.TRUE);
    marker.put(SQL_TABLE, name);
    marker.put(DOC, "SQL: marks the rows of table " + name + ", created by CREATE TABLE");
    if (identity != null) {
      marker.put(SQL_ID_COLUMN, identity);
    }
    if (!checks.isEmpty()) {
      checkExpressions(name, identity, c.columns(), checks);
      marker.put(SQL_CHECK, checks);
    }
    forms.add(marker);
    forms.add(List.of(SQL_NEW, markerId));
    Map<String, String> tempids = new HashMap<>();
    for (ColumnDef col : c.columns()) {
      tempids.put(col.name(), "ddl." + col.name());
    }
    long position = 1;
    for (ColumnDef col : c.columns()) {
      if (col.identity()) {
        continue; // the entity id, column 0: no attribute
      }
      boolean pk = col.name().equals(primaryKey);
      ColumnDef declared = compositeKey != null && compositeKey.contains(col.name()) && !col.notNull()
          ? new ColumnDef(col.name(), col.type(), true, false, col.unique(), col.defaultText(), col.references(),
              col.comment(), false) // a key's columns are NOT NULL
          : col;
      Object key = null;
      References ref = references.get(col.name());
      if (ref != null) {
        key = referencedKey(ref, col, name, columns, tempids, primaryKey, unique, markerId);
      }
      Keyword uniqueness = pk ? UNIQUE_IDENTITY : unique.contains(col.name()) ? UNIQUE_VALUE : null;
      forms.add(attribute(tempids.get(col.name()), Keyword.of(ns, attributeName(col.name())), declared, pk,
          uniqueness, key, foreignKeyName(ref, name, col.name()), ref == null ? null : ref.onDelete(), position++));
      forms.add(List.of(SQL_NEW, tempids.get(col.name())));
    }
    // Keys of several columns are composite tuples of their attributes, installed once those exist.
    List<Object> keys = new ArrayList<>();
    if (compositeKey != null) {
      compositeUnique.add(0, compositeKey);
    }
    for (int i = 0; i < compositeUnique.size(); i++) {
      List<String> columnsOfKey = compositeUnique.get(i);
      boolean isPrimary = i == 0 && compositeKey != null;
      keys.addAll(compositeKey(ns, columnsOfKey, isPrimary ? UNIQUE_IDENTITY : UNIQUE_VALUE, "ddl.key" + i));
    }
    List<List<Object>> transactions = new ArrayList<>();
    transactions.add(forms);
    if (!keys.isEmpty()) {
      transactions.add(keys);
    }
    return new SqlDdl.Plan("CREATE TABLE", transactions);
  }

  /**
   * The composite tuple attribute of a key of several columns ({@code :t/a+b}, {@code
   * :db/tupleAttrs [:t/a :t/b]}), unique as said, and no column of its own.
   */
  private static List<Object> compositeKey(String ns, List<String> columns, Keyword uniqueness, String tempid) {
    List<Object> components = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String c : columns) {
      components.add(Keyword.of(ns, attributeName(c)));
      names.add(attributeName(c));
    }
    return List.of(compositeAttribute(tempid, Keyword.of(ns, String.join("+", names)), components, uniqueness,
        "SQL: the " + (uniqueness == UNIQUE_IDENTITY ? "primary key" : "unique key") + " ("
            + String.join(", ", columns) + ")"), List.of(SQL_NEW, tempid));
  }

  /** The install form of a composite key's tuple attribute: unique as said, no column of its own. */
  private static Map<Object, Object> compositeAttribute(String tempid, Keyword ident, List<Object> components,
      Keyword uniqueness, String doc) {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(DB_ID, tempid);
    m.put(IDENT, ident);
    m.put(VALUE_TYPE, ValueType.TUPLE.ident());
    m.put(TUPLE_ATTRS, components);
    m.put(CARDINALITY, CARDINALITY_ONE);
    m.put(UNIQUE, uniqueness);
    m.put(SQL_EXCLUDE, Boolean.TRUE);
    if (doc != null) {
      m.put(DOC, doc);
    }
    return m;
  }

  /**
   * A composite key made again over the attributes that now have its components' idents (one
   * replaced by a ref attribute of its name, installed the transaction before): its ident,
   * uniqueness and description as before.
   */
  private Map<Object, Object> compositeKeyOver(Attribute composite, String tempid) {
    List<Object> components = new ArrayList<>();
    for (long component : composite.tupleAttrs()) {
      components.add(schema.ident(component));
    }
    return compositeAttribute(tempid, composite.ident(), components,
        composite.unique() == Uniqueness.IDENTITY ? UNIQUE_IDENTITY : UNIQUE_VALUE, composite.doc());
  }

  /** A primary key of one column, the table's only one. */
  private static String onePrimaryKey(String table, String had, List<String> columns) {
    if (had != null) {
      throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table " + table
          + " are not allowed");
    }
    return columns.get(0);
  }

  private static String describe(Constraint k) {
    return switch (k.kind()) {
      case PRIMARY_KEY -> "PRIMARY KEY";
      case UNIQUE -> "UNIQUE";
      default -> "FOREIGN KEY";
    };
  }

  /**
   * The install form of a column's attribute: its value type (a ref for a REFERENCES), what was
   * declared, its key, its place.
   *
   * @param key what {@code :db.sql/references} names (an ident or a tempid of this transaction), or null
   * @param foreignKey the name of the foreign key {@code key} makes
   * @param onDelete its {@code ON DELETE} action ({@code CASCADE}, {@code SET NULL}), or null
   */
  private Map<Object, Object> attribute(String tempid, Keyword ident, ColumnDef col, boolean pk, Keyword uniqueness,
      Object key, String foreignKey, String onDelete, long position) {
    TypeSpec type = col.type();
    ValueType valueType = key != null ? ValueType.REF : type.type().valueType();
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(DB_ID, tempid);
    m.put(IDENT, ident);
    m.put(VALUE_TYPE, valueType.ident());
    m.put(CARDINALITY, CARDINALITY_ONE);
    if (uniqueness != null) {
      m.put(UNIQUE, uniqueness);
    }
    m.put(SQL_TYPE, type.type().name());
    Long precision = precision(type);
    if (precision != null) {
      m.put(SQL_PRECISION, precision);
    }
    Long scale = type.type() == DeclaredType.DECIMAL && precision != null && type.scale() == null ? (Long) 0L
        : type.scale();
    if (scale != null) {
      if (type.type() != DeclaredType.DECIMAL || precision == null || scale > precision) {
        throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "type " + type.text() + " of column "
            + col.name() + ": a scale is given to DECIMAL(p, s) only, and s is at most p");
      }
      m.put(SQL_SCALE, scale);
    }
    if (col.notNull() || pk) {
      m.put(SQL_NOT_NULL, Boolean.TRUE);
    }
    String defaultText = defaultText(col, valueType, key != null);
    if (defaultText != null) {
      m.put(SQL_DEFAULT, defaultText);
    }
    m.put(SQL_POSITION, position);
    if (key != null) {
      m.put(SQL_REFERENCES, key);
      m.put(SQL_FOREIGN_KEY, foreignKey);
      if (onDelete != null) {
        m.put(SQL_ON_DELETE, onDelete);
      }
      m.put(SQL_ENUM, Boolean.FALSE);
    }
    if (col.comment() != null) {
      m.put(DOC, col.comment());
    }
    return m;
  }

  /**
   * Plans each CHECK expression over the table's columns as they will be (a VALUES of NULLs of
   * their types), so that an expression naming no column of the table, or of no boolean type,
   * fails now rather than at the first write.
   */
  private void checkExpressions(String table, String identity, List<ColumnDef> columns, List<String> checks) {
    List<Column> shown = new ArrayList<>();
    shown.add(Column.system(identity != null ? identity : EntityTableModel.ID, ColumnKind.ENTITY_ID, ValueType.REF));
    for (ColumnDef col : columns) {
      if (!col.identity()) {
        shown.add(provisional(col, col.type().type().valueType()));
      }
    }
    for (String check : checks) {
      planCheck(table, shown, check);
    }
  }

  private void planCheck(String table, List<Column> columns, String check) {
    try {
      SqlEngine.of(schema, db).prepare(CheckConstraints.query(columns, check));
    } catch (DatoliteException e) {
      throw new DatoliteException(e.state(), "CHECK (" + check + ") of table " + table + ": " + e.getMessage(), e);
    }
  }

  /** The declared length or precision, with SQL's defaults ({@code CHAR} is {@code CHAR(1)}); checked. */
  private static Long precision(TypeSpec type) {
    Long p = type.precision();
    if (p == null) {
      return type.type() == DeclaredType.CHAR ? (Long) 1L : null;
    }
    long max = switch (type.type()) {
      case DECIMAL -> 1000;
      case TIMESTAMP -> 9;
      case CHAR, VARCHAR, VARBINARY -> 10_485_760;
      default -> -1;
    };
    if (max < 0) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "type " + type.text() + " takes no length or precision");
    }
    if (p < (type.type() == DeclaredType.TIMESTAMP ? 0 : 1) || p > max) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "the length or precision of " + type.text()
          + " must be " + (type.type() == DeclaredType.TIMESTAMP ? 0 : 1) + " to " + max);
    }
    return type.type() == DeclaredType.TIMESTAMP ? null : p;
  }

  /**
   * The text of a column's DEFAULT, checked against the column: read as a literal and converted as
   * an INSERT would write it. Null for none (a DEFAULT NULL is none).
   */
  private String defaultText(ColumnDef col, ValueType valueType, boolean reference) {
    if (col.defaultText() == null) {
      return null;
    }
    Object value = ColumnDefaults.value(col.defaultText(), now);
    if (value == null) {
      return null;
    }
    if (!reference) {
      Column provisional = provisional(col, valueType);
      ColumnDefaults.stored(provisional, value, schema, db);
    }
    return col.defaultText();
  }

  /** A column as the model will show it, to check a default against. */
  private static Column provisional(ColumnDef col, ValueType valueType) {
    Attribute a = new Attribute(-1, Keyword.of("ddl", "column"), valueType, Cardinality.ONE, Uniqueness.NONE, false,
        false, false, List.of(), null, List.of(), null);
    TypeSpec t = col.type();
    Long scale = t.type() == DeclaredType.DECIMAL && t.precision() != null && t.scale() == null ? (Long) 0L : t.scale();
    return new Column(col.name(), ColumnKind.ATTRIBUTE, valueType, a, true, false, null,
        new Column.Declared(t.type(), precision(t), scale, col.defaultText()));
  }

  /**
   * What a column's REFERENCES names as its key ({@code :db.sql/references}): the attribute of the
   * referenced column (an ident, or a tempid for the table being created), which must be unique;
   * or, for a reference to a table's {@code DB_ID} (named, or the table having no primary key), one
   * of its member attributes, which is no key: the column then holds the row's entity id.
   *
   * @param table the table being created (a reference to it names its own columns), or null for an existing one
   */
  private Object referencedKey(References r, ColumnDef col, String table, Map<String, ColumnDef> own,
      Map<String, String> tempids, String ownPrimaryKey, Set<String> ownUnique, String ownMarker) {
    if (r.columns().size() > 1) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + col.name() + " references "
          + r.columns().size() + " columns; a reference takes one");
    }
    String target = r.columns().isEmpty() ? null : r.columns().get(0);
    if (table != null && r.table().equals(table)) {
      String key = target != null ? target : ownPrimaryKey;
      if (key == null || key.equals(EntityTableModel.ID) || own.containsKey(key) && own.get(key).identity()) {
        checkIdReference(col);
        return ownMarker;
      }
      ColumnDef k = own.get(key);
      if (k == null) {
        throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "column " + key + " referenced by " + col.name()
            + " is no column of table " + table);
      }
      if (!key.equals(ownPrimaryKey) && !ownUnique.contains(key)) {
        throw noUniqueKey(table, key);
      }
      checkKeyType(col, k.type().type().valueType(), table + "." + key);
      return tempids.get(key);
    }
    EntityTableModel t = entityTable(r.table(), "referenced by column " + col.name());
    if (target == null && model.primaryKeyColumns(t).size() > 1) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + col.name() + " references table "
          + t.name() + ", whose primary key has several columns " + model.primaryKeyColumns(t)
          + "; a reference takes one column: name a unique one, or DB_ID");
    }
    String key = target != null ? target : primaryKey(t);
    if (key == null || key.equals(EntityTableModel.ID) || key.equals(t.idColumn())) {
      checkIdReference(col);
      return idReference(t);
    }
    Column k = column(t, key);
    Attribute a = k.attribute();
    if (a == null || k.kind() != ColumnKind.ATTRIBUTE || !a.isUnique() || a.isRef()) {
      throw noUniqueKey(t.name(), key);
    }
    checkKeyType(col, a.valueType(), t.name() + "." + key);
    return a.ident();
  }

  /** An identity column is the table's entity id: a BIGINT, with no default or reference of its own. */
  private static void checkIdentity(ColumnDef col) {
    if (col.type().type() != DeclaredType.BIGINT) {
      throw DdlParser.identityNeedsBigint(col.type().text());
    }
    if (col.defaultText() != null || col.references() != null) {
      throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "identity column " + col.name() + " takes its"
          + " values from the database; it has no DEFAULT or REFERENCES");
    }
  }

  /** The name of a foreign key: as its CONSTRAINT gives it, else PostgreSQL's {@code table_column_fkey}. */
  private static String foreignKeyName(References r, String table, String column) {
    return r != null && r.name() != null ? r.name() : (table + "_" + column + "_fkey").toUpperCase(Locale.ROOT);
  }

  private static DatoliteException noUniqueKey(String table, String column) {
    return new DatoliteException(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint on column " + column
        + " of table " + table + "; a reference names a PRIMARY KEY or UNIQUE column, or DB_ID");
  }

  private static void checkKeyType(ColumnDef col, ValueType key, String keyName) {
    if (col.type().type().valueType() != key) {
      throw new DatoliteException(SqlState.DATATYPE_MISMATCH, "column " + col.name() + " (" + col.type().text()
          + ") cannot reference " + keyName + ", whose values are " + key.ident() + ": the types must match");
    }
  }

  private static void checkIdReference(ColumnDef col) {
    if (col.type().type() != DeclaredType.BIGINT) {
      throw new DatoliteException(SqlState.DATATYPE_MISMATCH, "column " + col.name() + " (" + col.type().text()
          + ") references a table's DB_ID, which is a BIGINT entity id; declare it BIGINT");
    }
  }

  /** What a reference to a table's rows by their entity id names: its row marker, else a member that is no key. */
  private static Keyword idReference(EntityTableModel t) {
    if (t.marker() != null) {
      return t.marker().ident();
    }
    for (Attribute a : t.members()) {
      if (!a.isUnique()) {
        return a.ident();
      }
    }
    throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "table " + t.name() + " has no attribute that a"
        + " reference by DB_ID can name (each is a key); reference one of its key columns instead");
  }

  /** The primary key of a table: its one identity column, or null (DB_ID is the key). */
  private static String primaryKey(EntityTableModel t) {
    String pk = null;
    for (Column c : t.columns()) {
      if (c.kind() == ColumnKind.ATTRIBUTE && c.attribute().unique() == Uniqueness.IDENTITY && !c.showsTarget()) {
        if (pk != null) {
          return null;
        }
        pk = c.name();
      }
    }
    return pk;
  }

  // ---- ALTER TABLE ------------------------------------------------------------------------------

  private SqlDdl.Plan alterTable(AlterTable alter) {
    TableModel found = model.tables(SqlModel.PUBLIC).get(alter.name());
    if (found == null && alter.ifExists() && !model.views().containsKey(alter.name())) {
      return nothing("ALTER TABLE");
    }
    EntityTableModel t = entityTable(alter.name(), "to alter");
    List<Object> forms = new ArrayList<>();
    List<Object> fill = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    long position = nextPosition(t);
    Set<String> added = new TreeSet<>();
    for (Action action : alter.actions()) {
      if (action instanceof AddColumn add) {
        ColumnDef col = add.column();
        checkColumnName(col.name());
        if (t.columnIndex(col.name()) >= 0 || added.contains(col.name())) {
          if (add.ifNotExists()) {
            continue;
          }
          throw new DatoliteException(SqlState.DUPLICATE_COLUMN, "column " + col.name() + " of table " + t.name()
              + " already exists");
        }
        added.add(col.name());
        addColumn(t, col, t.marked() ? position++ : null, forms, fill);
      } else if (action instanceof DropColumn drop) {
        dropColumn(t, drop, forms);
      } else if (action instanceof DdlStatement.DropConstraint drop) {
        dropConstraint(t, drop, forms);
      } else if (action instanceof AddConstraint add) {
        addConstraint(t, add.constraint(), forms, fill, keys);
      } else if (action instanceof SetDefault set) {
        Column c = attributeColumn(t, set.column());
        if (set.defaultText() == null) {
          SqlFacts f = schema.sqlFacts(c.attribute().id());
          if (f.defaultValue() != null) {
            forms.add(List.of(RETRACT, c.attribute().ident(), SQL_DEFAULT, f.defaultValue()));
          }
        } else {
          Object value = ColumnDefaults.value(set.defaultText(), now);
          if (value == null) {
            SqlFacts f = schema.sqlFacts(c.attribute().id());
            if (f.defaultValue() != null) {
              forms.add(List.of(RETRACT, c.attribute().ident(), SQL_DEFAULT, f.defaultValue()));
            }
          } else {
            if (c.key() == null) {
              ColumnDefaults.stored(c, value, schema, db);
            }
            forms.add(List.of(ADD, c.attribute().ident(), SQL_DEFAULT, set.defaultText()));
          }
        }
      } else if (action instanceof SetNotNull set) {
        Column c = attributeColumn(t, set.column());
        if (set.notNull()) {
          checkNoNulls(t, c);
          forms.add(List.of(ADD, c.attribute().ident(), SQL_NOT_NULL, Boolean.TRUE));
        } else if (schema.sqlFacts(c.attribute().id()).notNull()) {
          if (c.attribute().unique() == Uniqueness.IDENTITY && schema.sqlFacts(c.attribute().id()).type() != null) {
            throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "column " + c.name() + " is the primary key"
                + " of table " + t.name() + ", which is NOT NULL");
          }
          forms.add(List.of(RETRACT, c.attribute().ident(), SQL_NOT_NULL, Boolean.TRUE));
        }
      }
    }
    List<List<Object>> transactions = new ArrayList<>();
    if (!forms.isEmpty()) {
      transactions.add(forms);
    }
    if (!fill.isEmpty()) {
      transactions.add(fill);
    }
    if (!keys.isEmpty()) {
      transactions.add(keys);
    }
    return new SqlDdl.Plan("ALTER TABLE", transactions);
  }

  /** The place after a table's last declared column. */
  private long nextPosition(EntityTableModel t) {
    long max = 0;
    for (Attribute a : schema.attributes()) {
      if (t.namespace().equals(a.ident().namespace())) {
        Long p = schema.sqlFacts(a.id()).position();
        max = Math.max(max, p == null ? 0 : p);
      }
    }
    return max + 1;
  }

  /**
   * ADD COLUMN: the attribute; on a table with rows, a NOT NULL column needs a DEFAULT, which a
   * second transaction writes on every row (an attribute takes values only once it is installed)
   * before it declares the NOT NULL.
   */
  private void addColumn(EntityTableModel t, ColumnDef col, Long position, List<Object> forms, List<Object> fill) {
    if (col.identity()) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "an identity column is added with CREATE TABLE"
          + " only; table " + t.name() + " has its entity id in column " + t.idColumn() + " already");
    }
    String ns = t.namespace();
    Keyword ident = Keyword.of(ns, attributeName(col.name()));
    if (schema.attribute(ident) != null) {
      throw new DatoliteException(SqlState.DUPLICATE_COLUMN, "attribute " + ident + " exists already (it is no column"
          + " of table " + t.name() + ": excluded, or of a cardinality-many attribute); name the column otherwise");
    }
    if (col.primaryKey() && primaryKey(t) != null) {
      throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table " + t.name()
          + " are not allowed");
    }
    Object key = col.references() == null ? null
        : referencedKey(col.references(), col, null, Map.of(), Map.of(), null, Set.of(), null);
    Keyword uniqueness = col.primaryKey() ? UNIQUE_IDENTITY : col.unique() ? UNIQUE_VALUE : null;
    String tempid = "ddl." + col.name();
    Map<Object, Object> m = attribute(tempid, ident, col, col.primaryKey(), uniqueness, key,
        foreignKeyName(col.references(), t.name(), col.name()),
        col.references() == null ? null : col.references().onDelete(), position == null ? 0 : position);
    if (position == null) {
      m.remove(SQL_POSITION);
    }
    List<Long> rows = rows(t);
    Object value = col.defaultText() == null ? null : ColumnDefaults.value(col.defaultText(), now);
    if (!rows.isEmpty() && (col.notNull() || col.primaryKey())) {
      if (value == null) {
        throw new DatoliteException(SqlState.NOT_NULL_VIOLATION, "column " + col.name() + " of table " + t.name()
            + " would be NULL in its " + rows.size() + " rows: a NOT NULL column added to a table with rows needs a"
            + " DEFAULT");
      }
      m.remove(SQL_NOT_NULL);
      fill.add(List.of(ADD, ident, SQL_NOT_NULL, Boolean.TRUE));
    }
    if (!rows.isEmpty() && value != null) {
      if (uniqueness != null && rows.size() > 1) {
        throw new DatoliteException(SqlState.UNIQUE_VIOLATION, "column " + col.name() + " is unique, and its DEFAULT"
            + " would give the " + rows.size() + " rows of table " + t.name() + " one value");
      }
      if (key != null) {
        throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "a DEFAULT for a REFERENCES column added to a"
            + " table with rows is not supported; add the column, then UPDATE the rows");
      }
      Object stored = ColumnDefaults.stored(provisional(col, col.type().type().valueType()), value, schema, db);
      for (long e : rows) {
        fill.add(List.of(ADD, e, ident, stored));
      }
    }
    forms.add(m);
    forms.add(List.of(SQL_NEW, tempid));
  }

  /**
   * DROP CONSTRAINT of a foreign key, by its name: the column stays, a ref that no longer
   * references a table (it then holds entity ids). Keys and unique columns have no constraint names.
   */
  private void dropConstraint(EntityTableModel t, DdlStatement.DropConstraint drop, List<Object> forms) {
    for (Column c : t.columns()) {
      SqlFacts f = c.attribute() == null ? null : schema.sqlFacts(c.attribute().id());
      if (f != null && f.foreignKey() != null && f.foreignKey().equalsIgnoreCase(drop.name())) {
        forms.add(List.of(RETRACT, c.attribute().ident(), SQL_FOREIGN_KEY, f.foreignKey()));
        if (f.references() != null) {
          forms.add(List.of(RETRACT, c.attribute().ident(), SQL_REFERENCES, f.references()));
        }
        if (f.onDelete() != null) {
          forms.add(List.of(RETRACT, c.attribute().ident(), SQL_ON_DELETE, f.onDelete()));
        }
        return;
      }
    }
    if (!drop.ifExists()) {
      throw new DatoliteException(SqlState.UNDEFINED_OBJECT, "constraint " + drop.name() + " of table " + t.name()
          + " does not exist (foreign keys have names here; keys and unique columns have none)");
    }
  }

  private void dropColumn(EntityTableModel t, DropColumn drop, List<Object> forms) {
    int i = t.columnIndex(drop.name());
    if (i < 0 && drop.ifExists()) {
      return;
    }
    if (drop.name().equals(t.idColumn())) {
      throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "column " + t.idColumn() + " of table " + t.name()
          + " is the row's entity id; it cannot be dropped");
    }
    requireCreatedInSql(t, "DROP COLUMN");
    Column c = attributeColumn(t, drop.name());
    for (Attribute a : schema.attributes()) {
      Long referenced = schema.sqlFacts(a.id()).references();
      if (referenced != null && referenced == c.attribute().id() && !schema.sqlFacts(a.id()).dropped()) {
        throw new DatoliteException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column " + c.name()
            + " of table " + t.name() + ": " + a.ident() + " references it");
      }
    }
    Attribute a = c.attribute();
    forms.add(List.of(ADD, a.id(), IDENT, Keyword.of(a.ident().namespace(), a.ident().name() + ".dropped-" + basisT())));
    forms.add(List.of(ADD, a.id(), SQL_DROPPED, Boolean.TRUE));
  }

  /**
   * ADD PRIMARY KEY, UNIQUE or FOREIGN KEY on one column. A FOREIGN KEY makes the column a ref: a
   * ref column takes {@code :db.sql/references}; an empty column of another type (as ORMs create
   * them, before their ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY) is replaced, since an
   * attribute's value type never changes: the first transaction renames it out of the way and
   * marks it dropped, the second ({@code then}) installs a ref attribute of its name and declaration.
   */
  private void addConstraint(EntityTableModel t, Constraint k, List<Object> forms, List<Object> then,
      List<Object> keys) {
    if (k.columns().size() > 1) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, describe(k) + " (" + String.join(", ", k.columns())
          + ") is not supported: keys and references take one column");
    }
    if (k.kind() == Constraint.Kind.CHECK) {
      addCheck(t, k.check(), forms);
      return;
    }
    Column c = attributeColumn(t, k.columns().get(0));
    Attribute a = c.attribute();
    switch (k.kind()) {
      case PRIMARY_KEY -> {
        if (primaryKey(t) != null || model.primaryKeyColumns(t).size() > 1) {
          throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table " + t.name()
              + " are not allowed");
        }
        checkNoNulls(t, c);
        checkUniqueValues(t, c);
        forms.add(List.of(ADD, a.ident(), UNIQUE, UNIQUE_IDENTITY));
        forms.add(List.of(ADD, a.ident(), SQL_NOT_NULL, Boolean.TRUE));
      }
      case UNIQUE -> {
        if (!a.isUnique()) {
          checkUniqueValues(t, c);
          forms.add(List.of(ADD, a.ident(), UNIQUE, UNIQUE_VALUE));
        }
      }
      default -> {
        SqlFacts f = schema.sqlFacts(a.id());
        if (f.references() != null) {
          throw new DatoliteException(SqlState.DUPLICATE_OBJECT, "column " + c.name() + " of table " + t.name()
              + " references a table already");
        }
        ColumnDef declared = declaration(c, k.references());
        if (a.isRef()) {
          EntityTableModel target = entityTable(k.references().table(), "referenced by column " + c.name());
          String key = k.references().columns().isEmpty() ? null : k.references().columns().get(0);
          if (key != null && !key.equals(EntityTableModel.ID) && !key.equals(target.idColumn())) {
            throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + c.name() + " holds entity ids; it"
                + " can reference a table's entity id only (declare REFERENCES t (key) when the column is created)");
          }
          checkReferencesRows(t, c, target);
          forms.add(List.of(ADD, a.ident(), SQL_REFERENCES, idReference(target)));
          forms.add(List.of(ADD, a.ident(), SQL_FOREIGN_KEY, foreignKeyName(k.references(), t.name(), c.name())));
          if (k.references().onDelete() != null) {
            forms.add(List.of(ADD, a.ident(), SQL_ON_DELETE, k.references().onDelete()));
          }
          forms.add(List.of(ADD, a.ident(), SQL_ENUM, Boolean.FALSE));
          return;
        }
        read.add(a.id());
        for (Attribute composite : schema.compositesOf(a.id())) {
          // a key of several columns (an ORM's join table): made again over the new attribute
          read.add(composite.id());
          if (db.datoms(Index.AEVT, composite.id()).hasNext()) {
            throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + c.name() + " is part of a key of"
                + " several columns of a table with rows, and cannot become a reference now; declare REFERENCES when"
                + " the table is created, or add the foreign key before the rows");
          }
          forms.add(List.of(ADD, composite.id(), IDENT, Keyword.of(composite.ident().namespace(),
              composite.ident().name() + ".dropped-" + basisT())));
          forms.add(List.of(ADD, composite.id(), SQL_DROPPED, Boolean.TRUE));
          keys.add(compositeKeyOver(composite, "ddl.key." + composite.id()));
          keys.add(List.of(SQL_NEW, "ddl.key." + composite.id()));
        }
        if (db.datoms(Index.AEVT, a.id()).hasNext()) {
          throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + c.name() + " holds "
              + a.valueType().ident() + " values and cannot become a reference (an attribute's value type never"
              + " changes; an empty column is replaced): declare REFERENCES when the column is created, or empty it");
        }
        Object key = referencedKey(k.references(), declared, null, Map.of(), Map.of(), null, Set.of(), null);
        forms.add(List.of(ADD, a.id(), IDENT, Keyword.of(a.ident().namespace(), a.ident().name() + ".dropped-" + basisT())));
        forms.add(List.of(ADD, a.id(), SQL_DROPPED, Boolean.TRUE));
        Keyword uniqueness = a.unique() == Uniqueness.IDENTITY ? UNIQUE_IDENTITY : a.unique() == Uniqueness.VALUE
            ? UNIQUE_VALUE : null;
        Map<Object, Object> replacement = attribute("ddl." + c.name(), a.ident(), declared, false, uniqueness, key,
            foreignKeyName(k.references(), t.name(), c.name()), k.references().onDelete(),
            f.position() == null ? 0 : f.position());
        if (f.position() == null) {
          replacement.remove(SQL_POSITION);
        }
        then.add(replacement);
        then.add(List.of(SQL_NEW, "ddl." + c.name()));
      }
    }
  }

  /** ADD CHECK: planned over the table, and held by every row it has (23514 otherwise). */
  private void addCheck(EntityTableModel t, String check, List<Object> forms) {
    requireCreatedInSql(t, "ADD CHECK");
    planCheck(t.name(), t.columns(), check);
    for (Attribute m : t.members()) {
      read.add(m.id());
    }
    PreparedSql broken = SqlEngine.of(schema, db).prepare("SELECT COUNT(*) FROM \"" + t.name() + "\" WHERE NOT ("
        + check + ")");
    long n;
    try (PreparedSql.Rows rows = broken.execute(new Reading(), new Object[0], now)) {
      n = rows.hasNext() ? ((Number) rows.next()[0]).longValue() : 0;
    }
    if (n > 0) {
      throw new DatoliteException(SqlState.CHECK_VIOLATION, "check constraint (" + check + ") of table " + t.name()
          + " is violated by " + n + " of its rows");
    }
    forms.add(List.of(ADD, t.marker().ident(), SQL_CHECK, check));
  }

  /** The planner's reads of the database value it plans on. */
  private final class Reading implements SqlExecution {
    @Override
    public Db db() {
      return db;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public void checkCancelled() {
      // a DDL statement's own read runs to the end
    }
  }

  /** Every value of a ref column names a row of the table it is to reference (23503 otherwise). */
  private void checkReferencesRows(EntityTableModel t, Column c, EntityTableModel target) {
    Set<Long> rows = new HashSet<>(rows(target));
    read.add(c.attribute().id());
    for (Iterator<Datom> it = db.datoms(Index.AEVT, c.attribute().id()); it.hasNext(); ) {
      Datom d = it.next();
      if (!rows.contains((Long) d.v())) {
        throw new DatoliteException(SqlState.FOREIGN_KEY_VIOLATION, "row " + d.e() + " of table " + t.name()
            + " references entity " + d.v() + ", which is no row of " + target.name());
      }
    }
  }

  /** A column as a declaration, from what its attribute says (a type from its value type where none was declared). */
  private ColumnDef declaration(Column c, References references) {
    SqlFacts f = schema.sqlFacts(c.attribute().id());
    DeclaredType type = DeclaredType.named(f.type());
    if (type == null) {
      type = switch (c.attribute().valueType()) {
        case LONG, REF -> DeclaredType.BIGINT;
        case STRING -> DeclaredType.VARCHAR;
        case BIGDEC -> DeclaredType.DECIMAL;
        case DOUBLE -> DeclaredType.DOUBLE;
        case FLOAT -> DeclaredType.REAL;
        case BOOLEAN -> DeclaredType.BOOLEAN;
        case INSTANT -> DeclaredType.TIMESTAMP;
        case UUID -> DeclaredType.UUID;
        case BYTES -> DeclaredType.VARBINARY;
        default -> throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + c.name() + " holds "
            + c.attribute().valueType().ident() + " values, which no reference takes");
      };
    }
    return new ColumnDef(c.name(), new TypeSpec(type, f.precision(), f.scale(), type.name()), f.notNull(), false,
        false, f.defaultValue(), references, c.attribute().doc(), false);
  }

  private void checkNoNulls(EntityTableModel t, Column c) {
    read.add(c.attribute().id());
    for (long e : rows(t)) {
      if (db.first(Index.EAVT, e, c.attribute().id()) == null) {
        throw new DatoliteException(SqlState.NOT_NULL_VIOLATION, "column " + c.name() + " of table " + t.name()
            + " contains NULL (row " + e + ")");
      }
    }
  }

  private void checkUniqueValues(EntityTableModel t, Column c) {
    read.add(c.attribute().id());
    Object last = null;
    for (Iterator<Datom> it = db.datoms(Index.AVET, c.attribute().id()); it.hasNext(); ) {
      Object v = it.next().v();
      if (last != null && Values.compare(last, v) == 0) {
        throw new DatoliteException(SqlState.UNIQUE_VIOLATION, "column " + c.name() + " of table " + t.name()
            + " holds " + v + " twice; it cannot be made unique");
      }
      last = v;
    }
  }

  // ---- DROP TABLE and TRUNCATE ------------------------------------------------------------------

  private SqlDdl.Plan dropTables(DropTables drop) {
    List<EntityTableModel> tables = new ArrayList<>();
    for (String name : drop.names()) {
      if (model.views().containsKey(name)) {
        throw new DatoliteException(SqlState.WRONG_OBJECT_TYPE, name + " is a view; drop it with DROP VIEW");
      }
      if (!model.tables(SqlModel.PUBLIC).containsKey(name) && drop.ifExists()) {
        continue;
      }
      EntityTableModel t = entityTable(name, "to drop");
      requireCreatedInSql(t, "DROP TABLE");
      tables.add(t);
    }
    Set<String> dropped = new TreeSet<>();
    tables.forEach(t -> dropped.add(t.name()));
    List<Object> forms = new ArrayList<>();
    long t0 = basisT();
    for (EntityTableModel t : tables) {
      for (Column c : model.referencing(t)) {
        String from = model.entityTableOf(c.attribute().id()) == null ? "?" : model.entityTableOf(c.attribute().id()).name();
        if (dropped.contains(from)) {
          continue;
        }
        if (!drop.cascade()) {
          throw new DatoliteException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + t.name()
              + ": column " + c.name() + " of table " + from + " references it (DROP TABLE … CASCADE drops the"
              + " reference, keeping the column)");
        }
        SqlFacts f = schema.sqlFacts(c.attribute().id());
        forms.add(List.of(RETRACT, c.attribute().ident(), SQL_REFERENCES, f.references()));
        if (f.foreignKey() != null) {
          forms.add(List.of(RETRACT, c.attribute().ident(), SQL_FOREIGN_KEY, f.foreignKey()));
        }
        if (f.onDelete() != null) {
          forms.add(List.of(RETRACT, c.attribute().ident(), SQL_ON_DELETE, f.onDelete()));
        }
      }
      String ns = t.namespace();
      for (Attribute a : schema.attributes()) {
        if (!ns.equals(a.ident().namespace())) {
          continue;
        }
        forms.add(List.of(ADD, a.id(), IDENT, Keyword.of(ns + ".dropped-" + t0, a.ident().name())));
        forms.add(List.of(ADD, a.id(), SQL_DROPPED, Boolean.TRUE));
        SqlFacts f = schema.sqlFacts(a.id());
        if (f.table() != null) {
          forms.add(List.of(RETRACT, a.id(), SQL_TABLE, f.table()));
        }
      }
    }
    return plan("DROP TABLE", forms);
  }

  private SqlDdl.Plan truncate(Truncate truncate) {
    List<Object> forms = new ArrayList<>();
    Set<Long> deleted = new HashSet<>();
    List<EntityTableModel> tables = new ArrayList<>();
    for (String name : truncate.names()) {
      TableModel found = model.tables(SqlModel.PUBLIC).get(name);
      if (found instanceof ChildTableModel child) {
        for (Iterator<Datom> it = db.datoms(Index.AEVT, child.attribute().id()); it.hasNext(); ) {
          Datom d = it.next();
          forms.add(List.of(RETRACT, d.e(), child.attribute().ident(), d.v()));
        }
        continue;
      }
      EntityTableModel t = entityTable(name, "to truncate");
      tables.add(t);
      for (long e : rows(t)) {
        if (deleted.add(e)) {
          forms.add(List.of(RETRACT_ENTITY, e));
        }
      }
    }
    for (EntityTableModel t : tables) {
      for (Column c : model.referencing(t)) {
        for (long e : rows(t)) {
          for (Iterator<Datom> it = db.datoms(Index.VAET, e, c.attribute().id()); it.hasNext(); ) {
            Datom d = it.next();
            if (!deleted.contains(d.e())) {
              throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate table " + t.name()
                  + ": column " + c.name() + " of row " + d.e() + " references its row " + e + "; truncate the"
                  + " referencing table in the same statement, or delete its rows first");
            }
          }
        }
      }
    }
    return plan("TRUNCATE", forms);
  }

  // ---- indexes and views ------------------------------------------------------------------------

  private SqlDdl.Plan createIndex(CreateIndex index) {
    EntityTableModel t = entityTable(index.table(), "to index");
    List<Column> columns = new ArrayList<>();
    for (String name : index.columns()) {
      columns.add(column(t, name));
    }
    if (!index.unique()) {
      return nothing("CREATE INDEX"); // AVET covers every attribute already
    }
    if (columns.size() > 1) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "a UNIQUE index on " + columns.size() + " columns"
          + " is not supported; a unique index takes one column");
    }
    Column c = columns.get(0);
    if (c.kind() == ColumnKind.ENTITY_ID || c.attribute().isUnique()) {
      return nothing("CREATE INDEX");
    }
    if (c.kind() != ColumnKind.ATTRIBUTE) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "column " + c.name() + " cannot be unique");
    }
    checkUniqueValues(t, c);
    return plan("CREATE INDEX", List.of(List.of(ADD, c.attribute().ident(), UNIQUE, UNIQUE_VALUE)));
  }

  private SqlDdl.Plan createView(CreateView v) {
    String name = v.name();
    if (model.tables(SqlModel.PUBLIC).containsKey(name)) {
      throw new DatoliteException(SqlState.DUPLICATE_TABLE, "a table named " + name + " already exists");
    }
    Long existing = viewEntity(name);
    if (existing != null && !v.orReplace()) {
      throw new DatoliteException(SqlState.DUPLICATE_TABLE, "view " + name + " already exists (CREATE OR REPLACE VIEW"
          + " replaces it)");
    }
    String word = SqlWrites.firstWord(v.query());
    if (!word.equals("SELECT") && !word.equals("WITH") && !word.equals("VALUES")) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "the query of view " + name + " is a " + word
          + "; a view is a SELECT");
    }
    String query = v.columns().isEmpty() ? v.query()
        : "SELECT * FROM (" + v.query() + ") AS " + name + " (" + String.join(", ", v.columns()) + ")";
    try {
      SqlEngine.of(schema, db).prepare(query);
    } catch (DatoliteException e) {
      throw new DatoliteException(e.state(), "the query of view " + name + ": " + e.getMessage(), e);
    }
    if (existing != null) {
      return plan("CREATE VIEW", List.of(List.of(ADD, existing, SQL_VIEW_QUERY, query)));
    }
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(DB_ID, "ddl.view");
    m.put(SQL_VIEW, name);
    m.put(SQL_VIEW_QUERY, query);
    return plan("CREATE VIEW", List.of(m, List.of(SQL_NEW, "ddl.view")));
  }

  private SqlDdl.Plan dropViews(DropViews drop) {
    List<Object> forms = new ArrayList<>();
    for (String name : drop.names()) {
      Long e = viewEntity(name);
      if (e == null) {
        if (model.tables(SqlModel.PUBLIC).containsKey(name)) {
          throw new DatoliteException(SqlState.WRONG_OBJECT_TYPE, name + " is a table; drop it with DROP TABLE");
        }
        if (drop.ifExists()) {
          continue;
        }
        throw new DatoliteException(SqlState.UNDEFINED_TABLE, "view " + name + " does not exist");
      }
      forms.add(List.of(RETRACT_ENTITY, e));
    }
    return plan("DROP VIEW", forms);
  }

  /** The entity of a view, by its name ignoring case, or null. */
  private Long viewEntity(String name) {
    for (Iterator<Datom> it = db.datoms(Index.AEVT, Bootstrap.SQL_VIEW); it.hasNext(); ) {
      Datom d = it.next();
      if (((String) d.v()).equalsIgnoreCase(name)) {
        return d.e();
      }
    }
    return null;
  }

  // ---- names, tables, rows ----------------------------------------------------------------------

  private boolean exists(String name) {
    return model.tables(SqlModel.PUBLIC).containsKey(name) || model.views().containsKey(name);
  }

  /** The namespace of a table created in SQL: its name in lower case, {@code _} as {@code -}. */
  static String namespace(String table) {
    return table.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The attribute name of a column: as its table's namespace is made. */
  static String attributeName(String column) {
    return column.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void checkColumnName(String name) {
    if (name.equals(EntityTableModel.ID)) {
      throw new DatoliteException(SqlState.DUPLICATE_COLUMN, "column DB_ID is the entity id every table has; name"
          + " the column otherwise");
    }
    if (!SqlNames.of(attributeName(name)).equals(name)) {
      throw new DatoliteException(SqlState.INVALID_NAME, "column name " + name + " is not supported");
    }
  }

  private String tableOf(Attribute a) {
    EntityTableModel t = model.entityTableOf(a.id());
    return t == null ? "none" : t.name();
  }

  /** An entity table of schema PUBLIC by name: 42P01 if there is none, 42809 for a child table or a view. */
  private EntityTableModel entityTable(String name, String purpose) {
    TableModel t = model.tables(SqlModel.PUBLIC).get(name);
    if (t instanceof EntityTableModel e) {
      return e;
    }
    if (t instanceof ChildTableModel c) {
      throw new DatoliteException(SqlState.WRONG_OBJECT_TYPE, "table " + name + " (" + purpose + ") is the child table"
          + " of cardinality-many attribute " + c.attribute().ident() + " of " + c.owner() + "; change its schema"
          + " in Datalog");
    }
    if (model.views().containsKey(name)) {
      throw new DatoliteException(SqlState.WRONG_OBJECT_TYPE, name + " (" + purpose + ") is a view, not a table");
    }
    throw new DatoliteException(SqlState.UNDEFINED_TABLE, "table " + name + " (" + purpose + ") does not exist");
  }

  private static Column column(EntityTableModel t, String name) {
    int i = t.columnIndex(name);
    if (i < 0) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "column " + name + " of table " + t.name()
          + " does not exist");
    }
    return t.columns().get(i);
  }

  /** A column that is an attribute's (not DB_ID). */
  private static Column attributeColumn(EntityTableModel t, String name) {
    Column c = column(t, name);
    if (c.kind() != ColumnKind.ATTRIBUTE) {
      throw new DatoliteException(SqlState.INVALID_TABLE_DEFINITION, "column " + name + " of table " + t.name()
          + " is the row's entity id; it cannot change");
    }
    return c;
  }

  private static void requireCreatedInSql(EntityTableModel t, String statement) {
    if (!t.marked()) {
      throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, statement + " on table " + t.name() + " is not"
          + " supported: the table was defined by transacting schema (namespace " + t.namespace() + "), not by"
          + " CREATE TABLE; change it there (exclude or rename its attributes)");
    }
  }

  /** The rows of an entity table: every entity with one of its member attributes, in id order. */
  private List<Long> rows(EntityTableModel t) {
    TreeSet<Long> out = new TreeSet<>();
    for (Attribute a : t.members()) {
      read.add(a.id());
      for (Iterator<Datom> it = db.datoms(Index.AEVT, a.id()); it.hasNext(); ) {
        out.add(it.next().e());
      }
    }
    return new ArrayList<>(out);
  }

  private long basisT() {
    return Ids.t(db.basisTx());
  }
}

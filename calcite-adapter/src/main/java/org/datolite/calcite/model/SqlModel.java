package org.datolite.calcite.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.DeclaredType;
import org.datolite.schema.Schema;
import org.datolite.schema.SqlFacts;
import org.datolite.schema.Uniqueness;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * The SQL tables of a schema: an entity table per attribute namespace, a child table per
 * cardinality-many attribute (schema {@code PUBLIC}), a history table per entity table (schema
 * {@code HISTORY}), and the raw indexes and the transactions (schema {@code DATOMS}).
 *
 * <p>Names follow {@link SqlNames}. Namespaces are taken in alphabetical order; where two map to
 * one SQL name the later gets a suffix {@code _2}, {@code _3}…, and so do columns within a table,
 * so every attribute stays reachable. The built-in namespaces ({@code db}, {@code db.*}, {@code
 * fressian}) and attributes without a namespace have no table.
 *
 * <p>Schema data overrides the mapping ({@link SqlFacts}, {@code :db.sql/*} on attributes): a
 * table's name ({@code :db.sql/table}; such names are taken before derived ones, so a derived
 * name that meets one gets the suffix), its membership attributes ({@code :db.sql/membership}),
 * attributes of other namespaces as its columns ({@code :db.sql/include}), attributes left out
 * ({@code :db.sql/exclude}), and whether a ref reads as its target's ident ({@code :db.sql/enum}).
 * A ref attribute {@code :ns/name} is an enum when {@code :db.sql/enum} says so, or, when it says
 * nothing, when some entity that is no attribute has an ident in namespace {@code ns.name}
 * ({@code :artist/type} and {@code :artist.type/person}). The transactor refuses conflicting
 * overrides; should a schema hold some anyway, the first in alphabetical order wins.
 *
 * <p>A model depends only on the schema, so one serves every database value with that schema.
 */
public final class SqlModel {
  /** The schema of entity and child tables, the default schema of a connection. */
  public static final String PUBLIC = "PUBLIC";
  /** The schema of the raw index tables and TRANSACTIONS. */
  public static final String DATOMS = "DATOMS";
  /** The schema of the history tables, one per entity table and of the same name. */
  public static final String HISTORY = "HISTORY";

  private final Map<String, TableModel> publicTables;
  private final Map<String, TableModel> historyTables;
  private final Map<String, TableModel> datomsTables;
  private final Map<Long, EntityTableModel> entityTableByMember;
  private final SortedMap<String, String> views;
  /** The attribute each ref attribute's {@code :db.sql/references} names. */
  private final Map<Long, Long> referencesOf;
  /** The keys of several columns (composite tuples) of each table, its primary key first. */
  private final Map<String, List<List<String>>> compositeKeys;
  /** The primary keys of several columns, by table. */
  private final Map<String, List<String>> primaryKeys;
  /** The names of the foreign keys declared by REFERENCES, by attribute. */
  private final Map<Long, String> foreignKeys;
  /** The ON DELETE actions of references ({@code CASCADE}, {@code SET NULL}) by attribute; absent: NO ACTION. */
  private final Map<Long, String> onDelete;
  /** The columns declared REFERENCES, by the name of the table they point to. */
  private final Map<String, List<Column>> referencing;

  private SqlModel(Map<String, TableModel> publicTables, Map<String, TableModel> historyTables,
      Map<String, TableModel> datomsTables, Map<Long, EntityTableModel> entityTableByMember,
      SortedMap<String, String> views, Map<Long, Long> referencesOf, Map<Long, String> foreignKeys,
      Map<Long, String> onDelete, Map<String, List<List<String>>> compositeKeys, Map<String, List<String>> primaryKeys) {
    this.publicTables = Collections.unmodifiableMap(publicTables);
    this.historyTables = Collections.unmodifiableMap(historyTables);
    this.datomsTables = Collections.unmodifiableMap(datomsTables);
    this.entityTableByMember = entityTableByMember;
    this.views = views;
    this.referencesOf = referencesOf;
    this.foreignKeys = foreignKeys;
    this.onDelete = onDelete;
    this.compositeKeys = compositeKeys;
    this.primaryKeys = primaryKeys;
    Map<String, List<Column>> byTarget = new HashMap<>();
    for (TableModel t : publicTables.values()) {
      for (Column c : t.columns()) {
        if (c.attribute() != null && c.kind() == ColumnKind.ATTRIBUTE && referencesOf.containsKey(c.attribute().id())) {
          EntityTableModel target = referencedTable(c);
          if (target != null) {
            byTarget.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(c);
          }
        }
      }
    }
    this.referencing = byTarget;
  }

  /** The views of schema {@link #PUBLIC} by name (upper case), each its query. */
  public SortedMap<String, String> views() {
    return views;
  }

  private static final Cache<Schema, SqlModel> MODELS = Caffeine.newBuilder().weakKeys().maximumSize(16).build();

  /** The model of a schema, made once per schema (a schema is immutable; a change makes a new one). */
  public static SqlModel cached(Schema schema) {
    return MODELS.get(schema, SqlModel::of);
  }

  /** The model of a schema. */
  public static SqlModel of(Schema schema) {
    Map<String, List<Attribute>> byNamespace = new TreeMap<>();
    for (Attribute a : schema.attributes()) {
      String ns = a.ident().namespace();
      if (ns == null || isBuiltIn(ns)) {
        continue;
      }
      byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(a);
    }
    byNamespace.values().forEach(attrs -> attrs.sort((x, y) -> x.ident().name().compareTo(y.ident().name())));
    Set<String> enumNamespaces = enumNamespaces(schema);
    Map<String, TableModel> tables = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    Map<String, String> tableOfNamespace = new HashMap<>();
    // Names given by :db.sql/table first, so that a derived name meeting one is the one suffixed.
    for (Map.Entry<String, List<Attribute>> e : byNamespace.entrySet()) {
      String given = givenName(e.getValue(), schema);
      if (given != null) {
        tableOfNamespace.put(e.getKey(), unique(given, taken));
      }
    }
    for (String ns : byNamespace.keySet()) {
      tableOfNamespace.computeIfAbsent(ns, k -> unique(SqlNames.of(k), taken));
    }
    List<EntityTableModel> entities = new ArrayList<>();
    Map<Long, EntityTableModel> byMember = new HashMap<>();
    for (Map.Entry<String, List<Attribute>> e : byNamespace.entrySet()) {
      EntityTableModel model = entityTable(tableOfNamespace.get(e.getKey()), e.getKey(), e.getValue(), schema,
          enumNamespaces);
      if (model == null) {
        continue;
      }
      entities.add(model);
      if (e.getValue().stream().allMatch(a -> schema.sqlFacts(a.id()).dropped())) {
        continue; // a dropped table: only its history table stays
      }
      tables.put(model.name(), model);
      model.members().forEach(a -> byMember.put(a.id(), model));
    }
    Map<String, TableModel> history = new LinkedHashMap<>();
    for (EntityTableModel owner : entities) {
      for (Attribute a : owner.attributes()) {
        if (a.isMany() && tables.get(owner.name()) == owner) {
          String name = unique(owner.name() + "_" + SqlNames.of(a.ident().name()), taken);
          List<Column> columns = List.of(
              Column.system(owner.name() + "_ID", ColumnKind.OWNER_ID, ValueType.REF),
              Column.value(valueColumn(a, owner.name() + "_ID"), a, isEnum(a, schema, enumNamespaces)));
          tables.put(name, new ChildTableModel(name, owner.name(), a, columns,
              owner.members().contains(a) ? List.of() : owner.members()));
        }
      }
      history.put(owner.name(), historyTable(owner, schema, enumNamespaces));
    }
    Map<String, TableModel> datoms = new LinkedHashMap<>();
    for (Index index : Index.values()) {
      datoms.put(index.name(), new DatomsTableModel(index, List.of(
          Column.system("E", ColumnKind.DATOM_E, ValueType.REF),
          Column.system("A", ColumnKind.DATOM_A, ValueType.KEYWORD),
          Column.system("V", ColumnKind.DATOM_V, ValueType.STRING),
          Column.system("TX", ColumnKind.DATOM_TX, ValueType.REF),
          Column.system("ADDED", ColumnKind.DATOM_ADDED, ValueType.BOOLEAN))));
    }
    datoms.put("TRANSACTIONS", new TransactionsTableModel(List.of(
        Column.system("T", ColumnKind.TX_T, ValueType.LONG),
        Column.system("TX", ColumnKind.TX_ID, ValueType.REF),
        new Column("INSTANT", ColumnKind.TX_INSTANT, ValueType.INSTANT, null, true))));
    Map<Long, Long> referencesOf = new HashMap<>();
    Map<Long, String> foreignKeys = new HashMap<>();
    Map<Long, String> onDelete = new HashMap<>();
    Map<String, List<String>> primaryKeys = new HashMap<>();
    for (Attribute a : schema.attributes()) {
      Long referenced = schema.sqlFacts(a.id()).references();
      if (referenced != null) {
        referencesOf.put(a.id(), referenced);
        String fk = schema.sqlFacts(a.id()).foreignKey();
        if (fk != null) {
          foreignKeys.put(a.id(), fk.toUpperCase(Locale.ROOT));
        }
        String action = schema.sqlFacts(a.id()).onDelete();
        if (action != null) {
          onDelete.put(a.id(), action);
        }
      }
    }
    Map<String, List<List<String>>> compositeKeys = new HashMap<>();
    for (Attribute a : schema.attributes()) {
      if (a.isComposite() && a.isUnique() && schema.sqlFacts(a.id()).exclude() && !schema.sqlFacts(a.id()).dropped()
          && !a.tupleAttrs().isEmpty()) {
        EntityTableModel t = byMember.get(a.tupleAttrs().get(0));
        List<String> columns = new ArrayList<>();
        for (long component : a.tupleAttrs()) {
          Column c = t == null ? null : columnOf(t, component);
          if (c != null) {
            columns.add(c.name());
          }
        }
        if (t != null && columns.size() == a.tupleAttrs().size()) {
          // the primary key (an identity) first
          List<List<String>> keys = compositeKeys.computeIfAbsent(t.name(), k -> new ArrayList<>());
          keys.add(a.unique() == Uniqueness.IDENTITY ? 0 : keys.size(), List.copyOf(columns));
          if (a.unique() == Uniqueness.IDENTITY) {
            primaryKeys.put(t.name(), List.copyOf(columns));
          }
        }
      }
    }
    SortedMap<String, String> views = new TreeMap<>();
    schema.views().forEach((name, query) -> views.put(name.toUpperCase(Locale.ROOT), query));
    return new SqlModel(tables, history, datoms, byMember, views, referencesOf, foreignKeys, onDelete, compositeKeys,
        primaryKeys);
  }

  /**
   * The entity table of a namespace ({@code attrs} in name order), or null when it has no member
   * attribute (every attribute excluded, and none a membership attribute).
   */
  private static EntityTableModel entityTable(String table, String ns, List<Attribute> attrs, Schema schema,
      Set<String> enumNamespaces) {
    List<Attribute> own = new ArrayList<>();
    List<Attribute> membership = new ArrayList<>();
    List<Attribute> markers = new ArrayList<>();
    Set<Long> includeIds = new TreeSet<>();
    boolean allDropped = true;
    for (Attribute a : attrs) {
      allDropped &= schema.sqlFacts(a.id()).dropped();
    }
    for (Attribute a : attrs) {
      SqlFacts f = schema.sqlFacts(a.id());
      if (f.dropped() && !allDropped) {
        continue; // a dropped column: its history stays in the history table, not in the table
      }
      if (f.marker()) {
        markers.add(a);
        continue;
      }
      if (!f.exclude()) {
        own.add(a);
      }
      if (f.membership()) {
        membership.add(a);
      }
      includeIds.addAll(f.include());
    }
    List<Attribute> members = new ArrayList<>(membership.isEmpty() ? own : membership);
    members.addAll(markers);
    if (members.isEmpty()) {
      return null;
    }
    List<Attribute> included = new ArrayList<>();
    for (long id : includeIds) {
      Attribute a = schema.attribute(id);
      String other = a == null ? null : a.ident().namespace();
      if (a != null && id >= Bootstrap.FIRST_FREE_DB_INDEX && !ns.equals(other)) {
        included.add(a);
      }
    }
    included.sort((x, y) -> x.ident().compareTo(y.ident()));
    List<Attribute> shown = new ArrayList<>(own);
    // declared columns in their declared places, then the others by name
    shown.sort(Comparator.comparing((Attribute a) -> position(schema, a)));
    shown.addAll(included);
    List<Column> columns = new ArrayList<>();
    Set<String> columnNames = new HashSet<>();
    String idColumn = EntityTableModel.ID;
    for (Attribute m : markers) {
      String named = schema.sqlFacts(m.id()).idColumn();
      idColumn = named != null ? named.toUpperCase(Locale.ROOT) : idColumn;
    }
    columns.add(Column.system(idColumn, ColumnKind.ENTITY_ID, ValueType.REF));
    columnNames.add(idColumn);
    List<Attribute> attributes = new ArrayList<>();
    for (Attribute a : shown) {
      if (!a.isMany()) {
        columns.add(declared(Column.attribute(unique(SqlNames.of(a.ident().name()), columnNames), a,
            isEnum(a, schema, enumNamespaces)), schema));
        attributes.add(a);
      }
    }
    for (Attribute a : shown) {
      if (a.isMany()) {
        attributes.add(a);
      }
    }
    List<String> checks = new ArrayList<>();
    for (Attribute m : markers) {
      checks.addAll(schema.sqlFacts(m.id()).checks());
    }
    return new EntityTableModel(table, ns, columns, members, attributes, !membership.isEmpty(), !markers.isEmpty(),
        checks);
  }

  private static long position(Schema schema, Attribute a) {
    Long p = schema.sqlFacts(a.id()).position();
    return p == null ? Long.MAX_VALUE : p;
  }

  /** A column as DDL declared it: its type, size and default, NOT NULL, and the key a REFERENCES names. */
  private static Column declared(Column c, Schema schema) {
    SqlFacts f = schema.sqlFacts(c.attribute().id());
    DeclaredType type = DeclaredType.named(f.type());
    Attribute key = f.references() == null ? null : schema.attribute(f.references());
    if (key != null && (!key.isUnique() || key.isMany())) {
      key = null; // a reference to rows by their entity id: the column shows the id
    }
    if (c.attribute().isRef() && key == null) {
      type = null; // a ref that shows its target's id is a BIGINT entity id, whatever was declared
    }
    if (type == null && key == null && !f.notNull() && f.defaultValue() == null) {
      return c;
    }
    return c.keyedAndDeclared(key, type == null && f.defaultValue() == null ? null
        : new Column.Declared(type, f.precision(), f.scale(), f.defaultValue()), f.notNull());
  }

  /** The history table of an entity table: the datom columns, then a typed column per attribute. */
  private static HistoryTableModel historyTable(EntityTableModel table, Schema schema, Set<String> enumNamespaces) {
    List<Column> columns = new ArrayList<>(List.of(
        Column.system(table.idColumn(), ColumnKind.ENTITY_ID, ValueType.REF),
        Column.system("ATTRIBUTE", ColumnKind.DATOM_A, ValueType.KEYWORD),
        Column.system("V", ColumnKind.DATOM_V, ValueType.STRING),
        Column.system("TX", ColumnKind.DATOM_TX, ValueType.REF),
        Column.system("ADDED", ColumnKind.DATOM_ADDED, ValueType.BOOLEAN)));
    Set<String> names = new HashSet<>();
    columns.forEach(c -> names.add(c.name()));
    for (Attribute a : table.attributes()) {
      columns.add(Column.attribute(unique(SqlNames.of(a.ident().name()), names), a, isEnum(a, schema, enumNamespaces)));
    }
    return new HistoryTableModel(table, columns);
  }

  /** The table name {@code :db.sql/table} gives a namespace (the first of its attributes that gives one), or null. */
  private static String givenName(List<Attribute> attrs, Schema schema) {
    for (Attribute a : attrs) {
      String t = schema.sqlFacts(a.id()).table();
      if (t != null) {
        return t.toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** The namespaces of the idents of entities that are not attributes: the enum values' namespaces. */
  private static Set<String> enumNamespaces(Schema schema) {
    Set<String> out = new HashSet<>();
    for (Map.Entry<Long, Keyword> e : schema.identsById().entrySet()) {
      if (e.getValue().namespace() != null && schema.attribute(e.getKey()) == null) {
        out.add(e.getValue().namespace());
      }
    }
    return out;
  }

  /** Whether a ref attribute reads as its target's ident: as {@code :db.sql/enum} says, else by its enum namespace. */
  private static boolean isEnum(Attribute a, Schema schema, Set<String> enumNamespaces) {
    if (!a.isRef()) {
      return false;
    }
    Boolean said = schema.sqlFacts(a.id()).enumRef();
    if (said != null) {
      return said;
    }
    String ns = a.ident().namespace();
    return ns != null && enumNamespaces.contains(ns + "." + a.ident().name());
  }

  /** A child table's value column: the attribute's SQL name (VALUE is reserved in SQL). */
  private static String valueColumn(Attribute a, String ownerColumn) {
    String name = SqlNames.of(a.ident().name());
    return name.equals(ownerColumn) ? name + "_2" : name;
  }

  private static boolean isBuiltIn(String namespace) {
    return namespace.equals("db") || namespace.startsWith("db.") || namespace.equals("fressian");
  }

  private static String unique(String name, Set<String> taken) {
    String n = name;
    for (int i = 2; !taken.add(n); i++) {
      n = name + "_" + i;
    }
    return n;
  }

  /** The tables of a SQL schema ({@link #PUBLIC}, {@link #HISTORY} or {@link #DATOMS}) by name; empty for another. */
  public Map<String, TableModel> tables(String schemaName) {
    return switch (schemaName) {
      case PUBLIC -> publicTables;
      case HISTORY -> historyTables;
      case DATOMS -> datomsTables;
      default -> Map.of();
    };
  }

  /** The SQL schemas, in order. */
  public static List<String> schemaNames() {
    return List.of(DATOMS, HISTORY, PUBLIC);
  }

  /** The entity table an attribute belongs to, or null. */
  public EntityTableModel entityTableOf(long attribute) {
    return entityTableByMember.get(attribute);
  }

  /**
   * The entity table a ref column points to: the table of the key a {@code REFERENCES} names
   * ({@code :db.sql/references}), else, where the schema's names tell, the table of the namespace
   * the attribute is named after ({@code :account/branch} → the table of {@code :branch/*}); null
   * for an enum column, a non-ref column, or when no such table exists.
   */
  public EntityTableModel referencedTable(Column c) {
    if (c.attribute() == null || c.attribute().valueType() != ValueType.REF || c.enumRef()
        || c.kind() != ColumnKind.ATTRIBUTE && c.kind() != ColumnKind.VALUE) {
      return null;
    }
    if (c.key() != null) {
      return entityTableByMember.get(c.key().id());
    }
    Long referenced = referencesOf.get(c.attribute().id());
    if (referenced != null) {
      return entityTableByMember.get(referenced);
    }
    String target = c.attribute().ident().name();
    for (TableModel t : publicTables.values()) {
      if (t instanceof EntityTableModel e && e.namespace().equals(target)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The columns declared {@code REFERENCES} (by {@code :db.sql/references}) that point to rows of
   * an entity table: their rows restrict a DELETE of the rows they point to.
   */
  public List<Column> referencing(EntityTableModel target) {
    return referencing.getOrDefault(target.name(), List.of());
  }

  /** A table's primary key of several columns (a composite identity tuple), or empty. */
  public List<String> primaryKeyColumns(EntityTableModel t) {
    return primaryKeys.getOrDefault(t.name(), List.of());
  }

  /** A table's unique keys of several columns (composite tuples), its primary key first. */
  public List<List<String>> compositeKeys(EntityTableModel t) {
    return compositeKeys.getOrDefault(t.name(), List.of());
  }

  /**
   * What a DELETE of a row a column declared {@code REFERENCES} points to does to the column's
   * rows: {@code CASCADE} (they are deleted too), {@code SET NULL} (the column loses its value) or
   * {@code NO ACTION} (the DELETE fails while one points to it).
   */
  public String onDelete(Column c) {
    return c.attribute() == null ? "NO ACTION" : onDelete.getOrDefault(c.attribute().id(), "NO ACTION");
  }

  /** The name of the foreign key a column's REFERENCES declared, or null. */
  public String foreignKeyName(Column c) {
    return c.attribute() == null ? null : foreignKeys.get(c.attribute().id());
  }

  /** The column of a table that reads an attribute, or null. */
  public static Column columnOf(TableModel table, long attribute) {
    for (Column c : table.columns()) {
      if (c.attribute() != null && c.attribute().id() == attribute) {
        return c;
      }
    }
    return null;
  }
}

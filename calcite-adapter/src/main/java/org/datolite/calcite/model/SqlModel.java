package org.datolite.calcite.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.value.ValueType;

/**
 * The SQL tables of a schema: an entity table per attribute namespace, a child table per
 * cardinality-many attribute (schema {@code PUBLIC}), and the raw indexes and the transactions
 * (schema {@code DATOMS}).
 *
 * <p>Names follow {@link SqlNames}. Namespaces are taken in alphabetical order; where two map to
 * one SQL name the later gets a suffix {@code _2}, {@code _3}…, and so do columns within a table,
 * so every attribute stays reachable. The built-in namespaces ({@code db}, {@code db.*}, {@code
 * fressian}) and attributes without a namespace have no table. A model depends only on the
 * schema, so one serves every database value with that schema.
 */
public final class SqlModel {
  /** The schema of entity and child tables, the default schema of a connection. */
  public static final String PUBLIC = "PUBLIC";
  /** The schema of the raw index tables and TRANSACTIONS. */
  public static final String DATOMS = "DATOMS";

  private final Map<String, TableModel> publicTables;
  private final Map<String, TableModel> datomsTables;
  private final Map<Long, EntityTableModel> entityTableByMember;

  private SqlModel(Map<String, TableModel> publicTables, Map<String, TableModel> datomsTables,
      Map<Long, EntityTableModel> entityTableByMember) {
    this.publicTables = Collections.unmodifiableMap(publicTables);
    this.datomsTables = Collections.unmodifiableMap(datomsTables);
    this.entityTableByMember = entityTableByMember;
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
    Map<String, TableModel> tables = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    List<EntityTableModel> entities = new ArrayList<>();
    Map<String, String> tableOfNamespace = new LinkedHashMap<>();
    for (String ns : byNamespace.keySet()) {
      tableOfNamespace.put(ns, unique(SqlNames.of(ns), taken));
    }
    Map<Long, EntityTableModel> byMember = new HashMap<>();
    for (Map.Entry<String, List<Attribute>> e : byNamespace.entrySet()) {
      List<Attribute> attrs = new ArrayList<>(e.getValue());
      attrs.sort((x, y) -> x.ident().name().compareTo(y.ident().name()));
      String table = tableOfNamespace.get(e.getKey());
      List<Column> columns = new ArrayList<>();
      Set<String> columnNames = new HashSet<>();
      columns.add(Column.system(EntityTableModel.ID, ColumnKind.ENTITY_ID, ValueType.REF));
      columnNames.add(EntityTableModel.ID);
      for (Attribute a : attrs) {
        if (!a.isMany()) {
          columns.add(Column.attribute(unique(SqlNames.of(a.ident().name()), columnNames), a));
        }
      }
      EntityTableModel model = new EntityTableModel(table, e.getKey(), columns, attrs);
      tables.put(table, model);
      entities.add(model);
      attrs.forEach(a -> byMember.put(a.id(), model));
    }
    for (EntityTableModel owner : entities) {
      for (Attribute a : owner.members()) {
        if (a.isMany()) {
          String name = unique(owner.name() + "_" + SqlNames.of(a.ident().name()), taken);
          List<Column> columns = List.of(
              Column.system(owner.name() + "_ID", ColumnKind.OWNER_ID, ValueType.REF),
              new Column(valueColumn(a, owner.name() + "_ID"), ColumnKind.VALUE, a.valueType(), a, false));
          tables.put(name, new ChildTableModel(name, owner.name(), a, columns));
        }
      }
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
    return new SqlModel(tables, datoms, byMember);
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

  /** The tables of a SQL schema ({@link #PUBLIC} or {@link #DATOMS}) by name; empty for another. */
  public Map<String, TableModel> tables(String schemaName) {
    return switch (schemaName) {
      case PUBLIC -> publicTables;
      case DATOMS -> datomsTables;
      default -> Map.of();
    };
  }

  /** The SQL schemas, in order. */
  public static List<String> schemaNames() {
    return List.of(DATOMS, PUBLIC);
  }

  /** The entity table an attribute belongs to, or null. */
  public EntityTableModel entityTableOf(long attribute) {
    return entityTableByMember.get(attribute);
  }
}

package org.datolite.sqltests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.Database;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Cardinality;
import org.datolite.schema.Schema;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * A naive reference of the SQL model (DESIGN.md §5, docs/sql.md) over a database value: each
 * attribute namespace an entity table with {@code DB_ID} and a column per cardinality-one
 * attribute, each cardinality-many attribute a child table {@code <TABLE>_<ATTR>(<TABLE>_ID, <ATTR>)},
 * enum refs as their target's ident text (the default mapping only: no overrides but
 * {@code :db.sql/enum}, no HISTORY or DATOMS tables), built
 * eagerly into plain Calcite tables ({@code jdbc:calcite:}). It lets {@link ReferenceScriptTest}
 * run the hand-written scripts through Calcite today, before the driver exists, so that their SQL
 * is known to be Calcite's and their expected rows the model's. It is slow and simple on purpose
 * and is no model for the adapter.
 */
final class ReferenceModel {
  private ReferenceModel() {}

  /** Calcite's type system with DECIMAL wide enough for bigdec beyond 19 digits. */
  public static final class WideTypeSystem extends RelDataTypeSystemImpl {
    public static final WideTypeSystem INSTANCE = new WideTypeSystem();

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
      return typeName == SqlTypeName.DECIMAL ? 76 : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
      return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @Override
    public int getMaxNumericPrecision() {
      return 76;
    }

    @Override
    public int getMaxNumericScale() {
      return 38;
    }
  }

  /** A new Calcite connection whose default schema {@code PUBLIC} holds {@code db}'s tables. */
  static Connection connect(Database db) throws SQLException {
    Properties info = new Properties();
    info.setProperty("timeZone", "UTC");
    info.setProperty("typeSystem", WideTypeSystem.class.getName() + "#INSTANCE");
    Connection conn = DriverManager.getConnection("jdbc:calcite:", info);
    CalciteConnection calcite = conn.unwrap(CalciteConnection.class);
    SchemaPlus schema = calcite.getRootSchema().add("PUBLIC", new AbstractSchema());
    tables(db).forEach(schema::add);
    calcite.setSchema("PUBLIC");
    return conn;
  }

  static String sqlName(String ednName) {
    return ednName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  private static Map<String, Table> tables(Database db) {
    Schema schema = db.resolver().schema();
    Map<String, List<Attribute>> byNamespace = new TreeMap<>();
    for (Attribute a : schema.attributes()) {
      String ns = a.ident().namespace();
      if (ns == null || ns.equals("db") || ns.startsWith("db.") || ns.startsWith("fressian")) {
        continue;
      }
      byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(a);
    }
    Map<String, Table> tables = new LinkedHashMap<>();
    byNamespace.forEach((ns, attrs) -> {
      String table = sqlName(ns);
      List<Attribute> ones = attrs.stream().filter(a -> a.cardinality() == Cardinality.ONE).toList();
      Map<Long, Object[]> rows = new TreeMap<>();
      for (int i = 0; i < ones.size(); i++) {
        boolean isEnum = isEnum(ones.get(i), schema);
        for (Datom d : db.datoms(Index.AEVT, ones.get(i).ident())) {
          rows.computeIfAbsent(d.e(), e -> newRow(e, ones.size()))[i + 1] = isEnum ? enumText(d.v(), schema)
              : internal(d.v());
        }
      }
      for (Attribute many : attrs) {
        if (many.cardinality() == Cardinality.ONE) {
          continue;
        }
        List<Object[]> children = new ArrayList<>();
        boolean isEnum = isEnum(many, schema);
        for (Datom d : db.datoms(Index.AEVT, many.ident())) {
          rows.computeIfAbsent(d.e(), e -> newRow(e, ones.size()));
          children.add(new Object[] {d.e(), isEnum ? enumText(d.v(), schema) : internal(d.v())});
        }
        tables.put(table + "_" + sqlName(many.ident().name()), new Table(children,
            List.of(table + "_ID", sqlName(many.ident().name())),
            List.of(ValueType.REF, isEnum ? ValueType.KEYWORD : many.valueType()), true));
      }
      List<String> names = new ArrayList<>(List.of("DB_ID"));
      List<ValueType> types = new ArrayList<>(List.of(ValueType.REF));
      for (Attribute a : ones) {
        names.add(sqlName(a.ident().name()));
        types.add(isEnum(a, schema) ? ValueType.KEYWORD : a.valueType());
      }
      tables.put(table, new Table(new ArrayList<>(rows.values()), names, types, false));
    });
    return tables;
  }

  /**
   * Whether a ref reads as its target's ident: {@code :db.sql/enum} if said, else whether a
   * non-attribute has an ident in namespace {@code ns.name}.
   */
  private static boolean isEnum(Attribute a, Schema schema) {
    if (a.valueType() != ValueType.REF) {
      return false;
    }
    if (schema.sqlFacts(a.id()).enumRef() != null) {
      return schema.sqlFacts(a.id()).enumRef();
    }
    String enumNamespace = a.ident().namespace() + "." + a.ident().name();
    return schema.identsById().entrySet().stream().anyMatch(e -> enumNamespace.equals(e.getValue().namespace())
        && schema.attribute(e.getKey()) == null);
  }

  /** A ref's target as its ident text, or its id in digits. */
  private static String enumText(Object v, Schema schema) {
    Keyword ident = schema.ident((Long) v);
    return ident == null ? v.toString() : ident.toString();
  }

  private static Object[] newRow(long e, int columns) {
    Object[] row = new Object[columns + 1];
    row[0] = e;
    return row;
  }

  /** A value in Calcite's internal form. */
  private static Object internal(Object v) {
    if (v instanceof Instant t) {
      return t.toEpochMilli();
    }
    if (v instanceof UUID || v instanceof Keyword) {
      return v.toString();
    }
    return v;
  }

  private static RelDataType sqlType(RelDataTypeFactory f, ValueType t) {
    return switch (t) {
      case STRING, UUID, KEYWORD, URI -> f.createSqlType(SqlTypeName.VARCHAR);
      case LONG, REF -> f.createSqlType(SqlTypeName.BIGINT);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case FLOAT -> f.createSqlType(SqlTypeName.REAL);
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case INSTANT -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case BIGDEC -> f.createSqlType(SqlTypeName.DECIMAL, 76, 38);
      case BIGINT -> f.createSqlType(SqlTypeName.DECIMAL, 76, 0);
      default -> f.createSqlType(SqlTypeName.ANY);
    };
  }

  private static final class Table extends AbstractTable implements ScannableTable {
    private final List<Object[]> rows;
    private final List<String> names;
    private final List<ValueType> types;
    private final boolean child;

    Table(List<Object[]> rows, List<String> names, List<ValueType> types, boolean child) {
      this.rows = rows;
      this.names = names;
      this.types = types;
      this.child = child;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      RelDataTypeFactory.Builder b = f.builder();
      for (int i = 0; i < names.size(); i++) {
        b.add(names.get(i), f.createTypeWithNullability(sqlType(f, types.get(i)), !child && i > 0));
      }
      return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }
}

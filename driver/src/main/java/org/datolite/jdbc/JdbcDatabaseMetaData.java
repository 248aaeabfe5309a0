package org.datolite.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.datolite.Database;
import org.datolite.calcite.ResultColumn;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.table.DatoliteTypeSystem;
import org.datolite.calcite.table.SqlTypes;
import org.datolite.schema.Uniqueness;

/**
 * What the database holds and supports, answered from the schema's SQL model (never by scanning
 * data). Every method returning a result set returns the columns JDBC defines for it, empty where
 * nothing applies. Names are matched by JDBC patterns ({@code %}, {@code _}, escape {@code \}),
 * ignoring case. There are no catalogs; the schemas are {@code PUBLIC} (entity and child tables,
 * type {@code TABLE}), {@code HISTORY} (a history table per entity table, of the same name, type
 * {@code TABLE}) and {@code DATOMS} (the raw indexes and TRANSACTIONS, type {@code SYSTEM TABLE}).
 *
 * <p>Long, with a written reason: one method per DatabaseMetaData question Datolite answers, kept
 * in one class so that each answer is found under the name JDBC gives it.
 */
final class JdbcDatabaseMetaData extends AbstractDatabaseMetaData {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(DatoliteTypeSystem.INSTANCE);
  private final JdbcConnection connection;

  JdbcDatabaseMetaData(JdbcConnection connection) {
    this.connection = connection;
  }

  private SqlModel model() throws SQLException {
    Database db = connection.database();
    return SqlModel.cached(db.schema());
  }

  /** Result columns from {@code NAME:T} pairs: T is V(archar), I(nteger), S(mallint), B(oolean) or L (bigint). */
  private static List<ResultColumn> columns(String spec) {
    List<ResultColumn> out = new ArrayList<>();
    for (String c : spec.split(",")) {
      String[] p = c.trim().split(":");
      SqlTypeName t = switch (p[1]) {
        case "I" -> SqlTypeName.INTEGER;
        case "S" -> SqlTypeName.SMALLINT;
        case "B" -> SqlTypeName.BOOLEAN;
        case "L" -> SqlTypeName.BIGINT;
        default -> SqlTypeName.VARCHAR;
      };
      out.add(new ResultColumn(p[0], t, -1, -1, true, "", "", ""));
    }
    return out;
  }

  private static ResultSet result(String spec, List<Object[]> rows) {
    return JdbcResultSet.of(columns(spec), rows);
  }

  private static ResultSet empty(String spec) {
    return result(spec, List.of());
  }

  /** Whether a name matches a JDBC pattern (null: anything), ignoring case. */
  static boolean matches(String pattern, String name) {
    if (pattern == null || pattern.equals("%")) {
      return true;
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(name).matches();
  }

  /** The tables whose schema and name match, in schema then name order. */
  private List<TableModel> tables(String catalog, String schemaPattern, String tablePattern) throws SQLException {
    List<TableModel> out = new ArrayList<>();
    if (catalog != null && !catalog.isEmpty()) {
      return out;
    }
    SqlModel m = model();
    for (String s : SqlModel.schemaNames()) {
      if (!matches(schemaPattern, s)) {
        continue;
      }
      m.tables(s).values().stream().filter(t -> matches(tablePattern, t.name()))
          .sorted((a, b) -> a.name().compareTo(b.name())).forEach(out::add);
    }
    return out;
  }

  /** The views whose name matches (they are in schema PUBLIC), in name order, each its query. */
  private Map<String, String> views(String catalog, String schemaPattern, String tablePattern) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    if (catalog != null && !catalog.isEmpty() || !matches(schemaPattern, SqlModel.PUBLIC)) {
      return out;
    }
    model().views().forEach((name, query) -> {
      if (matches(tablePattern, name)) {
        out.put(name, query);
      }
    });
    return out;
  }

  private static String tableType(TableModel t) {
    return t.schemaName().equals(SqlModel.DATOMS) ? "SYSTEM TABLE" : "TABLE";
  }

  private static RelDataType type(Column c) {
    return SqlTypes.of(TYPES, c);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] types)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (TableModel t : tables(catalog, schemaPattern, tablePattern)) {
      if (types == null || Arrays.stream(types).anyMatch(x -> x.equalsIgnoreCase(tableType(t)))) {
        rows.add(new Object[] {null, t.schemaName(), t.name(), tableType(t), t.remarks(), null, null, null, null, null});
      }
    }
    if (types == null || Arrays.stream(types).anyMatch(x -> x.equalsIgnoreCase("VIEW"))) {
      for (Map.Entry<String, String> v : views(catalog, schemaPattern, tablePattern).entrySet()) {
        rows.add(new Object[] {null, SqlModel.PUBLIC, v.getKey(), "VIEW", v.getValue(), null, null, null, null, null});
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[1])
        .thenComparing(r -> (String) r[2]));
    return result("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,TABLE_TYPE:V,REMARKS:V,TYPE_CAT:V,TYPE_SCHEM:V,TYPE_NAME:V,"
        + "SELF_REFERENCING_COL_NAME:V,REF_GENERATION:V", rows);
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (TableModel t : tables(catalog, schemaPattern, tablePattern)) {
      int position = 0;
      for (Column c : t.columns()) {
        position++;
        if (!matches(columnPattern, c.name())) {
          continue;
        }
        RelDataType rt = type(c);
        SqlTypeName st = rt.getSqlTypeName();
        ResultColumn r = new ResultColumn(c.name(), st, st.allowsPrec() ? rt.getPrecision() : -1,
            st.allowsScale() ? rt.getScale() : -1, c.nullable(), t.schemaName(), t.name(), c.name()).declaredAs(c);
        String remarks = c.attribute() != null ? c.attribute().ident() + (c.enumRef() ? " (enum: the ident of its target)"
            : c.key() != null ? " (a reference, shown by its target's " + c.key().ident() + ")" : "")
            + (c.attribute().doc() != null ? ": " + c.attribute().doc() : "") : describe(c.kind());
        String defaultValue = c.declared() == null ? null : c.declared().defaultValue();
        boolean identity = c.kind() == ColumnKind.ENTITY_ID && !c.name().equals(EntityTableModel.ID);
        rows.add(columnRow(t.schemaName(), t.name(), r, position, remarks, defaultValue, identity));
      }
    }
    for (String view : views(catalog, schemaPattern, tablePattern).keySet()) {
      int position = 0;
      for (ResultColumn r : connection.prepare("SELECT * FROM " + view).columns()) {
        position++;
        if (matches(columnPattern, r.label())) {
          rows.add(columnRow(SqlModel.PUBLIC, view, r, position, null, null, false));
        }
      }
    }
    return result("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,COLUMN_NAME:V,DATA_TYPE:I,TYPE_NAME:V,COLUMN_SIZE:I,"
        + "BUFFER_LENGTH:I,DECIMAL_DIGITS:I,NUM_PREC_RADIX:I,NULLABLE:I,REMARKS:V,COLUMN_DEF:V,SQL_DATA_TYPE:I,"
        + "SQL_DATETIME_SUB:I,CHAR_OCTET_LENGTH:I,ORDINAL_POSITION:I,IS_NULLABLE:V,SCOPE_CATALOG:V,SCOPE_SCHEMA:V,"
        + "SCOPE_TABLE:V,SOURCE_DATA_TYPE:S,IS_AUTOINCREMENT:V,IS_GENERATEDCOLUMN:V", rows);
  }

  /** A row of getColumns: a column of a table or view, of the type a result column of it reports. */
  private static Object[] columnRow(String schema, String table, ResultColumn r, int position, String remarks,
      String defaultValue, boolean identity) {
    SqlTypeName st = r.type();
    int size = JdbcTypes.precision(st, r.precision());
    Integer digits = st == SqlTypeName.DECIMAL ? (Integer) Math.max(r.scale(), 0)
        : st == SqlTypeName.TIMESTAMP ? (Integer) 3 : JdbcTypes.isSigned(st) ? (Integer) 0 : null;
    Integer radix = JdbcTypes.isSigned(st) ? (Integer) 10 : null;
    Integer octets = JdbcTypes.isText(st) ? (Integer) (size == Integer.MAX_VALUE ? size : size * 4) : null;
    return new Object[] {null, schema, table, r.label(), JdbcTypes.jdbcType(st), JdbcTypes.typeName(st), size, null,
        digits, radix, r.nullable() ? columnNullable : columnNoNulls, remarks, defaultValue, null, null, octets,
        position, r.nullable() ? "YES" : "NO", null, null, null, null, identity ? "YES" : "NO", "NO"};
  }

  private static String describe(ColumnKind kind) {
    return switch (kind) {
      case ENTITY_ID -> "the entity id";
      case OWNER_ID -> "the entity id of the owner";
      case DATOM_E -> "the datom's entity";
      case DATOM_A -> "the datom's attribute";
      case DATOM_V -> "the datom's value as EDN";
      case DATOM_TX, TX_ID -> "the transaction id";
      case DATOM_ADDED -> "true for an assertion, false for a retraction";
      case TX_T -> "the transaction's basis t";
      case TX_INSTANT -> "the transaction's :db/txInstant";
      default -> null;
    };
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (TableModel t : tables(catalog, exact(schema), exact(table))) {
      if (t instanceof EntityTableModel e) {
        List<String> composite = t.schemaName().equals(SqlModel.PUBLIC) ? model().primaryKeyColumns(e) : List.of();
        List<String> key = composite.isEmpty() ? List.of(primaryKey(e)) : composite;
        for (int i = 0; i < key.size(); i++) {
          rows.add(new Object[] {null, t.schemaName(), t.name(), key.get(i), (short) (i + 1), t.name() + "_PK"});
        }
      }
    }
    return result("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,COLUMN_NAME:V,KEY_SEQ:S,PK_NAME:V", rows);
  }

  /**
   * The primary key column of an entity table: the column a CREATE TABLE declared PRIMARY KEY (an
   * identity attribute with a declared type), else the entity id (DB_ID, or an identity column).
   */
  static String primaryKey(EntityTableModel t) {
    for (Column c : t.columns()) {
      if (c.kind() == ColumnKind.ATTRIBUTE && c.declared() != null && c.key() == null
          && c.attribute().unique() == Uniqueness.IDENTITY) {
        return c.name();
      }
    }
    return t.idColumn();
  }

  /** A name given to a non-pattern argument, as a pattern matching only itself. */
  private static String exact(String name) {
    return name == null ? null : name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static final String KEYS = "PKTABLE_CAT:V,PKTABLE_SCHEM:V,PKTABLE_NAME:V,PKCOLUMN_NAME:V,FKTABLE_CAT:V,"
      + "FKTABLE_SCHEM:V,FKTABLE_NAME:V,FKCOLUMN_NAME:V,KEY_SEQ:S,UPDATE_RULE:S,DELETE_RULE:S,FK_NAME:V,PK_NAME:V,"
      + "DEFERRABILITY:S";

  /**
   * The foreign keys: each child table's owner id references its entity table's DB_ID, and a ref
   * column (or a child table's ref values) references the DB_ID of the table its attribute is
   * named after, where there is one ({@link SqlModel#referencedTable}).
   */
  private List<Object[]> keys(String catalog, String pkSchema, String pkTable, String fkSchema, String fkTable)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    boolean pkPublic = pkSchema == null || SqlModel.PUBLIC.equalsIgnoreCase(pkSchema);
    SqlModel model = pkPublic ? model() : null;
    for (TableModel t : pkPublic ? tables(catalog, exact(fkSchema), exact(fkTable)) : List.<TableModel>of()) {
      if (!SqlModel.PUBLIC.equals(t.schemaName())) {
        continue;
      }
      if (t instanceof ChildTableModel c && (pkTable == null || c.owner().equalsIgnoreCase(pkTable))) {
        // a child row is a value of its owner's: deleting the owner deletes it
        rows.add(key(c.owner(), ((EntityTableModel) model.tables(SqlModel.PUBLIC).get(c.owner())).idColumn(), t,
            c.columns().get(0), null, importedKeyCascade));
      }
      for (Column col : t.columns()) {
        EntityTableModel target = model.referencedTable(col);
        if (target != null && (pkTable == null || target.name().equalsIgnoreCase(pkTable))) {
          Column key = col.key() == null ? null : SqlModel.columnOf(target, col.key().id());
          int deleteRule = switch (model.onDelete(col)) {
            case "CASCADE" -> importedKeyCascade;
            case "SET NULL" -> importedKeySetNull;
            default -> importedKeyNoAction;
          };
          rows.add(key(target.name(), key == null ? target.idColumn() : key.name(), t, col, model.foreignKeyName(col),
              deleteRule));
        }
      }
    }
    return rows;
  }

  private static Object[] key(String pkTable, String pkColumn, TableModel fk, Column fkColumn, String name,
      int deleteRule) {
    return new Object[] {null, SqlModel.PUBLIC, pkTable, pkColumn, null, fk.schemaName(), fk.name(),
        fkColumn.name(), (short) 1, (short) importedKeyNoAction, (short) deleteRule,
        name != null ? name : fk.name() + "_" + fkColumn.name() + "_FK", pkTable + "_PK", (short) importedKeyNotDeferrable};
  }

  /** Ordered as JDBC asks: imported keys by the referenced table, exported keys by the referencing one. */
  private static final Comparator<Object[]> BY_PK = Comparator.comparing((Object[] r) -> (String) r[2])
      .thenComparing(r -> (String) r[6]).thenComparing(r -> (String) r[7]);
  private static final Comparator<Object[]> BY_FK = Comparator.comparing((Object[] r) -> (String) r[5])
      .thenComparing(r -> (String) r[6]).thenComparing(r -> (String) r[7]);

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = keys(catalog, null, null, schema, table);
    rows.sort(BY_PK);
    return result(KEYS, rows);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = keys(catalog, schema, table, null, null);
    rows.sort(BY_FK);
    return result(KEYS, rows);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    List<Object[]> rows = keys(parentCatalog == null ? foreignCatalog : parentCatalog, parentSchema, parentTable,
        foreignSchema, foreignTable);
    rows.sort(BY_FK);
    return result(KEYS, rows);
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (TableModel t : tables(catalog, exact(schema), exact(table))) {
      for (Column c : t.columns()) {
        // a history table holds many datoms per entity and per value
        boolean isUnique = t instanceof EntityTableModel && (c.kind() == ColumnKind.ENTITY_ID
            || c.attribute() != null && c.kind() == ColumnKind.ATTRIBUTE && c.attribute().isUnique());
        boolean indexed = c.kind() == ColumnKind.ENTITY_ID || c.kind() == ColumnKind.OWNER_ID
            || c.kind() == ColumnKind.ATTRIBUTE || c.kind() == ColumnKind.VALUE;
        if (!indexed || unique && !isUnique) {
          continue;
        }
        String index = c.kind() == ColumnKind.ENTITY_ID || c.kind() == ColumnKind.OWNER_ID ? "EAVT" : "AVET";
        rows.add(new Object[] {null, t.schemaName(), t.name(), !isUnique, null, t.name() + "_" + c.name() + "_" + index,
            (short) tableIndexOther, (short) 1, c.name(), "A", null, null, null});
      }
    }
    for (TableModel t : tables(catalog, exact(schema), exact(table))) {
      if (t instanceof EntityTableModel e && t.schemaName().equals(SqlModel.PUBLIC)) {
        for (List<String> key : model().compositeKeys(e)) {
          String name = t.name() + "_" + String.join("_", key) + "_KEY";
          for (int i = 0; i < key.size(); i++) {
            rows.add(new Object[] {null, t.schemaName(), t.name(), false, null, name, (short) tableIndexOther,
                (short) (i + 1), key.get(i), "A", null, null, null});
          }
        }
      }
    }
    return result("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,NON_UNIQUE:B,INDEX_QUALIFIER:V,INDEX_NAME:V,TYPE:S,"
        + "ORDINAL_POSITION:S,COLUMN_NAME:V,ASC_OR_DESC:V,CARDINALITY:L,PAGES:L,FILTER_CONDITION:V", rows);
  }

  @Override
  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (TableModel t : tables(catalog, exact(schema), exact(table))) {
      if (t instanceof EntityTableModel e) {
        rows.add(new Object[] {(short) bestRowSession, e.idColumn(), Types.BIGINT, "BIGINT", 19, null, (short) 0,
            (short) bestRowNotPseudo});
      }
    }
    return result("SCOPE:S,COLUMN_NAME:V,DATA_TYPE:I,TYPE_NAME:V,COLUMN_SIZE:I,BUFFER_LENGTH:I,DECIMAL_DIGITS:S,"
        + "PSEUDO_COLUMN:S", rows);
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return empty("SCOPE:S,COLUMN_NAME:V,DATA_TYPE:I,TYPE_NAME:V,COLUMN_SIZE:I,BUFFER_LENGTH:I,DECIMAL_DIGITS:S,"
        + "PSEUDO_COLUMN:S");
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    Object[][] types = {
        {SqlTypeName.TINYINT, 3}, {SqlTypeName.BIGINT, 19}, {SqlTypeName.VARBINARY, Integer.MAX_VALUE},
        {SqlTypeName.CHAR, 65536}, {SqlTypeName.DECIMAL, DatoliteTypeSystem.MAX_DECIMAL_PRECISION},
        {SqlTypeName.INTEGER, 10}, {SqlTypeName.SMALLINT, 5}, {SqlTypeName.REAL, 7}, {SqlTypeName.DOUBLE, 15},
        {SqlTypeName.VARCHAR, 65536}, {SqlTypeName.BOOLEAN, 1}, {SqlTypeName.DATE, 10}, {SqlTypeName.TIME, 12},
        {SqlTypeName.TIMESTAMP, 23}};
    for (Object[] x : types) {
      SqlTypeName t = (SqlTypeName) x[0];
      boolean text = JdbcTypes.isText(t);
      boolean time = t == SqlTypeName.DATE || t == SqlTypeName.TIME || t == SqlTypeName.TIMESTAMP;
      String prefix = text ? "'" : time ? t.getName() + " '" : t == SqlTypeName.VARBINARY ? "X'" : null;
      rows.add(new Object[] {t.getName(), JdbcTypes.jdbcType(t), x[1], prefix, prefix == null ? null : "'",
          t == SqlTypeName.DECIMAL ? "precision,scale" : text || t == SqlTypeName.VARBINARY ? "length" : null,
          (short) typeNullable, text, (short) (text ? typeSearchable : typePredBasic), !JdbcTypes.isSigned(t)
          && !text && t != SqlTypeName.BOOLEAN && !time && t != SqlTypeName.VARBINARY ? Boolean.FALSE : !JdbcTypes.isSigned(t)
          && (t == SqlTypeName.BOOLEAN || time || text || t == SqlTypeName.VARBINARY) ? null : Boolean.FALSE,
          false, false, t.getName(), (short) 0, (short) (t == SqlTypeName.DECIMAL
          ? DatoliteTypeSystem.MAX_DECIMAL_PRECISION : t == SqlTypeName.TIMESTAMP ? 3 : 0), null, null,
          JdbcTypes.isSigned(t) ? (Integer) 10 : null});
    }
    rows.sort((a, b) -> Integer.compare((Integer) a[1], (Integer) b[1]));
    return result("TYPE_NAME:V,DATA_TYPE:I,PRECISION:I,LITERAL_PREFIX:V,LITERAL_SUFFIX:V,CREATE_PARAMS:V,NULLABLE:S,"
        + "CASE_SENSITIVE:B,SEARCHABLE:S,UNSIGNED_ATTRIBUTE:B,FIXED_PREC_SCALE:B,AUTO_INCREMENT:B,LOCAL_TYPE_NAME:V,"
        + "MINIMUM_SCALE:S,MAXIMUM_SCALE:S,SQL_DATA_TYPE:I,SQL_DATETIME_SUB:I,NUM_PREC_RADIX:I", rows);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return result("TABLE_TYPE:V", List.of(new Object[] {"SYSTEM TABLE"}, new Object[] {"TABLE"},
        new Object[] {"VIEW"}));
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (catalog == null || catalog.isEmpty()) {
      for (String s : SqlModel.schemaNames()) {
        if (matches(schemaPattern, s)) {
          rows.add(new Object[] {s, null});
        }
      }
    }
    return result("TABLE_SCHEM:V,TABLE_CATALOG:V", rows);
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return empty("TABLE_CAT:V");
  }

  private static final List<String> FUNCTIONS = List.of("ABS", "AVG", "CAST", "CEIL", "CHAR_LENGTH", "COALESCE",
      "COUNT", "CURRENT_DATE", "CURRENT_TIMESTAMP", "EXTRACT", "FLOOR", "LOWER", "MAX", "MIN", "MOD", "NULLIF",
      "POSITION", "POWER", "ROUND", "SQRT", "SUBSTRING", "SUM", "TRIM", "UPPER");

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionPattern) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if ((catalog == null || catalog.isEmpty()) && matches(schemaPattern, SqlModel.PUBLIC)) {
      for (String f : FUNCTIONS) {
        if (matches(functionPattern, f)) {
          rows.add(new Object[] {null, SqlModel.PUBLIC, f, "built-in SQL function", (short) functionResultUnknown, f});
        }
      }
    }
    return result("FUNCTION_CAT:V,FUNCTION_SCHEM:V,FUNCTION_NAME:V,REMARKS:V,FUNCTION_TYPE:S,SPECIFIC_NAME:V", rows);
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionPattern, String columnPattern)
      throws SQLException {
    return empty("FUNCTION_CAT:V,FUNCTION_SCHEM:V,FUNCTION_NAME:V,COLUMN_NAME:V,COLUMN_TYPE:S,DATA_TYPE:I,TYPE_NAME:V,"
        + "PRECISION:I,LENGTH:I,SCALE:S,RADIX:S,NULLABLE:S,REMARKS:V,CHAR_OCTET_LENGTH:I,ORDINAL_POSITION:I,"
        + "IS_NULLABLE:V,SPECIFIC_NAME:V");
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedurePattern) throws SQLException {
    return empty("PROCEDURE_CAT:V,PROCEDURE_SCHEM:V,PROCEDURE_NAME:V,RESERVED1:V,RESERVED2:V,RESERVED3:V,REMARKS:V,"
        + "PROCEDURE_TYPE:S,SPECIFIC_NAME:V");
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedurePattern,
      String columnPattern) throws SQLException {
    return empty("PROCEDURE_CAT:V,PROCEDURE_SCHEM:V,PROCEDURE_NAME:V,COLUMN_NAME:V,COLUMN_TYPE:S,DATA_TYPE:I,"
        + "TYPE_NAME:V,PRECISION:I,LENGTH:I,SCALE:S,RADIX:S,NULLABLE:S,REMARKS:V,COLUMN_DEF:V,SQL_DATA_TYPE:I,"
        + "SQL_DATETIME_SUB:I,CHAR_OCTET_LENGTH:I,ORDINAL_POSITION:I,IS_NULLABLE:V,SPECIFIC_NAME:V");
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
    return empty("TYPE_CAT:V,TYPE_SCHEM:V,TYPE_NAME:V,CLASS_NAME:V,DATA_TYPE:I,REMARKS:V,BASE_TYPE:S");
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
    return empty("TYPE_CAT:V,TYPE_SCHEM:V,TYPE_NAME:V,SUPERTYPE_CAT:V,SUPERTYPE_SCHEM:V,SUPERTYPE_NAME:V");
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    return empty("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,SUPERTABLE_NAME:V");
  }

  @Override
  public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
      String attributeNamePattern) throws SQLException {
    return empty("TYPE_CAT:V,TYPE_SCHEM:V,TYPE_NAME:V,ATTR_NAME:V,DATA_TYPE:I,ATTR_TYPE_NAME:V,ATTR_SIZE:I,"
        + "DECIMAL_DIGITS:I,NUM_PREC_RADIX:I,NULLABLE:I,REMARKS:V,ATTR_DEF:V,SQL_DATA_TYPE:I,SQL_DATETIME_SUB:I,"
        + "CHAR_OCTET_LENGTH:I,ORDINAL_POSITION:I,IS_NULLABLE:V,SCOPE_CATALOG:V,SCOPE_SCHEMA:V,SCOPE_TABLE:V,"
        + "SOURCE_DATA_TYPE:S");
  }

  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnPattern)
      throws SQLException {
    return empty("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,COLUMN_NAME:V,GRANTOR:V,GRANTEE:V,PRIVILEGE:V,IS_GRANTABLE:V");
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tablePattern) throws SQLException {
    return empty("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,GRANTOR:V,GRANTEE:V,PRIVILEGE:V,IS_GRANTABLE:V");
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return empty("NAME:V,MAX_LEN:I,DEFAULT_VALUE:V,DESCRIPTION:V");
  }

  @Override
  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
      throws SQLException {
    return empty("TABLE_CAT:V,TABLE_SCHEM:V,TABLE_NAME:V,COLUMN_NAME:V,DATA_TYPE:I,COLUMN_SIZE:I,DECIMAL_DIGITS:I,"
        + "NUM_PREC_RADIX:I,COLUMN_USAGE:V,REMARKS:V,CHAR_OCTET_LENGTH:I,IS_NULLABLE:V");
  }

  // ---- the database and the driver --------------------------------------------------------

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getUserName() {
    return "";
  }

  @Override
  public String getDatabaseProductName() {
    return "Datolite";
  }

  @Override
  public String getDatabaseProductVersion() {
    return Driver.MAJOR + "." + Driver.MINOR;
  }

  @Override
  public int getDatabaseMajorVersion() {
    return Driver.MAJOR;
  }

  @Override
  public int getDatabaseMinorVersion() {
    return Driver.MINOR;
  }

  @Override
  public String getDriverName() {
    return "Datolite JDBC driver";
  }

  @Override
  public String getDriverVersion() {
    return Driver.MAJOR + "." + Driver.MINOR;
  }

  @Override
  public int getDriverMajorVersion() {
    return Driver.MAJOR;
  }

  @Override
  public int getDriverMinorVersion() {
    return Driver.MINOR;
  }

  @Override
  public int getJDBCMajorVersion() {
    return 4;
  }

  @Override
  public int getJDBCMinorVersion() {
    return 2;
  }

  @Override
  public int getSQLStateType() {
    return sqlStateSQL;
  }

  @Override
  public String getIdentifierQuoteString() {
    return "\"";
  }

  @Override
  public String getSQLKeywords() {
    return "LIMIT,OFFSET,FETCH,SYSTEM_TIME";
  }

  @Override
  public String getNumericFunctions() {
    return "ABS,CEIL,FLOOR,MOD,POWER,ROUND,SQRT";
  }

  @Override
  public String getStringFunctions() {
    return "CHAR_LENGTH,LOWER,POSITION,SUBSTRING,TRIM,UPPER";
  }

  @Override
  public String getSystemFunctions() {
    return "COALESCE,NULLIF";
  }

  @Override
  public String getTimeDateFunctions() {
    return "CURRENT_DATE,CURRENT_TIMESTAMP,EXTRACT";
  }

  @Override
  public String getSearchStringEscape() {
    return "\\";
  }

  @Override
  public String getExtraNameCharacters() {
    return "";
  }

  @Override
  public String getSchemaTerm() {
    return "schema";
  }

  @Override
  public String getProcedureTerm() {
    return "procedure";
  }

  @Override
  public String getCatalogTerm() {
    return "catalog";
  }

  @Override
  public String getCatalogSeparator() {
    return ".";
  }

  @Override
  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_SERIALIZABLE;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  // ---- what is supported (true where it is; the base answers false) ------------------------

  @Override
  public boolean allTablesAreSelectable() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public boolean supportsBatchUpdates() {
    return true;
  }

  @Override
  public boolean supportsGetGeneratedKeys() {
    return true;
  }

  @Override
  public boolean supportsSavepoints() {
    return true;
  }

  @Override
  public boolean supportsTransactions() {
    return true;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() {
    return true;
  }

  @Override
  public boolean nullsAreSortedHigh() {
    return true;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsColumnAliasing() {
    return true;
  }

  @Override
  public boolean nullPlusNonNullIsNull() {
    return true;
  }

  @Override
  public boolean supportsTableCorrelationNames() {
    return true;
  }

  @Override
  public boolean supportsExpressionsInOrderBy() {
    return true;
  }

  @Override
  public boolean supportsOrderByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupBy() {
    return true;
  }

  @Override
  public boolean supportsGroupByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupByBeyondSelect() {
    return true;
  }

  @Override
  public boolean supportsLikeEscapeClause() {
    return true;
  }

  @Override
  public boolean supportsNonNullableColumns() {
    return true;
  }

  @Override
  public boolean supportsMinimumSQLGrammar() {
    return true;
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() {
    return true;
  }

  @Override
  public boolean supportsOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsFullOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsLimitedOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsSchemasInDataManipulation() {
    return true;
  }

  // Tables are named within a schema (PUBLIC, HISTORY, DATOMS) wherever a table is named; tools read these
  // to decide whether to ask for schemas at all.
  @Override
  public boolean supportsSchemasInTableDefinitions() {
    return true;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() {
    return true;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInComparisons() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInExists() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInIns() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() {
    return true;
  }

  @Override
  public boolean supportsCorrelatedSubqueries() {
    return true;
  }

  @Override
  public boolean supportsUnion() {
    return true;
  }

  @Override
  public boolean supportsUnionAll() {
    return true;
  }

  @Override
  public boolean supportsMultipleTransactions() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() {
    return true;
  }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    // every transaction is serializable; a weaker level asked for gets it (as PostgreSQL's READ UNCOMMITTED is READ COMMITTED)
    return level != Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw JdbcErrors.unsupported("unwrapping DatabaseMetaData to " + iface.getName());
  }
}

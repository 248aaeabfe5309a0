package org.datolite.calcite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.Lex;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;
import org.datolite.DatoliteException;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.calcite.rel.AsOfT;
import org.datolite.calcite.rel.DatolitePrograms;
import org.datolite.calcite.table.DatalogMacro;
import org.datolite.calcite.table.DatoliteSchema;
import org.datolite.calcite.table.DatoliteTable;
import org.datolite.calcite.table.DatoliteTypeSystem;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * Plans SQL over the tables of one schema. An engine is built once per schema (a schema change
 * gets a new one) and caches every statement it has planned by its text, so a repeated
 * statement, prepared or not, skips parsing and planning; each execution binds the cached plan
 * to the statement's database value and parameters.
 *
 * <p>Planning follows {@code CALCITE-NOTES.md}: parse (unquoted names upper-cased, names matched
 * case-insensitively), validate, convert, trim unused fields, then {@link DatolitePrograms}, and
 * compile once to a {@link Bindable} ({@link CompiledCode}: statements that differ only in
 * literals share the compiled class). A plan that is only filters and projections over one scan
 * after the logical phases skips the physical ones and code generation: it runs as an
 * {@link InterpretedPlan}.
 */
public final class SqlEngine {
  /** Statements planned per engine before the least recently used is dropped. */
  static final int PLAN_CACHE_SIZE = 2000;
  /** Engines kept, by schema (weakly: a schema no value uses any more lets its engine go). */
  private static final Cache<Schema, SqlEngine> ENGINES = Caffeine.newBuilder().weakKeys().maximumSize(16).build();
  private static final Pattern SELECT_ONE = Pattern.compile("(?is)\\s*select\\s+1\\s*;?\\s*");

  /** Calcite's standard operators and Datolite's own. */
  private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
      SqlOperatorTables.of(AsOfT.BASIS_T));

  private final SqlModel model;
  private final CalciteSchema root;
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(DatoliteTypeSystem.INSTANCE);
  private final CalciteConnectionConfig config;
  private final Cache<String, PreparedSql> plans = Caffeine.newBuilder().maximumSize(PLAN_CACHE_SIZE).build();
  /** The newest database value a statement came with: row counts for planning are read from it. */
  private volatile Db statistics;
  /** Plans by statement shape (see StatementShape); empty: the shape's texts plan on their own. */
  private final Cache<String, Optional<PreparedSql>> shapes = Caffeine.newBuilder().maximumSize(PLAN_CACHE_SIZE).build();

  private SqlEngine(Schema schema, Db statistics) {
    this.statistics = statistics;
    this.model = SqlModel.cached(schema);
    this.root = CalciteSchema.createRootSchema(false, false);
    for (String name : SqlModel.schemaNames()) {
      Map<String, DatoliteTable> tables = new LinkedHashMap<>();
      for (TableModel t : model.tables(name).values()) {
        tables.put(t.name(), new DatoliteTable(t, rowCount(t)));
      }
      root.add(name, new DatoliteSchema(tables));
    }
    DatalogRunner runner = datalogRunner();
    if (runner != null) {
      CalciteSchema pub = root.getSubSchema(SqlModel.PUBLIC, true);
      for (int n = 0; n <= DatalogMacro.MAX_INPUTS; n++) {
        pub.plus().add("DATALOG", new DatalogMacro(runner, schema, n));
      }
    }
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), NullCollation.HIGH.name());
    this.config = new CalciteConnectionConfigImpl(p);
  }

  /** The Datalog runner the peer library provides, or null (then SQL has no DATALOG function). */
  private static DatalogRunner datalogRunner() {
    return Runner.INSTANCE;
  }

  /**
   * Looked up once, when first needed, in the class loader that loaded Datolite: not the thread's
   * context class loader, which in a host that loads the driver in a class loader of its own (a BI
   * tool) is the host's, and finds no runner or one of another copy of Datolite.
   */
  private static final class Runner {
    static final DatalogRunner INSTANCE = ServiceLoader.load(DatalogRunner.class, DatalogRunner.class.getClassLoader())
        .findFirst().orElse(null);
  }

  /** The engine of a schema; {@code statistics}: a value with that schema to estimate row counts from. */
  public static SqlEngine of(Schema schema, Db statistics) {
    SqlEngine engine = ENGINES.get(schema, s -> new SqlEngine(s, statistics));
    engine.statistics = statistics;
    return engine;
  }

  /**
   * The classes of generated code compiled in this JVM so far: a new statement text whose plan
   * shares the code of an earlier one (it differs only in literals) compiles none.
   */
  public static long compiledClasses() {
    return CompiledCode.compiled();
  }

  /** The SQL model of the engine's schema. */
  public SqlModel model() {
    return model;
  }

  JavaTypeFactory typeFactory() {
    return typeFactory;
  }

  /**
   * The estimated row count of a table: the largest member attribute's datom count in the newest
   * value a statement came with, computed again only when that value is another.
   */
  private LongSupplier rowCount(TableModel t) {
    Object[] memo = {null, 0L}; // the value counted, and its count
    return () -> {
      Db db = statistics;
      synchronized (memo) {
        if (memo[0] != db) {
          long n = 0;
          if (t instanceof EntityTableModel e) {
            for (Attribute a : e.members()) {
              n = Math.max(n, count(db, a.id()));
            }
          } else if (t instanceof ChildTableModel c) {
            n = count(db, c.attribute().id());
          } else {
            n = db.estimateCount(Index.EAVT, null, true, null, true);
          }
          memo[0] = db;
          memo[1] = Math.max(1, n);
        }
        return (Long) memo[1];
      }
    };
  }

  private static long count(Db db, long attribute) {
    return db.estimateCount(Index.AEVT, Index.AEVT.lowerBound(attribute), true, Index.AEVT.upperBound(attribute), true);
  }

  /** The plan of a statement, from the cache or planned now. */
  public PreparedSql prepare(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "empty statement; expected a SELECT, VALUES or EXPLAIN PLAN FOR");
    }
    PreparedSql cached = plans.getIfPresent(sql);
    if (cached != null) {
      return cached;
    }
    PreparedSql planned = plan(sql);
    plans.put(sql, planned);
    return planned;
  }

  private PreparedSql plan(String sql) {
    if (SELECT_ONE.matcher(sql).matches()) {
      return PreparedSql.constant(this, sql, List.of(new ResultColumn("EXPR$0", SqlTypeName.INTEGER, 10, 0, false,
          "", "", "")), List.<Object[]>of(new Object[] {1}));
    }
    try {
      SqlNode node = parse(sql);
      boolean explain = node.getKind() == SqlKind.EXPLAIN;
      SqlNode query = Views.expand(explain ? ((SqlExplain) node).getExplicandum() : node, model.views());
      if (!query.isA(SqlKind.QUERY)) {
        throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "only queries run through SQL here (SELECT, VALUES,"
            + " WITH, EXPLAIN PLAN FOR); " + node.getKind() + " statements are not supported yet");
      }
      if (!explain && StatementShape.enabled()) {
        // texts that differ only in the literals of simple comparisons share one plan
        Map<Integer, SqlDynamicParam> own = ownParameters(query);
        StatementShape shape = StatementShape.of(query);
        if (shape != null) {
          SqlNode lifted = query;
          PreparedSql template = shapes.get(shape.key(), k -> planShape(k, lifted, own, shape)).orElse(null);
          Object[] values = template == null ? null : shape.values(template.parameters());
          if (values != null) {
            return template.forText(sql, shape.ownParameters(), values);
          }
          query = Views.expand(parse(sql), model.views()); // planned as written
        }
      }
      return planQuery(sql, query, explain, null, null);
    } catch (DatoliteException e) {
      throw e;
    } catch (Exception | AssertionError | StackOverflowError e) {
      throw SqlErrors.prepare(e, sql);
    }
  }

  /**
   * Fails with 0A000 when a statement reads one WITH RECURSIVE table in two places: each place
   * runs a recursion of its own, and Calcite's recursions find their working table by its name.
   */
  private static void checkRecursions(RelNode plan) {
    Set<String> seen = new HashSet<>();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof RepeatUnion u && u.getTransientTable() != null) {
          String name = String.join(".", u.getTransientTable().getQualifiedName());
          if (!seen.add(name)) {
            throw new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, "the recursive table " + name
                + " is read in two places of this statement; read it once (join or aggregate it in one"
                + " query over it), or give each use a WITH RECURSIVE of its own");
          }
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
  }

  /**
   * Parses one statement with the lexical settings of every statement: unquoted names upper-cased,
   * matched without regard to case; unaliased function calls in select lists named after their
   * function ({@link ColumnLabels}).
   */
  public static SqlNode parse(String sql) throws SqlParseException {
    return ColumnLabels.apply(SqlParser.create(sql, SqlParser.config().withLex(Lex.ORACLE).withCaseSensitive(false)
        .withConformance(SqlConformanceEnum.LENIENT)).parseStmt());
  }

  /** The plan of a shape, its parameters typed by index (the text's own, then the literals'), or empty if not shared. */
  private Optional<PreparedSql> planShape(String key, SqlNode query, Map<Integer, SqlDynamicParam> own,
      StatementShape shape) {
    try {
      return Optional.ofNullable(planQuery(key, query, false, own, shape));
    } catch (Exception | AssertionError | StackOverflowError e) {
      return Optional.empty(); // the text plans as written, and fails with its own error
    }
  }

  /** The parameters of a statement in the order validation lists them. */
  private static List<ParameterInfo> parameters(RelDataType paramType) {
    List<ParameterInfo> params = new ArrayList<>();
    for (RelDataTypeField f : paramType.getFieldList()) {
      params.add(parameter(f.getType()));
    }
    return params;
  }

  private static ParameterInfo parameter(RelDataType t) {
    return new ParameterInfo(t.getSqlTypeName(), t.getPrecision(), t.getScale());
  }

  /** A shape's parameters by index, or null if a literal's parameter got a type of another kind. */
  private static List<ParameterInfo> shapeParameters(SqlValidator validator, Map<Integer, SqlDynamicParam> own,
      StatementShape shape) {
    List<ParameterInfo> params = new ArrayList<>();
    for (int i = 0; i < shape.ownParameters(); i++) {
      SqlDynamicParam p = own.get(i);
      if (p == null) {
        return null;
      }
      params.add(parameter(validator.getValidatedNodeType(p)));
    }
    for (int k = 0; k < shape.lifted().size(); k++) {
      ParameterInfo t = parameter(validator.getValidatedNodeType(shape.lifted().get(k)));
      if (!shape.accepts(k, t)) {
        return null;
      }
      params.add(t);
    }
    return params;
  }

  private static Map<Integer, SqlDynamicParam> ownParameters(SqlNode query) {
    Map<Integer, SqlDynamicParam> out = new HashMap<>();
    query.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        out.put(param.getIndex(), param);
        return null;
      }
    });
    return out;
  }

  /**
   * Validates, converts and plans a query. With a shape, the parameters are typed by index and
   * the answer is null if the shape is not to be shared.
   */
  private PreparedSql planQuery(String sql, SqlNode query, boolean explain, Map<Integer, SqlDynamicParam> own,
      StatementShape shape) throws Exception {
    CalciteCatalogReader catalog = new CalciteCatalogReader(root, List.of(SqlModel.PUBLIC), typeFactory, config);
    SqlValidator validator = SqlValidatorUtil.newValidator(SqlOperatorTables.chain(OPERATORS, catalog), catalog, typeFactory,
        SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT)
            .withDefaultNullCollation(NullCollation.HIGH).withIdentifierExpansion(true));
    SqlNode validated = validator.validate(query);
    RelDataType rowType = validator.getValidatedNodeType(validated);
    List<List<String>> origins = validator.getFieldOrigins(validated);
    List<ParameterInfo> params = shape == null ? parameters(validator.getParameterRowType(validated))
        : shapeParameters(validator, own, shape);
    if (params == null) {
      return null;
    }

    VolcanoPlanner planner = new VolcanoPlanner();
    // Only the convention is a trait: with collations tracked too, Volcano fails on empty VALUES
    // (ClassCastException from a composite collation trait, Calcite 1.41), and Sort operators
    // already order what must be ordered.
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
    // metadata from Calcite's reflective handlers: nothing for Janino to compile (see ReflectiveMetadata)
    cluster.setMetadataQuerySupplier(ReflectiveMetadata.queries(cluster));
    SqlToRelConverter converter = new SqlToRelConverter(null, validator, catalog, cluster,
        StandardConvertletTable.INSTANCE, SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false)
            // IN lists stay predicates (lookups, and decimals compared by value), never a join on VALUES
            .withInSubQueryThreshold(Integer.MAX_VALUE));
    RelRoot relRoot = converter.convertQuery(validated, false, true);
    RelNode rel = DatolitePrograms.snapshots(relRoot.rel);
    RelBuilder relBuilder = RelBuilder.proto(Contexts.empty()).create(cluster, catalog);
    rel = new RelFieldTrimmer(validator, relBuilder).trim(rel);
    rel = relRoot.withRel(rel).project();
    origins = throughSubqueries(origins, rel);
    // The plan keeps its Sort operators; asking the root for a collation too would need sort enforcement.
    RelTraitSet traits = rel.getTraitSet().replace(EnumerableConvention.INSTANCE);
    RelNode logical = DatolitePrograms.logical(rel);
    // filters and projections over one scan run as they are: no physical planning, no code
    InterpretedPlan interpreted = explain || !InterpretedPlan.enabled() ? null : InterpretedPlan.of(logical);
    if (interpreted != null) {
      return PreparedSql.compiled(this, sql, columns(rowType, origins), params, interpreted, Map.of(), false,
          interpreted.toString(), new Object[0]);
    }
    RelNode physical = DatolitePrograms.physical(planner, logical, traits);
    checkRecursions(physical);
    String planText = RelOptUtil.toString(physical);
    if (explain) {
      return PreparedSql.constant(this, sql, List.of(new ResultColumn("PLAN", SqlTypeName.VARCHAR, -1, -1, false,
          "", "", "")), List.<Object[]>of(new Object[] {planText}), params);
    }
    CompiledCode.Compiled code = CompiledCode.compile((EnumerableRel) physical, params.size());
    return PreparedSql.compiled(this, sql, columns(rowType, origins), params, code.bindable(), code.internal(),
        rowType.getFieldCount() == 1, planText, code.constants());
  }

  /**
   * The origins the validator gives (a select item naming a table's column), completed from the
   * plan for the columns it cannot follow: a column of a view or of a subquery in FROM that is a
   * table's column passed through unchanged has that column's origin (and so its declared type).
   */
  private static List<List<String>> throughSubqueries(List<List<String>> origins, RelNode rel) {
    List<List<String>> out = new ArrayList<>();
    RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
    for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
      List<String> o = origins == null || i >= origins.size() ? null : origins.get(i);
      if (o == null) {
        Set<RelColumnOrigin> found = mq.getColumnOrigins(rel, i);
        if (found != null && found.size() == 1) {
          RelColumnOrigin origin = found.iterator().next();
          List<String> table = origin.getOriginTable().getQualifiedName();
          if (!origin.isDerived() && table.size() >= 2) {
            o = new ArrayList<>(table);
            o.add(origin.getOriginTable().getRowType().getFieldList().get(origin.getOriginColumnOrdinal()).getName());
          }
        }
      }
      out.add(o);
    }
    return out;
  }

  private List<ResultColumn> columns(RelDataType rowType, List<List<String>> origins) {
    List<ResultColumn> out = new ArrayList<>();
    List<RelDataTypeField> fields = rowType.getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      RelDataType t = fields.get(i).getType();
      List<String> o = origins == null || i >= origins.size() ? null : origins.get(i);
      String schema = o != null && o.size() >= 3 ? o.get(o.size() - 3) : "";
      String table = o != null && o.size() >= 2 ? o.get(o.size() - 2) : "";
      String column = o != null && o.size() >= 1 ? o.get(o.size() - 1) : "";
      int precision = t.getSqlTypeName().allowsPrec() ? t.getPrecision() : -1;
      int scale = t.getSqlTypeName().allowsScale() ? t.getScale() : -1;
      ResultColumn c = new ResultColumn(fields.get(i).getName(), t.getSqlTypeName(), precision, scale, t.isNullable(),
          schema, table, column);
      TableModel read = schema.equals(SqlModel.PUBLIC) ? model.tables(schema).get(table) : null;
      out.add(read == null || read.columnIndex(column) < 0 ? c : c.declaredAs(read.columns().get(read.columnIndex(column))));
    }
    return out;
  }


}

package org.datolite.calcite;

import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ListTransientTable;
import org.datolite.DatoliteException;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.error.SqlState;

/**
 * A planned statement: its result columns, its parameters, and the compiled plan that each
 * execution binds to a database value ({@link SqlExecution}) and parameter values (in Calcite's
 * internal form: a TIMESTAMP a {@code Long} of epoch milliseconds, a DATE an {@code Integer} of
 * days). Immutable and shared by every statement with the same text.
 */
public final class PreparedSql {
  private final SqlEngine engine;
  private final String sql;
  private final List<ResultColumn> columns;
  private final List<ParameterInfo> parameters;
  private final Bindable<Object> bindable;
  private final Map<String, Object> internal;
  private final boolean scalar;
  private final List<Object[]> constantRows;
  private final String plan;
  /** Values of the plan's parameters past the statement's own: its literals lifted out of the code (see CompiledCode). */
  private final Object[] constants;

  private PreparedSql(SqlEngine engine, String sql, List<ResultColumn> columns, List<ParameterInfo> parameters,
      Bindable<Object> bindable, Map<String, Object> internal, boolean scalar, List<Object[]> constantRows,
      String plan, Object[] constants) {
    this.engine = engine;
    this.sql = sql;
    this.columns = List.copyOf(columns);
    this.parameters = List.copyOf(parameters);
    this.bindable = bindable;
    this.internal = internal;
    this.scalar = scalar;
    this.constantRows = constantRows;
    this.plan = plan;
    this.constants = constants;
  }

  static PreparedSql constant(SqlEngine engine, String sql, List<ResultColumn> columns, List<Object[]> rows) {
    return constant(engine, sql, columns, rows, List.of());
  }

  static PreparedSql constant(SqlEngine engine, String sql, List<ResultColumn> columns, List<Object[]> rows,
      List<ParameterInfo> parameters) {
    return new PreparedSql(engine, sql, columns, parameters, null, Map.of(), false, rows, "constant", new Object[0]);
  }

  static PreparedSql compiled(SqlEngine engine, String sql, List<ResultColumn> columns, List<ParameterInfo> parameters,
      Bindable<Object> bindable, Map<String, Object> internal, boolean scalar, String plan, Object[] constants) {
    return new PreparedSql(engine, sql, columns, parameters, bindable, Map.copyOf(internal), scalar, null, plan,
        constants.clone());
  }

  /**
   * A statement run by a plan made without the planner ({@link SimpleSelect}): no engine, so its
   * executions offer no type factory, which only generated code asks for.
   */
  static PreparedSql direct(String sql, List<ResultColumn> columns, List<ParameterInfo> parameters,
      Bindable<Object> bindable, String plan) {
    return new PreparedSql(null, sql, columns, parameters, bindable, Map.of(), false, null, plan, new Object[0]);
  }

  /**
   * This plan (of a statement shape) for one text of the shape: the text's own parameters are the
   * first {@code own}, and the literals it lifted take the {@code values} of the next ones.
   */
  PreparedSql forText(String text, int own, Object[] values) {
    Object[] all = new Object[values.length + constants.length];
    System.arraycopy(values, 0, all, 0, values.length);
    System.arraycopy(constants, 0, all, values.length, constants.length);
    return new PreparedSql(engine, text, columns, parameters.subList(0, own), bindable, internal, scalar, constantRows,
        plan, all);
  }

  public String sql() {
    return sql;
  }

  public List<ResultColumn> columns() {
    return columns;
  }

  public List<ParameterInfo> parameters() {
    return parameters;
  }

  /** Whether executing needs a value for each parameter (EXPLAIN and constant results need none). */
  public boolean needsParameters() {
    return constantRows == null && !parameters.isEmpty();
  }

  /** The physical plan, as EXPLAIN PLAN FOR shows it. */
  public String plan() {
    return plan;
  }

  /**
   * Runs the statement: its rows, each an {@code Object[]} of internal values, read lazily. The
   * caller closes the iterator's enumerator by draining it or through {@link Rows#close()}.
   *
   * @param parameters one value per {@code ?}, in internal form
   * @param now the statement's CURRENT_TIMESTAMP, epoch milliseconds
   */
  public Rows execute(SqlExecution execution, Object[] parameters, long now) {
    if (constantRows == null && parameters.length != this.parameters.size()) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "the statement has " + this.parameters.size()
          + " parameters; got " + parameters.length + " values");
    }
    if (constantRows != null) {
      return new Rows(null, constantRows.iterator(), false);
    }
    Context context = new Context(engine, execution, parameters, constants, internal, now);
    try {
      Enumerator<Object> e = bindable.bind(context).enumerator();
      return new Rows(e, null, scalar);
    } catch (RuntimeException | AssertionError | ExceptionInInitializerError e) {
      throw SqlErrors.execute(e);
    }
  }

  /** The rows of one execution, as {@code Object[]} in internal form. */
  public static final class Rows implements Iterator<Object[]>, AutoCloseable {
    private final Enumerator<Object> enumerator;
    private final Iterator<Object[]> constant;
    private final boolean scalar;
    private Object[] next;
    private boolean done;

    Rows(Enumerator<Object> enumerator, Iterator<Object[]> constant, boolean scalar) {
      this.enumerator = enumerator;
      this.constant = constant;
      this.scalar = scalar;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      if (constant != null) {
        if (constant.hasNext()) {
          next = constant.next();
          return true;
        }
        done = true;
        return false;
      }
      try {
        if (enumerator.moveNext()) {
          Object row = enumerator.current();
          next = scalar || !(row instanceof Object[]) ? new Object[] {row} : (Object[]) row;
          return true;
        }
      } catch (RuntimeException | AssertionError | ExceptionInInitializerError e) {
        close();
        throw SqlErrors.execute(e);
      }
      close();
      return false;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object[] r = next;
      next = null;
      return r;
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        if (enumerator != null) {
          enumerator.close();
        }
      }
    }
  }

  /** The DataContext of one execution: the database value, the parameters, the clock. */
  private static final class Context implements DataContext {
    private final SqlEngine engine;
    private final SqlExecution execution;
    private final Object[] parameters;
    private final Object[] constants;
    private final Map<String, Object> internal;
    private final long now;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private SchemaPlus schema;
    /** This execution's copies of the plan's working tables, by stash name. */
    private Map<String, Object> workTables;

    Context(SqlEngine engine, SqlExecution execution, Object[] parameters, Object[] constants, Map<String, Object> internal,
        long now) {
      this.engine = engine;
      this.execution = execution;
      this.parameters = parameters;
      this.constants = constants;
      this.internal = internal;
      this.now = now;
    }

    /**
     * A schema of this execution's own: a {@code WITH RECURSIVE} query registers its working
     * table here by name (Calcite's repeat union does), so concurrent executions never share
     * one. Nothing else is looked up in it: scans carry their tables in the plan.
     */
    @Override
    public SchemaPlus getRootSchema() {
      if (schema == null) {
        schema = CalciteSchema.createRootSchema(false, false).plus();
      }
      return schema;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      if (engine == null) {
        throw new IllegalStateException("a statement planned without the planner has no type factory");
      }
      return engine.typeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return null;
    }

    @Override
    public Object get(String name) {
      if (name.startsWith("?")) {
        // read per row by generated filters: parse one or two digits without allocating
        int i = name.length() == 2 ? name.charAt(1) - '0'
            : name.length() == 3 ? (name.charAt(1) - '0') * 10 + name.charAt(2) - '0' : Integer.parseInt(name.substring(1));
        return i < parameters.length ? parameters[i] : constants[i - parameters.length];
      }
      if (SqlExecution.KEY.equals(name)) {
        return execution;
      }
      if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
          || Variable.UTC_TIMESTAMP.camelName.equals(name)) {
        return now;
      }
      if (Variable.TIME_ZONE.camelName.equals(name)) {
        return TimeZone.getTimeZone("UTC");
      }
      if (Variable.CANCEL_FLAG.camelName.equals(name)) {
        return cancel;
      }
      if (Variable.USER.camelName.equals(name) || Variable.SYSTEM_USER.camelName.equals(name)) {
        return "datolite";
      }
      Object v = internal.get(name);
      if (v instanceof ListTransientTable t) { // the plan's working table: each execution fills its own
        if (workTables == null) {
          workTables = new HashMap<>();
        }
        return workTables.computeIfAbsent(name, k -> new ListTransientTable(k, t.getRowType(engine.typeFactory())));
      }
      return v;
    }
  }
}

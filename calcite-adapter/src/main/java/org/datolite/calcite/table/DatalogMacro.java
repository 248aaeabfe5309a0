package org.datolite.calcite.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.datolite.DatoliteException;
import org.datolite.calcite.DatalogRunner;
import org.datolite.calcite.model.Column;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.error.SqlState;
import org.datolite.schema.Schema;

/**
 * {@code DATALOG('query', 'input'…)}: a table whose columns come from the query's {@code :find},
 * read when the statement is validated (so the query and its inputs must be literals), and whose
 * rows the query returns on the statement's database value. Inputs are EDN text ({@code '35'},
 * {@code '"Ann"'}, {@code ':person/name'}), the textual form of values everywhere in Datolite.
 * One macro per number of inputs.
 */
public final class DatalogMacro implements TableMacro {
  /** The most inputs after {@code $} a DATALOG call takes. */
  public static final int MAX_INPUTS = 4;

  private final DatalogRunner runner;
  private final Schema schema;
  private final int inputs;

  public DatalogMacro(DatalogRunner runner, Schema schema, int inputs) {
    this.runner = runner;
    this.schema = schema;
    this.inputs = inputs;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> out = new ArrayList<>();
    for (int i = 0; i <= inputs; i++) {
      int ordinal = i;
      out.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return ordinal == 0 ? "QUERY" : "INPUT" + ordinal;
        }

        @Override
        public RelDataType getType(RelDataTypeFactory f) {
          // A Java String type: a CHAR literal then needs no CAST, which would hide it from the macro.
          return f instanceof JavaTypeFactory j ? j.createType(String.class) : f.createSqlType(SqlTypeName.VARCHAR);
        }

        @Override
        public boolean isOptional() {
          return false;
        }
      });
    }
    return out;
  }

  @Override
  public TranslatableTable apply(List<? extends Object> arguments) {
    Object first = arguments.isEmpty() ? null : literal(arguments.get(0));
    if (!(first instanceof String query)) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "DATALOG needs its query as a string literal; got "
          + (first == null ? "NULL" : first.getClass().getSimpleName() + " " + first));
    }
    List<Object> values = new ArrayList<>();
    for (Object a : arguments.subList(1, arguments.size())) {
      Object text = literal(a);
      if (!(text instanceof String edn)) {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "DATALOG takes its inputs as EDN text literals, e.g. '35'"
            + " or '\"Ann\"'; got " + (text == null ? "NULL" : text));
      }
      try {
        values.add(Edn.read(edn));
      } catch (EdnException e) {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "DATALOG input " + (values.size() + 1) + " is not EDN: "
            + e.getMessage(), e);
      }
    }
    List<Column> columns = runner.columns(query, schema);
    return new DatalogTable(runner, query, values, columns);
  }

  /** A SQL literal as a Datalog value: text a String, a whole number a Long, another number a Double. */
  static Object literal(Object v) {
    if (v instanceof NlsString s) {
      return s.getValue();
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }
}

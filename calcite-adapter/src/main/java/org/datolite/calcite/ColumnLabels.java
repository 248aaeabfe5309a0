package org.datolite.calcite;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Names a result column that is a function call without an alias after its function, as
 * PostgreSQL does: {@code SELECT COUNT(*) FROM customer} has a column {@code count}, not Calcite's
 * {@code EXPR$0}, which is what a SQL client or a BI tool shows as its header. Only where the name
 * is free within its select list (another column or alias of that name keeps Calcite's label);
 * a {@code CAST} keeps it too (PostgreSQL names it after its operand or type).
 */
final class ColumnLabels {
  private ColumnLabels() {}

  /** Adds the aliases to every SELECT of a parsed statement, in place. */
  static SqlNode apply(SqlNode statement) {
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          label(select.getSelectList());
        }
        return super.visit(call);
      }
    });
    return statement;
  }

  private static void label(SqlNodeList items) {
    if (items == null) {
      return;
    }
    Set<String> taken = new HashSet<>();
    for (SqlNode item : items) {
      String name = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(1).toString()
          : item instanceof SqlIdentifier id && !id.isStar() ? id.names.get(id.names.size() - 1) : functionName(item);
      if (name != null && !taken.add(name.toUpperCase(Locale.ROOT))) {
        taken.add("\0" + name.toUpperCase(Locale.ROOT)); // seen twice
      }
    }
    for (int i = 0; i < items.size(); i++) {
      String name = functionName(items.get(i));
      if (name != null && !taken.contains("\0" + name.toUpperCase(Locale.ROOT))) {
        SqlParserPos pos = items.get(i).getParserPosition();
        items.set(i, SqlStdOperatorTable.AS.createCall(pos, items.get(i), new SqlIdentifier(name, pos)));
      }
    }
  }

  /** The lower-case name of an unaliased function call (not a CAST), or null. */
  private static String functionName(SqlNode item) {
    if (item instanceof SqlBasicCall call && call.getOperator() instanceof SqlFunction f && call.getKind() != SqlKind.CAST) {
      return f.getName().toLowerCase(Locale.ROOT);
    }
    return null;
  }
}

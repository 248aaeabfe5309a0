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
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Names a result column that is a function call without an alias after its function, as
 * PostgreSQL does: {@code SELECT COUNT(*) FROM customer} has a column {@code count}, not Calcite's
 * {@code EXPR$0}, which is what a SQL client or a BI tool shows as its header. Only where no other
 * column or alias of the list has that name; two calls of one function are both named so in the
 * statement's own select list (as in PostgreSQL), but keep Calcite's labels in a subquery, where
 * a {@code SELECT *} over them would find the name ambiguous. A {@code CAST} keeps its label too
 * (PostgreSQL names it after its operand or type).
 */
final class ColumnLabels {
  private ColumnLabels() {}

  /** Adds the aliases to every SELECT of a parsed statement, in place. */
  static SqlNode apply(SqlNode statement) {
    SqlNode top = outermost(statement);
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          label(select.getSelectList(), select == top);
        }
        return super.visit(call);
      }
    });
    return statement;
  }

  /** The SELECT whose list is the statement's result (under ORDER BY, LIMIT and WITH), or null. */
  private static SqlNode outermost(SqlNode statement) {
    SqlNode n = statement;
    while (true) {
      if (n instanceof SqlOrderBy o) {
        n = o.query;
      } else if (n instanceof SqlWith w) {
        n = w.body;
      } else {
        return n instanceof SqlSelect ? n : null;
      }
    }
  }

  private static void label(SqlNodeList items, boolean top) {
    if (items == null) {
      return;
    }
    Set<String> taken = new HashSet<>(); // names of other columns and aliases
    Set<String> twice = new HashSet<>(); // function names called twice or more
    Set<String> functions = new HashSet<>();
    for (SqlNode item : items) {
      String f = functionName(item);
      if (f != null) {
        if (!functions.add(f.toUpperCase(Locale.ROOT))) {
          twice.add(f.toUpperCase(Locale.ROOT));
        }
      } else if (item.getKind() == SqlKind.AS) {
        taken.add(((SqlCall) item).operand(1).toString().toUpperCase(Locale.ROOT));
      } else if (item instanceof SqlIdentifier id && !id.isStar()) {
        taken.add(id.names.get(id.names.size() - 1).toUpperCase(Locale.ROOT));
      }
    }
    for (int i = 0; i < items.size(); i++) {
      String name = functionName(items.get(i));
      String upper = name == null ? null : name.toUpperCase(Locale.ROOT);
      if (name != null && !taken.contains(upper) && (top || !twice.contains(upper))) {
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

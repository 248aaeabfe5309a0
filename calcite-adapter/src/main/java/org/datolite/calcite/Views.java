package org.datolite.calcite;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.datolite.DatoliteException;
import org.datolite.calcite.model.SqlModel;
import org.datolite.error.SqlState;

/**
 * Views ({@code CREATE VIEW}, kept as schema data) expanded where a query reads them: each view
 * named in a FROM clause becomes its query, as a subquery with the view's name as its alias, so
 * the planner sees through it (its filters reach the view's scans). A name that a WITH clause of
 * the statement defines is that clause's, not a view.
 */
final class Views {
  private Views() {}

  /** How deep views may read views. */
  private static final int MAX_DEPTH = 32;

  /** The query with the views it reads expanded (the tree is changed in place). */
  static SqlNode expand(SqlNode query, Map<String, String> views) {
    return views.isEmpty() ? query : expand(query, views, 0);
  }

  private static SqlNode expand(SqlNode query, Map<String, String> views, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DatoliteException(SqlState.INVALID_OBJECT_DEFINITION, "views read views more than " + MAX_DEPTH
          + " deep; a view that reads itself (through others) cannot be expanded");
    }
    Set<String> withNames = new HashSet<>();
    query.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        if (call instanceof SqlWithItem item) {
          withNames.add(item.name.getSimple().toUpperCase(Locale.ROOT));
        }
        return super.visit(call);
      }
    });
    SqlShuttle shuttle = new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          select.setFrom(from(select.getFrom(), views, withNames, depth));
        }
        for (SqlNode operand : call.getOperandList()) {
          if (operand != null) {
            operand.accept(this);
          }
        }
        return call;
      }
    };
    query.accept(shuttle);
    return query;
  }

  private static SqlNode from(SqlNode from, Map<String, String> views, Set<String> withNames, int depth) {
    if (from instanceof SqlIdentifier id) {
      String name = viewName(id, views, withNames);
      if (name != null) {
        SqlNode view = parse(name, views.get(name), views, depth);
        return SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, view, new SqlIdentifier(name, SqlParserPos.ZERO));
      }
      return from;
    }
    if (from instanceof SqlJoin join) {
      join.setLeft(from(join.getLeft(), views, withNames, depth));
      join.setRight(from(join.getRight(), views, withNames, depth));
      return join;
    }
    if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS
        && call.operand(0) instanceof SqlIdentifier id) {
      String name = viewName(id, views, withNames);
      if (name != null) {
        call.setOperand(0, parse(name, views.get(name), views, depth));
      }
    }
    return from;
  }

  /** The view an identifier in a FROM clause names (unqualified or in PUBLIC), or null. */
  private static String viewName(SqlIdentifier id, Map<String, String> views, Set<String> withNames) {
    if (id.names.size() == 1 || id.names.size() == 2 && id.names.get(0).equalsIgnoreCase(SqlModel.PUBLIC)) {
      String name = id.names.get(id.names.size() - 1).toUpperCase(Locale.ROOT);
      if (views.containsKey(name) && !(id.names.size() == 1 && withNames.contains(name))) {
        return name;
      }
    }
    return null;
  }

  private static SqlNode parse(String name, String query, Map<String, String> views, int depth) {
    try {
      return expand(SqlEngine.parse(query), views, depth + 1);
    } catch (SqlParseException e) {
      throw new DatoliteException(SqlState.INVALID_OBJECT_DEFINITION, "the query of view " + name
          + " does not parse: " + e.getMessage().split("\n")[0], e);
    }
  }
}

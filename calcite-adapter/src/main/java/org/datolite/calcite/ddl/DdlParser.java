package org.datolite.calcite.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.datolite.DatoliteException;
import org.datolite.calcite.ddl.DdlLexer.Kind;
import org.datolite.calcite.ddl.DdlLexer.Token;
import org.datolite.calcite.ddl.DdlStatement.AddColumn;
import org.datolite.calcite.ddl.DdlStatement.AddConstraint;
import org.datolite.calcite.ddl.DdlStatement.AlterTable;
import org.datolite.calcite.ddl.DdlStatement.ColumnDef;
import org.datolite.calcite.ddl.DdlStatement.Constraint;
import org.datolite.calcite.ddl.DdlStatement.CreateIndex;
import org.datolite.calcite.ddl.DdlStatement.CreateTable;
import org.datolite.calcite.ddl.DdlStatement.CreateView;
import org.datolite.calcite.ddl.DdlStatement.DropColumn;
import org.datolite.calcite.ddl.DdlStatement.DropIndex;
import org.datolite.calcite.ddl.DdlStatement.DropTables;
import org.datolite.calcite.ddl.DdlStatement.DropViews;
import org.datolite.calcite.ddl.DdlStatement.References;
import org.datolite.calcite.ddl.DdlStatement.SetDefault;
import org.datolite.calcite.ddl.DdlStatement.SetNotNull;
import org.datolite.calcite.ddl.DdlStatement.Truncate;
import org.datolite.calcite.ddl.DdlStatement.TypeSpec;
import org.datolite.error.SqlState;
import org.datolite.schema.DeclaredType;

/**
 * A recursive-descent parser of the DDL Datolite runs, in the forms legacy schemas and ORMs write
 * them: column constraints ({@code PRIMARY KEY}, {@code UNIQUE}, {@code NOT NULL}, {@code NULL},
 * {@code DEFAULT …}, {@code REFERENCES t [(c)]}, {@code CHECK (…)}, {@code CONSTRAINT name …}),
 * table constraints ({@code PRIMARY KEY (…)}, {@code UNIQUE (…)}, {@code FOREIGN KEY (…)
 * REFERENCES …}, {@code CHECK (…)}, MySQL's
 * {@code KEY name (…)}), type aliases of PostgreSQL and MySQL, {@code IF [NOT] EXISTS} and
 * {@code CASCADE}/{@code RESTRICT}. Calcite's DDL grammar rejects several of these, and no
 * parser library on Maven Central took them all (docs/sql.md, "Creating tables", says which).
 *
 * <p>What it does not take fails with {@code 0A000} naming what is supported instead (an INTEGER
 * identity column, ON DELETE CASCADE, a temporary table, …); what is no SQL fails with {@code
 * 42601} naming the place.
 */
final class DdlParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  /** Words that end a DEFAULT expression: the next column constraint. */
  private static final Set<String> CONSTRAINT_WORDS = Set.of("NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES",
      "CONSTRAINT", "CHECK", "COLLATE", "GENERATED", "COMMENT", "AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY");

  private final String sql;
  private final List<Token> tokens;
  private int at;

  private DdlParser(String sql) {
    this.sql = sql;
    this.tokens = DdlLexer.tokens(sql);
  }

  /**
   * The statement of a DDL text.
   *
   * @throws DatoliteException {@code 42601} for a syntax error, {@code 0A000} for DDL not supported
   */
  static DdlStatement parse(String sql) {
    DdlParser p = new DdlParser(sql);
    DdlStatement s = p.statement();
    p.accept(";");
    if (p.peek().kind() != Kind.END) {
      throw p.unexpected("the end of the statement");
    }
    return s;
  }

  private DdlStatement statement() {
    if (accept("CREATE")) {
      boolean orReplace = accept("OR") && expectThen("REPLACE");
      if (accept("VIEW")) {
        return createView(orReplace);
      }
      if (orReplace) {
        throw unexpected("VIEW (CREATE OR REPLACE makes views)");
      }
      if (peek().is("TEMPORARY") || peek().is("TEMP") || peek().is("GLOBAL") || peek().is("LOCAL")
          || peek().is("UNLOGGED")) {
        throw unsupported(peek().text() + " tables are not supported: every table is part of the database's"
            + " history; create an ordinary table");
      }
      if (accept("TABLE")) {
        return createTable();
      }
      boolean unique = accept("UNIQUE");
      if (accept("INDEX")) {
        return createIndex(unique);
      }
      throw unsupportedStatement("CREATE " + peek().text());
    }
    if (accept("ALTER")) {
      if (accept("TABLE")) {
        return alterTable();
      }
      throw unsupportedStatement("ALTER " + peek().text());
    }
    if (accept("DROP")) {
      if (accept("TABLE")) {
        boolean ifExists = ifExists();
        List<String> names = names("a table name");
        boolean cascade = accept("CASCADE");
        if (!cascade) {
          accept("RESTRICT");
        }
        return new DropTables(names, ifExists, cascade);
      }
      if (accept("VIEW")) {
        boolean ifExists = ifExists();
        List<String> names = names("a view name");
        accept("RESTRICT");
        return new DropViews(names, ifExists);
      }
      if (accept("INDEX")) {
        boolean ifExists = ifExists();
        String name = name("an index name");
        return new DropIndex(name, ifExists);
      }
      throw unsupportedStatement("DROP " + peek().text());
    }
    if (accept("TRUNCATE")) {
      accept("TABLE");
      List<String> names = names("a table name");
      if (accept("CASCADE")) {
        throw unsupported("TRUNCATE … CASCADE is not supported; truncate the referencing tables first");
      }
      accept("RESTRICT");
      return new Truncate(names);
    }
    throw unsupportedStatement(peek().text());
  }

  // ---- CREATE TABLE -----------------------------------------------------------------------------

  private CreateTable createTable() {
    boolean ifNotExists = ifNotExists();
    String name = qualifiedName("a table name");
    if (peek().is("AS") || peek().is("LIKE")) {
      throw unsupported("CREATE TABLE … " + peek().text() + " is not supported; create the table with its columns,"
          + " then INSERT … SELECT");
    }
    expect("(");
    List<ColumnDef> columns = new ArrayList<>();
    List<Constraint> constraints = new ArrayList<>();
    if (!peek().is(")")) { // CREATE TABLE t () has no column; the planner says so
      do {
        tableElement(columns, constraints);
      } while (accept(","));
    }
    expect(")");
    tableOptions();
    return new CreateTable(name, ifNotExists, columns, constraints);
  }

  /** A column definition or a table constraint of CREATE TABLE. */
  private void tableElement(List<ColumnDef> columns, List<Constraint> constraints) {
    Constraint c = tableConstraint();
    if (c != null) {
      constraints.add(c);
    } else if (!skippedIndex()) {
      columns.add(column());
    }
  }

  /** A table constraint, or null when the next tokens are a column definition. */
  private Constraint tableConstraint() {
    return tableConstraint(null);
  }

  /** A table constraint (named {@code name} by a CONSTRAINT before it), or null for a column definition. */
  private Constraint tableConstraint(String name) {
    if (name == null && accept("CONSTRAINT")) {
      String given = name("a constraint name");
      Constraint c = tableConstraint(given);
      if (c == null) {
        throw unexpected("PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK after CONSTRAINT name");
      }
      return c;
    }
    if (peek().is("PRIMARY") && peek(1).is("KEY")) {
      next();
      next();
      return new Constraint(Constraint.Kind.PRIMARY_KEY, columnList(), null);
    }
    if (peek().is("UNIQUE") && (peek(1).is("(") || peek(1).is("KEY") || peek(1).is("INDEX"))) {
      next();
      if (accept("KEY") || accept("INDEX")) {
        if (!peek().is("(")) {
          name("an index name");
        }
      }
      return new Constraint(Constraint.Kind.UNIQUE, columnList(), null);
    }
    if (peek().is("FOREIGN") && peek(1).is("KEY")) {
      next();
      next();
      List<String> columns = columnList();
      expect("REFERENCES");
      return new Constraint(Constraint.Kind.FOREIGN_KEY, columns, references(name));
    }
    if (peek().is("CHECK") && peek(1).is("(")) {
      next();
      return new Constraint(Constraint.Kind.CHECK, List.of(), null, parenthesized("a CHECK expression"));
    }
    return null;
  }

  /** MySQL's {@code KEY name (…)} or {@code INDEX name (…)} inside CREATE TABLE: an index, which AVET already is. */
  private boolean skippedIndex() {
    if ((peek().is("KEY") || peek().is("INDEX")) && (peek(1).kind() == Kind.WORD || peek(1).kind() == Kind.QUOTED
        || peek(1).is("("))) {
      next();
      if (!peek().is("(")) {
        name("an index name");
      }
      columnList();
      return true;
    }
    return false;
  }

  private ColumnDef column() {
    String name = name("a column name or a table constraint");
    TypeSpec type = type();
    boolean notNull = false;
    boolean primaryKey = false;
    boolean unique = false;
    String defaultText = null;
    References references = null;
    String comment = null;
    boolean identity = type.text().equals("BIGSERIAL") || type.text().equals("SERIAL8");
    String constraint = null;
    List<String> checks = new ArrayList<>();
    while (true) {
      if (accept("CONSTRAINT")) {
        constraint = name("a constraint name");
        continue;
      }
      if (accept("NOT")) {
        expect("NULL");
        notNull = true;
      } else if (accept("NULL")) {
        notNull = false;
      } else if (accept("PRIMARY")) {
        expect("KEY");
        primaryKey = true;
        if (!accept("ASC")) {
          accept("DESC");
        }
      } else if (accept("UNIQUE")) {
        accept("KEY");
        unique = true;
      } else if (accept("DEFAULT")) {
        defaultText = expression("a DEFAULT value");
      } else if (accept("REFERENCES")) {
        references = references(constraint);
      } else if (accept("CHECK")) {
        checks.add(parenthesized("a CHECK expression"));
      } else if (accept("GENERATED")) {
        if (!accept("ALWAYS")) {
          expect("BY");
          expect("DEFAULT");
          if (accept("ON")) {
            expect("NULL");
          }
        }
        expect("AS");
        if (peek().is("(")) {
          throw unsupported("generated columns (GENERATED ALWAYS AS (…)) are not supported; compute the value in"
              + " the query, or in a view");
        }
        expect("IDENTITY");
        skipParenthesized(); // sequence options: an entity id takes none
        identity = true;
      } else if (accept("AUTO_INCREMENT") || accept("AUTOINCREMENT") || accept("IDENTITY")) {
        skipParenthesized();
        identity = true;
      } else if (peek().is("COLLATE")) {
        throw unsupported("COLLATE is not supported: text compares by its Unicode code points");
      } else if (accept("COMMENT")) {
        comment = string("a comment");
      } else {
        break;
      }
    }
    return new ColumnDef(name, type, notNull || primaryKey || identity, primaryKey, unique, defaultText, references,
        comment, identity, checks);
  }

  private TypeSpec type() {
    Token first = peek();
    if (first.kind() != Kind.WORD) {
      throw unexpected("a column type");
    }
    next();
    StringBuilder words = new StringBuilder(first.text());
    // multi-word type names
    if (first.is("DOUBLE") && accept("PRECISION")) {
      words.append(" PRECISION");
    } else if ((first.is("CHARACTER") || first.is("CHAR") || first.is("BINARY")) && accept("VARYING")) {
      words.append(" VARYING");
    }
    Long precision = null;
    Long scale = null;
    if (accept("(")) {
      precision = integer("a length or precision");
      if (accept(",")) {
        scale = integer("a scale");
      }
      expect(")");
    }
    if (first.is("TIMESTAMP") || first.is("TIME")) {
      if (accept("WITH") || accept("WITHOUT")) {
        String with = tokens.get(at - 1).text();
        expect("TIME");
        expect("ZONE");
        words.append(' ').append(with).append(" TIME ZONE");
      }
    }
    String text = words + (precision == null ? "" : "(" + precision + (scale == null ? "" : ", " + scale) + ")");
    if (peek().is("[") || peek().is("ARRAY")) {
      throw unsupported("array columns (" + text + "[]) are not supported; a cardinality-many attribute is a child"
          + " table (docs/sql.md, \"The SQL model\"): transact it as schema");
    }
    if (peek().is("UNSIGNED")) {
      throw unsupported("UNSIGNED types are not supported; declare a wider signed type (BIGINT, DECIMAL)");
    }
    String base = words.toString();
    if (base.equals("BIGSERIAL") || base.equals("SERIAL8")) {
      return new TypeSpec(DeclaredType.BIGINT, null, null, base);
    }
    if (base.equals("SERIAL") || base.equals("SMALLSERIAL") || base.equals("SERIAL4") || base.equals("SERIAL2")) {
      throw identityNeedsBigint(base);
    }
    DeclaredType type = DeclaredType.parse(base);
    if (base.equals("FLOAT") && precision != null) {
      type = precision <= 24 ? DeclaredType.REAL : DeclaredType.DOUBLE;
      precision = null;
    }
    if (type == null) {
      throw unsupported("type " + text + " is not supported; columns take SMALLINT, INTEGER, BIGINT, DECIMAL(p, s),"
          + " REAL, DOUBLE, BOOLEAN, CHAR(n), VARCHAR(n), TEXT, DATE, TIMESTAMP, UUID and VARBINARY (and their"
          + " usual aliases)");
    }
    return new TypeSpec(type, precision, scale, text);
  }

  private References references(String name) {
    String table = qualifiedName("the referenced table");
    List<String> columns = peek().is("(") ? columnList() : List.of();
    String onDelete = null;
    while (true) {
      if (accept("ON")) {
        boolean delete = accept("DELETE");
        if (!delete) {
          expect("UPDATE");
        }
        String action;
        if (accept("NO")) {
          expect("ACTION");
          action = "NO ACTION";
        } else if (accept("RESTRICT")) {
          action = "RESTRICT";
        } else if (accept("CASCADE")) {
          action = "CASCADE";
        } else if (accept("SET")) {
          action = "SET " + next().text();
        } else {
          throw unexpected("NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT");
        }
        if (delete && (action.equals("CASCADE") || action.equals("SET NULL"))) {
          onDelete = action;
        } else if (delete && !action.equals("NO ACTION") && !action.equals("RESTRICT")) {
          throw unsupported("ON DELETE " + action + " is not supported; NO ACTION, RESTRICT, CASCADE and SET NULL are");
        }
        if (!delete && !action.equals("NO ACTION") && !action.equals("RESTRICT") && !action.equals("CASCADE")) {
          throw unsupported("ON UPDATE " + action + " is not supported: a reference follows its row, so a changed key"
              + " shows through it (as ON UPDATE CASCADE)");
        }
      } else if (accept("MATCH")) {
        next();
      } else if (accept("DEFERRABLE") || accept("NOT") && expectThen("DEFERRABLE")) {
        if (accept("INITIALLY")) {
          next();
        }
      } else {
        break;
      }
    }
    return new References(table, columns, name, onDelete);
  }

  /** MySQL's table options after the column list: storage details with no meaning here. */
  private void tableOptions() {
    while (true) {
      accept(",");
      if (accept("ENGINE") || accept("AUTO_INCREMENT") || accept("CHARSET") || accept("COLLATE")
          || accept("ROW_FORMAT")) {
        accept("=");
        optionValue();
      } else if (accept("DEFAULT") || peek().is("CHARACTER")) {
        if (accept("CHARACTER")) {
          expect("SET");
        } else if (!accept("CHARSET")) {
          expect("COLLATE");
        }
        accept("=");
        optionValue();
      } else if (accept("COMMENT")) {
        accept("=");
        string("a comment");
      } else {
        return;
      }
    }
  }

  private void optionValue() {
    Kind k = peek().kind();
    if (k != Kind.WORD && k != Kind.QUOTED && k != Kind.STRING && k != Kind.NUMBER) {
      throw unexpected("the option's value");
    }
    next();
  }

  // ---- ALTER TABLE ------------------------------------------------------------------------------

  private AlterTable alterTable() {
    boolean ifExists = ifExists();
    accept("ONLY");
    String name = qualifiedName("a table name");
    List<DdlStatement.Action> actions = new ArrayList<>();
    do {
      actions.add(alterAction());
    } while (accept(","));
    return new AlterTable(name, ifExists, actions);
  }

  private DdlStatement.Action alterAction() {
    if (accept("ADD")) {
      Constraint c = tableConstraint();
      if (c != null) {
        return new AddConstraint(c);
      }
      accept("COLUMN");
      boolean ifNotExists = ifNotExists();
      return new AddColumn(column(), ifNotExists);
    }
    if (accept("DROP")) {
      if (accept("CONSTRAINT")) {
        boolean ifExists = ifExists();
        String constraint = name("a constraint name");
        if (!accept("CASCADE")) {
          accept("RESTRICT");
        }
        return new DdlStatement.DropConstraint(constraint, ifExists);
      }
      accept("COLUMN");
      boolean ifExists = ifExists();
      String column = name("a column name");
      if (accept("CASCADE")) {
        throw unsupported("DROP COLUMN … CASCADE is not supported; drop what depends on the column first");
      }
      accept("RESTRICT");
      return new DropColumn(column, ifExists);
    }
    if (accept("ALTER")) {
      accept("COLUMN");
      String column = name("a column name");
      if (accept("SET")) {
        if (accept("DEFAULT")) {
          return new SetDefault(column, expression("a DEFAULT value"));
        }
        expect("NOT");
        expect("NULL");
        return new SetNotNull(column, true);
      }
      if (accept("DROP")) {
        if (accept("DEFAULT")) {
          return new SetDefault(column, null);
        }
        expect("NOT");
        expect("NULL");
        return new SetNotNull(column, false);
      }
      if (peek().is("TYPE") || peek().is("SET")) {
        throw unsupported("changing a column's type is not supported: an attribute's value type never changes;"
            + " add a column of the new type and copy the values with UPDATE");
      }
      throw unexpected("SET DEFAULT, DROP DEFAULT, SET NOT NULL or DROP NOT NULL");
    }
    if (peek().is("RENAME")) {
      throw unsupported("ALTER TABLE … RENAME is not supported through SQL; rename the attributes with"
          + " [:db/add :ns/old :db/ident :ns/new] (history keeps the old names)");
    }
    throw unexpected("ADD, DROP or ALTER COLUMN");
  }

  // ---- indexes and views ------------------------------------------------------------------------

  private CreateIndex createIndex(boolean unique) {
    accept("CONCURRENTLY");
    boolean ifNotExists = ifNotExists();
    String name = peek().is("ON") ? null : name("an index name");
    expect("ON");
    String table = qualifiedName("a table name");
    if (accept("USING")) {
      next();
    }
    expect("(");
    List<String> columns = new ArrayList<>();
    do {
      columns.add(name("a column name"));
      if (!accept("ASC")) {
        accept("DESC");
      }
    } while (accept(","));
    expect(")");
    if (peek().is("WHERE") || peek().is("INCLUDE")) {
      throw unsupported("partial and covering indexes are not supported; AVET covers every attribute already");
    }
    return new CreateIndex(unique, name, ifNotExists, table, columns);
  }

  private CreateView createView(boolean orReplace) {
    String name = qualifiedName("a view name");
    List<String> columns = peek().is("(") ? columnList() : List.of();
    expect("AS");
    int start = peek().start();
    if (peek().kind() == Kind.END) {
      throw unexpected("the view's query");
    }
    // the query runs through the SQL engine, which checks it; it ends at a final ';' or the end
    int end = sql.length();
    Token last = tokens.get(tokens.size() - 2);
    if (last.is(";")) {
      end = last.start();
    }
    at = last.is(";") ? tokens.size() - 2 : tokens.size() - 1;
    return new CreateView(name, orReplace, columns, sql.substring(start, end).trim());
  }

  // ---- pieces -----------------------------------------------------------------------------------

  private boolean ifExists() {
    if (peek().is("IF") && peek(1).is("EXISTS")) {
      next();
      next();
      return true;
    }
    return false;
  }

  private boolean ifNotExists() {
    if (peek().is("IF") && peek(1).is("NOT")) {
      next();
      next();
      expect("EXISTS");
      return true;
    }
    return false;
  }

  /** A DEFAULT expression as written: up to the next column constraint, ',' or ')' outside parentheses. */
  private String expression(String what) {
    int start = peek().start();
    int depth = 0;
    int end = start;
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.END || depth == 0 && (t.is(",") || t.is(")") || t.is(";")
          || t.kind() == Kind.WORD && CONSTRAINT_WORDS.contains(t.text()) && end > start)) {
        break;
      }
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      }
      next();
      end = t.end();
    }
    if (end == start) {
      throw unexpected(what);
    }
    return sql.substring(start, end).trim();
  }

  private List<String> columnList() {
    expect("(");
    List<String> out = new ArrayList<>();
    do {
      out.add(name("a column name"));
      if (!accept("ASC")) {
        accept("DESC");
      }
    } while (accept(","));
    expect(")");
    return out;
  }

  private List<String> names(String what) {
    List<String> out = new ArrayList<>();
    do {
      out.add(qualifiedName(what));
    } while (accept(","));
    return out;
  }

  /** A name perhaps qualified by schema {@code PUBLIC} (the only one that holds tables). */
  private String qualifiedName(String what) {
    String name = name(what);
    if (accept(".")) {
      if (!name.equals("PUBLIC")) {
        throw new DatoliteException(SqlState.UNDEFINED_OBJECT, "schema " + name + " does not exist; tables are"
            + " created in PUBLIC");
      }
      return name(what);
    }
    return name;
  }

  /** An identifier, quoted or not, as its SQL name (upper case: names match ignoring case). */
  private String name(String what) {
    Token t = peek();
    if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
      throw unexpected(what);
    }
    next();
    if (!NAME.matcher(t.text()).matches()) {
      throw new DatoliteException(SqlState.INVALID_NAME, "name " + t.describe() + " is not supported: names are"
          + " 1 to 128 letters (A-Z), digits and _, not starting with a digit, and match ignoring case");
    }
    return t.text().toUpperCase(Locale.ROOT);
  }

  private Long integer(String what) {
    Token t = peek();
    if (t.kind() != Kind.NUMBER || !t.text().chars().allMatch(Character::isDigit)) {
      throw unexpected(what);
    }
    next();
    try {
      return Long.valueOf(t.text());
    } catch (NumberFormatException e) {
      throw unexpected(what + " (a number that fits a BIGINT)");
    }
  }

  private String string(String what) {
    Token t = peek();
    if (t.kind() != Kind.STRING) {
      throw unexpected(what + " in quotes");
    }
    next();
    return t.text();
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(at);
    if (t.kind() != Kind.END) {
      at++;
    }
    return t;
  }

  private boolean accept(String word) {
    if (peek().is(word)) {
      at++;
      return true;
    }
    return false;
  }

  private boolean expectThen(String word) {
    expect(word);
    return true;
  }

  private void expect(String word) {
    if (!accept(word)) {
      throw unexpected(word);
    }
  }

  private DatoliteException unexpected(String expected) {
    Token t = peek();
    return DdlLexer.syntax("syntax error at " + t.describe() + " (position " + (t.start() + 1) + "): expected "
        + expected);
  }

  private static DatoliteException unsupported(String message) {
    return new DatoliteException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  /** The text inside a parenthesized expression ({@code CHECK (…)}), parentheses balanced. */
  private String parenthesized(String what) {
    Token open = peek();
    expect("(");
    int depth = 1;
    Token t = open;
    while (depth > 0) {
      t = next();
      if (t.kind() == Kind.END) {
        throw unexpected("')' closing " + what);
      }
      depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
    }
    String inner = sql.substring(open.end(), t.start()).trim();
    if (inner.isEmpty()) {
      throw unexpected(what);
    }
    return inner;
  }

  /** An identity column is the row's entity id, which needs 64 bits. */
  static DatoliteException identityNeedsBigint(String type) {
    return unsupported("an identity column of type " + type + " is not supported: an identity column is the row's"
        + " entity id, a 64-bit number; declare it BIGINT GENERATED BY DEFAULT AS IDENTITY (or BIGSERIAL)");
  }

  /** Skips a parenthesized list, if one comes next. */
  private void skipParenthesized() {
    if (!accept("(")) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      Token t = next();
      if (t.kind() == Kind.END) {
        throw unexpected("')'");
      }
      depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
    }
  }

  private static DatoliteException unsupportedStatement(String what) {
    return unsupported(what.trim() + " is not supported; DDL takes CREATE TABLE, ALTER TABLE (ADD COLUMN, DROP"
        + " COLUMN, ALTER COLUMN SET/DROP DEFAULT and NOT NULL, ADD constraints), DROP TABLE, TRUNCATE, CREATE"
        + " [UNIQUE] INDEX, DROP INDEX, CREATE [OR REPLACE] VIEW and DROP VIEW (docs/sql.md, \"Creating tables\")");
  }
}

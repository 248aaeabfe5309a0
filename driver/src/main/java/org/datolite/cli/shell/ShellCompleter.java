package org.datolite.cli.shell;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.datolite.DatoliteConnection;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tab completion: shell commands at the start of a line, table names after {@code !describe},
 * and otherwise SQL keywords, table names, column names and {@code table.column} in SQL mode, or
 * attribute idents and query keywords in Datalog mode. Names are read from the database's
 * metadata on first use and again after {@link #invalidate()} (the shell calls it after DDL and
 * transactions). A prefix without capitals gets lowercase candidates.
 */
public final class ShellCompleter implements Completer {
  private static final Logger LOG = LoggerFactory.getLogger(ShellCompleter.class);

  /** The SQL words offered, beside names. */
  static final List<String> SQL_KEYWORDS = List.of("ALL", "ALTER", "AND", "AS", "ASC", "BETWEEN", "BIGINT",
      "BOOLEAN", "BY", "CASCADE", "CASE", "CAST", "CHECK", "COALESCE", "COLUMN", "COMMIT", "CONSTRAINT", "COUNT",
      "CREATE", "CROSS", "CURRENT_TIMESTAMP", "DATALOG", "DATE", "DECIMAL", "DEFAULT", "DELETE", "DESC", "DISTINCT",
      "DOUBLE", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "EXPLAIN", "FALSE", "FETCH", "FOR", "FOREIGN", "FROM",
      "FULL", "GROUP", "HAVING", "IN", "INDEX", "INNER", "INSERT", "INTEGER", "INTERSECT", "INTO", "IS", "JOIN", "KEY",
      "LEFT", "LIKE", "LIMIT", "MATCHED", "MERGE", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "PLAN",
      "PRIMARY", "RECURSIVE", "REFERENCES", "RIGHT", "ROLLBACK", "SELECT", "SET", "SYSTEM_TIME", "TABLE", "THEN",
      "TIMESTAMP", "TRUE", "TRUNCATE", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VARCHAR", "VIEW", "WHEN",
      "WHERE", "WITH");

  /** The words of Datalog queries offered in Datalog mode, beside attribute idents. */
  static final List<String> DATALOG_KEYWORDS = List.of(":find", ":in", ":where", ":keys", ":syms", ":strs",
      ":with", ":db/id", ":db/ident", ":db/add", ":db/retract", ":db/valueType", ":db/cardinality", ":db/unique",
      ":db/doc", ":db.cardinality/one", ":db.cardinality/many", ":db.unique/identity", ":db.unique/value",
      ":db.type/string", ":db.type/long", ":db.type/double", ":db.type/boolean", ":db.type/instant",
      ":db.type/keyword", ":db.type/ref", ":db.type/uuid", ":db.type/bigdec", "pull", "count", "sum", "min", "max");

  private final SchemaCatalog catalog;
  private final DatoliteConnection datalog;
  private final Supplier<Shell.Mode> mode;
  private final Collection<String> commands;
  private volatile Names names;

  /** The names read from the database at one time. */
  private record Names(List<String> tables, List<String> columns, List<String> idents) {}

  /**
   * A completer over a database's names.
   *
   * @param datalog the native connection, for attribute idents (null: none offered)
   * @param mode the shell's current mode
   * @param commands the shell commands ({@code !help}, …)
   */
  public ShellCompleter(SchemaCatalog catalog, DatoliteConnection datalog, Supplier<Shell.Mode> mode,
      Collection<String> commands) {
    this.catalog = catalog;
    this.datalog = datalog;
    this.mode = mode;
    this.commands = List.copyOf(commands);
  }

  /** Reads the names again on next use (after DDL or a transaction). */
  public void invalidate() {
    names = null;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (String value : candidates(line.line(), line.cursor())) {
      candidates.add(new Candidate(value));
    }
  }

  /** The completions of the word that ends at {@code cursor} in {@code buffer}, sorted. */
  public List<String> candidates(String buffer, int cursor) {
    String before = buffer.substring(0, cursor);
    String word = ShellParser.wordBefore(before, cursor);
    String head = before.substring(0, before.length() - word.length());
    Collection<String> pool;
    if (ShellInput.isCommand(before)) {
      if (head.isBlank()) {
        pool = commands;
      } else if (head.strip().toLowerCase(Locale.ROOT).matches("[!\\\\](describe|d)")) {
        pool = names().tables();
      } else {
        pool = mode.get() == Shell.Mode.SQL ? List.of() : datalogWords();
      }
    } else if (mode.get() == Shell.Mode.DATALOG) {
      pool = datalogWords();
    } else {
      Names n = names();
      pool = new ArrayList<>(SQL_KEYWORDS);
      pool.addAll(n.tables());
      pool.addAll(n.columns());
    }
    boolean lower = word.equals(word.toLowerCase(Locale.ROOT)) && !word.startsWith(":") && !ShellInput.isCommand(word);
    TreeSet<String> out = new TreeSet<>();
    String prefix = word.toLowerCase(Locale.ROOT);
    for (String candidate : pool) {
      if (candidate.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        out.add(lower ? candidate.toLowerCase(Locale.ROOT) : candidate);
      }
    }
    return new ArrayList<>(out);
  }

  private List<String> datalogWords() {
    List<String> pool = new ArrayList<>(DATALOG_KEYWORDS);
    pool.addAll(names().idents());
    return pool;
  }

  private Names names() {
    Names n = names;
    if (n == null) {
      n = load();
      names = n;
    }
    return n;
  }

  private Names load() {
    List<String> tables = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<String> idents = new ArrayList<>();
    try {
      for (Map.Entry<String, List<String>> table : catalog.columnNames(SchemaCatalog.DEFAULT_SCHEMA).entrySet()) {
        tables.add(table.getKey());
        for (String column : table.getValue()) {
          columns.add(column);
          columns.add(table.getKey() + "." + column);
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("cannot read table names for completion", e);
    }
    if (datalog != null) {
      try {
        Object found = datalog.db().q("[:find [?i ...] :where [?a :db/valueType] [?a :db/ident ?i]]");
        if (found instanceof Collection<?> all) {
          for (Object ident : all) {
            idents.add(String.valueOf(ident));
          }
        }
      } catch (RuntimeException e) {
        LOG.debug("cannot read attribute idents for completion", e);
      }
    }
    return new Names(tables, columns, idents);
  }
}

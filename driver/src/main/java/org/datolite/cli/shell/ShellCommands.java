package org.datolite.cli.shell;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.datolite.error.SqlState;

/**
 * The shell's {@code !} commands ({@code \?} and {@code \q} too): each with its help line, and
 * what it does.
 */
final class ShellCommands {
  /** A command's names, its argument and what it does, as {@code !help} lists them. */
  record Help(String names, String argument, String description) {}

  static final List<Help> HELP = List.of(
      new Help("!help, \\?", "", "list these commands"),
      new Help("!quit, !exit, \\q", "", "leave the shell (Ctrl-D too)"),
      new Help("!tables", "", "list the tables and views of schema PUBLIC (!tables all: HISTORY and DATOMS too)"),
      new Help("!describe, \\d", "TABLE", "the columns of a table: declared type, nullability, default, keys"),
      new Help("!sql", "", "SQL mode: a statement ends with ; and may span lines"),
      new Help("!datalog", "", "Datalog mode: EDN, complete when its brackets balance; [:find …] queries,"
          + " other vectors are transaction data"),
      new Help("!q", "EDN", "run one Datalog query in either mode"),
      new Help("!tx", "EDN", "transact EDN transaction data in either mode"),
      new Help("!pull", "PATTERN EID", "pull an entity (an id, ident or lookup ref), e.g. !pull [*] [:customer/id 1]"),
      new Help("!timing", "on|off", "print how long each statement took (on at start)"),
      new Help("!maxrows", "N", "print at most N rows of a result (1000 at start)"),
      new Help("!trace", "on|off", "print an error's stack trace below its line"),
      new Help("!history", "", "list the inputs of this and earlier sessions"));

  /** Every command name, for completion. */
  static final List<String> NAMES = List.of("!help", "\\?", "!quit", "!exit", "\\q", "!tables", "!describe", "\\d",
      "!sql", "!datalog", "!q", "!tx", "!pull", "!timing", "!maxrows", "!trace", "!history");

  private final Shell shell;

  ShellCommands(Shell shell) {
    this.shell = shell;
  }

  /** Runs a command line ({@code !name argument}); one trailing {@code ;}, as psql users type, is dropped. */
  void run(String commandLine) throws SQLException {
    String line = withoutSemicolon(commandLine);
    int space = 0;
    while (space < line.length() && !Character.isWhitespace(line.charAt(space))) {
      space++;
    }
    String name = line.substring(0, space).toLowerCase(Locale.ROOT);
    String argument = line.substring(space).strip();
    PrintWriter out = shell.out();
    switch (name) {
      case "!help", "\\?" -> help(out);
      case "!quit", "!exit", "\\q" -> shell.quit();
      case "!tables" -> tables(argument, out);
      case "!describe", "\\d" -> describe(argument, out);
      case "!sql" -> {
        noArgument(name, argument);
        shell.mode(Shell.Mode.SQL);
        out.println("SQL mode: statements end with ;");
      }
      case "!datalog" -> {
        noArgument(name, argument);
        shell.mode(Shell.Mode.DATALOG);
        out.println("Datalog mode: [:find …] queries, other vectors are transactions; !sql goes back");
      }
      case "!q" -> shell.runDatalog(argument, DatalogRunner.Kind.QUERY);
      case "!tx" -> shell.runDatalog(argument, DatalogRunner.Kind.TRANSACTION);
      case "!pull" -> shell.pull(argument);
      case "!timing" -> {
        shell.timing(onOff(name, argument, shell.timing()));
        out.println("timing " + (shell.timing() ? "on" : "off"));
      }
      case "!trace" -> {
        shell.trace(onOff(name, argument, shell.trace()));
        out.println("trace " + (shell.trace() ? "on" : "off"));
      }
      case "!maxrows" -> maxRows(argument, out);
      case "!history" -> history(out);
      default -> throw new ShellException(SqlState.SYNTAX_ERROR, "unknown command " + name + "; !help lists the"
          + " commands");
    }
  }

  /** {@code line} without one trailing {@code ;} and the blanks around it. */
  static String withoutSemicolon(String line) {
    String t = line.strip();
    return t.endsWith(";") ? t.substring(0, t.length() - 1).strip() : t;
  }

  private static void help(PrintWriter out) {
    ResultTable table = new ResultTable(List.of("command", "argument", "what it does"));
    for (Help h : HELP) {
      table.add(List.of(h.names(), h.argument(), h.description()));
    }
    table.print(out);
    out.println("In SQL mode a statement ends with ; (it may span lines); in Datalog mode an input ends when its"
        + " brackets balance. Tab completes commands, SQL keywords, table and column names and attribute idents.");
  }

  private void tables(String argument, PrintWriter out) throws SQLException {
    boolean all = "all".equalsIgnoreCase(argument);
    if (!all && !argument.isEmpty()) {
      throw new ShellException(SqlState.SYNTAX_ERROR, "!tables takes no argument or 'all'; got '" + argument + "'");
    }
    List<SchemaCatalog.Table> tables = new SchemaCatalog(shell.connection()).tables(all ? null
        : SchemaCatalog.DEFAULT_SCHEMA);
    ResultTable table = new ResultTable(all ? List.of("schema", "table", "type") : List.of("table", "type"));
    for (SchemaCatalog.Table t : tables) {
      table.add(all ? List.of(t.schema(), t.name(), t.type()) : List.of(t.name(), t.type()));
    }
    table.print(out);
    out.println("(" + tables.size() + (tables.size() == 1 ? " table)" : " tables)"));
  }

  private void describe(String argument, PrintWriter out) throws SQLException {
    if (argument.isEmpty()) {
      throw new ShellException(SqlState.SYNTAX_ERROR, "!describe needs a table name, such as !describe customer");
    }
    List<SchemaCatalog.Column> columns = new SchemaCatalog(shell.connection()).describe(argument);
    ResultTable table = new ResultTable(List.of("column", "type", "null", "default", "key"));
    for (SchemaCatalog.Column c : columns) {
      List<String> row = new ArrayList<>();
      row.add(c.name());
      row.add(c.type());
      row.add(c.nullable() ? "YES" : "NO");
      row.add(c.defaultValue() == null ? "" : c.defaultValue());
      row.add(c.key() == null ? "" : c.key());
      table.add(row);
    }
    table.print(out);
    out.println("(" + columns.size() + (columns.size() == 1 ? " column)" : " columns)"));
  }

  private void maxRows(String argument, PrintWriter out) {
    if (!argument.isEmpty()) {
      int n;
      try {
        n = Integer.parseInt(argument);
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new ShellException(SqlState.INVALID_PARAMETER_VALUE, "!maxrows expects a whole number of at least 1;"
            + " got '" + argument + "'");
      }
      shell.maxRows(n);
    }
    out.println("maxrows " + shell.maxRows());
  }

  private void history(PrintWriter out) {
    if (!shell.isInteractive()) {
      out.println("(no history: the input is not a terminal)");
      return;
    }
    List<String> lines = shell.historyLines();
    for (int i = 0; i < lines.size(); i++) {
      out.printf(Locale.ROOT, "%5d  %s%n", i + 1, lines.get(i).replace("\n", "\n       "));
    }
  }

  private static boolean onOff(String name, String argument, boolean current) {
    return switch (argument.toLowerCase(Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      case "" -> !current;
      default -> throw new ShellException(SqlState.INVALID_PARAMETER_VALUE, name + " expects on or off; got '"
          + argument + "'");
    };
  }

  private static void noArgument(String name, String argument) {
    if (!argument.isEmpty()) {
      throw new ShellException(SqlState.SYNTAX_ERROR, name + " takes no argument; got '" + argument + "'");
    }
  }
}

package org.datolite.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.datolite.DatoliteConnection;
import org.datolite.error.SqlState;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The shell's loop over one JDBC connection: reads inputs (from a JLine terminal, or line by line
 * from a script), runs each complete one (a {@code !} command, SQL in SQL mode, EDN in Datalog
 * mode) and prints its outcome or one error line. Settings: the mode, timing, the row limit and
 * whether errors print their stack trace.
 */
public final class Shell {
  /** What input without a {@code !} is. */
  public enum Mode { SQL, DATALOG }

  private final Connection conn;
  private final PrintWriter out;
  private final PrintWriter err;
  private final SqlRunner sql;
  private final DatalogRunner datalog;
  private final ShellCompleter completer;
  private final ShellCommands commands;
  private final Interrupts interrupts;
  private Runnable afterForcedEnd = () -> { };
  private Mode mode = Mode.SQL;
  private boolean timing = true;
  private int maxRows = 1000;
  private boolean trace;
  private boolean stopOnError;
  private volatile boolean quit;
  private int failures;
  private History history;

  /**
   * A shell on an open connection of the Datolite driver.
   *
   * @param out where results go
   * @param err where error lines go (the same writer as {@code out} on a terminal)
   */
  public Shell(Connection conn, PrintWriter out, PrintWriter err) throws SQLException {
    this.conn = conn;
    this.out = out;
    this.err = err;
    DatoliteConnection dc = conn.unwrap(DatoliteConnection.class);
    this.sql = new SqlRunner(conn, this);
    this.datalog = new DatalogRunner(dc, this);
    this.commands = new ShellCommands(this);
    this.completer = new ShellCompleter(new SchemaCatalog(conn), dc, this::mode, ShellCommands.NAMES);
    this.interrupts = new Interrupts(() -> sql.cancel() || datalog.cancel(), this::endSession, err, System::nanoTime);
  }

  /** Reads and runs inputs from a terminal until {@code !quit} or end of input (Ctrl-D). */
  public void runInteractive(Terminal terminal, Path historyFile) {
    LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("datolite")
        .parser(new ShellParser(this::mode)).completer(completer)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P -> ") // "      -> ", as wide as the prompt
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' starts a command, not a history event
        .option(LineReader.Option.CASE_INSENSITIVE, true);
    if (historyFile != null) {
      builder.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = builder.build();
    history = reader.getHistory();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interrupts.press());
    try {
      while (!quit) {
        String input;
        try {
          input = reader.readLine(prompt());
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops what was typed
        } catch (EndOfFileException e) {
          break;
        }
        execute(input);
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      saveHistory();
      out.flush();
    }
  }

  /**
   * What ends the process after Ctrl-C ended the session while a command ran that could not be
   * cancelled (the connection is closed by then); by default nothing more.
   */
  public void afterForcedEnd(Runnable action) {
    this.afterForcedEnd = action;
  }

  /** Ends the session from Ctrl-C: saves the history, closes the connection (a file store is unlocked). */
  private void endSession() {
    quit = true;
    err.println("ending the session");
    err.flush();
    saveHistory();
    try {
      conn.close();
    } catch (SQLException | RuntimeException e) {
      err.println("closing the connection: " + ShellErrors.line(e));
    }
    out.flush();
    err.flush();
    afterForcedEnd.run();
  }

  private void saveHistory() {
    try {
      history.save();
    } catch (IOException e) {
      err.println("cannot save the history: " + e.getMessage());
    }
  }

  /**
   * Runs a script: lines are gathered until an input is complete (a {@code ;} in SQL mode,
   * balanced brackets in Datalog mode, the end of the line for a command), then run. At the end, SQL
   * without its final {@code ;} runs too; an unterminated string or comment, or unbalanced EDN,
   * is an error. Returns the number of inputs that failed.
   */
  public int runScript(BufferedReader in) throws IOException {
    InputScanner pending = null; // the input being gathered; each line is scanned once
    String line;
    while (!quit && !(stopOnError && failures > 0) && (line = in.readLine()) != null) {
      if (pending == null) {
        if (line.isBlank()) {
          continue;
        }
        pending = new InputScanner(mode);
      }
      if (pending.add(line)) {
        String text = pending.text();
        pending = null;
        execute(text);
      }
    }
    if (!quit && !(stopOnError && failures > 0) && pending != null) {
      String problem = pending.unfinished();
      if (problem == null) {
        execute(pending.text());
      } else {
        failed(new ShellException(SqlState.SYNTAX_ERROR, problem));
      }
    }
    out.flush();
    err.flush();
    return failures;
  }

  /** Runs one complete input; returns whether it succeeded. */
  public boolean execute(String input) {
    if (input.isBlank()) {
      return true;
    }
    try {
      if (ShellInput.isCommand(input)) {
        commands.run(input.strip());
      } else if (mode == Mode.SQL) {
        return runSql(input);
      } else {
        runDatalog(input, DatalogRunner.Kind.EITHER);
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      failed(e);
      return false;
    } finally {
      interrupts.commandEnded();
      out.flush();
    }
  }

  /**
   * Runs each statement of the input; a failed one is reported and the rest still run, unless
   * {@code --stop-on-error} stops at it.
   */
  private boolean runSql(String input) {
    boolean ok = true;
    for (String statement : ShellInput.sqlStatements(input)) {
      try {
        if (sql.execute(statement)) {
          completer.invalidate();
        }
      } catch (SQLException | RuntimeException e) {
        failed(e);
        ok = false;
        if (stopOnError) {
          break;
        }
      }
    }
    return ok;
  }

  void runDatalog(String text, DatalogRunner.Kind kind) {
    if (datalog.run(text, kind)) {
      completer.invalidate();
    }
  }

  void pull(String arguments) {
    datalog.pull(arguments);
  }

  private void failed(Throwable e) {
    failures++;
    err.println(ShellErrors.line(e));
    if (trace) {
      e.printStackTrace(err);
    }
    err.flush();
  }

  String prompt() {
    return mode == Mode.SQL ? "datolite> " : "datalog> ";
  }

  /** {@code sep} and the time since {@code startNanos} ({@code "1.2 ms"}), or "" with timing off. */
  String timingSuffix(long startNanos, String sep) {
    if (!timing) {
      return "";
    }
    double ms = (System.nanoTime() - startNanos) / 1e6;
    return sep + String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
  }

  /** The history lines, oldest first (empty when reading a script). */
  List<String> historyLines() {
    List<String> lines = new ArrayList<>();
    if (history != null) {
      for (History.Entry entry : history) {
        lines.add(entry.line());
      }
    }
    return lines;
  }

  boolean isInteractive() {
    return history != null;
  }

  public Mode mode() {
    return mode;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public void timing(boolean on) {
    this.timing = on;
  }

  boolean timing() {
    return timing;
  }

  public int maxRows() {
    return maxRows;
  }

  public void maxRows(int rows) {
    this.maxRows = rows;
  }

  public void trace(boolean on) {
    this.trace = on;
  }

  boolean trace() {
    return trace;
  }

  /** Stops a script at its first failed input. */
  public void stopOnError(boolean on) {
    this.stopOnError = on;
  }

  void quit() {
    quit = true;
  }

  /** The number of inputs (of SQL: statements) that failed so far. */
  public int failures() {
    return failures;
  }

  /** The names of every shell command ({@code !help}, {@code \?}, …). */
  public static List<String> commandNames() {
    return ShellCommands.NAMES;
  }

  /** The completer, for tests and for a terminal of the caller's making. */
  public ShellCompleter completer() {
    return completer;
  }

  Connection connection() {
    return conn;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }
}

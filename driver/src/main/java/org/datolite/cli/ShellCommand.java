package org.datolite.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.datolite.Datolite;
import org.datolite.cli.shell.Shell;
import org.datolite.cli.shell.ShellErrors;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datolite shell [URL]}: the interactive shell (docs/shell.md). On a terminal it reads
 * with JLine (history, multi-line input, completion); with {@code -e} or piped input it runs the
 * statements as a script and exits 1 if any of them failed.
 */
@Command(name = "shell", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"An interactive shell for SQL and Datalog on a Datolite database: history, multi-line input, tab"
        + " completion of tables and columns, aligned results with timing. !help inside lists its commands.",
        "With -e, or with input that is not a terminal (a pipe or a file), it runs the statements in order, prints"
        + " their results, and exits with 1 if any failed (0 otherwise)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every statement succeeded (or an interactive session ended)",
        "1:a statement of -e or of the piped input failed", "2:a bad option or URL",
        "3:the database could not be opened", "130:Ctrl-C twice ended an interactive session"})
public final class ShellCommand implements Callable<Integer> {
  /** The system property naming the history file (else {@code ~/.datolite_history}). */
  public static final String HISTORY_PROPERTY = "datolite.shell.history";

  /** The environment variable the secret of a transactor peer is read from unless told otherwise. */
  static final String DEFAULT_SECRET_ENV = "DATOLITE_TRANSACTOR_SECRET";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "URL", defaultValue = "file:./datolite-data",
      description = {"The database: jdbc:datolite:URL or just file:PATH (embedded, in directory PATH), mem:NAME (in"
          + " memory, gone at exit) or postgresql://HOST:PORT/PGDB?user=U&db=NAME (a peer of a standalone"
          + " transactor; needs a secret). Default: ${DEFAULT-VALUE}, a file database in the working directory."})
  String url;

  @Option(names = {"-e", "--execute"}, paramLabel = "STATEMENTS",
      description = "Run these statements (SQL, or !commands; repeatable, each its own input) and exit.")
  List<String> execute;

  @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
      description = "A connection property (repeatable), e.g. -p db=shop or -p query-timeout-ms=5000.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--secret-file", paramLabel = "FILE",
      description = "File holding the secret shared with the transactor (trailing line breaks dropped).")
  Path secretFile;

  @Option(names = "--secret-env", paramLabel = "VAR", defaultValue = DEFAULT_SECRET_ENV,
      description = "Environment variable holding the secret when there is no --secret-file (default: ${DEFAULT-VALUE}).")
  String secretEnv;

  @Option(names = "--datalog", description = "Start in Datalog mode instead of SQL mode.")
  boolean datalog;

  @Option(names = "--timing", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Print how long each statement took (default: on; --no-timing for output that compares equal).")
  boolean timing;

  @Option(names = "--maxrows", paramLabel = "N", defaultValue = "1000",
      description = "Print at most N rows of a result (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--stop-on-error", description = "Stop a script (-e or piped input) at its first failed statement.")
  boolean stopOnError;

  @Option(names = "--trace", description = "Print the stack trace of an error below its line.")
  boolean trace;

  @Option(names = "--history-file", paramLabel = "FILE",
      description = "History of interactive sessions (default: the system property " + HISTORY_PROPERTY
          + ", else ~/.datolite_history).")
  Path historyFile;

  /** Where a script is read from: standard input unless a test sets it. */
  InputStream in = System.in;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (maxRows < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--maxrows must be at least 1; got " + maxRows);
    }
    String jdbcUrl = jdbcUrl(url);
    Properties props = connectionProperties(jdbcUrl);
    Connection conn;
    try {
      conn = DriverManager.getConnection(jdbcUrl, props);
    } catch (SQLException e) {
      err.println("datolite shell: cannot open " + jdbcUrl + ": " + ShellErrors.line(e));
      if (trace) {
        e.printStackTrace(err);
      }
      return 3;
    }
    try (conn) {
      if (execute == null && in == System.in && System.console() != null) {
        return interactive(conn, jdbcUrl);
      }
      Shell shell = configure(new Shell(conn, out, err));
      if (execute != null) {
        for (String value : execute) { // each value its own input: it ends as a script does
          shell.runScript(new BufferedReader(new StringReader(value)));
        }
      } else {
        shell.runScript(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      }
      return shell.failures() == 0 ? 0 : 1;
    } catch (SQLException e) {
      err.println("datolite shell: " + ShellErrors.line(e));
      return 3;
    }
  }

  private Shell configure(Shell shell) {
    shell.mode(datalog ? Shell.Mode.DATALOG : Shell.Mode.SQL);
    shell.timing(timing);
    shell.maxRows(maxRows);
    shell.trace(trace);
    shell.stopOnError(stopOnError);
    return shell;
  }

  private int interactive(Connection conn, String jdbcUrl) throws IOException, SQLException {
    try (Terminal terminal = TerminalBuilder.builder().name("datolite").system(true).build()) {
      PrintWriter writer = terminal.writer();
      Shell shell = configure(new Shell(conn, writer, writer));
      shell.afterForcedEnd(() -> { // Ctrl-C twice: the connection is closed, the command may still run
        try {
          terminal.close();
        } catch (IOException e) {
          // the process ends anyway
        }
        System.exit(130);
      });
      writer.println("Datolite shell on " + jdbcUrl + ". " + (datalog ? "Datalog mode: an input ends when its brackets"
          + " balance." : "Statements end with ;") + "  !help lists the commands, !quit leaves.");
      shell.runInteractive(terminal, historyFile());
      return 0;
    }
  }

  private Path historyFile() {
    if (historyFile != null) {
      return historyFile;
    }
    String property = System.getProperty(HISTORY_PROPERTY);
    return property != null && !property.isBlank() ? Path.of(property)
        : Path.of(System.getProperty("user.home"), ".datolite_history");
  }

  /** The JDBC URL of a shell URL: {@code jdbc:datolite:} is added to the bare forms. */
  String jdbcUrl(String given) {
    String bare = given.startsWith(Datolite.JDBC_PREFIX) ? given.substring(Datolite.JDBC_PREFIX.length()) : given;
    if (!bare.startsWith("file:") && !bare.startsWith("mem:") && !bare.startsWith("postgresql://")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown database URL '" + given + "'; expected"
          + " file:PATH, mem:NAME or postgresql://HOST:PORT/PGDB?db=NAME, optionally after " + Datolite.JDBC_PREFIX);
    }
    return Datolite.JDBC_PREFIX + bare;
  }

  private Properties connectionProperties(String jdbcUrl) {
    Properties props = new Properties();
    properties.forEach(props::setProperty);
    if (secretFile != null) {
      String secret;
      try {
        secret = Files.readString(secretFile, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
      } catch (IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --secret-file " + secretFile + ": "
            + e);
      }
      props.setProperty("secret", secret);
    } else if (!props.containsKey("secret") && jdbcUrl.contains("postgresql://")) {
      String secret = System.getenv(secretEnv);
      if (secret == null || secret.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no secret for a transactor peer: give"
            + " --secret-file or set the environment variable " + secretEnv);
      }
      props.setProperty("secret", secret);
    }
    return props;
  }
}

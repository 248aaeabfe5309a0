package org.datolite.cli.importer;

import org.datolite.cli.Progress;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code datolite import}: copies the tables of a relational database, read over JDBC, into a
 * Datolite database. Tables become namespaces (created with Datolite's SQL DDL), primary keys
 * identity attributes, foreign keys refs, rows entities. Running it again brings the target up to
 * date by primary key. See docs/import.md.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copies a relational database into Datolite: tables become namespaces, primary keys identity"
        + " attributes, foreign keys refs, and rows entities. Running it again is safe: rows are matched by"
        + " primary key, new ones inserted and changed ones updated (see docs/import.md).", ""},
    footer = {"", "Example:", "  datolite import --from 'jdbc:postgresql://127.0.0.1:5432/shop?user=postgres'"
        + " --to file:shop-data"})
public final class ImportCommand implements Callable<Integer> {
  private static final String DATOLITE_PREFIX = "jdbc:datolite:";
  /** The variable a transactor peer's secret is read from unless told otherwise, as in datolite shell. */
  private static final String DEFAULT_SECRET_ENV = "DATOLITE_TRANSACTOR_SECRET";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "JDBC_URL",
      description = "JDBC URL of the source database (its driver must be on the class path; PostgreSQL's is).")
  String from;

  @Option(names = "--from-user", paramLabel = "USER", description = "User name for the source, if not in the URL.")
  String fromUser;

  @Option(names = "--from-password-env", paramLabel = "VAR",
      description = "Environment variable that holds the source's password (never give it on the command line).")
  String fromPasswordEnv;

  @Option(names = "--schema", paramLabel = "SCHEMA",
      description = "Schema of the source to read (default: the connection's own, e.g. public or PUBLIC).")
  String schema;

  @Option(names = "--to", required = true, paramLabel = "URL",
      description = "The Datolite database: file:DIR, mem:NAME or postgresql://HOST:PORT/PGDB?db=NAME&user=…"
          + " (a peer of a transactor); a leading jdbc:datolite: is optional.")
  String to;

  @Option(names = "--to-secret-env", paramLabel = "VAR", defaultValue = DEFAULT_SECRET_ENV,
      description = "Environment variable that holds the transactor's secret, for a postgresql:// target"
          + " (default: ${DEFAULT-VALUE}).")
  String toSecretEnv;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE",
      description = "Tables to copy, separated by commas (default: every table of the schema). A table they"
          + " reference must be listed too, or be in the target already.")
  List<String> tables;

  @Option(names = "--batch", defaultValue = "1000", paramLabel = "ROWS",
      description = "Rows written and committed per transaction (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--progress", negatable = true,
      description = "Draw a progress bar per table on the error stream (default: when it is a terminal).")
  Boolean progress;

  private final Map<String, String> env;

  public ImportCommand() {
    this(System.getenv());
  }

  /** For tests: the environment that the {@code -env} options read. */
  public ImportCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws SQLException {
    if (batch < 1) {
      throw bad("--batch must be at least 1; got " + batch);
    }
    if (!from.startsWith("jdbc:") || from.startsWith(DATOLITE_PREFIX)) {
      throw bad("--from must be the JDBC URL of a relational database (jdbc:…), not " + from);
    }
    String targetUrl = targetUrl(to);
    Properties sourceProps = new Properties();
    if (fromUser != null) {
      sourceProps.setProperty("user", fromUser);
    }
    if (fromPasswordEnv != null) {
      sourceProps.setProperty("password", variable("--from-password-env", fromPasswordEnv));
    }
    Properties targetProps = new Properties();
    if (targetUrl.startsWith(DATOLITE_PREFIX + "postgresql://")) {
      String secret = env.get(toSecretEnv);
      if (secret == null || secret.isEmpty()) {
        throw bad("no secret for the transactor: set the environment variable " + toSecretEnv
            + " or name another with --to-secret-env");
      }
      targetProps.setProperty("secret", secret);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean draw = progress != null ? progress : System.console() != null;
    long start = System.nanoTime();
    try (Connection src = connect(from, sourceProps, "the source");
         Connection dst = connect(targetUrl, targetProps, "the target")) {
      src.setReadOnly(true);
      src.setAutoCommit(false); // PostgreSQL streams a result only inside a transaction
      Importer.Outcome outcome;
      try {
        outcome = new Importer(new SourceSchema(src, schema), dst, batch, draw ? Progress.on(err) : Progress.none())
            .run(tables);
      } catch (ImportException e) {
        if (e.badArgument()) {
          throw bad(e.getMessage());
        }
        throw e;
      }
      src.rollback();
      out.printf("Imported %s into %s (%d tables created)%n", masked(from), masked(targetUrl), outcome.created());
      ImportSummary.print(out, outcome.tables(), System.nanoTime() - start, outcome.notes());
    }
    return 0;
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private String variable(String option, String name) {
    String value = env.get(name);
    if (value == null) {
      throw bad(option + ": the environment variable " + name + " is not set");
    }
    return value;
  }

  /** The Datolite JDBC URL of {@code --to}, which may leave out {@code jdbc:datolite:}. */
  private String targetUrl(String url) {
    String u = url.startsWith(DATOLITE_PREFIX) ? url.substring(DATOLITE_PREFIX.length()) : url;
    boolean ok = u.startsWith("file:") && u.length() > "file:".length() || u.startsWith("mem:") && u.length() > 4
        || u.startsWith("postgresql://");
    if (!ok) {
      throw bad("--to must be a Datolite database (file:DIR, mem:NAME or postgresql://…, with or without "
          + DATOLITE_PREFIX + "), not " + url);
    }
    return DATOLITE_PREFIX + u;
  }

  private static Connection connect(String url, Properties props, String what) {
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      String reason = "08001".equals(e.getSQLState()) && e.getMessage() != null
          && e.getMessage().startsWith("No suitable driver") ? "no JDBC driver on the class path takes this URL"
          : e.getMessage();
      throw new ImportException("cannot connect to " + what + " " + masked(url) + ": " + reason, e);
    }
  }

  /** A URL with the value of any password parameter hidden. */
  static String masked(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }
}

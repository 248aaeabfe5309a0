package org.datolite.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.datolite.cli.importer.ImportCommand;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.tree.StorageGc;
import org.datolite.transactor.server.TransactorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code datolite} command line: the demo, the interactive shell, the import of a relational
 * database, the standalone transactor and storage garbage collection, each a subcommand with its
 * own {@code --help}.
 *
 * <p>Logging is quiet by default (warnings and errors only), except for the transactor, which
 * logs at INFO: set {@code DATOLITE_LOG_LEVEL} (trace, debug, info, warn, error, off) or the
 * system property {@code org.slf4j.simpleLogger.defaultLogLevel} to change it.
 */
@Command(name = "datolite", mixinStandardHelpOptions = true, version = "Datolite 0.1.0-SNAPSHOT",
    description = "An immutable, time-aware fact database behind JDBC.",
    subcommands = {DemoCommand.class, ShellCommand.class, ImportCommand.class, DatoliteCommand.Gc.class})
public final class DatoliteCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The environment variable that sets the log level of every command. */
  public static final String LOG_LEVEL_ENV = "DATOLITE_LOG_LEVEL";

  private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  public static void main(String[] args) {
    quietLogging(args, System.getenv(LOG_LEVEL_ENV));
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Sets the log level before anything logs, unless the system property already names one: the
   * environment's level, else INFO for the transactor (a server's log is its record) and WARN for
   * the commands a person watches (demo, shell, import).
   */
  static void quietLogging(String[] args, String envLevel) {
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) != null) {
      return;
    }
    String level = envLevel != null && !envLevel.isBlank() ? envLevel.trim().toLowerCase(Locale.ROOT)
        : args.length > 0 && "transactor".equals(args[0]) ? "info" : "warn";
    System.setProperty(SIMPLE_LOGGER_LEVEL, level);
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(System.in, out, err, args);
  }

  /** Runs the command line with {@code in} as the shell's input (a script) and returns its exit code (for tests). */
  public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new DatoliteCommand());
    ((ShellCommand) cli.getSubcommands().get("shell").getCommand()).in = in;
    CommandLine transactor = new CommandLine(new TransactorCommand()); // builds its setting flags
    transactor.getCommandSpec().name("transactor");
    cli.addSubcommand("transactor", transactor);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, args1) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println("datolite: " + e.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName()
          + " --help')");
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("datolite: " + e.getMessage());
      return e instanceof StorageException ? 3 : 1;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "gc", mixinStandardHelpOptions = true,
      description = "Deletes the index segments and directories of a database that no root in use within the last"
          + " --older-than-minutes reaches (Datomic's gcStorage). Database values whose root was replaced before"
          + " then may become unreadable; newer ones never are. Safe beside a running transactor when the cutoff"
          + " is longer ago than its longest index job.")
  static final class Gc implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--storage", required = true,
        description = "Storage address: file:PATH or postgresql://HOST:PORT/PGDB?user=...")
    String storage;

    @Option(names = "--db", defaultValue = "datolite", description = "Database name (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--older-than-minutes", defaultValue = "60",
        description = "Keep what a root in use this recently reaches; at least 10 (default: ${DEFAULT-VALUE}).")
    long olderThanMinutes;

    @Override
    public Integer call() {
      if (olderThanMinutes < 10) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--older-than-minutes must be at least 10 (a"
            + " collection must not delete what a running index job wrote); got " + olderThanMinutes);
      }
      try (KeyValueStore kv = Stores.open(storage)) {
        StorageGc.Result r = StorageGc.collect(kv, database + "/", Instant.now().minus(Duration.ofMinutes(olderThanMinutes)));
        spec.commandLine().getOut().printf("%s in %s: %d roots in use, %d live nodes; deleted %d nodes and %d root"
            + " records; kept %d unreachable nodes written after the cutoff%n", database, kv.describe(), r.rootsInUse(),
            r.liveNodes(), r.nodesDeleted(), r.recordsDeleted(), r.nodesTooNew());
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}

package org.datolite.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.datolite.demo.StorageDemo;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.file.FileStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code datolite} command line. For now it has the storage demo; the shell and the
 * standalone transactor join it as they are built.
 */
@Command(name = "datolite", mixinStandardHelpOptions = true, version = "Datolite 0.1.0-SNAPSHOT",
    description = "An immutable, time-aware fact database behind JDBC.",
    subcommands = {DatoliteCommand.Demo.class})
public final class DatoliteCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new DatoliteCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
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

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Builds a sample database of people, products and orders in an embedded file store, "
          + "then on every run applies an index job of order status changes copy-on-write and reads the "
          + "four indexes and their history.")
  static final class Demo implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--path", defaultValue = "datolite-data",
        description = "Directory of the file store (default: ${DEFAULT-VALUE}).")
    Path path;

    @Option(names = "--datoms", defaultValue = "200000",
        description = "Size of the sample dataset on first run (default: ${DEFAULT-VALUE}).")
    long datoms;

    @Option(names = "--changes", defaultValue = "100",
        description = "Order status changes per run (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      if (datoms < 100 || changes < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--datoms must be at least 100 and --changes at least 0; got " + datoms + " and " + changes);
      }
      try (FileStore store = FileStore.open(path)) {
        new StorageDemo(store, spec.commandLine().getOut()).run(datoms, changes, seed);
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}

package org.datolite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.datolite.demo.ProductTour;
import org.datolite.demo.StorageDemo;
import org.datolite.storage.kv.file.FileStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code datolite demo}: the product tour ({@link ProductTour}) on an embedded {@code file:}
 * database, in a temporary folder removed afterwards unless {@code --path} names one; with
 * {@code --storage-tour}, the storage internals instead ({@link StorageDemo}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Loads a sample shop into an embedded database and shows it answered in SQL and in Datalog,"
        + " a value as of before an UPDATE, the history of a value, and how long each answer took.",
        "With --storage-tour: the storage internals (segments, index jobs, the four indexes) instead."})
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--path", description = "Directory of the database, kept afterwards and reopened by the next run"
      + " (default: a temporary directory, removed at the end; for --storage-tour: datolite-data).")
  Path path;

  @Option(names = "--scale", defaultValue = "50",
      description = "Size of the sample shop: 100 customers, 20 products and 500 orders per unit (default:"
          + " ${DEFAULT-VALUE}).")
  int scale;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed of the sample data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--storage-tour", description = "Show the storage internals instead of the product tour.")
  boolean storageTour;

  @Option(names = "--datoms", defaultValue = "200000",
      description = "--storage-tour: size of its dataset on first run (default: ${DEFAULT-VALUE}).")
  long datoms;

  @Option(names = "--changes", defaultValue = "100",
      description = "--storage-tour: order status changes per run (default: ${DEFAULT-VALUE}).")
  int changes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (storageTour) {
      return storageTour(out);
    }
    if (scale < 1 || scale > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be between 1 and 10000; got " + scale);
    }
    Path dir = path != null ? path : Files.createTempDirectory("datolite-demo");
    try {
      new ProductTour("jdbc:datolite:file:" + dir.toAbsolutePath(), out).run(scale, seed, progressBars());
    } finally {
      if (path == null) {
        deleteTree(dir);
      }
    }
    if (path == null) {
      out.println("The database was in a temporary directory, now removed; --path DIR keeps one to explore with"
          + " 'datolite shell file:DIR'.");
    }
    out.flush();
    return 0;
  }

  private int storageTour(PrintWriter out) {
    if (datoms < 100 || changes < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--datoms must be at least 100 and --changes at least 0; got " + datoms + " and " + changes);
    }
    try (FileStore store = FileStore.open(path != null ? path : Path.of("datolite-data"))) {
      new StorageDemo(store, out).run(datoms, changes, seed);
    }
    out.flush();
    return 0;
  }

  /** Progress bars on the terminal's error stream, or none when the output is not a terminal (a pipe, a test). */
  private Progress progressBars() {
    return System.console() == null ? Progress.none() : Progress.on(spec.commandLine().getErr());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

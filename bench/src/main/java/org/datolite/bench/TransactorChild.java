package org.datolite.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.transactor.server.TransactorCommand;

/**
 * A standalone transactor as a child JVM on this class path, for the benchmarks that kill, pause
 * or measure one: its log (with times) appended to a file, its secret from an environment variable.
 * It runs with the JVM options {@code bin/datolite} gives every command ({@link #LAUNCHER_OPTIONS}),
 * then the caller's, and with the settings of the system property {@value #SETTINGS_PROPERTY}
 * after the caller's (e.g. {@code -Ddatolite.bench.transactor-settings=max-novelty-mb=1024}).
 */
final class TransactorChild {
  private TransactorChild() {}

  /** Comma-separated {@code name=value} transactor settings every bench's transactor also gets. */
  static final String SETTINGS_PROPERTY = "datolite.bench.transactor-settings";

  /** The options {@code dist/src/main/bin/datolite} puts before {@code JAVA_OPTS}. */
  static final List<String> LAUNCHER_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:MaxTenuringThreshold=0");

  /**
   * Starts one serving {@code database} in {@code storage} on any free port.
   *
   * @param jvmOptions options before the class name, e.g. {@code -Xmx2g}
   * @param settings {@code name=value} transactor settings beyond storage, database, port and secret
   */
  static Process start(String storage, String database, String secret, Path log, List<String> jvmOptions,
      String... settings) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(LAUNCHER_OPTIONS);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        TransactorCommand.class.getName(),
        "--set", "storage=" + storage, "--set", "database=" + database, "--set", "port=0",
        "--set", "secret-env=DATOLITE_BENCH_SECRET"));
    for (String s : settings) {
      command.addAll(List.of("--set", s));
    }
    for (String s : System.getProperty(SETTINGS_PROPERTY, "").split(",")) { // to try a setting from the command line
      if (!s.isBlank()) {
        command.addAll(List.of("--set", s.trim()));
      }
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DATOLITE_BENCH_SECRET", secret);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** A peer connection once the transactor has created the database and serves it (within two minutes). */
  static DatoliteConnection connectWhenServed(String url, Properties p) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      try {
        return Datolite.connect(url, p);
      } catch (RuntimeException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}

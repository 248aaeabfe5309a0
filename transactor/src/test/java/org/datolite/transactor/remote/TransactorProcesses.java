package org.datolite.transactor.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.datolite.transactor.server.TransactorCommand;

/** Starts standalone transactors as child JVMs and stops, pauses or kills them. */
final class TransactorProcesses implements AutoCloseable {
  static final String SECRET = "crash-test-shared-secret";

  private final String storage;
  private final String database;
  private final Path logs;
  private final List<Process> started = new ArrayList<>();
  private final Map<String, Process> byName = new LinkedHashMap<>();

  TransactorProcesses(String storage, String database, Path logs) {
    this.storage = storage;
    this.database = database;
    this.logs = logs;
  }

  Process start(String name, int heartbeatMillis, String... moreArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        TransactorCommand.class.getName(),
        "--set", "storage=" + storage, "--set", "database=" + database, "--set", "port=0",
        "--set", "heartbeat-ms=" + heartbeatMillis, "--set", "secret-env=DATOLITE_TEST_SECRET"));
    command.addAll(List.of(moreArgs));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DATOLITE_TEST_SECRET", SECRET);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
    Process p = pb.start();
    started.add(p);
    byName.put(name, p);
    return p;
  }

  /** The process whose log mentions {@code text} (a transactor logs its id). */
  Process byLogContaining(String text) throws IOException {
    return byName.get(logNameContaining(text).replace(".log", ""));
  }

  /** The log file name of the process whose log mentions {@code text}. */
  String logNameContaining(String text) throws IOException {
    for (String name : byName.keySet()) {
      Path log = logs.resolve(name + ".log");
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return name + ".log";
      }
    }
    throw new IllegalStateException("no transactor log mentions " + text);
  }

  static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL
    p.waitFor(10, TimeUnit.SECONDS);
  }

  static void signal(Process p, String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        try {
          signal(p, "CONT");
        } catch (IOException e) {
          // it may be gone already
        }
        kill(p);
      }
    }
  }
}

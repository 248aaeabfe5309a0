package org.datolite.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive, after {@code package}: what it holds, and that it works once
 * unpacked: {@code bin/datolite --help} (through a symbolic link, with {@code JAVA_HOME} and
 * {@code JAVA_OPTS}), a clear error for a wrong {@code JAVA_HOME}, and a transactor started with
 * the sample {@code conf/transactor.properties}. The archive is read by this class itself (a
 * small ustar/pax reader), so the test needs no {@code tar}; it needs a POSIX {@code sh}.
 */
class DistributionArchiveIT {
  private static final long TIMEOUT_S = 90;

  @TempDir
  static Path unpacked;
  private static String version;
  /** Entry path (without the base directory) to its mode. */
  private static Map<String, Integer> entries;
  private static Path home;

  @BeforeAll
  static void unpack() throws IOException {
    String archive = System.getProperty("datolite.dist.archive");
    version = System.getProperty("datolite.version");
    assertNotNull(archive, "system property datolite.dist.archive (set by the build)");
    Path tgz = Path.of(archive);
    assertTrue(Files.isRegularFile(tgz), "no archive at " + tgz + "; run the package phase first");
    String base = "datolite-" + version + "/";
    entries = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
      readTar(in, (name, mode, content) -> {
        assertTrue(name.startsWith(base), "entry outside " + base + ": " + name);
        entries.put(name.substring(base.length()), mode);
        Path target = unpacked.resolve(name).normalize();
        assertTrue(target.startsWith(unpacked), name);
        if (content == null) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
          target.toFile().setExecutable((mode & 0100) != 0, false);
        }
      });
    }
    home = unpacked.resolve("datolite-" + version);
  }

  @Test
  void theArchiveHoldsTheLauncherTheJarsTheConfigurationAndTheDocs() {
    assertEquals(Integer.valueOf(0755), entries.get("bin/datolite"), "bin/datolite, executable");
    for (String file : List.of("conf/transactor.properties", "README.md", "docs/distribution.md",
        "docs/bi-tools.md", "docs/transactor.md", "docs/sql.md", "docs/datalog.md", "lib/datolite.jar",
        "datolite-jdbc-" + version + ".jar")) {
      assertTrue(entries.containsKey(file), file + " missing; entries: " + entries.keySet());
    }
    List<String> lib = entries.keySet().stream().filter(e -> e.startsWith("lib/"))
        .map(e -> e.substring(4)).collect(Collectors.toList());
    // the driver's run-time jars, the command line's optional ones included, and no test jars
    for (String prefix : List.of("datolite-storage-", "datolite-transactor-", "datolite-calcite-adapter-",
        "calcite-core-", "postgresql-", "picocli-", "jline-reader-", "jline-terminal-", "progressbar-",
        "slf4j-api-", "slf4j-simple-")) {
      assertTrue(lib.stream().anyMatch(j -> j.startsWith(prefix)), prefix + "*.jar missing from lib/: " + lib);
    }
    for (String prefix : List.of("junit-", "datolite-testkit-", "datolite-jdbc-", "testcontainers-")) {
      assertFalse(lib.stream().anyMatch(j -> j.startsWith(prefix)), prefix + "*.jar in lib/: " + lib);
    }
  }

  @Test
  void theLauncherRunsTheCommandLineWithJavaHomeAndJavaOpts(@TempDir Path elsewhere) throws Exception {
    // through a symbolic link from another directory: the launcher finds its installation
    Path link = elsewhere.resolve("datolite");
    Files.createSymbolicLink(link, home.resolve("bin/datolite"));
    ProcessBuilder pb = new ProcessBuilder(link.toString(), "--help").directory(elsewhere.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JAVA_OPTS", "-Xmx96m -XX:+PrintCommandLineFlags");
    Result r = run(pb);
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("Usage: datolite"), r.output);
    assertTrue(r.output.contains("transactor"), r.output);
    assertTrue(r.output.contains("-XX:MaxHeapSize=100663296"), "JAVA_OPTS not passed on: " + r.output);
    assertTrue(r.output.contains("-XX:MaxTenuringThreshold=0"), "the launcher's own options: " + r.output);

    ProcessBuilder bad = new ProcessBuilder(home.resolve("bin/datolite").toString(), "--help");
    bad.environment().put("JAVA_HOME", elsewhere.resolve("no-such-java").toString());
    Result b = run(bad);
    assertNotEquals(0, b.status, b.output);
    assertTrue(b.output.contains("JAVA_HOME"), b.output);
  }

  @Test
  void aTransactorStartsWithTheSampleConfiguration() throws Exception {
    Properties conf = new Properties();
    try (InputStream in = Files.newInputStream(home.resolve("conf/transactor.properties"))) {
      conf.load(in);
    }
    assertEquals("main", conf.getProperty("database"));
    // as documented at its top, from the installation directory, on a free port
    ProcessBuilder pb = new ProcessBuilder("bin/datolite", "transactor", "--config", "conf/transactor.properties",
        "--port", "0").directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("DATOLITE_TRANSACTOR_SECRET", "a-secret-of-at-least-16-bytes");
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    boolean active = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
      for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
        lines.add(line);
        if (line.contains("transactor") && line.contains("of main: active at")) {
          active = true;
          break;
        }
      }
      assertTrue(active, "no 'active' line: " + String.join("\n", lines));
    } finally {
      p.destroy(); // SIGTERM: the transactor releases its lease and stops
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    assertTrue(Files.isDirectory(home.resolve("var/datolite")), "the sample's file: store is relative to the working directory");
  }

  private static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "still running: " + pb.command());
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** A finished process: its exit status and its output (stdout and stderr). */
  private static final class Result {
    final int status;
    final String output;

    Result(int status, String output) {
      this.status = status;
      this.output = output;
    }
  }

  /** Called for each entry of a tar archive: content is null for a directory. */
  private interface EntryHandler {
    void entry(String name, int mode, InputStream content) throws IOException;
  }

  /** Reads a ustar archive, with pax headers for long names; regular files and directories only. */
  private static void readTar(InputStream in, EntryHandler handler) throws IOException {
    String paxPath = null;
    byte[] header = new byte[512];
    while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      int mode = (int) octal(header, 100, 8) & 07777;
      long size = octal(header, 124, 12);
      char type = (char) header[156];
      byte[] content = in.readNBytes((int) size);
      assertEquals(size, content.length, "truncated entry " + name);
      in.skipNBytes((512 - size % 512) % 512);
      if (type == 'x') {
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
          int eq = record.indexOf(" path=");
          if (eq >= 0) {
            paxPath = record.substring(eq + 6);
          }
        }
        continue;
      }
      if (paxPath != null) {
        name = paxPath;
        paxPath = null;
      }
      if (type == '5') {
        handler.entry(name.endsWith("/") ? name.substring(0, name.length() - 1) : name, mode, null);
      } else if (type == '0' || type == 0) {
        handler.entry(name, mode, new ByteArrayInputStream(content));
      }
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) {
    String s = field(header, offset, length).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}

package org.datolite.transactor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The standalone command's settings and startup errors, in process: only runs that fail before
 * the server starts (or list the settings), so that none of them blocks or installs a shutdown
 * hook.
 */
class TransactorCommandTest {
  @TempDir
  Path dir;

  private String err = "";
  private String out = "";

  private int run(String... args) {
    CommandLine cl = new CommandLine(new TransactorCommand());
    StringWriter e = new StringWriter();
    StringWriter o = new StringWriter();
    cl.setErr(new PrintWriter(e, true));
    cl.setOut(new PrintWriter(o, true));
    int code = cl.execute(args);
    err = e.toString();
    out = o.toString();
    return code;
  }

  private static Map<TransactorSetting, String> settings(String... args) throws Exception {
    TransactorCommand command = new TransactorCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  private Path secretFile(int bytes) throws Exception {
    byte[] secret = new byte[bytes];
    Arrays.fill(secret, (byte) 's');
    return Files.write(dir.resolve("secret-" + bytes), secret);
  }

  /** Arguments that pass every check up to binding the port. */
  private List<String> valid(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--storage=mem:command-test", "--database=cmd",
        "--secret-file=" + secretFile(32)));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void everySetting_hasAFlagInBothForms() throws Exception {
    assertEquals("4335", settings("--port=4335").get(TransactorSetting.PORT));
    assertEquals("4335", settings("--port", "4335").get(TransactorSetting.PORT));
    assertEquals("4334", settings().get(TransactorSetting.PORT), "the default");
    for (TransactorSetting s : TransactorSetting.values()) {
      assertEquals("x", settings("--" + s.key(), " x ").get(s), s.key());
    }
  }

  @Test
  void flags_overrideSet_whichOverridesTheFile_andEveryValueIsTrimmed() throws Exception {
    Path file = Files.writeString(dir.resolve("transactor.properties"),
        "port=1\nheartbeat-ms=100\nhost =  10.0.0.1  \nindex-threshold-mb=8\n", StandardCharsets.UTF_8);
    Map<TransactorSetting, String> s = settings("--config", file.toString(), "--set", "port= 2 ",
        "--set", "heartbeat-ms= 200 ", "--port", " 3 ");
    assertEquals("3", s.get(TransactorSetting.PORT), "the flag wins over --set and the file");
    assertEquals("200", s.get(TransactorSetting.HEARTBEAT_MS), "--set wins over the file, trimmed");
    assertEquals("10.0.0.1", s.get(TransactorSetting.HOST), "the file, trimmed");
    assertEquals("8", s.get(TransactorSetting.INDEX_THRESHOLD_MB));
    assertEquals("512", s.get(TransactorSetting.MAX_NOVELTY_MB), "the default");
  }

  @Test
  void unknownFlag_isAUsageError() {
    assertEquals(2, run("--prot=4335"));
    assertTrue(err.contains("Unknown option: '--prot=4335'"), err);
    assertEquals(2, run("--set", "prot=4335"));
    assertTrue(err.contains("unknown setting(s) [prot]") && err.contains("port"), err);
  }

  @Test
  void aFlagGivenTwice_isAUsageError() {
    assertEquals(2, run("--port=1", "--port=2"));
    assertTrue(err.contains("'--port'") && err.contains("only once"), err);
  }

  @Test
  void badNumberFromAFlag_namesTheSettingAndRange() throws Exception {
    assertEquals(2, run(valid("--port=70000").toArray(String[]::new)));
    assertTrue(err.contains("setting 'port' is '70000'; expected a whole number from 0 to 65535"), err);
  }

  @Test
  void maxTxDatoms_isCheckedLikeEveryNumber() throws Exception {
    assertEquals("1000000", settings().get(TransactorSetting.MAX_TX_DATOMS), "the default");
    assertEquals(2, run(valid("--max-tx-datoms=0").toArray(String[]::new)));
    assertTrue(err.contains("setting 'max-tx-datoms' is '0'; expected a whole number from 1 to 100000000"), err);
  }

  @Test
  void listSettings_printsEverySetting() {
    assertEquals(0, run("--list-settings"));
    for (TransactorSetting s : TransactorSetting.values()) {
      assertTrue(out.contains(s.key()), out);
    }
  }

  @Test
  void secretOutOfBounds_failsBeforeStarting() throws Exception {
    Path tooLong = secretFile(1025);
    assertEquals(2, run("--storage=mem:command-test", "--database=cmd", "--secret-file=" + tooLong));
    assertTrue(err.contains("'secret-file'") && err.contains("has 1025 bytes; expected 16 to 1024 bytes"), err);
    Path tooShort = secretFile(15);
    assertEquals(2, run("--storage=mem:command-test", "--database=cmd", "--secret-file=" + tooShort));
    assertTrue(err.contains("has 15 bytes; expected 16 to 1024 bytes"), err);
  }

  @Test
  void portTaken_failsTheStartWithStatus1() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertEquals(1, run(valid("--host=127.0.0.1", "--port=" + port).toArray(String[]::new)));
      assertTrue(err.contains("cannot listen on 127.0.0.1:" + port), err);
    }
  }

  @Test
  void maxNoveltyBelowTwiceTheThreshold_isRaisedWithAWarning() throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      // The taken port stops the command right after it has read its settings.
      run(valid("--host=127.0.0.1", "--port=" + taken.getLocalPort(), "--index-threshold-mb=64",
          "--max-novelty-mb=100").toArray(String[]::new));
    } finally {
      System.setErr(saved);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("WARN") && logged.contains("setting 'max-novelty-mb' is 100 MiB, less than twice"
        + " 'index-threshold-mb' (64 MiB); using 128 MiB"), logged);
  }
}

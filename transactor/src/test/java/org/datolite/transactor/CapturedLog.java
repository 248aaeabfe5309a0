package org.datolite.transactor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What slf4j-simple writes while this is open, for tests that check a log line. slf4j-simple
 * looks {@code System.err} up at every write, so swapping it catches every logger; the tests of a
 * module run one at a time, so nothing else swaps it meanwhile. Close it to restore the stream.
 */
public final class CapturedLog implements AutoCloseable {
  private final PrintStream saved;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private CapturedLog() {
    saved = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing. */
  public static CapturedLog start() {
    return new CapturedLog();
  }

  /** Everything logged so far. */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The lines logged so far that contain every one of {@code fragments}. */
  public List<String> lines(String... fragments) {
    return text().lines().filter(line -> Arrays.stream(fragments).allMatch(line::contains)).toList();
  }

  @Override
  public void close() {
    System.setErr(saved);
  }
}

package org.datolite.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Waits after a load until this JVM is quiet: a load leaves index jobs (and merges of index
 * levels) running in the background for seconds, and a query timed meanwhile shares the cores with
 * them. Quiet means this process used under a tenth of a core over half a second.
 */
final class Quiet {
  private Quiet() {}

  private static final long POLL_MILLIS = 500;
  private static final long MAX_WAIT_MILLIS = 60_000;

  /** Returns once the process is quiet, or after a minute; prints how long it waited. */
  static void await(String after) throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long start = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    while ((System.nanoTime() - start) / 1_000_000 < MAX_WAIT_MILLIS) {
      Thread.sleep(POLL_MILLIS);
      long now = os.getProcessCpuTime();
      boolean quiet = now - cpu < POLL_MILLIS * 1_000_000L / 10;
      cpu = now;
      if (quiet) {
        break;
      }
    }
    System.out.printf(Locale.ROOT, "(waited %.1f s after %s for background indexing to finish)%n",
        (System.nanoTime() - start) / 1e9, after);
  }
}

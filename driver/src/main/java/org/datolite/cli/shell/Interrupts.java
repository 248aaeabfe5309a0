package org.datolite.cli.shell;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What Ctrl-C does while a command runs in an interactive session (at the prompt JLine drops the
 * typed line itself). The first press cancels what can be cancelled: the running SQL statement or
 * Datalog query. A press while nothing cancellable runs ({@code !tx}, {@code !pull},
 * {@code !describe}, a transaction), or a second one while the cancelled command still runs,
 * prints a one-line {@link #HINT}; one more within {@link #WINDOW_NANOS} ends the session.
 */
final class Interrupts {
  /** How soon after the hint a press ends the session: 3 s. */
  static final long WINDOW_NANOS = 3_000_000_000L;

  /** The hint a press prints when it cannot cancel anything. */
  static final String HINT = "(Ctrl-C again within 3 s ends the session)";

  private final BooleanSupplier cancel;
  private final Runnable endSession;
  private final PrintWriter err;
  private final LongSupplier clock;
  private boolean cancelled;
  private boolean hinted;
  private long hintAt;

  /**
   * Ctrl-C handling.
   *
   * @param cancel cancels what runs; false when nothing that can be cancelled runs
   * @param endSession ends the session (closes the connection)
   * @param err where the hint goes
   * @param clock nanoseconds, as {@link System#nanoTime}
   */
  Interrupts(BooleanSupplier cancel, Runnable endSession, PrintWriter err, LongSupplier clock) {
    this.cancel = cancel;
    this.endSession = endSession;
    this.err = err;
    this.clock = clock;
  }

  /** One Ctrl-C (on the signal's thread). */
  void press() {
    boolean end;
    synchronized (this) {
      long now = clock.getAsLong();
      end = hinted && now - hintAt <= WINDOW_NANOS;
      if (end) {
        hinted = false;
      } else if (!cancelled && cancel.getAsBoolean()) {
        cancelled = true;
        return;
      } else {
        hinted = true;
        hintAt = now;
      }
    }
    if (end) {
      endSession.run();
    } else {
      err.println(HINT);
      err.flush();
    }
  }

  /** A command ended: Ctrl-C cancels the next one again. */
  synchronized void commandEnded() {
    cancelled = false;
  }
}

package org.datolite.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InterruptsTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(42 * SECOND);
  private final AtomicBoolean cancellable = new AtomicBoolean();
  private final AtomicInteger cancels = new AtomicInteger();
  private final AtomicInteger ends = new AtomicInteger();
  private final StringWriter err = new StringWriter();
  private final Interrupts interrupts = new Interrupts(() -> {
    if (cancellable.get()) {
      cancels.incrementAndGet();
    }
    return cancellable.get();
  }, ends::incrementAndGet, new PrintWriter(err), now::get);

  private int hints() {
    return err.toString().split(Interrupts.HINT.replace("(", "\\(").replace(")", "\\)"), -1).length - 1;
  }

  @Test
  void nothingCancellable_theFirstPressHints_andASecondWithinThreeSecondsEndsTheSession() {
    interrupts.press();
    assertEquals(1, hints());
    assertEquals(0, ends.get());
    now.addAndGet(2 * SECOND);
    interrupts.press();
    assertEquals(1, ends.get(), "the second press ended the session");
    assertEquals(1, hints());
  }

  @Test
  void aSecondPressAfterTheWindow_onlyHintsAgain() {
    interrupts.press();
    now.addAndGet(4 * SECOND);
    interrupts.press();
    assertEquals(0, ends.get());
    assertEquals(2, hints());
    now.addAndGet(SECOND);
    interrupts.press();
    assertEquals(1, ends.get());
  }

  @Test
  void aCancellableCommand_isCancelledFirst_thenHint_thenEnd() {
    cancellable.set(true);
    interrupts.press();
    assertEquals(1, cancels.get());
    assertEquals(0, hints(), "a cancel prints no hint");
    interrupts.press(); // the cancelled command still runs
    assertEquals(1, cancels.get(), "cancelled once");
    assertEquals(1, hints());
    interrupts.press();
    assertEquals(1, ends.get());
  }

  @Test
  void afterACommandEnded_theNextOneIsCancelledAgain() {
    cancellable.set(true);
    interrupts.press();
    interrupts.commandEnded();
    now.addAndGet(10 * SECOND);
    interrupts.press();
    assertEquals(2, cancels.get());
    assertEquals(0, hints());
    assertEquals(0, ends.get());
  }
}

package org.datolite.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars of the commands (a table being imported, the demo's load), drawn on a writer (the error stream), or none. */
public interface Progress {
  /** Whether bars are drawn (the copy then counts each table's rows first, for the bar's end). */
  boolean draws();

  /** A bar of {@code total} steps ({@code total} negative when unknown), named {@code task}; close it when done. */
  Bar start(String task, long total);

  /** One table's bar. */
  interface Bar extends AutoCloseable {
    default void step() {
      stepBy(1);
    }

    void stepBy(long n);

    @Override
    void close();
  }

  /** No bars at all. */
  static Progress none() {
    return new Progress() {
      @Override
      public boolean draws() {
        return false;
      }

      @Override
      public Bar start(String task, long total) {
        return new Bar() {
          @Override
          public void stepBy(long n) {
            // nothing to draw
          }

          @Override
          public void close() {
            // nothing drawn
          }
        };
      }
    };
  }

  /** Bars drawn on {@code out}, each redrawn in place on one line with a carriage return. */
  static Progress on(PrintWriter out) {
    return new Progress() {
      @Override
      public boolean draws() {
        return true;
      }

      @Override
      public Bar start(String task, long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUpdateIntervalMillis(200)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new LineConsumer(out)).build();
        return new Bar() {
          @Override
          public void stepBy(long n) {
            bar.stepBy(n);
          }

          @Override
          public void close() {
            bar.close();
          }
        };
      }
    };
  }

  /** Draws a bar on a writer, in place, and ends its line when the bar closes. */
  final class LineConsumer implements ProgressBarConsumer {
    private static final int WIDTH = 100;
    private final PrintWriter out;

    LineConsumer(PrintWriter out) {
      this.out = out;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String rendered) {
      out.print('\r');
      out.print(rendered);
      out.flush();
    }

    @Override
    public void close() {
      out.println();
      out.flush();
    }
  }
}

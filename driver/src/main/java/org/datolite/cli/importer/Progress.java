package org.datolite.cli.importer;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per table, drawn on a writer (the command's error stream), or none. */
public interface Progress {
  /** Whether bars are drawn (the copy then counts each table's rows first, for the bar's end). */
  boolean draws();

  /** The bar of one table's rows ({@code rows} negative when unknown); close it when the table is done. */
  Bar start(String table, long rows);

  /** One table's bar. */
  interface Bar extends AutoCloseable {
    void step();

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
      public Bar start(String table, long rows) {
        return new Bar() {
          @Override
          public void step() {
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
      public Bar start(String table, long rows) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(table).setInitialMax(rows).setUpdateIntervalMillis(200)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new LineConsumer(out)).build();
        return new Bar() {
          @Override
          public void step() {
            bar.step();
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

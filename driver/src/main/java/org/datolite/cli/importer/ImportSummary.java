package org.datolite.cli.importer;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The table printed at the end of an import: per table and in total, rows and time. */
public final class ImportSummary {
  private static final double NANOS = 1e9;

  private ImportSummary() {}

  public static void print(PrintWriter out, List<TableResult> results, long nanos, List<String> notes) {
    int width = Math.max(5, results.stream().mapToInt(r -> r.table().length()).max().orElse(5));
    String row = "%-" + width + "s %10s %10s %10s %10s %10s %9s%n";
    out.printf(Locale.ROOT, row, "table", "read", "inserted", "updated", "unchanged", "skipped", "seconds");
    long read = 0;
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    long skipped = 0;
    for (TableResult r : results) {
      out.printf(Locale.ROOT, row, r.table(), r.read(), r.inserted(), r.updated(), r.unchanged(), r.skipped(),
          String.format(Locale.ROOT, "%.2f", r.nanos() / NANOS));
      read += r.read();
      inserted += r.inserted();
      updated += r.updated();
      unchanged += r.unchanged();
      skipped += r.skipped();
    }
    double seconds = nanos / NANOS;
    out.printf(Locale.ROOT, row, "total", read, inserted, updated, unchanged, skipped,
        String.format(Locale.ROOT, "%.2f", seconds));
    out.printf(Locale.ROOT, "%d table%s, %d rows read in %.2f s (%.0f rows/s)%n", results.size(),
        results.size() == 1 ? "" : "s", read, seconds,
        seconds > 0 ? read / seconds : 0.0);
    for (String n : notes) {
      out.println("note: " + n);
    }
    out.flush();
  }
}

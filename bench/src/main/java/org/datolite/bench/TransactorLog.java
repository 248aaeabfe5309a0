package org.datolite.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child transactor's log ({@link TransactorChild}) says happened since the last look: its
 * index jobs (how many, the datoms they merged, their time, the segments and bytes they wrote)
 * and how often writes waited for indexing (the novelty above its limit). A load that ran slow
 * is then seen to have waited, or to have shared the machine with a large merge.
 */
final class TransactorLog {
  private static final Pattern JOB = Pattern.compile(
      "index job merged (\\d+) datoms up to t \\d+ in (\\d+) ms \\((\\d+) new segments, (\\d+) bytes written\\)");
  private static final String WAITED = "writes wait for indexing";

  private final Path file;
  private long read;

  TransactorLog(Path file) {
    this.file = file;
  }

  /** A line on what the log gained since the last call (or since it was made). */
  String since() throws IOException {
    if (!Files.exists(file)) {
      return "no transactor log";
    }
    String added;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long end = f.length();
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, end - read)];
      f.seek(read);
      f.readFully(bytes);
      read += bytes.length;
      added = new String(bytes, StandardCharsets.UTF_8);
    }
    int jobs = 0;
    long datoms = 0;
    long millis = 0;
    long longest = 0;
    long segments = 0;
    long bytes = 0;
    Matcher m = JOB.matcher(added);
    while (m.find()) {
      jobs++;
      datoms += Long.parseLong(m.group(1));
      long ms = Long.parseLong(m.group(2));
      millis += ms;
      longest = Math.max(longest, ms);
      segments += Long.parseLong(m.group(3));
      bytes += Long.parseLong(m.group(4));
    }
    int waits = 0;
    for (int at = added.indexOf(WAITED); at >= 0; at = added.indexOf(WAITED, at + 1)) {
      waits++;
    }
    return String.format(Locale.ROOT, "%d index jobs: %.1fM datoms in %.1f s (longest %.1f s), %,d segments, %.0f MB;"
        + " writes waited for indexing %d times", jobs, datoms / 1e6, millis / 1e3, longest / 1e3, segments,
        bytes / 1e6, waits);
  }
}

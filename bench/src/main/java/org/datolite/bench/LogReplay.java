package org.datolite.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.log.LogScan;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.remote.LogPreload;
import org.datolite.transactor.server.TransactorServer;

/**
 * What a long log since the last index job costs the two readers that replay it (issue 14): a
 * transactor taking over (its recovery) and a peer joining (connect to its first query), on
 * PostgreSQL storage, beside the anchor of reading the same blocks one key per round trip (how
 * both read before the batched {@link LogScan}).
 *
 * <p>The log is written straight into storage after the schema transaction: {@code blocks} blocks
 * of one small transaction each (a new entity with one attribute), the shape a busy database
 * leaves between two index jobs. Each measurement opens a fresh reader, so nothing is cached.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.LogReplay [blocks [rounds]]}
 * (default 20,000 blocks, 5 rounds); {@code DATOLITE_BENCH_PG_URL} names the server (default the
 * local one).
 */
public final class LogReplay {
  private static final String SECRET = "log-replay-bench-secret-0123456789";

  private LogReplay() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (ScratchDatabase scratch = new ScratchDatabase("logreplay")) {
      run(scratch.storage(), blocks, rounds);
    }
  }

  private static void run(String storage, int blocks, int rounds) throws Exception {
    KeyValueStore kv = Stores.open(storage);
    TransactorConfig config = TransactorConfig.defaults("bench");
    long t0 = System.nanoTime();
    long first = LogPreload.write(kv, config, "[]", blocks);
    System.out.printf(Locale.ROOT, "LogReplay: %,d log blocks since the last index job written in %.1f s, %s, %d cores%n",
        blocks, (System.nanoTime() - t0) / 1e9, Instant.now(), Runtime.getRuntime().availableProcessors());

    double[] oneByOne = new double[rounds];
    double[] batched = new double[rounds];
    double[] recovery = new double[rounds];
    double[] join = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long a = System.nanoTime();
      int found = 0;
      for (long t = first; t < first + blocks; t++) {
        found += kv.get(LogBlock.key(config.keyPrefix(), t)) != null ? 1 : 0;
      }
      oneByOne[r] = (System.nanoTime() - a) / 1e6;
      long b = System.nanoTime();
      long end = LogScan.read(kv, config.keyPrefix(), first, (key, txs) -> true);
      batched[r] = (System.nanoTime() - b) / 1e6;
      // each transactor that takes over adds its takeover transaction to the log
      if (found != blocks || end < first + blocks) {
        throw new IllegalStateException("read " + found + " blocks one by one and up to t " + end + " in batches;"
            + " expected " + blocks + " and at least " + (first + blocks));
      }
      long c = System.nanoTime();
      try (Transactor t = Transactor.open(kv, new SegmentCache(), config)) {
        recovery[r] = (System.nanoTime() - c) / 1e6;
      }
      try (TransactorServer server = TransactorServer.start(kv, new SegmentCache(), config,
          new TransactorServer.Settings("127.0.0.1", 0, null, SECRET.getBytes(StandardCharsets.UTF_8),
              Duration.ofSeconds(2), null))) {
        if (!server.awaitActive(Duration.ofSeconds(60))) {
          throw new IllegalStateException("the transactor did not become active");
        }
        Properties p = new Properties();
        p.setProperty("secret", SECRET);
        long d = System.nanoTime();
        try (DatoliteConnection conn = Datolite.connect(storage + "&db=bench", p)) {
          Object n = conn.q("[:find (count ?e) . :where [?e :preload/n]]");
          join[r] = (System.nanoTime() - d) / 1e6;
          if (((Number) n).longValue() != blocks) {
            throw new IllegalStateException("the peer sees " + n + " items; expected " + blocks);
          }
        }
      }
      System.out.printf(Locale.ROOT, "  round %d: one key a round trip %.0f ms, batched %.0f ms, transactor recovery"
          + " %.0f ms, peer connect → first query %.0f ms%n", r + 1, oneByOne[r], batched[r], recovery[r], join[r]);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "| %,d log blocks, medians of %d | time | per block |%n", blocks, rounds);
    System.out.println("|---|---|---|");
    row("read one key a round trip (the anchor: replay before)", oneByOne, blocks);
    row("read in batches (LogScan)", batched, blocks);
    row("transactor recovery (takeover replay)", recovery, blocks);
    row("peer connect → first query", join, blocks);
    System.out.printf(Locale.ROOT, "batched ÷ one by one: %.3f×%n", median(batched) / median(oneByOne));
  }

  private static void row(String name, double[] ms, int blocks) {
    double m = median(ms);
    System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.1f µs |%n", name, m, m * 1000 / blocks);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}

package org.datolite.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.IndexTree;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;

/**
 * How much of an index job's cost is where its datoms lie in memory: a bulk load's novelty
 * (lineitem-shaped rows of 17 attributes, a few thousand rows a transaction) written as a new
 * level of each order ({@link IndexTree#build}) from the datoms sorted in that order, once with
 * the datoms and values where the writer made them (row after row: EAVT's sequence) and once
 * with each order's datoms and values copied into that order's sequence. The work is the same;
 * only the addresses differ. Prints the median milliseconds of each order and layout.
 *
 * <p>A collector moves objects in the order it finds them, which blurs the two layouts; run it
 * without one: {@code java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms18g -Xmx18g
 * -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar org.datolite.bench.IndexLayoutCost [transactions] [rows] [reps]}
 * (30 transactions of 5,000 rows, 3 repetitions unless given; about 12 GB allocated).
 */
public final class IndexLayoutCost {
  private static final String[] INSTRUCTIONS = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
  private static final String[] MODES = {"AIR", "MAIL", "RAIL", "SHIP", "TRUCK", "REG AIR", "FOB"};
  private static final long DAY = 86_400L;

  private IndexLayoutCost() {}

  public static void main(String[] args) {
    int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (transactions < 1 || rows < 1 || reps < 1) {
      throw new IllegalArgumentException("transactions, rows and repetitions must be at least 1");
    }
    List<Datom> made = rows(transactions, rows);
    System.out.printf(Locale.ROOT, "%,d datoms (%d transactions of %,d rows), %d repetitions, median ms:%n",
        made.size(), transactions, rows, reps);
    for (Index index : new Index[] {Index.EAVT, Index.AEVT, Index.AVET}) {
      Datom[] asMade = made.toArray(new Datom[0]);
      Arrays.sort(asMade, index.comparator());
      Datom[] inOrder = new Datom[asMade.length];
      for (int i = 0; i < asMade.length; i++) {
        inOrder[i] = copy(asMade[i]); // each datom and its value right after the one before
      }
      long[] madeMs = new long[reps];
      long[] orderMs = new long[reps];
      for (int r = 0; r < reps; r++) {
        madeMs[r] = build(index, asMade);
        orderMs[r] = build(index, inOrder);
      }
      Arrays.sort(madeMs);
      Arrays.sort(orderMs);
      System.out.printf(Locale.ROOT, "%s: as made %d, in the order's sequence %d%n", index, madeMs[reps / 2],
          orderMs[reps / 2]);
    }
  }

  /** Writes a new level from the sorted datoms; milliseconds. */
  private static long build(Index index, Datom[] sorted) {
    NodeStore store = new NodeStore(new MemoryStore("layout"), new SegmentCache(1 << 20), "layout/");
    long started = System.nanoTime();
    IndexTree.build(index, store, TreeConfig.DEFAULT, Arrays.asList(sorted).iterator());
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The datoms of a load's transactions, row after row, as the writer makes them. */
  private static List<Datom> rows(int transactions, int rows) {
    SplittableRandom random = new SplittableRandom(42);
    List<Datom> out = new ArrayList<>(transactions * rows * 17);
    long e = 1L << 42;
    for (int t = 0; t < transactions; t++) {
      long tx = (3L << 42) + t;
      for (int i = 0; i < rows; i++, e++) {
        long ship = 694_224_000L + random.nextInt(2_500) * DAY;
        Object[] values = {Boolean.TRUE, e / 4, (long) random.nextInt(200_000), (long) random.nextInt(10_000), e % 4,
            BigDecimal.valueOf(1 + random.nextInt(50)), BigDecimal.valueOf(random.nextInt(10_000_000), 2),
            BigDecimal.valueOf(random.nextInt(11), 2), BigDecimal.valueOf(random.nextInt(9), 2),
            random.nextBoolean() ? "R" : "N", random.nextBoolean() ? "O" : "F", Instant.ofEpochSecond(ship),
            Instant.ofEpochSecond(ship + random.nextInt(60) * DAY), Instant.ofEpochSecond(ship + random.nextInt(30) * DAY),
            INSTRUCTIONS[random.nextInt(INSTRUCTIONS.length)], MODES[random.nextInt(MODES.length)],
            "comment " + Long.toString(random.nextLong(), 36)};
        for (int a = 0; a < values.length; a++) {
          out.add(Datom.of(e, 100 + a, values[a], tx));
        }
      }
    }
    return out;
  }

  /** A new datom with a new value object of the same type (shared constants stay shared). */
  private static Datom copy(Datom d) {
    Object v = d.v();
    Object copied = v instanceof BigDecimal b ? new BigDecimal(b.unscaledValue(), b.scale())
        : v instanceof Instant t ? Instant.ofEpochSecond(t.getEpochSecond(), t.getNano())
        : v instanceof Long l ? Long.valueOf(l) : v instanceof String s && s.startsWith("comment ") ? new String(s) : v;
    return new Datom(d.e(), d.a(), copied, d.tx(), d.added());
  }
}

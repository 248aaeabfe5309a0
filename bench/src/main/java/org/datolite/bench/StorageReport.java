package org.datolite.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the storage benchmarks in one JVM session and prints them side by side with their
 * anchor, as a Markdown table: the index tree against a {@link java.util.TreeSet} of the same
 * datoms (the in-memory limit), segment codec throughput, and the bytes per datom of each index.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.StorageReport}
 * (about five minutes; add {@code quick} for shorter iterations).
 */
public final class StorageReport {
  private StorageReport() {}

  public static void main(String[] args) throws RunnerException {
    boolean quick = args.length > 0 && args[0].equals("quick");
    Options options = new OptionsBuilder()
        .include(IndexTreeBenchmark.class.getSimpleName())
        .include(SegmentCodecBenchmark.class.getSimpleName())
        .warmupIterations(quick ? 2 : 3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(TimeValue.seconds(1))
        .forks(1)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Map<String, Double>> scores = new TreeMap<>();
    Map<String, String> units = new TreeMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      String klass = r.getParams().getBenchmark().replaceAll("\\.[^.]*$", "").replaceAll(".*\\.", "");
      String variant = r.getParams().getParam("impl") != null ? r.getParams().getParam("impl") : r.getParams().getParam("index");
      scores.computeIfAbsent(klass + "." + method, k -> new TreeMap<>()).put(variant, r.getPrimaryResult().getScore());
      units.put(klass + "." + method, r.getPrimaryResult().getScoreUnit());
    }
    System.out.println();
    System.out.println("| benchmark | tree | tree, uncached | TreeSet (anchor) | tree ÷ anchor |");
    System.out.println("|---|---|---|---|---|");
    for (String name : new String[] {"IndexTreeBenchmark.seek", "IndexTreeBenchmark.scan", "IndexTreeBenchmark.count"}) {
      Map<String, Double> s = scores.get(name);
      if (s == null) {
        continue;
      }
      boolean throughput = units.get(name).contains("/s");
      double tree = s.getOrDefault("tree", Double.NaN);
      double anchor = s.getOrDefault("treeset", Double.NaN);
      double speed = throughput ? tree / anchor : anchor / tree;
      System.out.printf("| %s (%s) | %s | %s | %s | %.2f× the anchor's speed |%n", name.replace("IndexTreeBenchmark.", ""),
          units.get(name), fmt(tree), fmt(s.getOrDefault("tree-uncached", Double.NaN)), fmt(anchor), speed);
    }
    System.out.println();
    System.out.println("| segment codec (datoms/s) | EAVT | AEVT | AVET | VAET |");
    System.out.println("|---|---|---|---|---|");
    for (String name : new String[] {"SegmentCodecBenchmark.encode", "SegmentCodecBenchmark.decode"}) {
      Map<String, Double> s = scores.get(name);
      if (s != null) {
        System.out.printf("| %s | %s | %s | %s | %s |%n", name.replace("SegmentCodecBenchmark.", ""),
            fmt(s.get("EAVT")), fmt(s.get("AEVT")), fmt(s.get("AVET")), fmt(s.get("VAET")));
      }
    }
    System.out.println();
    StorageFootprint.main(new String[0]);
  }

  private static String fmt(Double v) {
    if (v == null || v.isNaN()) {
      return "–";
    }
    return v >= 1e6 ? String.format("%.2fM", v / 1e6) : v >= 1e3 ? String.format("%.1fk", v / 1e3) : String.format("%.1f", v);
  }
}

package org.datolite.testkit;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a seeded random test: a body that draws its inputs from a {@link Random} (usually through
 * {@link Gen}erators), tried many times with a different seed each time.
 *
 * <pre>{@code
 * @Test
 * void compare_isTransitive() {
 *   Seeds.check(200, random -> {
 *     Object a = ValueGen.values().next(random);
 *     ...
 *   });
 * }
 * }</pre>
 *
 * <p>Design. Each run picks a random base seed; try {@code i} runs the body with
 * {@code new Random(seed)}, where the seed is the base seed and {@code i} mixed by SplitMix64.
 * Since every value of a try comes from that one {@link Random}, the try's seed is all it takes
 * to replay it. When the body throws, the failure becomes an {@link AssertionError} that names the
 * seed and the command line that reruns exactly that case, with the original failure as its
 * cause; the remaining tries are skipped. There is no shrinking: a failing case is replayed as it
 * was, and made smaller by hand if needed.
 *
 * <p>System properties (given to Maven with {@code -D}, which passes them to the test JVM):
 * <ul>
 *   <li>{@value #SEED_PROPERTY}: run every check once, with exactly this seed (the one a failure
 *       printed) instead of the random ones;
 *   <li>{@value #TRIES_PROPERTY}: run this many tries in every check instead of the number the
 *       test gives (more for a long soak, fewer for a quick look).
 * </ul>
 */
public final class Seeds {
  /** The system property that replays one seed. */
  public static final String SEED_PROPERTY = "datolite.seed";
  /** The system property that sets the number of tries of every check. */
  public static final String TRIES_PROPERTY = "datolite.tries";

  private Seeds() {}

  /** The body of a seeded test: one try, drawing everything random from {@code random}. */
  @FunctionalInterface
  public interface Trial {
    void run(Random random) throws Exception;
  }

  /**
   * Runs {@code trial} {@code tries} times with fresh seeds, or once with the seed of
   * {@value #SEED_PROPERTY}; a failure is rethrown as an {@link AssertionError} naming the seed.
   * Call it directly from the test method, whose class and name go into the rerun command.
   */
  public static void check(int tries, Trial trial) {
    StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.filter(f -> f.getDeclaringClass() != Seeds.class).findFirst()).orElseThrow();
    String where = caller.getDeclaringClass().getSimpleName() + "#" + caller.getMethodName();
    String seed = System.getProperty(SEED_PROPERTY);
    String triesProperty = System.getProperty(TRIES_PROPERTY);
    Long fixed = seed == null || seed.isBlank() ? null : parse(SEED_PROPERTY, seed);
    int n = triesProperty == null || triesProperty.isBlank() ? tries : (int) parse(TRIES_PROPERTY, triesProperty);
    run(where, module(caller.getDeclaringClass()), n, fixed, ThreadLocalRandom.current().nextLong(), trial);
  }

  /** The seed of try {@code i} of a run with base seed {@code base} (SplitMix64's mixing). */
  static long seedOf(long base, int i) {
    long z = base + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Runs the tries: {@code where} is Class#method, {@code module} the Maven module or null. */
  static void run(String where, String module, int tries, Long fixedSeed, long baseSeed, Trial trial) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1, not " + tries);
    }
    int n = fixedSeed == null ? tries : 1;
    for (int i = 0; i < n; i++) {
      long seed = fixedSeed == null ? seedOf(baseSeed, i) : fixedSeed;
      try {
        trial.run(new Random(seed));
      } catch (Throwable t) {
        String which = fixedSeed == null ? "try " + (i + 1) + " of " + tries : "the seed given by -D" + SEED_PROPERTY;
        throw new AssertionError(where + " failed with seed " + seed + " (" + which + ")."
            + " Rerun exactly this case with -D" + SEED_PROPERTY + "=" + seed + ":\n  mvn -B -q"
            + (module == null ? "" : " -pl " + module + " -am") + " verify -Dtest=" + where
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + SEED_PROPERTY + "=" + seed
            + "\n" + t, t);
      }
    }
  }

  /** The Maven module whose test classes hold {@code c}, or null when they are not in {@code MODULE/target/test-classes}. */
  static String module(Class<?> c) {
    try {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      Path p = source == null ? null : Path.of(source.getLocation().toURI());
      if (p != null && p.endsWith(Path.of("target", "test-classes")) && p.getNameCount() > 2) {
        return p.getParent().getParent().getFileName().toString();
      }
    } catch (RuntimeException | URISyntaxException e) {
      // no module then; the rerun command is still right without -pl
    }
    return null;
  }

  private static long parse(String property, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + property + " must be a number, not '" + value + "'", e);
    }
  }
}

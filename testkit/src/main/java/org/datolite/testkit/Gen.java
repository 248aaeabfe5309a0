package org.datolite.testkit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random values of type {@code T}, for the seeded random tests run by
 * {@link Seeds#check}.
 *
 * <p>Design. A generator is nothing but a function of a {@link Random}: all its randomness comes
 * from that one source, so the seed of the try that made the source reproduces every value the
 * try saw. There is no shrinking and no hidden state; a composite value is best written as a
 * lambda that calls the generators of its parts in order, e.g.
 * {@code r -> new UUID(longs.next(r), longs.next(r))}. The factories below are only those the
 * tests need.
 *
 * <p>Edge cases. The numeric ranges, sizes and lengths pick one of their edges with probability
 * {@value #EDGE_PERCENT}% (a range: its minimum, its maximum, or zero when it holds zero; a list
 * or a string: its least or greatest size), and otherwise a uniform value, so that a few hundred
 * tries meet empty lists and extreme values without each test listing them. Special values such
 * as NaN, -0.0 or the infinities are not implied by a range; a test that wants them says so with
 * {@link #elements} in a {@link #frequency}.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {

  /** The chance, in percent, that a range, size or length picks one of its edges. */
  int EDGE_PERCENT = 12;

  /** The next value, drawn from {@code random} alone. */
  T next(Random random);

  /** The values of this generator passed through {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return r -> f.apply(next(r));
  }

  /** The values of this generator that satisfy {@code accept}; fails after 10,000 rejections in a row. */
  default Gen<T> filter(Predicate<? super T> accept) {
    return r -> {
      for (int i = 0; i < 10_000; i++) {
        T value = next(r);
        if (accept.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException("the filter rejected 10,000 values in a row");
    };
  }

  /** Lists of {@code minSize..maxSize} values of this generator (edges: the least and greatest size). */
  default Gen<List<T>> list(int minSize, int maxSize) {
    Gen<Integer> sizes = sizes(minSize, maxSize);
    return r -> {
      int n = sizes.next(r);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(next(r));
      }
      return out;
    };
  }

  /**
   * Lists of {@code minSize..maxSize} values of this generator, no two equal. Fails when the
   * generator cannot find {@code minSize} distinct values in 100 draws per element.
   */
  default Gen<List<T>> uniqueList(int minSize, int maxSize) {
    Gen<Integer> sizes = sizes(minSize, maxSize);
    return r -> {
      int n = sizes.next(r);
      Set<T> out = new LinkedHashSet<>();
      for (int draws = 0; out.size() < n && draws < 100 * n; draws++) {
        out.add(next(r));
      }
      if (out.size() < minSize) {
        throw new IllegalStateException("found only " + out.size() + " distinct values of " + minSize);
      }
      return new ArrayList<>(out);
    };
  }

  /** Null with probability {@code p}, otherwise a value of this generator. */
  default Gen<T> orNull(double p) {
    return r -> r.nextDouble() < p ? null : next(r);
  }

  /** Always {@code value}. */
  static <T> Gen<T> constant(T value) {
    return r -> value;
  }

  /** One of {@code values}, each as likely. */
  @SafeVarargs
  static <T> Gen<T> elements(T... values) {
    List<T> copy = new ArrayList<>(values.length);
    for (T v : values) { // element by element: handing the array on is what javac's varargs lint flags
      copy.add(v);
    }
    return elements(copy);
  }

  /** One of {@code values}, each as likely. */
  static <T> Gen<T> elements(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to choose from");
    }
    List<? extends T> copy = new ArrayList<>(values);
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** A value of one of {@code gens}, each as likely. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
    for (Gen<? extends T> g : gens) {
      copy.add(g);
    }
    return r -> copy.get(r.nextInt(copy.size())).next(r);
  }

  /** A generator with its weight, for {@link #frequency}. */
  record Weighted<T>(int weight, Gen<? extends T> gen) {
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight " + weight);
      }
      Objects.requireNonNull(gen, "gen");
    }
  }

  /** {@code gen} with weight {@code weight}, for {@link #frequency}. */
  static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** A value of one of the weighted generators, each chosen in proportion to its weight. */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> copy = new ArrayList<>(choices.length);
    for (Weighted<? extends T> w : choices) {
      copy.add(w);
    }
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    return r -> {
      int pick = r.nextInt(total);
      for (Weighted<? extends T> w : copy) {
        pick -= w.weight();
        if (pick < 0) {
          return w.gen().next(r);
        }
      }
      throw new AssertionError("unreachable");
    };
  }

  /** True or false, each as likely. */
  static Gen<Boolean> booleans() {
    return Random::nextBoolean;
  }

  /** Integers in {@code min..max}, both included; edges: min, max, 0. */
  static Gen<Integer> ints(int min, int max) {
    Gen<Long> longs = longs(min, max);
    return r -> (int) (long) longs.next(r);
  }

  /** Longs in {@code min..max}, both included; edges: min, max, 0. */
  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    return r -> {
      if (r.nextInt(100) < EDGE_PERCENT) {
        int edge = r.nextInt(3);
        return edge == 0 ? min : edge == 1 || min > 0 || max < 0 ? max : 0L;
      }
      if (max < Long.MAX_VALUE) {
        return r.nextLong(min, max + 1);
      }
      return min > Long.MIN_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong();
    };
  }

  /** Any long; edges: the least and greatest long, 0. */
  static Gen<Long> longs() {
    return longs(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Doubles in {@code min..max}, uniform and at full precision; edges: min, max, 0.0. */
  static Gen<Double> doubles(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    return r -> {
      if (r.nextInt(100) < EDGE_PERCENT) {
        int edge = r.nextInt(3);
        return edge == 0 ? min : edge == 1 || min > 0 || max < 0 ? max : 0.0;
      }
      return Math.min(max, min + r.nextDouble() * (max - min));
    };
  }

  /** Floats in {@code min..max}, uniform and at full precision; edges: min, max, 0.0f. */
  static Gen<Float> floats(float min, float max) {
    Gen<Double> doubles = doubles(min, max);
    return r -> (float) (double) doubles.next(r);
  }

  /**
   * Big integers in {@code min..max}, both included, with a bit length chosen uniformly (so small
   * numbers are as common as large ones); edges: min, max, 0.
   */
  static Gen<BigInteger> bigIntegers(BigInteger min, BigInteger max) {
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    int bits = Math.max(min.bitLength(), max.bitLength());
    boolean holdsZero = min.signum() <= 0 && max.signum() >= 0;
    return r -> {
      if (r.nextInt(100) < EDGE_PERCENT) {
        int edge = r.nextInt(3);
        return edge == 0 ? min : edge == 1 || !holdsZero ? max : BigInteger.ZERO;
      }
      for (int i = 0; i < 1000; i++) {
        BigInteger v = new BigInteger(r.nextInt(bits + 1), r);
        v = r.nextBoolean() ? v.negate() : v;
        if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
          return v;
        }
      }
      return min; // a narrow range far from zero; its edge will do
    };
  }

  /** Strings of {@code minLength..maxLength} code points of {@code codePoints} (which may be lone surrogates). */
  static Gen<String> strings(Gen<Integer> codePoints, int minLength, int maxLength) {
    Gen<Integer> sizes = sizes(minLength, maxLength);
    return r -> {
      int n = sizes.next(r);
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.appendCodePoint(codePoints.next(r));
      }
      return sb.toString();
    };
  }

  /** Strings of {@code minLength..maxLength} characters of {@code chars}, each as likely. */
  static Gen<String> strings(String chars, int minLength, int maxLength) {
    return strings(elements(chars.codePoints().boxed().toList()), minLength, maxLength);
  }

  /** Byte arrays of {@code minLength..maxLength} random bytes. */
  static Gen<byte[]> bytes(int minLength, int maxLength) {
    Gen<Integer> sizes = sizes(minLength, maxLength);
    return r -> {
      byte[] b = new byte[sizes.next(r)];
      r.nextBytes(b);
      return b;
    };
  }

  /** Sizes in {@code min..max}; edges: min and max (zero only as one of them). */
  private static Gen<Integer> sizes(int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("bad size range " + min + ".." + max);
    }
    return r -> r.nextInt(100) < EDGE_PERCENT
        ? (r.nextBoolean() ? min : max)
        : min + r.nextInt(max - min + 1);
  }
}

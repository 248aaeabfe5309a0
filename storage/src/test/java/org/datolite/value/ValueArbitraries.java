package org.datolite.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of every value type, edge cases included, for property tests. */
public final class ValueArbitraries {
  private ValueArbitraries() {}

  /** Well-formed text: ASCII, Latin, CJK, emoji (surrogate pairs), U+E000..U+FFFF, NUL. */
  public static Arbitrary<String> strings() {
    Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.integers().between('a', 'z')),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x7F)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0x7FF)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x4E20)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1F600, 0x1F64F)));
    Arbitrary<String> text = codePoints.list().ofMaxSize(24)
        .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, text),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1000, 70_000).map("x"::repeat)));
  }

  public static Arbitrary<Long> longs() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(-1000, 1000)),
        net.jqwik.api.Tuple.of(3, Arbitraries.longs()),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)));
  }

  public static Arbitrary<Double> doubles() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.doubles().between(-1e6, 1e6)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.longBitsToDouble(0x7ff8000000000001L))));
  }

  public static Arbitrary<Float> floats() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.floats().between(-1e6f, 1e6f)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE)));
  }

  public static Arbitrary<Instant> instants() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
            .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)))),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH)));
  }

  public static Arbitrary<UUID> uuids() {
    return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
  }

  public static Arbitrary<Keyword> keywords() {
    Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '.', '?', 'é').ofMinLength(1).ofMaxLength(12);
    return Arbitraries.oneOf(
        part.map(n -> Keyword.of(null, n)),
        part.tuple2().map(t -> Keyword.of(t.get1(), t.get2())));
  }

  public static Arbitrary<BigInteger> bigints() {
    return Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40));
  }

  public static Arbitrary<BigDecimal> bigdecs() {
    return bigints().flatMap(u -> Arbitraries.integers().between(-20, 20).map(s -> new BigDecimal(u, s)));
  }

  public static Arbitrary<byte[]> bytes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(100_000, 300_000).map(byte[]::new)));
  }

  public static Arbitrary<URI> uris() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
        .tuple2().map(t -> URI.create("https://" + t.get1() + ".example/" + t.get2() + "?q=1#f"));
  }

  /** Any value except a tuple. */
  public static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        strings(), longs(), doubles(), floats(), Arbitraries.of(true, false), instants(), uuids(),
        keywords(), bigints(), bigdecs(), bytes(), uris());
  }

  /** Tuples of 2..4 scalars or nils. */
  public static Arbitrary<List<Object>> tuples() {
    return Arbitraries.oneOf(scalars(), Arbitraries.just(null)).list().ofMinSize(2).ofMaxSize(4)
        .map(java.util.Collections::unmodifiableList);
  }

  /** Any value of any type. */
  public static Arbitrary<Object> values() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, scalars()),
        net.jqwik.api.Tuple.of(1, tuples().map(t -> (Object) t)));
  }
}

package org.datolite.value;

import static org.datolite.testkit.Gen.weight;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.datolite.testkit.Gen;

/** Generators of every value type, edge cases included, for seeded random tests. */
public final class ValueGen {
  private ValueGen() {}

  /** Well-formed text: ASCII, Latin, CJK, emoji (surrogate pairs), U+E000..U+FFFF, NUL. */
  public static Gen<String> strings() {
    Gen<Integer> codePoints = Gen.frequency(
        weight(6, Gen.ints('a', 'z')),
        weight(2, Gen.ints(0, 0x7F)),
        weight(1, Gen.ints(0x80, 0x7FF)),
        weight(1, Gen.ints(0x4E00, 0x4E20)),
        weight(1, Gen.ints(0xE000, 0xFFFF)),
        weight(1, Gen.ints(0x1F600, 0x1F64F)));
    return Gen.frequency(
        weight(20, Gen.strings(codePoints, 0, 24)),
        weight(1, Gen.constant("")),
        weight(1, Gen.ints(1000, 70_000).map("x"::repeat)));
  }

  public static Gen<Long> longs() {
    return Gen.frequency(
        weight(5, Gen.longs(-1000, 1000)),
        weight(3, Gen.longs()),
        weight(1, Gen.elements(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)));
  }

  public static Gen<Double> doubles() {
    return Gen.frequency(
        weight(5, Gen.doubles(-1e6, 1e6)),
        weight(1, Gen.elements(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.longBitsToDouble(0x7ff8000000000001L))));
  }

  public static Gen<Float> floats() {
    return Gen.frequency(
        weight(5, Gen.floats(-1e6f, 1e6f)),
        weight(1, Gen.elements(Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE)));
  }

  public static Gen<Instant> instants() {
    Gen<Long> seconds = Gen.longs(-10_000_000_000L, 10_000_000_000L);
    Gen<Integer> nanos = Gen.ints(0, 999_999_999);
    return Gen.frequency(
        weight(5, r -> Instant.ofEpochSecond(seconds.next(r), nanos.next(r))),
        weight(1, Gen.elements(Instant.MIN, Instant.MAX, Instant.EPOCH)));
  }

  public static Gen<UUID> uuids() {
    Gen<Long> longs = Gen.longs();
    return r -> new UUID(longs.next(r), longs.next(r));
  }

  public static Gen<Keyword> keywords() {
    Gen<String> part = Gen.strings("abcdefghijklmnopqrstuvwxyz-.?é", 1, 12);
    return Gen.oneOf(
        part.map(n -> Keyword.of(null, n)),
        r -> Keyword.of(part.next(r), part.next(r)));
  }

  public static Gen<BigInteger> bigints() {
    return Gen.bigIntegers(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40));
  }

  public static Gen<BigDecimal> bigdecs() {
    Gen<BigInteger> unscaled = bigints();
    Gen<Integer> scales = Gen.ints(-20, 20);
    return r -> new BigDecimal(unscaled.next(r), scales.next(r));
  }

  public static Gen<byte[]> bytes() {
    return Gen.frequency(
        weight(10, Gen.bytes(0, 40)),
        weight(1, Gen.ints(100_000, 300_000).map(byte[]::new)));
  }

  public static Gen<URI> uris() {
    Gen<String> part = Gen.strings("abcdefghijklmnopqrstuvwxyz", 1, 10);
    return r -> URI.create("https://" + part.next(r) + ".example/" + part.next(r) + "?q=1#f");
  }

  /** Any value except a tuple. */
  public static Gen<Object> scalars() {
    return Gen.oneOf(
        strings(), longs(), doubles(), floats(), Gen.booleans(), instants(), uuids(),
        keywords(), bigints(), bigdecs(), bytes(), uris());
  }

  /** Tuples of 2..4 scalars or nils. */
  public static Gen<List<Object>> tuples() {
    return Gen.oneOf(scalars(), Gen.constant(null)).list(2, 4).map(Collections::unmodifiableList);
  }

  /** Any value of any type. */
  public static Gen<Object> values() {
    return Gen.frequency(
        weight(12, scalars()),
        weight(1, tuples()));
  }
}

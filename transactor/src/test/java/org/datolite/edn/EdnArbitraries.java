package org.datolite.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.datolite.value.Keyword;

/** Generators of EDN forms, every kind of atom and nested collections, for property tests. */
final class EdnArbitraries {
  private static final String FIRST = "abcxyzABCZ.*+!-_?$%&=<>éλЖ😀";
  private static final String REST = FIRST + "0123456789:#";

  private EdnArbitraries() {}

  /** Any form nested up to {@code depth} collections deep. */
  static Arbitrary<Object> forms(int depth) {
    if (depth == 0) {
      return atoms();
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> forms(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(6, atoms()),
        Tuple.of(2, inner.list().ofMaxSize(5).map(FrozenVector::copyOf)),
        Tuple.of(1, inner.list().ofMaxSize(5).map(EdnList::of)),
        Tuple.of(1, Arbitraries.maps(inner, inner).ofMaxSize(4).map(LinkedHashMap::new)),
        Tuple.of(1, inner.set().ofMaxSize(4).map(LinkedHashSet::new)));
  }

  /** Every kind of atom, edge cases included. */
  static Arbitrary<Object> atoms() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        longs(),
        doubles(),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
            .flatMap(u -> Arbitraries.integers().between(-12, 12).map(scale -> new BigDecimal(u, scale))),
        strings(),
        Arbitraries.chars(),
        keywords(),
        symbols(),
        Arbitraries.longs().between(-50_000_000_000L, 250_000_000_000L)
            .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n))),
        Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2())),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
            .map(s -> URI.create("https://" + s + ".example/p?q=" + s + "#f")),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(12));
  }

  static Arbitrary<Long> longs() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(-1000, 1000)),
        Tuple.of(3, Arbitraries.longs()),
        Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)));
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().between(-1e6, 1e6)),
        Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)),
        Tuple.of(1, Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 1e7, 1e-3, 9.999999e-4)));
  }

  /** Any text: controls, quotes, backslashes, non-ASCII, pairs and unpaired surrogates. */
  static Arbitrary<String> strings() {
    Arbitrary<Character> interesting = Arbitraries.of('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u007f',
        ';', '#', '\ud83d', '\ude00', '\u2028', '\ufeff', 'u');
    return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.chars().range('a', 'z')),
            Tuple.of(2, interesting),
            Tuple.of(2, Arbitraries.chars()))
        .list().ofMaxSize(20)
        .map(cs -> {
          StringBuilder sb = new StringBuilder();
          cs.forEach(sb::append);
          return sb.toString();
        });
  }

  private static Arbitrary<String> part() {
    Arbitrary<String> first = Arbitraries.of(FIRST.codePoints().mapToObj(Character::toString).toList());
    Arbitrary<String> rest = Arbitraries.of(REST.codePoints().mapToObj(Character::toString).toList());
    return Arbitraries.oneOf(
            Arbitraries.just("/"),
            first.flatMap(f -> rest.list().ofMaxSize(8).map(r -> f + String.join("", r))))
        .filter(p -> p.equals("/") || Tokens.symbolProblem(null, p) == null);
  }

  static Arbitrary<Keyword> keywords() {
    return Arbitraries.oneOf(
        part().map(n -> Keyword.of(null, n)),
        part().filter(p -> !p.equals("/")).tuple2().map(t -> Keyword.of(t.get1(), t.get2())));
  }

  static Arbitrary<Symbol> symbols() {
    return Arbitraries.oneOf(
        part().filter(p -> !List.of("nil", "true", "false").contains(p)).map(n -> Symbol.of(null, n)),
        part().filter(p -> !p.equals("/")).tuple2().map(t -> Symbol.of(t.get1(), t.get2())));
  }

  /** Text between top-level forms: whitespace, commas, comments and discarded forms. */
  static Arbitrary<String> separators() {
    return Arbitraries.of(" ", "\n", ",", "\t", "\r\n", " ; comment ]}\n", " #_ [1 2] ", " #_:x ", "\u2003")
        .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
  }
}

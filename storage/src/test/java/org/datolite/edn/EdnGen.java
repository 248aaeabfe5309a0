package org.datolite.edn;

import static org.datolite.testkit.Gen.weight;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.datolite.testkit.Gen;
import org.datolite.value.Keyword;

/** Generators of EDN forms, every kind of atom and nested collections, for seeded random tests. */
final class EdnGen {
  private static final String FIRST = "abcxyzABCZ.*+!-_?$%&=<>éλЖ😀";
  private static final String REST = FIRST + "0123456789:#";

  private EdnGen() {}

  /** Any form nested up to {@code depth} collections deep. */
  static Gen<Object> forms(int depth) {
    if (depth == 0) {
      return atoms();
    }
    Gen<Object> inner = forms(depth - 1);
    Gen<List<Object>> keys = inner.uniqueList(0, 4);
    Gen<Object> maps = r -> {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (Object key : keys.next(r)) {
        map.put(key, inner.next(r));
      }
      return map;
    };
    return Gen.frequency(
        weight(6, atoms()),
        weight(2, inner.list(0, 5).map(FrozenVector::copyOf)),
        weight(1, inner.list(0, 5).map(EdnList::of)),
        weight(1, maps),
        weight(1, inner.uniqueList(0, 4).map(LinkedHashSet::new)));
  }

  /** Every kind of atom, edge cases included. */
  static Gen<Object> atoms() {
    Gen<BigInteger> bigints = Gen.bigIntegers(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30));
    Gen<Integer> scales = Gen.ints(-12, 12);
    Gen<Long> seconds = Gen.longs(-50_000_000_000L, 250_000_000_000L);
    Gen<Integer> nanos = Gen.ints(0, 999_999_999);
    Gen<Long> anyLong = Gen.longs();
    Gen<String> host = Gen.strings("abcdefghijklmnopqrstuvwxyz", 1, 8);
    return Gen.oneOf(
        Gen.constant(null),
        Gen.booleans(),
        longs(),
        doubles(),
        bigints,
        r -> new BigDecimal(bigints.next(r), scales.next(r)),
        strings(),
        chars(),
        keywords(),
        symbols(),
        r -> Instant.ofEpochSecond(seconds.next(r), nanos.next(r)),
        r -> new UUID(anyLong.next(r), anyLong.next(r)),
        host.map(s -> URI.create("https://" + s + ".example/p?q=" + s + "#f")),
        Gen.bytes(0, 12));
  }

  /** Any char, surrogates included; edges: U+0000 and U+FFFF. */
  static Gen<Character> chars() {
    return Gen.ints(Character.MIN_VALUE, Character.MAX_VALUE).map(c -> (char) (int) c);
  }

  static Gen<Long> longs() {
    return Gen.frequency(
        weight(4, Gen.longs(-1000, 1000)),
        weight(3, Gen.longs()),
        weight(1, Gen.elements(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)));
  }

  static Gen<Double> doubles() {
    return Gen.frequency(
        weight(4, Gen.doubles(-1e6, 1e6)),
        weight(2, Gen.longs().map(Double::longBitsToDouble)),
        weight(1, Gen.elements(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 1e7, 1e-3, 9.999999e-4)));
  }

  /** Any text: controls, quotes, backslashes, non-ASCII, pairs and unpaired surrogates. */
  static Gen<String> strings() {
    Gen<Integer> interesting = Gen.elements((int) '"', (int) '\\', (int) '\n', (int) '\r', (int) '\t', (int) '\b',
        (int) '\f', 0x0000, 0x007f, (int) ';', (int) '#', 0xd83d, 0xde00, 0x2028, 0xfeff, (int) 'u');
    Gen<Integer> chars = Gen.frequency(
        weight(3, Gen.ints('a', 'z')),
        weight(2, interesting),
        weight(2, Gen.ints(Character.MIN_VALUE, Character.MAX_VALUE)));
    return Gen.strings(chars, 0, 20); // chars, not code points: each value is one UTF-16 unit
  }

  private static Gen<String> part() {
    Gen<String> first = Gen.elements(FIRST.codePoints().mapToObj(Character::toString).toList());
    Gen<List<String>> rest = Gen.elements(REST.codePoints().mapToObj(Character::toString).toList()).list(0, 8);
    return Gen.oneOf(
            Gen.constant("/"),
            r -> first.next(r) + String.join("", rest.next(r)))
        .filter(p -> p.equals("/") || Tokens.symbolProblem(null, p) == null);
  }

  static Gen<Keyword> keywords() {
    Gen<String> qualifiedPart = part().filter(p -> !p.equals("/"));
    return Gen.oneOf(
        part().map(n -> Keyword.of(null, n)),
        r -> Keyword.of(qualifiedPart.next(r), qualifiedPart.next(r)));
  }

  static Gen<Symbol> symbols() {
    Gen<String> qualifiedPart = part().filter(p -> !p.equals("/"));
    return Gen.oneOf(
        part().filter(p -> !List.of("nil", "true", "false").contains(p)).map(n -> Symbol.of(null, n)),
        r -> Symbol.of(qualifiedPart.next(r), qualifiedPart.next(r)));
  }

  /** Text between top-level forms: whitespace, commas, comments and discarded forms. */
  static Gen<String> separators() {
    return Gen.elements(" ", "\n", ",", "\t", "\r\n", " ; comment ]}\n", " #_ [1 2] ", " #_:x ", "\u2003")
        .list(1, 3).map(l -> String.join("", l));
  }
}

package org.datolite.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

class ValuesTest {

  /**
   * {@code n} values, each a twin of an earlier one (equal, but a separate instance) one time in
   * eight, so that ties and the hash of equal values are checked too.
   */
  private static <T> List<T> draw(Gen<T> gen, Random random, int n) {
    List<Long> seeds = new ArrayList<>();
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long seed = i > 0 && random.nextInt(8) == 0 ? seeds.get(random.nextInt(i)) : random.nextLong();
      seeds.add(seed);
      out.add(gen.next(new Random(seed)));
    }
    return out;
  }

  @Test
  void compare_isAntisymmetricAndAgreesWithEquals() {
    Gen<Object> values = ValueGen.values();
    Seeds.check(200, random -> {
      List<Object> ab = draw(values, random, 2);
      Object a = ab.get(0);
      Object b = ab.get(1);
      int sab = Integer.signum(Values.compare(a, b));
      int sba = Integer.signum(Values.compare(b, a));
      assertEquals(-sab, sba);
      assertEquals(sab == 0, Values.equals(a, b));
      if (sab == 0) {
        assertEquals(Values.hash(a), Values.hash(b));
      }
      assertEquals(0, Values.compare(a, a));
    });
  }

  @Test
  void compare_isTransitive() {
    Gen<Object> values = ValueGen.values();
    Seeds.check(200, random -> {
      List<Object> sorted = new ArrayList<>(draw(values, random, 3));
      sorted.sort(Values::compare);
      assertTrue(Values.compare(sorted.get(0), sorted.get(1)) <= 0);
      assertTrue(Values.compare(sorted.get(1), sorted.get(2)) <= 0);
      assertTrue(Values.compare(sorted.get(0), sorted.get(2)) <= 0);
    });
  }

  @Test
  void compareStrings_isCodePointOrder() {
    Gen<String> strings = ValueGen.strings();
    Seeds.check(200, random -> {
      List<String> ab = draw(strings, random, 2);
      String a = ab.get(0);
      String b = ab.get(1);
      int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
      assertEquals(expected, Integer.signum(Values.compareStrings(a, b)));
      byte[] ua = a.getBytes(StandardCharsets.UTF_8);
      byte[] ub = b.getBytes(StandardCharsets.UTF_8);
      assertEquals(expected, Integer.signum(Arrays.compareUnsigned(ua, ub)), "UTF-8 byte order");
    });
  }

  @Test
  void compare_typesOrderByTag() {
    List<Object> ascending = List.of(
        false, Long.MIN_VALUE, BigInteger.ONE, 1.0f, -1.0, BigDecimal.ONE, Instant.EPOCH,
        new UUID(0, 0), "", Keyword.of("a"), URI.create("a:b"), new byte[0], List.of(1L, 2L));
    for (int i = 0; i + 1 < ascending.size(); i++) {
      assertTrue(Values.compare(ascending.get(i), ascending.get(i + 1)) < 0,
          ascending.get(i) + " < " + ascending.get(i + 1));
    }
    assertTrue(Values.compare(Values.MIN, false) < 0);
    assertTrue(Values.compare(List.of(1L), Values.MAX) < 0);
    assertTrue(Values.compare(Values.MIN, Values.MAX) < 0);
  }

  @Test
  void compare_floatingPointEdges() {
    assertTrue(Values.compare(-0.0, 0.0) < 0);
    assertFalse(Values.equals(-0.0, 0.0));
    assertEquals(0, Values.compare(Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L)));
    assertTrue(Values.compare(Double.POSITIVE_INFINITY, Double.NaN) < 0);
    assertTrue(Values.compare(-0.0f, 0.0f) < 0);
    assertTrue(Values.compare(Float.MAX_VALUE, Float.NaN) < 0);
  }

  @Test
  void compare_bigdecOrdersByValueThenScale() {
    assertTrue(Values.compare(new BigDecimal("1.0"), new BigDecimal("1.00")) < 0);
    assertTrue(Values.compare(new BigDecimal("1.00"), new BigDecimal("1.1")) < 0);
    assertFalse(Values.equals(new BigDecimal("1.0"), new BigDecimal("1.00")));
  }

  @Test
  void compare_uuidIsUnsigned() {
    UUID small = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID big = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
    assertTrue(Values.compare(small, big) < 0);
    assertTrue(small.compareTo(big) > 0, "Java's own order is signed, which is why we do not use it");
  }

  @Test
  void compare_supplementaryCharactersSortAfterBmp() {
    String emoji = new String(Character.toChars(0x1F600));
    String privateUse = "\uE000";
    assertTrue(Values.compareStrings(privateUse, emoji) < 0);
    assertTrue(privateUse.compareTo(emoji) > 0, "String.compareTo orders UTF-16 units");
  }

  @Test
  void compare_bytesAndTuples() {
    assertTrue(Values.compare(new byte[] {1}, new byte[] {1, 0}) < 0);
    assertTrue(Values.compare(new byte[] {(byte) 0x7F}, new byte[] {(byte) 0x80}) < 0);
    assertTrue(Values.equals(new byte[] {1, 2}, new byte[] {1, 2}));
    assertEquals(Values.hash(new byte[] {1, 2}), Values.hash(new byte[] {1, 2}));
    assertTrue(Values.compare(Arrays.asList(null, 1L), Arrays.asList(0L, 1L)) < 0);
    assertTrue(Values.compare(List.of(1L), List.of(1L, 0L)) < 0);
    assertTrue(Values.equals(List.of(new byte[] {3}), List.of(new byte[] {3})));
  }

  @Test
  void validate_rejectsWhatCannotBeStored() {
    assertThrows(IllegalArgumentException.class, () -> Values.validate(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.validate(42));
    assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Values.validate("ab\uD800c"));
    assertTrue(e.getMessage().contains("unpaired surrogate U+D800 at index 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Values.validate(List.of("ok", "\uDC00")));
    assertThrows(IllegalArgumentException.class, () -> Values.validate(List.of(new Object())));
    assertEquals(ValueType.TUPLE, Values.validate(Arrays.asList(null, "x")));
    assertEquals(ValueType.STRING, Values.validate("emoji \uD83D\uDE00 ok"));
  }
}

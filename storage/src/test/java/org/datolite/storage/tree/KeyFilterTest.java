package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.testkit.Seeds;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** The AVET segments' Bloom filters: no false negatives, few false positives, stable bytes. */
class KeyFilterTest {

  @Test
  void storedPairsAreAlwaysFound_andAbsentOnesRarelyPass() {
    Seeds.check(5, random -> {
      List<Datom> datoms = new ArrayList<>();
      for (int i = 0; i < 4096; i++) {
        datoms.add(Datom.of(i, 10 + random.nextInt(3), value(random), 1000));
      }
      datoms.sort(Index.AVET.comparator());
      KeyFilter filter = KeyFilter.fromBytes(KeyFilter.of(Index.AVET, datoms.toArray(new Datom[0])).toBytes());
      for (Datom d : datoms) {
        assertTrue(filter.mayContain(KeyFilter.key(Index.AVET, Index.AVET.lowerBound(d.a(), d.v()))), d.toString());
      }
      int passed = 0;
      for (int i = 0; i < 100_000; i++) {
        passed += filter.mayContain(KeyFilter.key(Index.AVET, Index.AVET.lowerBound(10L, new UUID(random.nextLong(),
            random.nextLong())))) ? 1 : 0;
      }
      assertTrue(passed < 200, passed + " of 100,000 absent pairs passed the filter");
    });
  }

  /** A filter has room for the distinct pairs, not for every datom: repeated values are counted once. */
  @Test
  void filterSize_followsDistinctPairs() {
    Seeds.check(5, random -> {
      List<Datom> datoms = new ArrayList<>();
      String[] flags = {"A", "N", "R"};
      for (int i = 0; i < 4096; i++) {
        datoms.add(Datom.of(i, 10, flags[random.nextInt(3)], 1000));
        datoms.add(Datom.of(i, 11, (long) random.nextInt(5), 1000));
        datoms.add(Datom.of(i, 12, new String(flags[random.nextInt(3)]), 1000)); // equal, not identical
      }
      datoms.sort(Index.AVET.comparator());
      KeyFilter filter = KeyFilter.of(Index.AVET, datoms.toArray(new Datom[0]));
      assertEquals(1 + (11 * 16 + 63) / 64 * 8, filter.sizeBytes(), "11 distinct pairs");
      for (Datom d : datoms) {
        assertTrue(filter.mayContain(KeyFilter.key(Index.AVET, Index.AVET.lowerBound(d.a(), d.v()))), d.toString());
      }
    });
  }

  /**
   * Values of different types may share a hash ("" and 1L do): a string after a value of another
   * type is its own pair, however equal their keys (the filter's room follows the pairs).
   */
  @Test
  void filterSize_aStringAfterAnotherTypeWithTheSameHash_isItsOwnPair() {
    assertEquals(KeyFilter.valueHash(""), KeyFilter.valueHash(1L), "the collision this test relies on");
    Datom[] datoms = {Datom.of(1, 10, 1L, 1000), Datom.of(2, 10, "", 1000), Datom.of(3, 10, "a", 1000),
        Datom.of(4, 10, "b", 1000), Datom.of(5, 10, "c", 1000)};
    Arrays.sort(datoms, Index.AVET.comparator());
    assertEquals(1L, datoms[0].v());
    assertEquals("", datoms[1].v());
    assertEquals(1 + (5 * 16 + 63) / 64 * 8, KeyFilter.of(Index.AVET, datoms).sizeBytes(), "5 distinct pairs");
  }

  private static Object value(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextLong();
      case 1 -> "s" + random.nextInt(1_000_000);
      case 2 -> new UUID(random.nextLong(), random.nextLong());
      case 3 -> Keyword.of("k", "v" + random.nextInt(1000));
      case 4 -> Instant.ofEpochMilli(random.nextLong() >>> 20);
      default -> BigDecimal.valueOf(random.nextLong(), random.nextInt(5));
    };
  }

  /** The hash is part of the stored format: these values must keep these hashes across JVMs and builds. */
  @Test
  void valueHashes_ofDecimalsAreTheBigIntegerBytesHash() {
    // decimals of up to 18 digits hash their unscaled value from a long: the hash must not move
    Seeds.check(500, random -> {
      long unscaled = random.nextBoolean() ? random.nextLong() >> random.nextInt(64)
          : (random.nextBoolean() ? 1 : -1) * (999_999_999_999_999_999L - random.nextInt(1000));
      BigDecimal d = BigDecimal.valueOf(unscaled, random.nextInt(40) - 20);
      long h = 8;
      for (byte x : d.unscaledValue().toByteArray()) {
        h = h * 0x100000001B3L + (x & 0xFF);
      }
      assertEquals(mix(mix(h) + d.scale()), KeyFilter.valueHash(d), d.toString());
    });
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  @Test
  void valueHashes_areStable() {
    assertEquals(KeyFilter.valueHash("abc"), KeyFilter.valueHash(new String("abc")));
    assertEquals(-5164808727101959010L, KeyFilter.valueHash("abc"));
    assertEquals(-9148929187392628276L, KeyFilter.valueHash(42L));
    assertEquals(KeyFilter.valueHash(new UUID(1, 2)), KeyFilter.valueHash(UUID.fromString("00000000-0000-0001-0000-000000000002")));
    assertTrue(KeyFilter.valueHash(new BigDecimal("1.0")) != KeyFilter.valueHash(new BigDecimal("1.00")),
        "bigdecs of different scales are different values");
  }

  @Test
  void malformedFilterBytes_areRejected() {
    assertThrows(MalformedInputException.class, () -> KeyFilter.fromBytes(new byte[0]));
    assertThrows(MalformedInputException.class, () -> KeyFilter.fromBytes(new byte[10]));
    byte[] noProbes = new byte[9];
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> KeyFilter.fromBytes(noProbes));
    assertTrue(e.getMessage().contains("0 probes"), e.getMessage());
  }
}

package org.datolite.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.datolite.value.ValueGen;
import org.junit.jupiter.api.Test;

class SegmentCodecTest {

  /** Datoms over few entities and attributes, so that rows share prefixes as in real indexes. */
  private static Gen<List<Datom>> datomSets() {
    Gen<Long> e = Gen.longs(1, 40);
    Gen<Long> a = Gen.longs(10, 14);
    Gen<Object> v = ValueGen.values();
    Gen<Long> tx = Gen.longs(1000, 1100);
    Gen<Datom> datom = r -> new Datom(e.next(r), a.next(r), v.next(r), tx.next(r), r.nextBoolean());
    return datom.list(1, 300);
  }

  static Datom[] sorted(Index index, List<Datom> datoms) {
    TreeSet<Datom> set = new TreeSet<>(index.comparator());
    set.addAll(datoms);
    return set.toArray(new Datom[0]);
  }

  @Test
  void encode_roundTripsInEveryIndex() {
    Gen<List<Datom>> datomSets = datomSets();
    Seeds.check(200, random -> {
      List<Datom> datoms = datomSets.next(random);
      for (Index index : Index.values()) {
        Datom[] run = sorted(index, datoms);
        byte[] bytes = SegmentCodec.encode(index, run, 0, run.length);
        SegmentCodec.Decoded back = SegmentCodec.decode(bytes, "seg/test");
        assertEquals(index, back.index());
        assertArrayEquals(run, back.datoms(), "index " + index);
      }
    });
  }

  /**
   * Columns of few values (as a flag or a status in AEVT and AVET): a decoded value equal to the
   * one before it is that object again, of every type but byte arrays, and every value keeps its
   * exact type and form (a decimal's scale, an instant's nanoseconds).
   */
  @Test
  void decode_sharesAValueEqualToTheOneBefore_andKeepsEachExactly() {
    Object[][] columns = {
        {"R", "N"},
        {5L, 7L},
        {new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("0.05")},
        {Instant.ofEpochSecond(700_000_000L, 5), Instant.ofEpochSecond(700_000_000L, 6), Instant.ofEpochSecond(700_000_001L)},
        {UUID.fromString("00000000-0000-0000-0000-000000000001")},
        {2.5d, -0.0d, 0.0d},
        {new byte[] {1, 2}, new byte[] {1, 2, 3}},
        {List.of("t", new byte[] {4}), List.of("t", new byte[] {5})},
    };
    Random random = new Random(5);
    List<Datom> datoms = new ArrayList<>();
    for (long e = 1; e <= 200; e++) {
      for (int c = 0; c < columns.length; c++) {
        Object[] values = columns[c];
        datoms.add(Datom.of(e, 10 + c, values[random.nextInt(values.length)], 1000));
      }
    }
    for (Index index : new Index[] {Index.AEVT, Index.AVET}) {
      Datom[] run = sorted(index, datoms);
      Datom[] back = SegmentCodec.decode(SegmentCodec.encode(index, run, 0, run.length), "seg/test").datoms();
      assertArrayEquals(run, back, "index " + index);
      int shared = 0;
      for (int i = 0; i < run.length; i++) {
        Object v = back[i].v();
        if (!(v instanceof List)) { // tuples decode as some unmodifiable list
          assertEquals(run[i].v().getClass(), v.getClass());
        }
        assertEquals(describe(run[i].v()), describe(v), "row " + i + " of " + index);
        if (i > 0 && back[i - 1].a() == back[i].a() && back[i - 1].v() == v) {
          shared++;
          assertTrue(!(v instanceof byte[]) && !(v instanceof List), "a byte array or tuple shared at row " + i);
        }
      }
      // AVET groups each column's equal values; in AEVT a value repeats its predecessor by chance
      int least = index == Index.AVET ? run.length * 3 / 5 : run.length / 4;
      assertTrue(shared > least, shared + " of " + run.length + " values shared in " + index);
    }
  }

  /**
   * A value that is the previous datom's value object (shared by a decoded segment, or a column of
   * few values read from a request) is written as the same bytes as an equal value of its own.
   */
  @Test
  void encode_aSharedValueObject_writesWhatAnEqualOneWrites() {
    Seeds.check(100, random -> {
      Object[] pool = {"R", "café", new BigDecimal("0.05"), new BigDecimal("0.050"), 7L,
          Instant.ofEpochSecond(5, 6), new byte[] {1, 2}, List.of("t", 1L), UUID.fromString("00000000-0000-0000-0000-000000000001")};
      List<Datom> shared = new ArrayList<>();
      List<Datom> copies = new ArrayList<>();
      int n = 1 + random.nextInt(200);
      for (int i = 0; i < n; i++) {
        Object v = pool[random.nextInt(pool.length)];
        long a = 10 + random.nextInt(2);
        shared.add(new Datom(i, a, v, 1000, true));
        copies.add(new Datom(i, a, copy(v), 1000, true));
      }
      for (Index index : new Index[] {Index.EAVT, Index.AEVT, Index.AVET}) {
        Datom[] a = sorted(index, shared);
        Datom[] b = sorted(index, copies);
        assertArrayEquals(SegmentCodec.encode(index, b, 0, b.length), SegmentCodec.encode(index, a, 0, a.length),
            "index " + index);
      }
    });
  }

  /** An equal value that is another object. */
  private static Object copy(Object v) {
    if (v instanceof String s) {
      return new String(s.toCharArray());
    }
    if (v instanceof BigDecimal d) {
      return new BigDecimal(d.unscaledValue(), d.scale());
    }
    if (v instanceof Long x) {
      return Long.valueOf(x.toString());
    }
    if (v instanceof Instant t) {
      return Instant.ofEpochSecond(t.getEpochSecond(), t.getNano());
    }
    if (v instanceof byte[] b) {
      return b.clone();
    }
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return UUID.fromString(v.toString());
  }

  /** A value as text, byte arrays (also inside tuples) by content. */
  private static String describe(Object v) {
    if (v instanceof byte[] b) {
      return Arrays.toString(b);
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        out.add(describe(o));
      }
      return out.toString();
    }
    return v.toString();
  }

  @Test
  void encode_rejectsAStringThatUtf8CannotCarry() {
    // ASCII strings are written without a check (they are well-formed); the others are checked
    Datom[] fine = {Datom.of(1, 10, "plain", 100), Datom.of(1, 11, "café \uD83D\uDE00", 100)};
    byte[] bytes = SegmentCodec.encode(Index.EAVT, fine, 0, fine.length);
    assertArrayEquals(fine, SegmentCodec.decode(bytes, "seg/fine").datoms());
    Datom[] lone = {Datom.of(1, 10, "plain", 100), Datom.of(1, 11, "half \uD83D pair", 100)};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SegmentCodec.encode(Index.EAVT, lone, 0, lone.length));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
  }

  @Test
  void encode_sortedLongsAndStringsCompressWell() {
    List<Datom> datoms = new ArrayList<>();
    for (long e = 0; e < 4000; e++) {
      datoms.add(Datom.of(1_000_000 + e, 10, "user-" + e + "@example.com", 5000 + e / 10));
      datoms.add(Datom.of(1_000_000 + e, 11, 1_000_000_000L + e * 3, 5000 + e / 10));
      datoms.add(Datom.of(1_000_000 + e, 12, Instant.ofEpochSecond(1_700_000_000L + e * 60), 5000 + e / 10));
    }
    for (Index index : new Index[] {Index.EAVT, Index.AEVT, Index.AVET}) {
      Datom[] run = sorted(index, datoms);
      byte[] bytes = SegmentCodec.encode(index, run, 0, run.length);
      double perDatom = (double) bytes.length / run.length;
      assertTrue(perDatom < 8, index + " took " + perDatom + " bytes per datom");
      assertArrayEquals(run, SegmentCodec.decode(bytes, "k").datoms());
    }
  }

  @Test
  void encode_rejectsEmptyRuns() {
    // the order of a run is checked by the tree writer, which cuts every segment (IndexTreeTest)
    Datom[] run = {Datom.of(1, 10, 1L, 1), Datom.of(2, 10, 1L, 1)};
    assertThrows(IllegalArgumentException.class, () -> SegmentCodec.encode(Index.EAVT, run, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> SegmentCodec.encode(Index.EAVT, run, 1, 0));
  }

  @Test
  void decode_everyFlippedByteIsDetected() {
    List<Datom> datoms = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      datoms.add(Datom.of(100 + i / 3, 10 + i % 3, i % 2 == 0 ? "name " + i : (Object) (long) i, 7));
    }
    Datom[] run = sorted(Index.EAVT, datoms);
    byte[] good = SegmentCodec.encode(Index.EAVT, run, 0, run.length);
    for (int pos = 0; pos < good.length; pos++) {
      for (int bit : new int[] {0, 3, 7}) {
        byte[] bad = good.clone();
        bad[pos] ^= (byte) (1 << bit);
        int at = pos;
        StorageException e = assertThrows(StorageException.class, () -> SegmentCodec.decode(bad, "db/seg/x"),
            () -> "flip at byte " + at + " went unnoticed");
        assertTrue(e.code() == StorageErrorCode.SEGMENT_CORRUPT || e.code() == StorageErrorCode.UNSUPPORTED_FORMAT,
            e.getMessage());
        assertTrue(e.getMessage().contains("db/seg/x"), e.getMessage());
      }
    }
  }

  @Test
  void decode_truncatedOrForeignBytesAreRejected() {
    Datom[] run = {Datom.of(1, 10, "a", 1), Datom.of(2, 10, "b", 1)};
    byte[] good = SegmentCodec.encode(Index.AEVT, run, 0, 2);
    for (int n = 0; n < good.length; n++) {
      byte[] cut = Arrays.copyOf(good, n);
      StorageException e = assertThrows(StorageException.class, () -> SegmentCodec.decode(cut, "k"));
      assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    }
    byte[] random = new byte[500];
    new Random(1).nextBytes(random);
    StorageException e = assertThrows(StorageException.class, () -> SegmentCodec.decode(random, "k"));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void decode_futureVersionIsUnsupportedNotCorrupt() {
    Datom[] run = {Datom.of(1, 10, "a", 1)};
    byte[] bytes = SegmentCodec.encode(Index.EAVT, run, 0, 1);
    bytes[4] = 9;
    // Re-seal the checksum so that only the version differs.
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 16);
    crc.update(bytes, Frame.HEADER_SIZE, bytes.length - Frame.HEADER_SIZE);
    int c = (int) crc.getValue();
    bytes[16] = (byte) (c >>> 24);
    bytes[17] = (byte) (c >>> 16);
    bytes[18] = (byte) (c >>> 8);
    bytes[19] = (byte) c;
    StorageException e = assertThrows(StorageException.class, () -> SegmentCodec.decode(bytes, "k"));
    assertEquals(StorageErrorCode.UNSUPPORTED_FORMAT, e.code());
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());
  }
}

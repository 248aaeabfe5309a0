package org.datolite.edn;

import static org.datolite.edn.EdnAssert.normalize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** {@link EdnBinary} reads back what the text printer and reader would, and refuses bad bytes. */
class EdnBinaryTest {

  private static Object roundTrip(Object form) {
    byte[] bytes = EdnBinary.write(form);
    return EdnBinary.read(bytes, 0, bytes.length);
  }

  @Test
  void write_thenRead_isWhatTheTextRoundTripGives() {
    Gen<Object> forms = EdnGen.forms(4);
    Seeds.check(1000, random -> {
      Object form = forms.next(random);
      Object viaText = Edn.read(Edn.write(form));
      Object viaBinary = roundTrip(form);
      assertEquals(normalize(viaText), normalize(viaBinary), Edn.describe(form));
      assertEquals(Edn.write(viaText), Edn.write(viaBinary)); // the same Java types: 1 and 1N, 1.0 and 1.0M differ
    });
  }

  @Test
  void write_thenRead_keepsTheTypeOfAtoms() {
    Gen<Object> atoms = EdnGen.atoms();
    Seeds.check(1000, random -> {
      Object atom = atoms.next(random);
      Object viaText = Edn.read(Edn.write(atom));
      Object back = roundTrip(atom);
      assertEquals(viaText == null ? null : viaText.getClass(), back == null ? null : back.getClass());
      assertEquals(normalize(viaText), normalize(back));
    });
  }

  @Test
  void write_normalizesAsThePrinterDoes() {
    assertEquals(List.of(1L, 2L, 3L, 0.1, 1.5), roundTrip(List.of(1, (short) 2, (byte) 3, 0.1f, 1.5f)));
    assertEquals(Double.NaN, roundTrip(Float.NaN));
    assertEquals(Set.of(Keyword.of("a")), roundTrip(new LinkedHashSet<>(List.of(Keyword.of("a")))));
    assertEquals(EdnList.of(1L, "x"), roundTrip(EdnList.of(1, "x")));
    assertEquals(new BigDecimal("12345678901234567890123.45"), roundTrip(new BigDecimal("12345678901234567890123.45")));
    assertEquals(new BigDecimal("-1.50"), roundTrip(new BigDecimal("-1.50")));
    assertEquals(BigInteger.ONE, roundTrip(BigInteger.ONE));
    assertEquals("\ud800 lone", roundTrip("\ud800 lone")); // as text keeps it: the transactor judges it
  }

  @Test
  void write_keepsMapOrder_andNumbersRepeatedKeywords() {
    Map<Object, Object> row = new LinkedHashMap<>();
    row.put(Keyword.of("t", "b"), 1L);
    row.put(Keyword.of("t", "a"), 2L);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(row);
    }
    Object back = roundTrip(rows);
    assertEquals(rows, back);
    assertEquals(List.of(Keyword.of("t", "b"), Keyword.of("t", "a")),
        new ArrayList<>(((Map<?, ?>) ((List<?>) back).get(99)).keySet()));
    // after the first row a key is two bytes (tag, number) and each value two
    assertTrue(EdnBinary.write(rows).length < 20 + 100 * 10, "bytes: " + EdnBinary.write(rows).length);
  }

  @Test
  void write_refusesWhatThePrinterRefuses() {
    for (Object bad : List.of(new Object(), List.of(new StringBuilder("x")), Keyword.of(null, "1a"))) {
      IllegalArgumentException binary = assertThrows(IllegalArgumentException.class, () -> EdnBinary.write(bad));
      assertThrows(IllegalArgumentException.class, () -> Edn.write(bad), binary.getMessage());
    }
    List<Object> deep = new ArrayList<>();
    List<Object> at = deep;
    for (int i = 0; i < EdnReader.MAX_DEPTH_LIMIT + 1; i++) {
      List<Object> inner = new ArrayList<>();
      at.add(inner);
      at = inner;
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EdnBinary.write(deep)).getMessage()
        .contains("nests deeper than"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EdnBinary.write(BigInteger.TEN.pow(1100)))
        .getMessage().contains("longer than EDN readers take"));
  }

  @Test
  void read_nestingLimit_isTheTextReaders() {
    for (int depth : new int[] {EdnReader.DEFAULT_MAX_DEPTH - 1, EdnReader.DEFAULT_MAX_DEPTH,
        EdnReader.DEFAULT_MAX_DEPTH + 1}) {
      Object nested = 1L;
      for (int i = 0; i < depth; i++) {
        nested = List.of(nested);
      }
      Object form = nested;
      String text = Edn.write(form);
      byte[] bytes = EdnBinary.write(form);
      boolean textReads = readsWithout(() -> Edn.read(text));
      boolean binaryReads = readsWithout(() -> EdnBinary.read(bytes, 0, bytes.length));
      assertEquals(textReads, binaryReads, depth + " nested vectors");
      assertEquals(depth <= EdnReader.DEFAULT_MAX_DEPTH, binaryReads, depth + " nested vectors");
    }
  }

  private static boolean readsWithout(Runnable read) {
    try {
      read.run();
      return true;
    } catch (EdnException | MalformedInputException e) {
      return false;
    }
  }

  @Test
  void read_everyTruncation_failsAsMalformed() {
    Gen<Object> forms = EdnGen.forms(3);
    Seeds.check(300, random -> {
      byte[] bytes = EdnBinary.write(forms.next(random));
      for (int cut = 0; cut < bytes.length; cut++) {
        int n = cut;
        assertThrows(MalformedInputException.class, () -> EdnBinary.read(bytes, 0, n), "cut at " + n);
      }
    });
  }

  @Test
  void read_corruptedBytes_decodeOrFailWithAnExpectedException() {
    Gen<Object> forms = EdnGen.forms(3);
    Seeds.check(1000, random -> {
      byte[] bytes = EdnBinary.write(forms.next(random));
      SplittableRandom r = new SplittableRandom(random.nextLong());
      for (int flips = 1 + r.nextInt(3); flips > 0; flips--) {
        bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
      }
      try {
        EdnBinary.read(bytes, 0, bytes.length);
      } catch (MalformedInputException | EdnException expected) {
        assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
      }
    });
  }

  @Test
  void read_namesWhatIsWrong() {
    assertMalformed(new byte[] {99}, "unknown form tag 99 at offset 0");
    assertMalformed(new byte[] {EdnBinary.NIL, EdnBinary.NIL}, "1 bytes after the form");
    assertMalformed(new byte[] {EdnBinary.KEYWORD_AGAIN, 0}, "keyword number 0");
    assertMalformed(new byte[] {EdnBinary.VECTOR, 100, EdnBinary.NIL}, "collection of 100 elements");
    assertMalformed(new byte[] {EdnBinary.STRING, 2 * 2, (byte) 0xC3, (byte) 0x28}, "is not UTF-8");
    assertMalformed(new byte[] {EdnBinary.STRING, 2 * 5, 'a'}, "string of 5 bytes");
    assertMalformed(new byte[] {EdnBinary.KEYWORD, 0, 2 * 2, '1', 'a'}, "bad keyword");
    assertMalformed(new byte[] {EdnBinary.SYMBOL, 0, 2 * 3, 'n', 'i', 'l'}, "bad symbol");
    assertMalformed(new byte[] {EdnBinary.KEYWORD, 2, 2, 'a'}, "namespace flag 2");
    assertMalformed(new byte[] {EdnBinary.BIG_INTEGER, 0}, "number of 0 bytes");
    ByteWriter longNumber = new ByteWriter().writeByte(EdnBinary.BIG_INTEGER).writeVarInt(EdnBinary.MAX_NUMBER_BYTES + 1);
    longNumber.writeBytes(new byte[EdnBinary.MAX_NUMBER_BYTES + 1]);
    assertMalformed(longNumber.toByteArray(), "number of 417 bytes");
    ByteWriter nanos = new ByteWriter().writeByte(EdnBinary.INSTANT).writeZigZag(0).writeVarLong(1_000_000_000L);
    assertMalformed(nanos.toByteArray(), "1000000000 nanoseconds");
    ByteWriter seconds = new ByteWriter().writeByte(EdnBinary.INSTANT).writeZigZag(Long.MAX_VALUE).writeVarLong(0);
    assertMalformed(seconds.toByteArray(), "outside the range of java.time.Instant");
    ByteWriter uri = new ByteWriter().writeByte(EdnBinary.URI_TAG).writeVarLong(2 * 3).writeBytes(new byte[] {'a', ' ', 'b'});
    assertMalformed(uri.toByteArray(), "bad URI");
    byte[] deep = new byte[2 * EdnReader.DEFAULT_MAX_DEPTH + 4];
    for (int i = 0; i < deep.length; i += 2) {
      deep[i] = EdnBinary.VECTOR;
      deep[i + 1] = 1;
    }
    assertMalformed(deep, "nested deeper than 512");
  }

  @Test
  void read_duplicateKeysAndElements_failAsTheTextReaderDoes() {
    ByteWriter out = new ByteWriter().writeByte(EdnBinary.MAP).writeVarInt(2);
    for (int i = 0; i < 2; i++) {
      out.writeByte(EdnBinary.LONG).writeZigZag(1).writeByte(EdnBinary.NIL);
    }
    byte[] bytes = out.toByteArray();
    EdnException e = assertThrows(EdnException.class, () -> EdnBinary.read(bytes, 0, bytes.length));
    assertEquals(EdnErrorCode.DUPLICATE_KEY, e.code());
    assertEquals(EdnErrorCode.DUPLICATE_KEY, assertThrows(EdnException.class, () -> Edn.read("{1 nil 1 nil}")).code());
    // an Integer and a Long key are different Java keys but the same EDN one
    Map<Object, Object> both = new LinkedHashMap<>();
    both.put(1, "a");
    both.put(1L, "b");
    byte[] normalized = EdnBinary.write(both);
    assertEquals(EdnErrorCode.DUPLICATE_KEY,
        assertThrows(EdnException.class, () -> EdnBinary.read(normalized, 0, normalized.length)).code());
    byte[] set = EdnBinary.write(new LinkedHashSet<>(List.of(1, 1L)));
    assertEquals(EdnErrorCode.DUPLICATE_ELEMENT,
        assertThrows(EdnException.class, () -> EdnBinary.read(set, 0, set.length)).code());
  }

  /**
   * Maps of up to {@link FrozenArrayMap#MAX_ENTRIES} entries (kept as one array) and larger ones
   * read alike: equal to the map written, with its hash code, order, lookups (a nil key too), and
   * a duplicate key found after a nested map was read between the two.
   */
  @Test
  void read_smallAndLargeMaps_alike() {
    for (int n : new int[] {0, 1, 17, FrozenArrayMap.MAX_ENTRIES, FrozenArrayMap.MAX_ENTRIES + 1, 100}) {
      Map<Object, Object> written = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        written.put(i == 3 ? null : Keyword.of("row/c" + i), i % 4 == 0 ? Map.of(Keyword.of("x"), (long) i) : "v" + i);
      }
      Object read = roundTrip(written);
      assertEquals(written, read, n + " entries");
      assertEquals(read, written);
      assertEquals(written.hashCode(), read.hashCode());
      Map<?, ?> map = (Map<?, ?>) read;
      assertEquals(new ArrayList<>(written.keySet()), new ArrayList<>(map.keySet()), "order");
      List<Object> each = new ArrayList<>();
      map.forEach((k, v) -> each.addAll(Arrays.asList(k, v)));
      List<Object> expected = new ArrayList<>();
      written.forEach((k, v) -> expected.addAll(Arrays.asList(k, v)));
      assertEquals(expected, each, "forEach");
      for (Object key : written.keySet()) {
        assertTrue(map.containsKey(key));
        assertEquals(written.get(key), map.get(key));
      }
      assertFalse(map.containsKey(Keyword.of("row/absent")));
      assertEquals(null, map.get(Keyword.of("row/absent")));
      assertThrows(UnsupportedOperationException.class, map::clear);
      assertThrows(UnsupportedOperationException.class, () -> map.remove(Keyword.of("row/absent")));
      assertThrows(UnsupportedOperationException.class, () -> map.entrySet().removeIf(x -> false));
      assertThrows(UnsupportedOperationException.class, () -> map.keySet().clear());
      assertThrows(UnsupportedOperationException.class, () -> map.values().clear());
      if (n > 1) { // the first key again after a nested map's
        ByteWriter out = new ByteWriter().writeByte(EdnBinary.MAP).writeVarInt(n);
        for (int i = 0; i < n; i++) {
          EdnBinary.write(out, i == n - 1 ? Keyword.of("row/c0") : Keyword.of("row/c" + i));
          EdnBinary.write(out, Map.of(Keyword.of("row/c" + (n - 1)), 1L, Keyword.of("y"), 2L));
        }
        byte[] bytes = out.toByteArray();
        assertEquals(EdnErrorCode.DUPLICATE_KEY,
            assertThrows(EdnException.class, () -> EdnBinary.read(bytes, 0, bytes.length)).code(), n + " entries");
      }
    }
  }

  /**
   * A large form (a request's batch of rows) gives a string, decimal or instant it read before as
   * that object again, and every value exactly as written: a decimal's scale, an instant's
   * nanoseconds, strings a byte apart, and more distinct values than the cache has slots.
   */
  @Test
  void read_aLargeForm_givesARepeatedScalarAsOneObject_andEveryValueExactly() {
    Seeds.check(10, random -> {
      List<Object> few = List.of("R", "N", "café", "\uD83D\uDE00 x", "\uD800a", "\uD800b", // the last two as UTF-16 chars
          "x".repeat(RecentScalars.MAX_BYTES - 2),
          "x".repeat(RecentScalars.MAX_BYTES - 1), new BigDecimal("1.0"), new BigDecimal("1.00"),
          new BigDecimal("-0.05"), new BigDecimal("12345678901234567890.5"),
          Instant.ofEpochSecond(694_224_000L), Instant.ofEpochSecond(694_224_000L, 1));
      List<Object> rows = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        Map<Object, Object> row = new LinkedHashMap<>();
        row.put(Keyword.of("row/few"), few.get(random.nextInt(few.size())));
        row.put(Keyword.of("row/many"), random.nextBoolean() ? "c" + random.nextInt(5000)
            : BigDecimal.valueOf(random.nextInt(5000), random.nextInt(3)));
        row.put(Keyword.of("row/at"), Instant.ofEpochSecond(random.nextInt(3000), random.nextInt(2)));
        rows.add(row);
      }
      List<?> read = (List<?>) roundTrip(rows);
      assertEquals(rows, read); // BigDecimal.equals compares the scale too
      Map<Object, Object> before = new HashMap<>(); // each value's last occurrence
      int repeats = 0;
      int shared = 0;
      for (int i = 0; i < read.size(); i++) {
        Object v = ((Map<?, ?>) read.get(i)).get(Keyword.of("row/few"));
        assertEquals(few.get(few.indexOf(v)).getClass(), v.getClass());
        Object seen = before.put(v, v);
        // a long decimal, and a string of more than MAX_BYTES with its tag and length, are read anew
        boolean kept = !(v instanceof BigDecimal d && d.unscaledValue().bitLength() >= 64)
            && !(v instanceof String t && t.length() > RecentScalars.MAX_BYTES - 2);
        if (seen != null && kept) {
          repeats++;
          shared += seen == v ? 1 : 0;
        }
      }
      // direct-mapped: the many other values evict a few of these now and then
      assertTrue(shared > repeats * 9 / 10, shared + " of " + repeats + " repeated values shared");
    });
    // what is not kept: a string past the length kept, a decimal beyond a long, any form under 8 KiB
    List<Object> twice = List.of("x".repeat(RecentScalars.MAX_BYTES), "x".repeat(RecentScalars.MAX_BYTES),
        new BigDecimal("12345678901234567890.5"), new BigDecimal("12345678901234567890.5"), "R".repeat(9000));
    List<?> read = (List<?>) roundTrip(twice);
    assertEquals(twice, read);
    assertNotSame(read.get(0), read.get(1));
    assertNotSame(read.get(2), read.get(3));
    List<?> small = (List<?>) roundTrip(List.of("R", "R", new BigDecimal("0.05"), new BigDecimal("0.05")));
    assertNotSame(small.get(0), small.get(1));
    assertNotSame(small.get(2), small.get(3));
  }

  /** Two encodings of one length and one hash (so one slot) are still told apart by their bytes. */
  @Test
  void recentScalars_tellsApartBytesOfTheSameHash() {
    Map<Integer, byte[]> seen = new HashMap<>();
    byte[] first = null;
    byte[] second = null;
    for (int i = 0; first == null; i++) { // a collision of 32-bit hashes: about 77,000 tries at even odds
      byte[] b = ("k" + Integer.toString(i, 36)).getBytes(StandardCharsets.US_ASCII);
      byte[] before = seen.putIfAbsent(RecentScalars.hash(b, 0, b.length), b);
      if (before != null && before.length == b.length) {
        first = before;
        second = b;
      }
    }
    byte[] buf = new byte[first.length + second.length];
    System.arraycopy(first, 0, buf, 0, first.length);
    System.arraycopy(second, 0, buf, first.length, second.length);
    RecentScalars recent = new RecentScalars(buf);
    assertEquals(null, recent.find(0, first.length));
    recent.keep("first");
    assertEquals(null, recent.find(first.length, buf.length), "other bytes of the same hash and length");
    recent.keep("second");
    assertEquals("second", recent.find(first.length, buf.length));
  }

  @Test
  void read_aSliceOfALargerArray() {
    byte[] form = EdnBinary.write(List.of("x", 1L));
    byte[] framed = new byte[form.length + 7];
    System.arraycopy(form, 0, framed, 5, form.length);
    assertEquals(List.of("x", 1L), EdnBinary.read(framed, 5, form.length));
    assertArrayEquals(form, EdnBinary.write(EdnBinary.read(framed, 5, form.length)));
  }

  private static void assertMalformed(byte[] bytes, String fragment) {
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> EdnBinary.read(bytes, 0, bytes.length));
    assertTrue(e.getMessage().contains(fragment), "missing '" + fragment + "' in: " + e.getMessage());
  }
}

package org.datolite.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.datolite.edn.Edn;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.datolite.value.Keyword;
import org.datolite.value.ValueGen;
import org.datolite.value.Values;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

  static Object roundTrip(Object v) {
    ByteWriter out = new ByteWriter();
    ValueCodec.writeTagged(out, v);
    ByteReader in = new ByteReader(out.toByteArray());
    Object back = ValueCodec.readTagged(in);
    assertEquals(0, in.remaining(), "bytes left after " + Edn.describe(v));
    ByteReader skipped = new ByteReader(out.toByteArray());
    ValueCodec.skipTagged(skipped);
    assertEquals(0, skipped.remaining(), "skipping " + Edn.describe(v) + " ends where reading it does");
    return back;
  }

  @Test
  void writeTagged_roundTripsEveryValue() {
    Gen<Object> values = ValueGen.values();
    Seeds.check(200, random -> {
      Object v = values.next(random);
      Object back = roundTrip(v);
      assertTrue(Values.equals(v, back), Edn.describe(v) + " came back as " + Edn.describe(back));
      assertEquals(v.getClass().isArray(), back.getClass().isArray());
    });
  }

  @Test
  void writeTagged_edgeValuesRoundTrip() {
    List<Object> edges = Arrays.asList(
        "", "x".repeat(1 << 20), "日本語 \uD83D\uDE00 \uE000 \u0000", Long.MIN_VALUE, Long.MAX_VALUE, 0L,
        Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Float.NaN, -0.0f,
        true, false, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 999_999_999),
        new UUID(-1, -1), new UUID(0, 0), Keyword.of(":a/b"), Keyword.of(":solo"),
        BigInteger.ZERO, BigInteger.ONE.shiftLeft(1000).negate(), new BigDecimal("-0.000"),
        new BigDecimal(BigInteger.TEN, Integer.MIN_VALUE), new byte[0], new byte[10 << 20],
        URI.create("urn:isbn:0451450523"), URI.create("HTTP://Example.COM/%7Ea"),
        Arrays.asList(null, null), List.of(List.of(1L, "nested"), 2.5));
    for (Object v : edges) {
      Object back = roundTrip(v);
      assertTrue(Values.equals(v, back), Edn.describe(v).substring(0, Math.min(60, Edn.describe(v).length())));
    }
    // -0.0 keeps its sign and NaN stays NaN.
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) roundTrip(-0.0)));
    assertTrue(((Double) roundTrip(Double.NaN)).isNaN());
    assertEquals(3, ((BigDecimal) roundTrip(new BigDecimal("-0.000"))).scale());
    // decimals whose unscaled value takes up to eight bytes are read as a long: both sides of that edge
    for (BigInteger unscaled : List.of(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
        BigInteger.valueOf(-1), BigInteger.valueOf(-128), BigInteger.valueOf(127), BigInteger.valueOf(128),
        BigInteger.valueOf(-129), BigInteger.valueOf(255), BigInteger.valueOf(1L << 55).negate())) {
      for (int scale : new int[] {0, 2, -3, Integer.MAX_VALUE}) {
        BigDecimal d = new BigDecimal(unscaled, scale);
        BigDecimal back = (BigDecimal) roundTrip(d);
        assertEquals(d, back); // value and scale
        assertEquals(d.hashCode(), back.hashCode());
      }
    }
  }

  @Test
  void writeString_writesTheUtf8BytesWhetherAsciiOrNot() {
    // ASCII strings take a path that skips getBytes: the bytes stored must be the same either way
    String[] alphabets = {"abc XYZ 019 ~\u0000\u007f", "abcé日本\uD83D\uDE00\uE000\u0080"};
    Seeds.check(300, random -> {
      String alphabet = alphabets[random.nextInt(alphabets.length)];
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      ByteWriter expected = new ByteWriter().writeVarInt(utf8.length).writeBytes(utf8);
      ByteWriter prefix = new ByteWriter().writeByte(7); // written after other bytes, as in a segment
      assertEquals(Arrays.toString(expected.toByteArray()), Arrays.toString(new ByteWriter().writeString(s).toByteArray()));
      assertEquals(Arrays.toString(new ByteWriter().writeByte(7).writeBytes(utf8).toByteArray()),
          Arrays.toString(prefix.writeUtf8(s).toByteArray()));
    });
  }

  @Test
  void writeTagged_decimalsKeepTheirBytes() {
    // decimals of up to 18 digits are written from a long: the bytes must be BigInteger's, as before
    Seeds.check(500, random -> {
      long unscaled = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(256) - 128;
        case 1 -> random.nextLong() >> random.nextInt(64);
        case 2 -> (random.nextBoolean() ? 1 : -1) * (999_999_999_999_999_999L - random.nextInt(1000));
        default -> random.nextLong();
      };
      int scale = random.nextInt(40) - 20;
      BigDecimal d = BigDecimal.valueOf(unscaled, scale);
      ByteWriter expected = new ByteWriter().writeByte(6).writeZigZag(scale);
      byte[] b = d.unscaledValue().toByteArray();
      expected.writeVarInt(b.length).writeBytes(b);
      ByteWriter actual = new ByteWriter();
      ValueCodec.writeTagged(actual, d);
      assertEquals(Arrays.toString(expected.toByteArray()), Arrays.toString(actual.toByteArray()), d.toString());
      assertEquals(d, roundTrip(d));
    });
  }

  /**
   * A decimal's unscaled value as a long is {@link BigDecimal#unscaledValue}'s: every scale, both
   * signs, the largest and smallest unscaled values of each digit count up to 18, and values whose
   * double is far from exact (0.1, 1e-18).
   */
  @Test
  void unscaledLong_isTheUnscaledValue() {
    Seeds.check(50, random -> {
      for (int k = 0; k < 2_000; k++) {
        int digits = 1 + random.nextInt(18);
        long bound = 1;
        for (int i = 0; i < digits; i++) {
          bound *= 10;
        }
        long unscaled = switch (random.nextInt(3)) {
          case 0 -> bound - 1 - random.nextInt(3); // the largest of that many digits
          case 1 -> random.nextLong(bound);
          default -> bound / 10 + random.nextInt(7); // the smallest
        };
        unscaled = random.nextBoolean() ? -unscaled : unscaled;
        BigDecimal d = BigDecimal.valueOf(unscaled, random.nextInt(25) - 3);
        if (ValueCodec.hasLongUnscaled(d)) {
          assertEquals(d.unscaledValue().longValueExact(), ValueCodec.unscaledLong(d), d.toPlainString());
        }
      }
    });
    for (String text : List.of("0.1", "-0.1", "0.000000000000000001", "999999999999999.9", "0.999999999999999",
        "-99999999999999.99", "1.00", "0.0")) {
      BigDecimal d = new BigDecimal(text);
      assertEquals(d.unscaledValue().longValueExact(), ValueCodec.unscaledLong(d), text);
    }
  }

  @Test
  void readTagged_malformedInputIsRejected() {
    byte[][] bad = {
        {},                       // nothing
        {99},                     // unknown tag
        {1, 2},                   // boolean byte 2
        {9, 5, 'a'},              // string longer than the input
        {2, (byte) 0x80},         // truncated varint
        {2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1}, // varint over 10 bytes
        {3, 0},                   // bigint of zero bytes
        {7, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7}, // nanos out of range
        {13, 100},                // tuple count beyond the input
        {11, 3, ' ', ':', ' '},   // bad uri
    };
    for (byte[] b : bad) {
      assertThrows(MalformedInputException.class, () -> ValueCodec.readTagged(new ByteReader(b)),
          () -> "accepted " + Arrays.toString(b));
    }
  }

  @Test
  void readTagged_deeplyNestedTuplesAreRejected() {
    byte[] deep = new byte[2 * 100 + 2];
    for (int i = 0; i < 100; i++) {
      deep[2 * i] = 13;
      deep[2 * i + 1] = 1;
    }
    deep[200] = 2;
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> ValueCodec.readTagged(new ByteReader(deep)));
    assertTrue(e.getMessage().contains("nested"), e.getMessage());
  }

  @Test
  void readTagged_randomBytesNeverCrash() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(24)];
      random.nextBytes(b);
      if (b.length > 0 && random.nextBoolean()) {
        b[0] = (byte) random.nextInt(14); // a known tag, so that payloads are exercised
      }
      if (random.nextInt(8) == 0) { // an instant of any seconds: most are beyond Instant's range
        b = new ByteWriter().writeByte(7).writeZigZag(random.nextLong() >> random.nextInt(64))
            .writeVarInt(random.nextInt(1_000_000_000)).toByteArray();
      }
      int read = -1;
      try {
        ByteReader in = new ByteReader(b);
        ValueCodec.readTagged(in);
        read = in.position();
      } catch (MalformedInputException expected) {
        // the only acceptable failure
      }
      int skipped = -1;
      try {
        ByteReader in = new ByteReader(b);
        ValueCodec.skipTagged(in);
        skipped = in.position();
      } catch (MalformedInputException expected) {
        // as reading fails
      }
      assertEquals(read, skipped, "skipping accepts exactly what reading does, and ends where it does: "
          + HexFormat.of().formatHex(b));
    }
  }
}

package org.datolite.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** Varints read back as written, and every cut or overlong one refused. */
class ByteReaderTest {
  @Test
  void varints_readBackAsWritten() {
    Seeds.check(300, random -> {
      long[] values = new long[1 + random.nextInt(50)];
      boolean[] zigzag = new boolean[values.length];
      ByteWriter out = new ByteWriter();
      for (int i = 0; i < values.length; i++) {
        int bits = random.nextInt(65);
        values[i] = bits == 0 ? 0 : bits == 64 ? random.nextLong() : random.nextLong() >>> (64 - bits);
        zigzag[i] = random.nextBoolean();
        if (zigzag[i]) {
          values[i] = random.nextBoolean() ? -values[i] : values[i];
          out.writeZigZag(values[i]);
        } else {
          out.writeVarLong(values[i]);
        }
      }
      ByteReader in = new ByteReader(out.toByteArray());
      for (int i = 0; i < values.length; i++) {
        assertEquals(values[i], zigzag[i] ? in.readZigZag() : in.readVarLong(), "value " + i);
      }
      assertEquals(0, in.remaining());
    });
  }

  /**
   * The bytes are LEB128's, one at a time (a reference written here), whatever the length, and
   * each varint reads back with other bytes after it and at the very end of a slice of a larger
   * array, whose next bytes would continue it.
   */
  @Test
  void varints_areLeb128_byteForByte() {
    Seeds.check(300, random -> {
      ByteWriter out = new ByteWriter();
      ByteWriter reference = new ByteWriter();
      long[] values = new long[1 + random.nextInt(40)];
      for (int i = 0; i < values.length; i++) {
        int bits = random.nextInt(65);
        values[i] = bits == 0 ? 0 : bits == 64 ? random.nextLong() : random.nextLong() >>> (64 - bits);
        out.writeVarLong(values[i]);
        long v = values[i];
        do {
          reference.writeByte((int) (v & 0x7F) | (v >>> 7 != 0 ? 0x80 : 0));
          v >>>= 7;
        } while (v != 0);
      }
      byte[] written = out.toByteArray();
      assertArrayEquals(reference.toByteArray(), written);
      byte[] slice = new byte[written.length + 9];
      Arrays.fill(slice, (byte) 0xFF);
      System.arraycopy(written, 0, slice, 3, written.length);
      ByteReader in = new ByteReader(slice, 3, written.length);
      for (long value : values) {
        assertEquals(value, in.readVarLong());
      }
      assertEquals(0, in.remaining());
    });
  }

  @Test
  void paddedVarints_readAsTheirValue() {
    byte[] one = {(byte) 0x81, (byte) 0x80, (byte) 0x80, 0x00, 0x7F, 1, 2, 3, 4, 5, 6, 7};
    ByteReader in = new ByteReader(one);
    assertEquals(1, in.readVarLong());
    assertEquals(4, in.position());
    assertEquals(0x7F, in.readVarLong());
    byte[] nine = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x01, 0x00};
    ByteReader longer = new ByteReader(nine);
    assertEquals((1L << 57) - 1, longer.readVarLong());
    assertEquals(9, longer.position());
  }

  @Test
  void cutVarints_areRefused() {
    byte[] full = new ByteWriter().writeVarLong(Long.MIN_VALUE).toByteArray();
    assertEquals(10, full.length);
    for (int n = 0; n < full.length; n++) {
      ByteReader in = new ByteReader(Arrays.copyOf(full, n));
      MalformedInputException e = assertThrows(MalformedInputException.class, in::readVarLong);
      assertTrue(e.getMessage().contains("truncated varint"), e.getMessage());
    }
    byte[] overlong = new byte[11];
    Arrays.fill(overlong, (byte) 0x80);
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> new ByteReader(overlong).readVarLong());
    assertTrue(e.getMessage().contains("longer than 10 bytes"), e.getMessage());
  }
}

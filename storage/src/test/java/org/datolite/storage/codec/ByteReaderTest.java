package org.datolite.storage.codec;

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

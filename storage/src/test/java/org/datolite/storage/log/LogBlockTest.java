package org.datolite.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

class LogBlockTest {
  private static final List<CommittedTx> TXS = List.of(
      new CommittedTx(7, 1007, List.of(Datom.of(1007, 9, Instant.ofEpochSecond(5), 1007), Datom.of(40, 100, "x", 1007))),
      new CommittedTx(8, 1008, List.of(Datom.of(40, 100, "x", 1007).retractedBy(1008), Datom.of(40, 101, Keyword.of(":a/b"), 1008))));

  @Test
  void encode_roundTrips() {
    assertEquals(TXS, LogBlock.decode(LogBlock.encode(TXS), "db/log/7"));
  }

  @Test
  void key_sortsByT() {
    assertEquals("db/log/0000000000000000007", LogBlock.key("db/", 7));
    assertTrue(LogBlock.key("", 9).compareTo(LogBlock.key("", 10)) < 0);
    assertEquals("db/log/9223372036854775807", LogBlock.key("db/", Long.MAX_VALUE));
    assertEquals("db/log/0000000000000000000", LogBlock.key("db/", 0));
    assertThrows(IllegalArgumentException.class, () -> LogBlock.key("db/", -1));
  }

  @Test
  void encode_rejectsGapsAndForeignDatoms() {
    assertThrows(IllegalArgumentException.class, () -> LogBlock.encode(List.of(TXS.get(1), TXS.get(0))));
    assertThrows(IllegalArgumentException.class, () -> LogBlock.encode(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> LogBlock.encode(List.of(new CommittedTx(1, 5, List.of(Datom.of(1, 2, 3L, 6))))));
  }

  @Test
  void decode_corruptBlockNamesItsKey() {
    byte[] bytes = LogBlock.encode(TXS);
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= 0x20;
      StorageException e = assertThrows(StorageException.class, () -> LogBlock.decode(bad, "db/log/7"));
      assertTrue(e.code() == StorageErrorCode.SEGMENT_CORRUPT || e.code() == StorageErrorCode.UNSUPPORTED_FORMAT);
      assertTrue(e.getMessage().contains("db/log/7"), e.getMessage());
    }
  }
}

package org.datolite.storage.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.testkit.Seeds;
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

  /** Random blocks, entities and attributes anywhere in the long range (deltas that overflow included). */
  @Test
  void encode_randomBlocks_roundTrip() {
    long[] special = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 42, (3L << 42) + 5};
    Seeds.check(200, random -> {
      List<CommittedTx> txs = new ArrayList<>();
      long t = 1 + random.nextInt(1 << 30);
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++, t++) {
        long tx = random.nextLong();
        List<Datom> datoms = new ArrayList<>();
        int m = random.nextInt(50);
        long e = random.nextLong();
        for (int j = 0; j < m; j++) {
          int kind = random.nextInt(4);
          e = kind == 0 ? special[random.nextInt(special.length)] : kind == 1 ? random.nextLong() : e + random.nextInt(5) - 2;
          long a = random.nextBoolean() ? special[random.nextInt(special.length)] : random.nextInt(2000) - 1000;
          datoms.add(new Datom(e, a, random.nextBoolean() ? (Object) random.nextLong() : "v" + j, tx, random.nextBoolean()));
        }
        txs.add(new CommittedTx(t, tx, datoms));
      }
      assertEquals(txs, LogBlock.decode(LogBlock.encode(txs), "db/log/" + t));
    });
  }

  /**
   * The body of format version 2, byte for byte: each datom's entity and attribute minus the
   * previous datom's of the same transaction, from 0 again at each transaction (TXS's second
   * transaction starts with the entity and attribute its first ended with).
   */
  @Test
  void encode_writesDeltasFromZeroInEachTransaction() {
    ByteWriter expected = new ByteWriter();
    expected.writeVarInt(2);
    expected.writeZigZag(7).writeZigZag(1007).writeVarInt(2);
    expected.writeZigZag(1007).writeZigZag(9);
    ValueCodec.writeTagged(expected, Instant.ofEpochSecond(5));
    expected.writeByte(1);
    expected.writeZigZag(40 - 1007).writeZigZag(100 - 9);
    ValueCodec.writeTagged(expected, "x");
    expected.writeByte(1);
    expected.writeZigZag(8).writeZigZag(1008).writeVarInt(2);
    expected.writeZigZag(40).writeZigZag(100);
    ValueCodec.writeTagged(expected, "x");
    expected.writeByte(0);
    expected.writeZigZag(0).writeZigZag(1);
    ValueCodec.writeTagged(expected, Keyword.of(":a/b"));
    expected.writeByte(1);
    assertArrayEquals(expected.toByteArray(), Frame.decode(LogBlock.encode(TXS), Frame.Kind.LOG_BLOCK, "db/log/7").bytes());
  }

  /** Blocks of format version 1 (e and a written whole), as earlier builds wrote them, still read. */
  @Test
  void decode_version1Block_isRead() {
    ByteWriter body = new ByteWriter();
    body.writeVarInt(TXS.size());
    for (CommittedTx tx : TXS) {
      body.writeZigZag(tx.t()).writeZigZag(tx.tx()).writeVarInt(tx.datoms().size());
      for (Datom d : tx.datoms()) {
        body.writeZigZag(d.e()).writeZigZag(d.a());
        ValueCodec.writeTagged(body, d.v());
        body.writeByte(d.added() ? 1 : 0);
      }
    }
    byte[] v1 = Frame.encodeAsVersion(Frame.Kind.LOG_BLOCK, 1, 0, body);
    assertEquals(TXS, LogBlock.decode(v1, "db/log/7"));
    assertEquals(2, Frame.decode(LogBlock.encode(TXS), Frame.Kind.LOG_BLOCK, "db/log/7").version());
  }

  /** A bulk load's rows, entity after entity, cost a byte or so each for e and a instead of seven and more. */
  @Test
  void encode_entityAfterEntity_takesAByteForEachId() {
    long tx = (3L << 42) + 9;
    List<Datom> datoms = new ArrayList<>();
    for (long e = 1L << 42; e < (1L << 42) + 1000; e++) {
      for (long a = 72; a < 88; a++) {
        datoms.add(Datom.of(e, a, e * a, tx));
      }
    }
    byte[] block = LogBlock.encode(List.of(new CommittedTx(9, tx, datoms)));
    int body = Frame.decode(block, Frame.Kind.LOG_BLOCK, "db/log/9").bytes().length;
    // per datom: Δe and Δa a byte each, a tagged long of up to 8 bytes (e × a < 2^49: zigzag 7), added
    assertTrue(body <= datoms.size() * (1 + 1 + 1 + 8 + 1) + 64, body + " bytes for " + datoms.size() + " datoms");
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

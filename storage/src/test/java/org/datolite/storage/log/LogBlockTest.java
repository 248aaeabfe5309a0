package org.datolite.storage.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.datolite.datom.Datom;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.schema.Ids;
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
      byte[] encoded = LogBlock.encode(txs);
      assertEquals(txs, LogBlock.decode(encoded, "db/log/" + t));
      List<CommittedTx> asColumns = new ArrayList<>(); // as the transactor keeps a large transaction
      for (CommittedTx c : txs) {
        asColumns.add(random.nextBoolean() ? c : new CommittedTx(c.t(), c.tx(), ColumnDatoms.of(c.tx(), c.datoms())));
      }
      assertArrayEquals(encoded, LogBlock.encode(asColumns), "a transaction's columns encode as its datoms do");
    });
  }

  /**
   * Deferred decoding reads what eager decoding reads, and its summary (count, retractions,
   * attributes, the transaction entity's datoms) is right before anything is decoded.
   */
  @Test
  void decodeDeferred_readsAsDecode_andSummarizesBeforeDecoding() {
    Seeds.check(200, random -> {
      List<CommittedTx> txs = new ArrayList<>();
      long t = 1 + random.nextInt(1 << 30);
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++, t++) {
        long tx = 1000 + t;
        List<Datom> datoms = new ArrayList<>();
        int m = random.nextInt(80);
        for (int j = 0; j < m; j++) {
          long e = random.nextInt(5) == 0 ? tx
              : random.nextBoolean() ? Ids.entity(Ids.PARTITION_USER, random.nextInt(20)) : random.nextInt(20);
          long a = random.nextInt(random.nextBoolean() ? 5 : 100);
          Object v = switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> "v" + j;
            case 2 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            default -> Keyword.of(":k/w" + random.nextInt(9));
          };
          datoms.add(new Datom(e, a, v, tx, random.nextInt(4) != 0));
        }
        txs.add(new CommittedTx(t, tx, datoms));
      }
      List<CommittedTx> deferred = LogBlock.decodeDeferred(LogBlock.encode(txs), "db/log/" + t);
      assertEquals(txs.size(), deferred.size());
      for (int i = 0; i < txs.size(); i++) {
        List<Datom> expected = txs.get(i).datoms();
        List<Datom> got = deferred.get(i).datoms();
        List<Long> attributes = expected.stream().map(Datom::a).distinct().toList();
        if (attributes.size() > LogBlock.MAX_DEFERRED_ATTRIBUTES) {
          assertFalse(got instanceof DeferredDatoms, "decoded at once");
        } else {
          DeferredDatoms d = assertInstanceOf(DeferredDatoms.class, got);
          assertFalse(d.isDecoded());
          assertEquals(expected.size(), d.size());
          assertEquals(expected.stream().filter(x -> !x.added()).count(), d.retractions());
          assertArrayEquals(attributes.stream().mapToLong(Long::longValue).toArray(), d.attributes());
          long tx = txs.get(i).tx();
          assertArrayEquals(expected.stream().filter(x -> x.e() != tx).map(Datom::a).distinct()
              .mapToLong(Long::longValue).sorted().toArray(),
              Arrays.stream(d.attributesBeyondTransaction()).sorted().toArray());
          assertEquals(expected.stream().filter(x -> x.e() == tx).toList(), d.ofTransaction());
          assertEquals(expected.stream().mapToLong(Datom::e).filter(x -> Ids.partition(x) == Ids.PARTITION_USER).max()
              .orElse(Long.MIN_VALUE), d.highestUserEntity());
          if (expected.stream().noneMatch(x -> x.v() instanceof Keyword)) { // estimated as decoded datoms are
            assertEquals(expected.stream().mapToLong(x -> 96 + ValueCodec.estimateSize(x.v())).sum(), d.estimatedBytes());
          }
          assertFalse(d.isDecoded(), "the summary decodes nothing else");
        }
        assertEquals(txs.get(i), deferred.get(i));
        assertEquals(expected, got);
      }
    });
    List<Datom> wide = new ArrayList<>();
    for (int a = 0; a <= LogBlock.MAX_DEFERRED_ATTRIBUTES; a++) {
      wide.add(Datom.of(1, a, (long) a, 1005));
    }
    List<CommittedTx> txs = List.of(new CommittedTx(5, 1005, wide), new CommittedTx(6, 1006, List.of(Datom.of(2, 1, 2L, 1006))));
    List<CommittedTx> read = LogBlock.decodeDeferred(LogBlock.encode(txs), "db/log/5");
    assertFalse(read.get(0).datoms() instanceof DeferredDatoms, "more attributes than a summary lists: decoded at once");
    assertInstanceOf(DeferredDatoms.class, read.get(1).datoms());
    assertEquals(txs, read);
  }

  /**
   * A deferred block is checked when it arrives as a decoded one is (nil values, added bytes,
   * values cut, bytes left over, a value whose content does not decode), so its first read cannot
   * fail: each is a corrupt block naming its key, at once.
   */
  @Test
  void decodeDeferred_checksWhatDecodeChecks_atOnce() {
    assertCorrupt(body(w -> ValueCodec.writeTagged(w, null), 1));
    assertCorrupt(body(w -> ValueCodec.writeTagged(w, 5L), 2));
    byte[] cut = body(w -> ValueCodec.writeTagged(w, "hello"), 1);
    assertCorrupt(Frame.encode(Frame.Kind.LOG_BLOCK, 0, new ByteWriter().writeBytes(bodyOf(cut), 0, bodyOf(cut).length - 3)));
    ByteWriter extra = new ByteWriter().writeBytes(bodyOf(cut));
    extra.writeByte(0);
    assertCorrupt(Frame.encode(Frame.Kind.LOG_BLOCK, 0, extra));
    // an instant's seconds out of Instant's range: its extent is right, its content is not
    assertCorrupt(body(w -> w.writeByte(7).writeZigZag(Long.MAX_VALUE).writeVarInt(0), 1));
  }

  /** A framed block of one transaction (t 3, tx 1003) of one datom [1 10 value tx added]. */
  private static byte[] body(Consumer<ByteWriter> value, int added) {
    ByteWriter w = new ByteWriter();
    w.writeVarInt(1).writeZigZag(3).writeZigZag(1003).writeVarInt(1).writeZigZag(1).writeZigZag(10);
    value.accept(w);
    w.writeByte(added);
    return Frame.encode(Frame.Kind.LOG_BLOCK, 0, w);
  }

  private static byte[] bodyOf(byte[] framed) {
    return Frame.decode(framed, Frame.Kind.LOG_BLOCK, "test").bytes();
  }

  private static void assertCorrupt(byte[] framed) {
    StorageException e = assertThrows(StorageException.class, () -> LogBlock.decodeDeferred(framed, "db/log/3"));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains("db/log/3"), e.getMessage());
    assertThrows(StorageException.class, () -> LogBlock.decode(framed, "db/log/3"), "eager decoding refuses it too");
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

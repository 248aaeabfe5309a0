package org.datolite.storage.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.schema.Ids;
import org.datolite.value.ValueType;

/**
 * One durable write of the transaction log: the transactions of one group-commit batch
 * ({@link CommittedTx}), in {@code t} order, with all their datoms.
 *
 * <h2>Layout</h2>
 * A {@link Frame} of kind {@code LOG_BLOCK} (kind byte 0) around:
 * <pre>
 * varint  n                         transactions in the block (at least 1)
 * n × {
 *   zigzag  t                       consecutive: each is the previous plus one
 *   zigzag  tx                      the transaction entity id
 *   varint  m                       datoms
 *   m × { zigzag Δe, zigzag Δa, tagged value, byte added }   every datom has this tx
 * }
 * </pre>
 * Δe and Δa are a datom's entity and attribute minus the previous datom's of the same
 * transaction (the first datom's minus 0): a transaction's datoms come entity by entity, so most
 * are 0 or 1 and take a byte, where an entity id of the user partition took seven. Format
 * version 1 wrote e and a whole; it is still read.
 * The block of the transactions {@code t0..t1} is stored under {@link #key(String, long)
 * key(prefix, t0)}, and the next block under {@code key(prefix, t1 + 1)}, so a reader walks the
 * log from any block boundary by point reads, and two writers that both believe they are
 * active collide on the same immutable key: exactly one put succeeds (the log's fence).
 */
public final class LogBlock {
  private LogBlock() {}

  /** The key of the block whose first transaction has basis {@code t}: {@code prefix + "log/" + t}, zero-padded. */
  public static String key(String prefix, long t) {
    String digits = Long.toString(t); // zero-padded to 19 digits, so that keys sort as t does
    if (t < 0) {
      throw new IllegalArgumentException("log block t " + t + " is out of range; expected 0 to " + Long.MAX_VALUE);
    }
    return prefix + "log/" + "0000000000000000000".substring(digits.length()) + digits;
  }

  public static byte[] encode(List<CommittedTx> txs) {
    if (txs.isEmpty()) {
      throw new IllegalArgumentException("a log block holds at least one transaction");
    }
    ByteWriter out = SCRATCH.take();
    try {
      out.writeVarInt(txs.size());
      long expected = txs.get(0).t();
      for (CommittedTx tx : txs) {
        if (tx.t() != expected) {
          throw new IllegalArgumentException("log block transactions must be consecutive; " + tx.t() + " follows " + (expected - 1));
        }
        expected++;
        out.writeZigZag(tx.t());
        out.writeZigZag(tx.tx());
        out.writeVarInt(tx.datoms().size());
        if (tx.datoms() instanceof ColumnDatoms c) {
          writeColumns(out, tx.tx(), c);
          continue;
        }
        long e = 0;
        long a = 0;
        for (Datom d : tx.datoms()) {
          if (d.tx() != tx.tx()) {
            throw new IllegalArgumentException("datom " + d + " does not belong to transaction " + tx.tx());
          }
          out.writeZigZag(d.e() - e);
          out.writeZigZag(d.a() - a);
          e = d.e();
          a = d.a();
          ValueCodec.writeTagged(out, d.v());
          out.writeByte(d.added() ? 1 : 0);
        }
      }
      return Frame.encode(Frame.Kind.LOG_BLOCK, 0, out);
    } finally {
      SCRATCH.release(out);
    }
  }

  /** A transaction held as columns, written as {@link #encode} writes any (read in sequence, no datom made). */
  private static void writeColumns(ByteWriter out, long tx, ColumnDatoms c) {
    if (c.tx() != tx) {
      throw new IllegalArgumentException("datoms of transaction " + c.tx() + " do not belong to transaction " + tx);
    }
    long e = 0;
    long a = 0;
    for (int i = 0; i < c.size(); i++) {
      out.writeZigZag(c.e(i) - e);
      out.writeZigZag(c.a(i) - a);
      e = c.e(i);
      a = c.a(i);
      ValueCodec.writeTagged(out, c.v(i));
      out.writeByte(c.added(i) ? 1 : 0);
    }
  }

  /** The writer thread's buffer for {@link #encode}, kept between blocks (not past 32 MiB). */
  private static final ByteWriter.PerThread SCRATCH = new ByteWriter.PerThread(1 << 16, 32 << 20);

  /**
   * Decodes the block stored under {@code key}.
   *
   * @throws org.datolite.storage.StorageException SEGMENT_CORRUPT naming the key if it does not
   *     decode, or UNSUPPORTED_FORMAT
   */
  public static List<CommittedTx> decode(byte[] bytes, String key) {
    return read(bytes, key, false);
  }

  /**
   * As {@link #decode}, but each transaction's datoms are decoded when first read
   * ({@link DeferredDatoms}): everything {@link #decode} checks is checked now, by a scan that
   * skips the values ({@link ValueCodec#skipTagged}), so that first read cannot fail.
   * A transaction of more than {@value #MAX_DEFERRED_ATTRIBUTES} attributes (a large schema
   * change) is decoded now.
   *
   * @throws org.datolite.storage.StorageException as {@link #decode}
   */
  public static List<CommittedTx> decodeDeferred(byte[] bytes, String key) {
    return read(bytes, key, true);
  }

  private static List<CommittedTx> read(byte[] bytes, String key, boolean defer) {
    Frame.Body body = Frame.decode(bytes, Frame.Kind.LOG_BLOCK, key);
    boolean deltas = body.version() >= 2; // version 1 wrote e and a whole
    byte[] raw = body.bytes();
    try {
      ByteReader in = new ByteReader(raw);
      int n = in.readLength();
      if (n == 0) {
        throw new MalformedInputException("no transactions");
      }
      List<CommittedTx> txs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long t = in.readZigZag();
        long tx = in.readZigZag();
        if (i > 0 && t != txs.get(i - 1).t() + 1) {
          throw new MalformedInputException("transaction t " + t + " does not follow " + txs.get(i - 1).t());
        }
        int m = in.readLength();
        int from = in.position();
        DeferredDatoms deferred = defer ? scan(key, in, raw, m, tx, deltas, from) : null;
        if (deferred == null) { // decoded now (from its start if a scan gave up: too many attributes)
          if (defer) {
            in = new ByteReader(raw, from, raw.length - from);
          }
          txs.add(new CommittedTx(t, tx, datoms(in, m, tx, deltas)));
        } else {
          txs.add(new CommittedTx(t, tx, deferred));
        }
      }
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the last transaction");
      }
      return txs;
    } catch (MalformedInputException e) {
      throw Frame.corrupt(key, Frame.Kind.LOG_BLOCK, e.getMessage());
    }
  }

  /** The most distinct attributes a transaction may touch to be deferred (its summary lists them). */
  static final int MAX_DEFERRED_ATTRIBUTES = 64;

  /**
   * Reads past a transaction's {@code m} datoms, summarizing them; null (the reader left anywhere)
   * if they touch more than {@link #MAX_DEFERRED_ATTRIBUTES} attributes.
   */
  private static DeferredDatoms scan(String key, ByteReader in, byte[] raw, int m, long tx, boolean deltas, int from) {
    long e = 0;
    long a = 0;
    long retractions = 0;
    long bytes = 0;
    long[] attributes = new long[8];
    boolean[] beyond = new boolean[8]; // of an entity other than the transaction's
    int distinct = 0;
    int lastAt = -1;
    long highestUser = Long.MIN_VALUE; // the highest entity id of the user partition
    List<Datom> ofTransaction = new ArrayList<>(2);
    for (int j = 0; j < m; j++) {
      e = in.readZigZag() + (deltas ? e : 0);
      a = in.readZigZag() + (deltas ? a : 0);
      int valueAt = in.position();
      if (valueAt < raw.length && raw[valueAt] == ValueType.NULL_TAG) {
        throw new MalformedInputException("a datom's value is nil");
      }
      ValueCodec.skipTagged(in);
      int valueEnd = in.position();
      int added = in.readByte();
      if (added > 1) {
        throw new MalformedInputException("added byte " + added);
      }
      retractions += 1 - added;
      bytes += 96 + estimateSize(raw, valueAt, valueEnd);
      if (e == tx) {
        ofTransaction.add(new Datom(e, a, ValueCodec.readTagged(new ByteReader(raw, valueAt, valueEnd - valueAt)), tx,
            added == 1));
      }
      if (lastAt < 0 || attributes[lastAt] != a) {
        int k = 0;
        while (k < distinct && attributes[k] != a) {
          k++;
        }
        if (k == distinct) {
          if (distinct == MAX_DEFERRED_ATTRIBUTES) {
            return null; // the caller decodes them from the start
          }
          if (distinct == attributes.length) {
            attributes = Arrays.copyOf(attributes, distinct * 2);
            beyond = Arrays.copyOf(beyond, distinct * 2);
          }
          attributes[distinct++] = a;
        }
        lastAt = k;
      }
      beyond[lastAt] |= e != tx;
      if (Ids.partition(e) == Ids.PARTITION_USER && e > highestUser) {
        highestUser = e;
      }
    }
    long[] all = Arrays.copyOf(attributes, distinct);
    long[] others = new long[distinct];
    int o = 0;
    for (int k = 0; k < distinct; k++) {
      if (beyond[k]) {
        others[o++] = attributes[k];
      }
    }
    return new DeferredDatoms(key, tx, m, deltas, raw, from, in.position(), retractions, bytes, all,
        Arrays.copyOf(others, o), ofTransaction, highestUser);
  }


  /**
   * {@link ValueCodec#estimateSize} of the value encoded at {@code raw[from..to)}, from its tag
   * and lengths: the same for longs, instants, decimals and ASCII strings, rougher for the rest
   * (tuples, other strings). Only the transactor reads the estimate, and it never defers.
   */
  private static int estimateSize(byte[] raw, int from, int to) {
    int tag = raw[from];
    int payload = to - from - 1;
    return switch (tag) {
      case 9, 12 -> (tag == 9 ? 40 : 16) + new ByteReader(raw, from + 1, payload).readLength();
      case 3, 6 -> 64;
      case 10 -> 64 + payload;
      case 11 -> 80 + 2 * payload;
      case 13 -> 32 + 24 * payload;
      default -> 16;
    };
  }

  /** {@code m} datoms of transaction {@code tx}, as {@link #encode} wrote them. */
  private static List<Datom> datoms(ByteReader in, int m, long tx, boolean deltas) {
    List<Datom> datoms = new ArrayList<>(m);
    long e = 0;
    long a = 0;
    for (int j = 0; j < m; j++) {
      e = in.readZigZag() + (deltas ? e : 0);
      a = in.readZigZag() + (deltas ? a : 0);
      Object v = ValueCodec.readTagged(in);
      if (v == null) {
        throw new MalformedInputException("a datom's value is nil");
      }
      int added = in.readByte();
      if (added > 1) {
        throw new MalformedInputException("added byte " + added);
      }
      datoms.add(new Datom(e, a, v, tx, added == 1));
    }
    return datoms;
  }

  /** A deferred transaction's datoms, decoded at its first read: all of {@code in} (SEGMENT_CORRUPT naming the block, which the scan rules out). */
  static List<Datom> readDatoms(ByteReader in, int m, long tx, boolean deltas, String key) {
    try {
      List<Datom> datoms = datoms(in, m, tx, deltas);
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after transaction " + tx + "'s datoms");
      }
      return Collections.unmodifiableList(datoms);
    } catch (MalformedInputException e) {
      throw Frame.corrupt(key, Frame.Kind.LOG_BLOCK, e.getMessage());
    }
  }
}

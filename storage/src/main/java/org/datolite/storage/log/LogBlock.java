package org.datolite.storage.log;

import java.util.ArrayList;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.storage.codec.ValueCodec;

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

  /** The writer thread's buffer for {@link #encode}, kept between blocks (not past 32 MiB). */
  private static final ByteWriter.PerThread SCRATCH = new ByteWriter.PerThread(1 << 16, 32 << 20);

  /**
   * Decodes the block stored under {@code key}.
   *
   * @throws org.datolite.storage.StorageException SEGMENT_CORRUPT naming the key if it does not
   *     decode, or UNSUPPORTED_FORMAT
   */
  public static List<CommittedTx> decode(byte[] bytes, String key) {
    Frame.Body body = Frame.decode(bytes, Frame.Kind.LOG_BLOCK, key);
    boolean deltas = body.version() >= 2; // version 1 wrote e and a whole
    try {
      ByteReader in = new ByteReader(body.bytes());
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
        txs.add(new CommittedTx(t, tx, datoms));
      }
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the last transaction");
      }
      return txs;
    } catch (MalformedInputException e) {
      throw Frame.corrupt(key, Frame.Kind.LOG_BLOCK, e.getMessage());
    }
  }
}

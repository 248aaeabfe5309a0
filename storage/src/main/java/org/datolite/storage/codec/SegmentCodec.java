package org.datolite.storage.codec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * Encodes a sorted run of datoms (a leaf segment of an index tree) column by column.
 *
 * <p>Datoms sorted by an index repeat themselves column-wise: in EAVT the entity changes slowly,
 * in AEVT the attribute hardly at all, in AVET the values climb. Splitting the datoms into
 * columns and coding each against the previous row turns that repetition into small numbers and
 * runs of equal bytes, which LZ4 (in the {@link Frame}) then squeezes further.
 *
 * <h2>Layout</h2>
 * A {@link Frame} of kind {@code SEGMENT} whose kind byte is the {@link Index#ordinal() index
 * code}, around this body (varints are unsigned LEB128, zigzag for signed deltas):
 * <pre>
 * varint  n                     datom count (1..)
 * varint  len[6]                byte length of each column below
 * column  e       n × zigzag    e minus the previous row's e (the first row: minus 0)
 * column  a       n × zigzag    a minus the previous a
 * column  tx      n × zigzag    tx minus the previous tx
 * column  added   ⌈n/8⌉ bytes   bit i (least significant first) set when row i is an assertion
 * column  tags    n bytes       each value's {@link ValueType#tag() type tag}
 * column  values  n payloads    see below
 * </pre>
 * A value is coded against the previous row's value when both rows have the same attribute and
 * the same tag (then the values belong to one attribute and are often close or sorted):
 * <ul>
 *   <li>long (and ref): zigzag of the difference; instant: zigzag of the difference in epoch
 *       seconds, then the varint nanosecond;
 *   <li>any other type: its <em>bare</em> payload (string, uri: UTF-8 without a length; bytes:
 *       the bytes; otherwise the {@link ValueCodec} payload) as {@code varint shared} bytes of
 *       the previous bare payload, {@code varint m}, then {@code m} more bytes.
 * </ul>
 * Otherwise the value is its {@link ValueCodec} payload.
 *
 * <p>Decoding rejects any inconsistency (lengths, counts, tags, trailing bytes) as a corrupt
 * segment naming its key.
 */
public final class SegmentCodec {
  private static final int COLUMNS = 6;
  private static final int LONG_TAG = ValueType.LONG.tag();
  private static final int INSTANT_TAG = ValueType.INSTANT.tag();
  private static final int STRING_TAG = ValueType.STRING.tag();
  private static final int URI_TAG = ValueType.URI.tag();
  private static final int BYTES_TAG = ValueType.BYTES.tag();
  private static final int TUPLE_TAG = ValueType.TUPLE.tag();

  private static final int STRING = ValueType.STRING.tag();

  private SegmentCodec() {}

  /** A decoded segment: its index and its datoms in that index's order. */
  public record Decoded(Index index, Datom[] datoms) {}

  /**
   * Encodes {@code datoms[from..to)}, which must be strictly ascending in {@code index} order and
   * hold valid values. The order is not checked here: the tree writer, which cuts every segment
   * written, checks each datom against the one before (reads binary-search a segment, so a
   * segment out of order would answer wrongly). Values are checked (a string with an unpaired
   * surrogate would not survive UTF-8).
   *
   * @throws IllegalArgumentException if the run is empty or holds an invalid value
   */
  public static byte[] encode(Index index, Datom[] datoms, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      throw new IllegalArgumentException("a segment holds at least one datom; got " + n);
    }
    Scratch scratch = SCRATCH.get();
    ByteWriter e = scratch.reset(scratch.e);
    ByteWriter a = scratch.reset(scratch.a);
    ByteWriter tx = scratch.reset(scratch.tx);
    byte[] added = new byte[(n + 7) / 8];
    byte[] tags = new byte[n];
    ByteWriter values = scratch.reset(scratch.values);
    ByteWriter bare = scratch.reset(scratch.bare);
    byte[] prevBare = scratch.prevBare;
    int prevBareLength = 0;
    Datom prev = null;
    int prevTag = -1;
    for (int i = 0; i < n; i++) {
      Datom d = datoms[from + i];
      e.writeZigZag(d.e() - (prev == null ? 0 : prev.e()));
      a.writeZigZag(d.a() - (prev == null ? 0 : prev.a()));
      tx.writeZigZag(d.tx() - (prev == null ? 0 : prev.tx()));
      if (d.added()) {
        added[i >>> 3] |= (byte) (1 << (i & 7));
      }
      Object v = d.v();
      int tag = v instanceof String ? STRING : Values.validate(v).tag(); // strings: checked as written
      tags[i] = (byte) tag;
      boolean related = prev != null && prev.a() == d.a() && prevTag == tag;
      if (tag == ValueType.LONG.tag()) {
        long x = (Long) v;
        values.writeZigZag(related ? x - (Long) prev.v() : x);
      } else if (tag == ValueType.INSTANT.tag()) {
        Instant t = (Instant) v;
        values.writeZigZag(related ? t.getEpochSecond() - ((Instant) prev.v()).getEpochSecond() : t.getEpochSecond());
        values.writeVarInt(t.getNano());
      } else if (related && v == prev.v()) {
        // the value object again (a column of few values in AEVT and AVET, shared when decoded):
        // all of the previous bare payload, nothing more, without writing it out to compare
        values.writeVarInt(prevBareLength);
        values.writeVarInt(0);
      } else {
        bare.reset();
        writeBare(bare, tag, v);
        if (related) {
          int shared = Arrays.mismatch(prevBare, 0, prevBareLength, bare.buffer(), 0, bare.size());
          if (shared < 0) {
            shared = prevBareLength;
          }
          values.writeVarInt(shared);
          values.writeVarInt(bare.size() - shared);
          values.writeBytes(bare.buffer(), shared, bare.size() - shared);
        } else {
          writeBareWithLength(values, tag, v, bare);
        }
        if (prevBare.length < bare.size()) {
          prevBare = new byte[Math.max(bare.size(), prevBare.length * 2)];
          scratch.prevBare = prevBare;
        }
        System.arraycopy(bare.buffer(), 0, prevBare, 0, bare.size());
        prevBareLength = bare.size();
      }
      prev = d;
      prevTag = tag;
    }
    ByteWriter body = scratch.reset(scratch.body);
    body.writeVarInt(n);
    body.writeVarInt(e.size()).writeVarInt(a.size()).writeVarInt(tx.size());
    body.writeVarInt(added.length).writeVarInt(tags.length).writeVarInt(values.size());
    body.writeAll(e).writeAll(a).writeAll(tx).writeBytes(added).writeBytes(tags).writeAll(values);
    return Frame.encode(Frame.Kind.SEGMENT, index.ordinal(), body);
  }

  /**
   * One thread's buffers for {@link #encode}: an index job encodes thousands of segments, and
   * fresh buffers for each were a good part of its allocation. Each keeps the capacity of the
   * largest segment its thread encoded (a few hundred KiB at most).
   */
  private static final class Scratch {
    final ByteWriter e = new ByteWriter(4096);
    final ByteWriter a = new ByteWriter(2048);
    final ByteWriter tx = new ByteWriter(4096);
    final ByteWriter values = new ByteWriter(16384);
    final ByteWriter bare = new ByteWriter(64);
    final ByteWriter body = new ByteWriter(32768);
    byte[] prevBare = new byte[64];

    ByteWriter reset(ByteWriter w) {
      w.reset();
      return w;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** The bare payload: strings, uris and bytes without their length, others as usual. */
  private static void writeBare(ByteWriter out, int tag, Object v) {
    if (tag == ValueType.STRING.tag()) {
      String s = (String) v;
      if (!out.writeIfAscii(s)) { // ASCII is well-formed: only other strings need the check
        Values.validate(s);
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      }
    } else if (tag == ValueType.URI.tag()) {
      out.writeUtf8(v.toString()); // validated with the other non-string values
    } else if (tag == ValueType.BYTES.tag()) {
      out.writeBytes((byte[]) v);
    } else {
      ValueCodec.writePayload(out, tag, v);
    }
  }

  private static void writeBareWithLength(ByteWriter out, int tag, Object v, ByteWriter bare) {
    if (tag == ValueType.STRING.tag() || tag == ValueType.URI.tag() || tag == ValueType.BYTES.tag()) {
      out.writeVarInt(bare.size());
    }
    out.writeBytes(bare.buffer(), 0, bare.size());
  }

  /**
   * Decodes a segment stored under {@code key}.
   *
   * @throws org.datolite.storage.StorageException SEGMENT_CORRUPT or UNSUPPORTED_FORMAT naming
   *     the key
   */
  public static Decoded decode(byte[] bytes, String key) {
    Frame.Body frame = Frame.decode(bytes, Frame.Kind.SEGMENT, key);
    Index index;
    try {
      index = Index.ofCode(frame.kindByte());
    } catch (IllegalArgumentException e) {
      throw Frame.corrupt(key, Frame.Kind.SEGMENT, e.getMessage());
    }
    try {
      return new Decoded(index, decodeBody(frame.bytes()));
    } catch (MalformedInputException | ClassCastException e) {
      throw Frame.corrupt(key, Frame.Kind.SEGMENT, e.getMessage());
    }
  }

  private static Datom[] decodeBody(byte[] body) {
    ByteReader in = new ByteReader(body);
    int n = in.readVarInt();
    if (n == 0 || n > body.length) {
      throw new MalformedInputException("datom count " + n + " impossible in " + body.length + " bytes");
    }
    int[] lengths = new int[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
      lengths[c] = in.readVarInt();
    }
    int offset = in.position();
    ByteReader[] columns = new ByteReader[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
      if (lengths[c] > body.length - offset) {
        throw new MalformedInputException("column " + c + " of " + lengths[c] + " bytes overruns the body");
      }
      columns[c] = new ByteReader(body, offset, lengths[c]);
      offset += lengths[c];
    }
    if (offset != body.length) {
      throw new MalformedInputException((body.length - offset) + " bytes after the last column");
    }
    if (lengths[3] != (n + 7) / 8 || lengths[4] != n) {
      throw new MalformedInputException("added/tag columns do not match " + n + " datoms");
    }
    Rows rows = new Rows(body, columns, n);
    Datom[] out = new Datom[n];
    for (int i = 0; i < n; i++) {
      out[i] = rows.next(i);
    }
    rows.checkConsumed();
    return out;
  }

  /**
   * The decoding state of one segment, one row at a time. The per-row work is a small method
   * of its own so that the JIT compiles it after a few segments rather than after thousands. A
   * value equal to the one before it (of the same attribute: a column of few values, in AEVT and
   * AVET) is that object again, not decoded anew; values are immutable (byte arrays excepted,
   * which are never shared, nor tuples, which may hold them).
   */
  private static final class Rows {
    private final byte[] body;
    private final ByteReader e;
    private final ByteReader a;
    private final ByteReader tx;
    private final byte[] added;
    private final ByteReader tags;
    private final ByteReader values;
    private long pe;
    private long pa;
    private long ptx;
    private Object pv;
    private int ptag = -1;
    private byte[] bare = new byte[64];
    private int bareLength;

    Rows(byte[] body, ByteReader[] columns, int n) {
      this.body = body;
      this.e = columns[0];
      this.a = columns[1];
      this.tx = columns[2];
      this.added = columns[3].readBytes((n + 7) / 8);
      this.tags = columns[4];
      this.values = columns[5];
    }

    Datom next(int i) {
      long de = pe + e.readZigZag();
      long da = pa + a.readZigZag();
      long dtx = ptx + tx.readZigZag();
      int tag = tags.readByte();
      boolean related = i > 0 && da == pa && tag == ptag;
      Object v;
      if (tag == LONG_TAG) {
        long x = values.readZigZag();
        v = related ? x == 0 ? pv : (Object) ((Long) pv + x) : (Object) x;
      } else if (tag == INSTANT_TAG) {
        v = instant(related);
      } else if (ValueType.ofTag(tag) == null) {
        throw new MalformedInputException("unknown value tag " + tag + " at row " + i);
      } else if (related) {
        v = relatedBare(tag, i);
      } else {
        v = plain(tag);
      }
      Datom d = new Datom(de, da, v, dtx, (added[i >>> 3] & (1 << (i & 7))) != 0);
      pe = de;
      pa = da;
      ptx = dtx;
      pv = v;
      ptag = tag;
      return d;
    }

    private Instant instant(boolean related) {
      long s = values.readZigZag();
      int nanos = values.readVarInt();
      long seconds = related ? ((Instant) pv).getEpochSecond() + s : s;
      if (nanos > 999_999_999) {
        throw new MalformedInputException("instant nanosecond " + nanos + "; expected 0..999999999");
      }
      if (related && s == 0 && nanos == ((Instant) pv).getNano()) {
        return (Instant) pv; // the value again (a column of few values, sorted in AVET): shared, not decoded
      }
      return Instant.ofEpochSecond(seconds, nanos);
    }

    private Object relatedBare(int tag, int i) {
      int shared = values.readVarInt();
      int more = values.readLength();
      if (shared > bareLength) {
        throw new MalformedInputException("shared prefix " + shared + " longer than the previous value at row " + i);
      }
      // a byte array is not shared (it is mutable), nor a tuple (which may hold byte arrays)
      if (more == 0 && shared == bareLength && tag != BYTES_TAG && tag != TUPLE_TAG) {
        return pv; // the same bytes as the value before: the value again, shared rather than decoded
      }
      ensureBare(shared + more, true);
      System.arraycopy(body, values.skip(more), bare, shared, more);
      bareLength = shared + more;
      return readBare(bare, bareLength, tag);
    }

    private Object plain(int tag) {
      if (tag == STRING_TAG || tag == URI_TAG || tag == BYTES_TAG) {
        bareLength = values.readLength();
        ensureBare(bareLength, false);
        System.arraycopy(body, values.skip(bareLength), bare, 0, bareLength);
        return readBare(bare, bareLength, tag);
      }
      int start = values.position();
      Object v = ValueCodec.readPayload(values, tag);
      bareLength = values.position() - start;
      ensureBare(bareLength, false);
      System.arraycopy(body, start, bare, 0, bareLength);
      return v;
    }

    private void ensureBare(int length, boolean keep) {
      if (bare.length < length) {
        int size = Math.max(length, bare.length * 2);
        bare = keep ? Arrays.copyOf(bare, size) : new byte[size];
      }
    }

    void checkConsumed() {
      if (e.hasRemaining() || a.hasRemaining() || tx.hasRemaining() || values.hasRemaining()) {
        throw new MalformedInputException("columns hold more datoms than the count says");
      }
    }
  }

  private static Object readBare(byte[] bare, int length, int tag) {
    if (tag == ValueType.STRING.tag()) {
      return new String(bare, 0, length, StandardCharsets.UTF_8);
    } else if (tag == ValueType.URI.tag()) {
      try {
        return new URI(new String(bare, 0, length, StandardCharsets.UTF_8));
      } catch (URISyntaxException e) {
        throw new MalformedInputException("bad uri: " + e.getMessage());
      }
    } else if (tag == ValueType.BYTES.tag()) {
      return Arrays.copyOf(bare, length);
    }
    ByteReader r = new ByteReader(bare, 0, length);
    Object v = ValueCodec.readPayload(r, tag);
    if (r.hasRemaining()) {
      throw new MalformedInputException(r.remaining() + " stray bytes after a value");
    }
    return v;
  }
}

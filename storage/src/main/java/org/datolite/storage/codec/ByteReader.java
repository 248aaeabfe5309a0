package org.datolite.storage.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the encodings of {@link ByteWriter} from a byte array. Every read checks bounds: running
 * off the end, or an overlong varint, throws {@link MalformedInputException} rather than an
 * index error, so that corrupt input is reported as such.
 */
public final class ByteReader {
  private final byte[] buf;
  private final int limit;
  private int pos;

  public ByteReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public ByteReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + buf.length + " bytes");
    }
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return limit - pos;
  }

  public boolean hasRemaining() {
    return pos < limit;
  }

  private void need(int n) {
    if (n < 0 || limit - pos < n) {
      throw new MalformedInputException(
          "truncated input: need " + n + " bytes at offset " + pos + ", have " + (limit - pos));
    }
  }

  public int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  public byte[] readBytes(int n) {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** Advances past {@code n} bytes and returns the offset where they start. */
  public int skip(int n) {
    need(n);
    int start = pos;
    pos += n;
    return start;
  }

  /** The array behind this reader, for zero-copy slices obtained with {@link #skip}. */
  public byte[] array() {
    return buf;
  }

  public int readInt() {
    need(4);
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
        | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public long readLong() {
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  public long readVarLong() {
    int p = pos;
    if (p < limit && buf[p] >= 0) { // one byte: most lengths, deltas and small numbers
      pos = p + 1;
      return buf[p];
    }
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= limit) {
        pos = p;
        throw new MalformedInputException("truncated varint at offset " + pos);
      }
      byte b = buf[p++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        pos = p;
        return v;
      }
    }
    pos = p;
    throw new MalformedInputException("varint longer than 10 bytes at offset " + pos);
  }

  /** A varint that must be a non-negative int (a length or count). */
  public int readVarInt() {
    long v = readVarLong();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new MalformedInputException("length or count " + v + " out of range at offset " + pos);
    }
    return (int) v;
  }

  /** A length that must also fit in what is left of the input. */
  public int readLength() {
    int n = readVarInt();
    if (n > limit - pos) {
      throw new MalformedInputException(
          "length " + n + " at offset " + pos + " exceeds the " + (limit - pos) + " bytes left");
    }
    return n;
  }

  public long readZigZag() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  public String readString() {
    int n = readLength();
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /**
   * {@code n} bytes of strict UTF-8: a malformed or truncated sequence fails instead of becoming
   * U+FFFD, as a lenient decoder would make it (text off the network must be what was sent).
   */
  public String readUtf8(int n) {
    need(n);
    int start = pos;
    boolean ascii = true;
    for (int i = start; i < start + n && ascii; i++) {
      ascii = buf[i] >= 0;
    }
    String text;
    if (ascii) {
      text = new String(buf, start, n, StandardCharsets.ISO_8859_1);
    } else {
      ByteBuffer bytes = ByteBuffer.wrap(buf, start, n);
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
      } catch (CharacterCodingException e) {
        throw new MalformedInputException("text of " + n + " bytes at offset " + start
            + " is not UTF-8: a malformed sequence at offset " + bytes.position());
      }
    }
    pos = start + n;
    return text;
  }
}

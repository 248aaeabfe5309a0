package org.datolite.storage.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive encodings of the storage format: unsigned LEB128
 * varints, zigzag varints for signed numbers, and fixed-width big-endian integers.
 */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  /**
   * One writer per thread, kept between uses: a bulk load's log blocks are megabytes, and growing
   * a fresh buffer to that size for each copied it several times over. A buffer grown past
   * {@code maxKeptBytes} (one very large use) is not kept. Not reentrant: a thread takes its
   * writer again only after releasing it.
   */
  public static final class PerThread {
    private final ThreadLocal<ByteWriter> writers;
    private final int maxKeptBytes;

    public PerThread(int initialCapacity, int maxKeptBytes) {
      this.writers = ThreadLocal.withInitial(() -> new ByteWriter(initialCapacity));
      this.maxKeptBytes = maxKeptBytes;
    }

    /** This thread's writer, emptied; hand it back with {@link #release} once its bytes are copied out. */
    public ByteWriter take() {
      ByteWriter w = writers.get();
      w.reset();
      return w;
    }

    public void release(ByteWriter w) {
      if (w.buf.length > maxKeptBytes) {
        writers.remove();
      }
    }
  }

  public ByteWriter() {
    this(256);
  }

  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** The number of bytes written. */
  public int size() {
    return size;
  }

  /** Forgets what was written, keeping the buffer. */
  public void reset() {
    size = 0;
  }

  /** Forgets what was written after the first {@code newSize} bytes. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
    }
    size = newSize;
  }

  /** The underlying buffer; bytes past {@link #size()} are garbage. */
  public byte[] buffer() {
    return buf;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    int need = size + more;
    if (need < 0) {
      throw new IllegalStateException("encoded form exceeds 2 GiB");
    }
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
    }
  }

  public ByteWriter writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  public ByteWriter writeBytes(byte[] b) {
    return writeBytes(b, 0, b.length);
  }

  public ByteWriter writeBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  /** Appends everything another writer holds. */
  public ByteWriter writeAll(ByteWriter other) {
    return writeBytes(other.buf, 0, other.size);
  }

  public ByteWriter writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteWriter writeLong(long v) {
    writeInt((int) (v >>> 32));
    return writeInt((int) v);
  }

  /** An unsigned LEB128 varint: 7 bits a byte, high bit set on all but the last; 1–10 bytes. */
  public ByteWriter writeVarLong(long v) {
    if (size > buf.length - 10) {
      ensure(10);
    }
    byte[] b = buf;
    int p = size;
    while ((v & ~0x7FL) != 0) {
      b[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    size = p;
    return this;
  }

  /** A non-negative int as a varint. */
  public ByteWriter writeVarInt(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative length or count " + v);
    }
    return writeVarLong(v);
  }

  /** A signed number as a zigzag varint, so that small magnitudes take few bytes. */
  public ByteWriter writeZigZag(long v) {
    return writeVarLong((v << 1) ^ (v >> 63));
  }

  /** A string as a varint byte length and its UTF-8 bytes. */
  public ByteWriter writeString(String s) {
    int start = size;
    writeVarInt(s.length()); // an ASCII string's byte length
    if (writeIfAscii(s)) {
      return this;
    }
    size = start;
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarInt(b.length);
    return writeBytes(b);
  }

  /** A string's UTF-8 bytes, without a length. */
  public ByteWriter writeUtf8(String s) {
    return writeIfAscii(s) ? this : writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a string's chars as its UTF-8 bytes if every one is ASCII, in one pass and without the
   * array {@code getBytes} makes (a segment or a log block writes millions of strings); otherwise
   * writes nothing and returns false.
   */
  public boolean writeIfAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      buf[size + i] = (byte) c;
    }
    size += n;
    return true;
  }

  /** Overwrites four bytes at {@code pos} with a big-endian int. */
  public void putInt(int pos, int v) {
    buf[pos] = (byte) (v >>> 24);
    buf[pos + 1] = (byte) (v >>> 16);
    buf[pos + 2] = (byte) (v >>> 8);
    buf[pos + 3] = (byte) v;
  }
}

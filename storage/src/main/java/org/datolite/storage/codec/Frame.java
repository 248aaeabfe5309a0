package org.datolite.storage.codec;

import java.util.Arrays;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * The envelope of every stored block (segments, directories, index roots): a fixed header, a
 * body that is LZ4-compressed when that saves space, and a CRC32C checksum.
 *
 * <pre>
 * offset size field
 *  0     4    magic, ASCII: "DSEG" segment, "DDIR" directory, "DROO" index roots, "DLOG" log block
 *  4     1    format version of the kind (1; directories and log blocks 2, and 1 is still read)
 *  5     1    kind-specific byte (a segment's or directory's index code)
 *  6     1    compression: 0 none, 1 LZ4 block
 *  7     1    reserved, 0
 *  8     4    body length before compression
 * 12     4    stored body length (the bytes after the header)
 * 16     4    CRC32C of bytes 0..15 and of the stored body
 * 20     n    stored body
 * </pre>
 *
 * All integers are big-endian. Decoding checks, in order: length, magic, version, checksum,
 * and that decompression yields exactly the announced length; each failure is a
 * {@link StorageException} naming the key, never garbage.
 */
public final class Frame {
  /** Bytes before the body. */
  public static final int HEADER_SIZE = 20;

  static final int COMPRESSION_NONE = 0;
  static final int COMPRESSION_LZ4 = 1;

  /** The kinds of block, each with its magic and current format version. */
  public enum Kind {
    SEGMENT("DSEG", 1, 1),
    /** Version 2 adds each segment's key filter to its entry; version 1 is still read. */
    DIRECTORY("DDIR", 2, 1),
    INDEX_ROOTS("DROO", 1, 1),
    /** Version 2 writes each datom's entity and attribute as deltas from the datom before; version 1 is still read. */
    LOG_BLOCK("DLOG", 2, 1);

    private final int magic;
    private final int version;
    private final int oldestRead;

    Kind(String magic, int version, int oldestRead) {
      this.magic = (magic.charAt(0) << 24) | (magic.charAt(1) << 16) | (magic.charAt(2) << 8) | magic.charAt(3);
      this.version = version;
      this.oldestRead = oldestRead;
    }

    /** The format version this build writes. */
    public int version() {
      return version;
    }

    String magicText() {
      return new String(new char[] {
          (char) (magic >>> 24), (char) ((magic >>> 16) & 0xFF), (char) ((magic >>> 8) & 0xFF), (char) (magic & 0xFF)});
    }
  }

  /** A decoded frame: the uncompressed body, the kind-specific byte and the format version it was written in. */
  public record Body(byte[] bytes, int kindByte, int version) {}

  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

  /** Each thread's buffer to compress into (it keeps the capacity of the largest body its thread framed). */
  private static final ThreadLocal<byte[]> COMPRESSED = ThreadLocal.withInitial(() -> new byte[1 << 16]);

  /** A larger buffer (a very large transaction's log block) is not kept after its use. */
  private static final int MAX_KEPT_SCRATCH = 8 << 20;

  /** Bodies smaller than this are stored as they are. */
  private static final int MIN_COMPRESS = 64;

  private Frame() {}

  /** Frames a body, compressing it when that saves at least an eighth. */
  public static byte[] encode(Kind kind, int kindByte, ByteWriter body) {
    return encodeAsVersion(kind, kind.version, kindByte, body);
  }

  /** Frames a body in an older format version of its kind (what earlier builds wrote; for tests of reading it). */
  public static byte[] encodeAsVersion(Kind kind, int version, int kindByte, ByteWriter body) {
    int n = body.size();
    byte[] out;
    int stored = n;
    int compression = COMPRESSION_NONE;
    if (n >= MIN_COMPRESS) {
      // into this thread's scratch buffer, then copied once at the size it came to
      int max = COMPRESSOR.maxCompressedLength(n);
      byte[] scratch = COMPRESSED.get();
      if (scratch.length < max) {
        scratch = new byte[Math.max(max, scratch.length * 2)];
        if (scratch.length <= MAX_KEPT_SCRATCH) {
          COMPRESSED.set(scratch);
        }
      }
      int compressed = COMPRESSOR.compress(body.buffer(), 0, n, scratch, 0, max);
      if (compressed <= n - n / 8) {
        compression = COMPRESSION_LZ4;
        stored = compressed;
      }
      out = new byte[HEADER_SIZE + stored];
      System.arraycopy(compression == COMPRESSION_LZ4 ? scratch : body.buffer(), 0, out, HEADER_SIZE, stored);
    } else {
      out = new byte[HEADER_SIZE + n];
      System.arraycopy(body.buffer(), 0, out, HEADER_SIZE, n);
    }
    putInt(out, 0, kind.magic);
    out[4] = (byte) version;
    out[5] = (byte) kindByte;
    out[6] = (byte) compression;
    out[7] = 0;
    putInt(out, 8, n);
    putInt(out, 12, stored);
    putInt(out, 16, checksum(out));
    return out;
  }

  /**
   * Checks and opens a frame.
   *
   * @param key the storage key the bytes came from, for messages
   * @throws StorageException SEGMENT_CORRUPT or UNSUPPORTED_FORMAT, naming the key
   */
  public static Body decode(byte[] frame, Kind kind, String key) {
    if (frame.length < HEADER_SIZE) {
      throw corrupt(key, kind, "only " + frame.length + " bytes; a frame has at least " + HEADER_SIZE);
    }
    int magic = getInt(frame, 0);
    if (magic != kind.magic) {
      throw corrupt(key, kind, "magic 0x" + Integer.toHexString(magic) + "; expected '" + kind.magicText() + "'");
    }
    int version = frame[4] & 0xFF;
    int length = getInt(frame, 8);
    int stored = getInt(frame, 12);
    if (stored < 0 || stored != frame.length - HEADER_SIZE) {
      throw corrupt(key, kind, "stored length " + stored + " but " + (frame.length - HEADER_SIZE) + " bytes follow the header");
    }
    if (getInt(frame, 16) != checksum(frame)) {
      throw corrupt(key, kind, "checksum mismatch");
    }
    if (version < kind.oldestRead || version > kind.version) {
      throw new StorageException(StorageErrorCode.UNSUPPORTED_FORMAT,
          "key '" + key + "' holds a " + kind + " of format version " + version + "; this build reads version "
              + (kind.oldestRead == kind.version ? String.valueOf(kind.version) : kind.oldestRead + " to " + kind.version));
    }
    int compression = frame[6] & 0xFF;
    byte[] body;
    if (compression == COMPRESSION_NONE) {
      if (length != stored) {
        throw corrupt(key, kind, "uncompressed body of " + stored + " bytes announced as " + length);
      }
      body = Arrays.copyOfRange(frame, HEADER_SIZE, frame.length);
    } else if (compression == COMPRESSION_LZ4) {
      if (length < 0 || length > (1 << 30)) {
        throw corrupt(key, kind, "body length " + length + " out of range");
      }
      body = new byte[length];
      int got;
      try {
        got = DECOMPRESSOR.decompress(frame, HEADER_SIZE, stored, body, 0, length);
      } catch (LZ4Exception e) {
        throw corrupt(key, kind, "LZ4 data does not decompress: " + e.getMessage());
      }
      if (got != length) {
        throw corrupt(key, kind, "decompressed " + got + " bytes; expected " + length);
      }
    } else {
      throw corrupt(key, kind, "unknown compression " + compression);
    }
    return new Body(body, frame[5] & 0xFF, version);
  }

  /** A corrupt-data error naming the key and what is wrong with it. */
  public static StorageException corrupt(String key, Kind kind, String what) {
    return new StorageException(StorageErrorCode.SEGMENT_CORRUPT,
        "key '" + key + "' does not hold a valid " + kind.name().toLowerCase().replace('_', ' ') + ": " + what);
  }

  private static int checksum(byte[] frame) {
    CRC32C crc = new CRC32C();
    crc.update(frame, 0, 16);
    crc.update(frame, HEADER_SIZE, frame.length - HEADER_SIZE);
    return (int) crc.getValue();
  }

  private static void putInt(byte[] b, int pos, int v) {
    b[pos] = (byte) (v >>> 24);
    b[pos + 1] = (byte) (v >>> 16);
    b[pos + 2] = (byte) (v >>> 8);
    b[pos + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int pos) {
    return ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
  }
}

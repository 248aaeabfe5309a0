package org.datolite.storage.kv.file;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.datolite.storage.kv.KeyValueStore;

/**
 * The codec of one record of a {@link FileStore} data file. All integers are big-endian.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic 0xDA70117E, marks the start of a record
 *      4     4  header checksum: CRC32C of bytes 8..35
 *      8     8  batch start: file offset of the first record of the write this record belongs to
 *     16     1  flags: bit 0 = last record of its write; other bits 0
 *     17     1  operation: 1 put (immutable, rev 0), 2 put versioned (rev >= 1), 3 delete
 *     18     2  K = key length in bytes (UTF-8), 1..3072
 *     20     4  V = value length in bytes, 0..2^31-1 (0 for a delete)
 *     24     8  rev
 *     32     4  record checksum: CRC32C of bytes 17..31, the key and the value
 *     36     K  key, UTF-8
 *   36+K     V  value
 * </pre>
 *
 * <p>The record checksum covers what the record says (operation, lengths, revision, key, value)
 * and survives compaction unchanged; the header checksum covers the framing (batch start, flags)
 * and the record checksum, so together they cover every byte but the magic. A header that checks
 * out gives the record's exact extent even when its body is damaged, which recovery uses to tell
 * a torn write from damage in the middle of a file.
 */
final class FileRecord {
  static final int MAGIC = 0xDA70117E;
  static final int HEADER_SIZE = 36;
  static final int OP_PUT = 1;
  static final int OP_PUT_VERSIONED = 2;
  static final int OP_DELETE = 3;
  static final int FLAG_LAST = 1;
  static final int MAX_KEY_BYTES = 3 * KeyValueStore.MAX_KEY_LENGTH;

  private static final int HEADER_CRC = 4;
  private static final int BATCH_START = 8;
  private static final int FLAGS = 16;
  private static final int CONTENT = 17;
  private static final int RECORD_CRC = 32;

  private FileRecord() {}

  /** What a valid header says. */
  record Header(long batchStart, boolean last, int op, int keyLength, int valueLength, long rev,
      int recordCrc) {
    /** Header, key and value. */
    long length() {
      return HEADER_SIZE + keyLength + (long) valueLength;
    }
  }

  /** Why bytes are not a valid record header; cheap, without a stack trace. */
  static final class InvalidRecord extends Exception {
    InvalidRecord(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The header and key of a new record with both checksums, ready to be followed by the value. */
  static ByteBuffer encode(long batchStart, boolean last, int op, byte[] key, long rev, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + key.length);
    b.putInt(MAGIC).putInt(0).putLong(batchStart).put((byte) (last ? FLAG_LAST : 0)).put((byte) op)
        .putShort((short) key.length).putInt(value.length).putLong(rev).putInt(0).put(key);
    CRC32C crc = contentCrc(b.array(), 0);
    crc.update(key);
    crc.update(value);
    b.putInt(RECORD_CRC, (int) crc.getValue());
    b.putInt(HEADER_CRC, headerCrc(b.array(), 0));
    return b.flip();
  }

  /**
   * Rewrites the framing of a whole record held in {@code record} (for compaction), keeping its
   * record checksum.
   */
  static void reframe(byte[] record, long batchStart, boolean last) {
    ByteBuffer b = ByteBuffer.wrap(record);
    b.putLong(BATCH_START, batchStart);
    b.put(FLAGS, (byte) (last ? FLAG_LAST : 0));
    b.putInt(HEADER_CRC, headerCrc(record, 0));
  }

  /** A checksum started over the header fields the record checksum covers; add key and value. */
  static CRC32C contentCrc(byte[] header, int offset) {
    CRC32C crc = new CRC32C();
    crc.update(header, offset + CONTENT, RECORD_CRC - CONTENT);
    return crc;
  }

  private static int headerCrc(byte[] header, int offset) {
    CRC32C crc = new CRC32C();
    crc.update(header, offset + BATCH_START, HEADER_SIZE - BATCH_START);
    return (int) crc.getValue();
  }

  /** Parses and checks the {@link #HEADER_SIZE} bytes at {@code offset}. */
  static Header parse(byte[] header, int offset) throws InvalidRecord {
    ByteBuffer b = ByteBuffer.wrap(header, offset, HEADER_SIZE).slice();
    int magic = b.getInt(0);
    if (magic != MAGIC) {
      throw new InvalidRecord(String.format("no record marker (found 0x%08X, expected 0x%08X)", magic, MAGIC));
    }
    int stored = b.getInt(HEADER_CRC);
    int computed = headerCrc(header, offset);
    if (stored != computed) {
      throw new InvalidRecord(String.format(
          "header checksum mismatch (stored 0x%08X, computed 0x%08X)", stored, computed));
    }
    int flags = b.get(FLAGS) & 0xFF;
    int op = b.get(CONTENT) & 0xFF;
    int keyLength = b.getShort(18) & 0xFFFF;
    int valueLength = b.getInt(20);
    long rev = b.getLong(24);
    if ((flags & ~FLAG_LAST) != 0) {
      throw new InvalidRecord("unknown flags 0x" + Integer.toHexString(flags) + "; expected only bit 0");
    }
    if (keyLength < 1 || keyLength > MAX_KEY_BYTES) {
      throw new InvalidRecord("key length " + keyLength + "; expected 1.." + MAX_KEY_BYTES);
    }
    if (valueLength < 0) {
      throw new InvalidRecord("value length " + (valueLength & 0xFFFFFFFFL) + "; expected at most " + Integer.MAX_VALUE);
    }
    boolean consistent = switch (op) {
      case OP_PUT -> rev == 0;
      case OP_PUT_VERSIONED -> rev >= 1;
      case OP_DELETE -> rev == 0 && valueLength == 0;
      default -> throw new InvalidRecord("unknown operation " + op + "; expected 1 (put), 2 (put versioned) or 3 (delete)");
    };
    if (!consistent) {
      throw new InvalidRecord("operation " + op + " with rev " + rev + " and value length " + valueLength
          + "; expected rev 0 for a put, >= 1 for a versioned put, rev 0 and no value for a delete");
    }
    return new Header(b.getLong(BATCH_START), (flags & FLAG_LAST) != 0, op, keyLength, valueLength, rev,
        b.getInt(RECORD_CRC));
  }
}

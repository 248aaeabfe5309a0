package org.datolite.storage.kv.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * One data file of a {@link FileStore}, open for positional reads by any number of threads.
 *
 * <p>Every file starts with a 20-byte header (big-endian):
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "DLFS" (0x444C4653)
 *      4     2  format version, 1
 *      6     2  flags: bit 0 = base, the output of a compaction, which supersedes every file
 *               with a lower generation; other bits 0
 *      8     8  generation, the number in the file's name
 *     16     4  CRC32C of bytes 0..15
 * </pre>
 *
 * followed by {@link FileRecord records}. A file is created under a temporary name and renamed
 * only once its header (or, for compaction, its whole content) is on disk, so a header that does
 * not check out is damage, never a crash.
 *
 * <p>A {@link FileChannel} is closed for every thread when one thread reading it is
 * interrupted. Reads therefore hold back a pending interrupt while they read and reopen the
 * channel if an interrupt closed it anyway, and restore the interrupt flag afterwards. A read of
 * a file that was {@link #close() closed} (retired by compaction, or the store closed) throws
 * {@link Retired}: the caller looks the key up again.
 */
final class DataFile {
  static final int HEADER_SIZE = 20;
  static final int MAGIC = 0x444C4653;
  static final int VERSION = 1;
  static final int FLAG_BASE = 1;

  private final Path path;
  private final long generation;
  private final boolean base;
  private volatile FileChannel channel;
  private volatile boolean closed;

  private DataFile(Path path, long generation, boolean base, FileChannel channel) {
    this.path = path;
    this.generation = generation;
    this.base = base;
    this.channel = channel;
  }

  /** Thrown by reads of a closed file; the record has moved or the store is closed. */
  static final class Retired extends RuntimeException {
    Retired() {
      super(null, null, false, false);
    }
  }

  /** A value read and checked, with the header and key it was stored with. */
  record RecordBytes(byte[] head, byte[] value) {}

  static ByteBuffer encodeHeader(long generation, boolean base) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
    b.putInt(MAGIC).putShort((short) VERSION).putShort((short) (base ? FLAG_BASE : 0)).putLong(generation);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 16);
    b.putInt((int) crc.getValue());
    return b.flip();
  }

  /** Opens a file for reading and checks its header against the generation in its name. */
  static DataFile open(Path path, long generation) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
      while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
        // read until full or end of file
      }
      String problem = headerProblem(b.array(), b.position(), generation);
      if (problem != null) {
        throw new StorageException(problem.startsWith("format version")
            ? StorageErrorCode.UNSUPPORTED_FORMAT : StorageErrorCode.SEGMENT_CORRUPT,
            "data file " + path + " has a bad header: " + problem
                + "; files are renamed into place only once complete, so this is damage, not a crash");
      }
      boolean base = (b.getShort(6) & FLAG_BASE) != 0;
      return new DataFile(path, generation, base, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static String headerProblem(byte[] h, int length, long generation) {
    if (length < HEADER_SIZE) {
      return "only " + length + " bytes; expected at least " + HEADER_SIZE;
    }
    ByteBuffer b = ByteBuffer.wrap(h);
    CRC32C crc = new CRC32C();
    crc.update(h, 0, 16);
    if (b.getInt(0) != MAGIC) {
      return String.format("magic 0x%08X; expected 0x%08X", b.getInt(0), MAGIC);
    }
    if (b.getInt(16) != (int) crc.getValue()) {
      return "header checksum mismatch";
    }
    if (b.getShort(4) != VERSION) {
      return "format version " + b.getShort(4) + "; this build reads version " + VERSION;
    }
    if ((b.getShort(6) & ~FLAG_BASE) != 0) {
      return "unknown flags 0x" + Integer.toHexString(b.getShort(6)) + "; expected only bit 0";
    }
    if (b.getLong(8) != generation) {
      return "generation " + b.getLong(8) + "; expected " + generation + " from the file name";
    }
    return null;
  }

  Path path() {
    return path;
  }

  long generation() {
    return generation;
  }

  boolean isBase() {
    return base;
  }

  long size() throws IOException {
    return channel.size();
  }

  /** The value of {@code key} at {@code loc}, its checksum verified. */
  byte[] readValue(String key, RecordLocation loc, String store) {
    return readRecord(key, loc, store).value();
  }

  /** The record of {@code key} at {@code loc}, its header, key and checksum verified. */
  RecordBytes readRecord(String key, RecordLocation loc, String store) {
    byte[] head = new byte[FileRecord.HEADER_SIZE + loc.keyLength()];
    byte[] value = new byte[loc.valueLength()];
    try {
      readFully(ByteBuffer.wrap(head), loc.offset());
      readFully(ByteBuffer.wrap(value), loc.offset() + head.length);
    } catch (EOFException e) {
      throw corrupt(key, loc, store, "the file ends before the record does");
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.STORE_IO, "store " + store + ": reading key '" + key + "' from "
          + path + " at offset " + loc.offset() + " failed: " + e, e);
    }
    FileRecord.Header h;
    try {
      h = FileRecord.parse(head, 0);
    } catch (FileRecord.InvalidRecord e) {
      throw corrupt(key, loc, store, e.getMessage());
    }
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    if (h.keyLength() != keyBytes.length || h.valueLength() != loc.valueLength() || h.rev() != loc.rev()
        || !Arrays.equals(head, FileRecord.HEADER_SIZE, head.length, keyBytes, 0, keyBytes.length)) {
      throw corrupt(key, loc, store, "the record there holds key '"
          + new String(head, FileRecord.HEADER_SIZE, head.length - FileRecord.HEADER_SIZE, StandardCharsets.UTF_8)
          + "' rev " + h.rev() + " with " + h.valueLength() + " bytes; expected this key, rev " + loc.rev()
          + " and " + loc.valueLength() + " bytes");
    }
    CRC32C crc = FileRecord.contentCrc(head, 0);
    crc.update(head, FileRecord.HEADER_SIZE, keyBytes.length);
    crc.update(value);
    if ((int) crc.getValue() != h.recordCrc()) {
      throw corrupt(key, loc, store, String.format("record checksum mismatch (stored 0x%08X, computed 0x%08X)",
          h.recordCrc(), (int) crc.getValue()));
    }
    return new RecordBytes(head, value);
  }

  private StorageException corrupt(String key, RecordLocation loc, String store, String reason) {
    return new StorageException(StorageErrorCode.SEGMENT_CORRUPT, "store " + store + ": key '" + key + "' in "
        + path + " at offset " + loc.offset() + ": " + reason + "; the file was changed or damaged after the write");
  }

  /** Fills {@code buf} from {@code position}, surviving interrupts (see the class comment). */
  void readFully(ByteBuffer buf, long position) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 0; ; attempt++) {
        FileChannel ch = channel;
        try {
          while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
              throw new EOFException(path + " ends at " + ch.size() + ", before offset " + (position + buf.limit()));
            }
          }
          return;
        } catch (ClosedChannelException e) {
          interrupted |= Thread.interrupted();
          if (closed) {
            throw new Retired();
          }
          if (attempt >= 3) {
            throw e;
          }
          reopen(ch);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized void reopen(FileChannel stale) throws IOException {
    if (channel == stale && !closed) {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    }
  }

  /** Closes the file for reading; reads in flight and later throw {@link Retired}. */
  synchronized void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // a read-only channel has nothing to lose on close
    }
  }

  @Override
  public String toString() {
    return path.getFileName().toString();
  }
}

package org.datolite.storage.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every record of one data file in order at open, checking both checksums, and hands each
 * complete write (a batch whose last record is present) to a {@link Sink}.
 *
 * <p>When a record does not check out, the scan decides between a write cut short by a crash
 * and damage. It is a torn write only if the file is the newest one and no valid record of
 * another write follows it: the scan then returns the offset where the torn write started, and
 * the caller truncates the file there (nothing from that offset on was acknowledged, because a
 * write is acknowledged only after it is forced, and a later write starts only after that).
 * Otherwise it throws SEGMENT_CORRUPT naming the file, the offset and, when the header is
 * readable, the key: dropping the rest would drop acknowledged writes.
 *
 * <p>To find a later valid record the scan skips whole records whose header checks out and
 * otherwise searches byte by byte for the record marker. A damaged last record of the newest
 * file is indistinguishable from a torn write and is truncated; a test pins this down.
 */
final class DataFileScan {
  private static final Logger LOG = LoggerFactory.getLogger(DataFileScan.class);
  private static final int WINDOW = 1 << 20;

  /** Receives each record of a complete write, in file order. */
  interface Sink {
    void apply(int op, String key, RecordLocation location);
  }

  /** What lies at an offset: a header and key, and the reason the record is invalid, if it is. */
  private record Found(FileRecord.Header header, String key, String problem) {}

  private record Pending(int op, String key, RecordLocation location) {}

  private final DataFile file;
  private final long size;
  private final String store;
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;

  DataFileScan(DataFile file, long size, String store) {
    this.file = file;
    this.size = size;
    this.store = store;
  }

  /**
   * Scans the file.
   *
   * @param newest whether this is the newest data file, the only one a crash can leave torn
   * @return the offset where the last complete write ends; less than the size if the file ends
   *     with a torn write that the caller must truncate
   */
  long scan(Sink sink, boolean newest) throws IOException {
    long pos = DataFile.HEADER_SIZE;
    long writeStart = -1;
    List<Pending> pending = new ArrayList<>();
    while (pos < size) {
      Found f = readAt(pos);
      String problem = f.problem();
      long expectedStart = writeStart < 0 ? pos : writeStart;
      if (problem == null && f.header().batchStart() != expectedStart) {
        problem = "the record says its write starts at offset " + f.header().batchStart() + "; expected " + expectedStart;
      }
      if (problem != null) {
        return tornWrite(pos, expectedStart, f, problem, newest);
      }
      FileRecord.Header h = f.header();
      writeStart = expectedStart;
      pending.add(new Pending(h.op(), f.key(), new RecordLocation(file, pos, h.keyLength(), h.valueLength(), h.rev())));
      pos += h.length();
      if (h.last()) {
        for (Pending p : pending) {
          sink.apply(p.op(), p.key(), p.location());
        }
        pending.clear();
        writeStart = -1;
      }
    }
    if (writeStart >= 0) {
      return tornWrite(pos, writeStart, null,
          "the write starting at offset " + writeStart + " has no last record before the end of the file", newest);
    }
    return pos;
  }

  private long tornWrite(long pos, long writeStart, Found f, String problem, boolean newest) throws IOException {
    String what = "record at offset " + pos + (f != null && f.key() != null ? " (key '" + f.key() + "')" : "")
        + " in " + file.path() + ": " + problem;
    if (!newest) {
      throw corrupt(what + "; this is not the newest data file, so no crash can have cut it short");
    }
    long later = findOtherWrite(pos, writeStart);
    if (later >= 0) {
      throw corrupt(what + "; a valid record of a later write follows at offset " + later
          + ", so this is damage inside the file, not a write cut short by a crash");
    }
    LOG.warn("{}: {}; truncating the incomplete write of {} bytes at offset {} (it was never acknowledged)",
        store, what, size - writeStart, writeStart);
    return writeStart;
  }

  private StorageException corrupt(String what) {
    return new StorageException(StorageErrorCode.SEGMENT_CORRUPT, "store " + store + " refuses to open: " + what
        + ". Dropping the rest could lose acknowledged writes; restore the directory from a backup");
  }

  /** The offset of the first valid record at or after {@code pos} of a write other than {@code writeStart}'s; -1 if none. */
  private long findOtherWrite(long pos, long writeStart) throws IOException {
    while (pos < size) {
      Found f = readAt(pos);
      if (f.problem() == null && f.header().batchStart() != writeStart) {
        return pos;
      }
      if (f.header() != null) {
        if (f.header().length() > size - pos) {
          return -1; // a checked header claims everything up to the end of the file
        }
        pos += f.header().length();
      } else {
        pos = nextMarker(pos + 1);
      }
    }
    return -1;
  }

  private long nextMarker(long from) throws IOException {
    for (long p = from; p + 4 <= size; p++) {
      if (byteAt(p) == (FileRecord.MAGIC >>> 24) && byteAt(p + 1) == ((FileRecord.MAGIC >>> 16) & 0xFF)
          && byteAt(p + 2) == ((FileRecord.MAGIC >>> 8) & 0xFF) && byteAt(p + 3) == (FileRecord.MAGIC & 0xFF)) {
        return p;
      }
    }
    return size;
  }

  private Found readAt(long pos) throws IOException {
    if (size - pos < FileRecord.HEADER_SIZE) {
      return new Found(null, null, "only " + (size - pos) + " bytes before the end of the file; a record header has "
          + FileRecord.HEADER_SIZE);
    }
    byte[] head = new byte[FileRecord.HEADER_SIZE];
    copy(pos, head, FileRecord.HEADER_SIZE);
    FileRecord.Header h;
    try {
      h = FileRecord.parse(head, 0);
    } catch (FileRecord.InvalidRecord e) {
      return new Found(null, null, e.getMessage());
    }
    if (h.length() > size - pos) {
      return new Found(h, null, "the record of " + h.length() + " bytes extends past the end of the file at " + size);
    }
    byte[] key = new byte[h.keyLength()];
    copy(pos + FileRecord.HEADER_SIZE, key, key.length);
    String keyText = new String(key, StandardCharsets.UTF_8);
    CRC32C crc = FileRecord.contentCrc(head, 0);
    crc.update(key);
    long valuePos = pos + FileRecord.HEADER_SIZE + key.length;
    for (long left = h.valueLength(); left > 0; ) {
      int inWindow = ensure(valuePos);
      int n = (int) Math.min(left, windowLength - inWindow);
      crc.update(window, inWindow, n);
      valuePos += n;
      left -= n;
    }
    if ((int) crc.getValue() != h.recordCrc()) {
      return new Found(h, keyText, String.format("record checksum mismatch (stored 0x%08X, computed 0x%08X)",
          h.recordCrc(), (int) crc.getValue()));
    }
    return new Found(h, keyText, null);
  }

  private int byteAt(long pos) throws IOException {
    return window[ensure(pos)] & 0xFF;
  }

  private void copy(long pos, byte[] dst, int length) throws IOException {
    for (int off = 0; off < length; ) {
      int inWindow = ensure(pos + off);
      int n = Math.min(length - off, windowLength - inWindow);
      System.arraycopy(window, inWindow, dst, off, n);
      off += n;
    }
  }

  /** Makes {@code pos} readable in the window and returns its index there. */
  private int ensure(long pos) throws IOException {
    if (pos < windowStart || pos >= windowStart + windowLength) {
      int n = (int) Math.min(WINDOW, size - pos);
      file.readFully(ByteBuffer.wrap(window, 0, n), pos);
      windowStart = pos;
      windowLength = n;
    }
    return (int) (pos - windowStart);
  }
}

package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads every record of one data file in order at open, checking both checksums, and hands each
 * complete write (a batch whose last record is present) to a {@link Sink}.
 *
 * <p>The scan stops at the first record that does not check out (or at a write whose last
 * record is missing at the end) and reports it as {@link Damage}; what to do about it (truncate
 * a torn write, refuse, repair) is {@link RecoveryRules}' decision, which needs what the scan can
 * tell about the bytes after it: whether a valid record of another write follows
 * ({@link #findOtherWrite}), and how many complete writes still check out there
 * ({@link #countWrites}). To find a later valid record the scan skips whole records whose header
 * checks out and otherwise searches byte by byte for the record marker.
 */
final class DataFileScan {
  private static final int WINDOW = 1 << 20;

  /** Receives each record of a complete write, in file order. */
  interface Sink {
    void apply(int op, String key, RecordLocation location);
  }

  /**
   * The first record that does not check out.
   *
   * @param offset where it lies (the end of the scanned bytes when a write lacks its last record)
   * @param writeStart where the write it belongs to starts: the offset to truncate at
   * @param what the record, its key if readable, the file and the problem, for messages
   */
  record Damage(long offset, long writeStart, String what) {}

  /**
   * What a scan found.
   *
   * @param end where the last complete write before any damage ends
   * @param damage the first damage, or null if every record up to the end checks out
   */
  record Outcome(long end, Damage damage) {}

  /** What lies at an offset: a header and key, and the reason the record is invalid, if it is. */
  private record Found(FileRecord.Header header, String key, String problem) {}

  private record Pending(int op, String key, RecordLocation location) {}

  private final DataFile file;
  private final long size;
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;

  /** A scan of {@code file}, whose length is {@code size}. */
  DataFileScan(DataFile file, long size) {
    this.file = file;
    this.size = size;
  }

  /**
   * Scans the records from the file header up to {@code limit} (at most the size; less when a
   * clean-close record says the file ended there), applying each complete write.
   */
  Outcome scan(Sink sink, long limit) throws IOException {
    long pos = DataFile.HEADER_SIZE;
    long writeStart = -1;
    List<Pending> pending = new ArrayList<>();
    while (pos < limit) {
      Found f = readAt(pos, limit);
      String problem = f.problem();
      long expectedStart = writeStart < 0 ? pos : writeStart;
      if (problem == null && f.header().batchStart() != expectedStart) {
        problem = "the record says its write starts at offset " + f.header().batchStart() + "; expected " + expectedStart;
      }
      if (problem != null) {
        String what = "record at offset " + pos + (f.key() != null ? " (key '" + f.key() + "')" : "")
            + " in " + file.path() + ": " + problem;
        return new Outcome(expectedStart, new Damage(pos, expectedStart, what));
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
      return new Outcome(writeStart, new Damage(pos, writeStart, "the write starting at offset " + writeStart
          + " in " + file.path() + " has no last record before offset " + pos));
    }
    return new Outcome(pos, null);
  }

  /** The offset of the first valid record at or after {@code pos} of a write other than {@code writeStart}'s; -1 if none. */
  long findOtherWrite(long pos, long writeStart) throws IOException {
    while (pos < size) {
      Found f = readAt(pos, size);
      if (f.problem() == null && f.header().batchStart() != writeStart) {
        return pos;
      }
      pos = next(pos, f);
      if (pos < 0) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The writes other than {@code writeStart}'s whose last record checks out at or after
   * {@code pos}, up to the end of the file.
   */
  int countWrites(long pos, long writeStart) throws IOException {
    int writes = 0;
    while (pos >= 0 && pos < size) {
      Found f = readAt(pos, size);
      if (f.problem() == null && f.header().last() && f.header().batchStart() != writeStart) {
        writes++;
      }
      pos = next(pos, f);
    }
    return writes;
  }

  /** Where to look for a record after the one at {@code pos}; -1 if a checked header claims the rest of the file. */
  private long next(long pos, Found f) throws IOException {
    if (f.header() == null) {
      return nextMarker(pos + 1);
    }
    return f.header().length() > size - pos ? -1 : pos + f.header().length();
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

  /** The record at {@code pos}, which must end by {@code end} (the end of the file or of the bytes scanned). */
  private Found readAt(long pos, long end) throws IOException {
    String endName = end == size ? "the end of the file" : "offset " + end;
    if (end - pos < FileRecord.HEADER_SIZE) {
      return new Found(null, null, "only " + (end - pos) + " bytes before " + endName + "; a record header has "
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
    if (h.length() > end - pos) {
      return new Found(h, null, "the record of " + h.length() + " bytes extends past " + endName + " at " + end);
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

package org.datolite.storage.kv.file;

import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * How a {@link FileStore} writes and compacts. Built once and frozen; the canonical constructor
 * rejects values out of range with a message naming the option and its limit.
 *
 * @param fsync whether every write is forced to the device before it returns. Only tests and
 *     throwaway databases turn this off: without it a power loss can lose acknowledged writes
 *     (a killed process cannot, since the data is in the operating system's cache). A clean
 *     close forces the newest file and its clean-close record ({@link CleanClose}) either way.
 * @param maxFileSize the size in bytes past which appends go to a new data file; one write (a
 *     whole {@code putAllIfAbsent} batch) is never split, so a file can exceed this by one write
 * @param compactionMinDeadBytes automatic compaction starts only when at least this many bytes
 *     of the data files hold overwritten or deleted records; {@link Long#MAX_VALUE} turns
 *     automatic compaction off ({@link FileStore#compact()} still works)
 * @param compactionMinDeadRatio ... and only when dead bytes are at least this share of all
 *     record bytes, between 0 and 1
 * @param repairTruncateTail a repair, off by default, for a store that refuses to open with
 *     SEGMENT_CORRUPT because its newest data file is damaged (after a clean close, any damage
 *     there; after a crash, damage followed by valid records): the open truncates that file at
 *     the start of the first write that does not check out, dropping it and every write after
 *     it, and logs at WARN how many bytes and writes it dropped. Damage in an older file, or a
 *     newest file missing or added after a clean close, still refuses. Use it once, after
 *     saving a copy of the directory, to get a damaged store going again; it is not part of a
 *     {@code file:} address, since an address is used for every open and would drop data
 *     silently the next time too
 */
public record FileStoreOptions(boolean fsync, long maxFileSize, long compactionMinDeadBytes,
    double compactionMinDeadRatio, boolean repairTruncateTail) {

  /** 256 MiB. */
  public static final long DEFAULT_MAX_FILE_SIZE = 256L << 20;
  /** 64 MiB. */
  public static final long DEFAULT_COMPACTION_MIN_DEAD_BYTES = 64L << 20;
  /** Half of the record bytes. */
  public static final double DEFAULT_COMPACTION_MIN_DEAD_RATIO = 0.5;
  /** The smallest {@link #maxFileSize} accepted, 4 KiB. */
  public static final long MIN_MAX_FILE_SIZE = 4096;

  public FileStoreOptions {
    if (maxFileSize < MIN_MAX_FILE_SIZE) {
      throw invalid("maxFileSize", maxFileSize + " bytes", "at least " + MIN_MAX_FILE_SIZE);
    }
    if (compactionMinDeadBytes < 0) {
      throw invalid("compactionMinDeadBytes", compactionMinDeadBytes + " bytes", "0 or more");
    }
    if (!(compactionMinDeadRatio >= 0 && compactionMinDeadRatio <= 1)) {
      throw invalid("compactionMinDeadRatio", String.valueOf(compactionMinDeadRatio), "between 0 and 1");
    }
  }

  /** Durable writes, 256 MiB files, compaction past 64 MiB and half the bytes dead, no repair. */
  public static FileStoreOptions defaults() {
    return new FileStoreOptions(true, DEFAULT_MAX_FILE_SIZE, DEFAULT_COMPACTION_MIN_DEAD_BYTES,
        DEFAULT_COMPACTION_MIN_DEAD_RATIO, false);
  }

  public FileStoreOptions withFsync(boolean value) {
    return new FileStoreOptions(value, maxFileSize, compactionMinDeadBytes, compactionMinDeadRatio, repairTruncateTail);
  }

  public FileStoreOptions withMaxFileSize(long bytes) {
    return new FileStoreOptions(fsync, bytes, compactionMinDeadBytes, compactionMinDeadRatio, repairTruncateTail);
  }

  /** The two conditions that start automatic compaction; both must hold. */
  public FileStoreOptions withCompaction(long minDeadBytes, double minDeadRatio) {
    return new FileStoreOptions(fsync, maxFileSize, minDeadBytes, minDeadRatio, repairTruncateTail);
  }

  /** The repair of a damaged newest data file at open; see {@link #repairTruncateTail()}. */
  public FileStoreOptions withRepairTruncateTail(boolean value) {
    return new FileStoreOptions(fsync, maxFileSize, compactionMinDeadBytes, compactionMinDeadRatio, value);
  }

  /** Compaction only when {@link FileStore#compact()} is called. */
  public FileStoreOptions withoutAutomaticCompaction() {
    return withCompaction(Long.MAX_VALUE, compactionMinDeadRatio);
  }

  /** Whether a store with these record byte counts should compact by itself now. */
  boolean wantsCompaction(long totalBytes, long liveBytes) {
    long dead = totalBytes - liveBytes;
    return compactionMinDeadBytes != Long.MAX_VALUE
        && dead >= compactionMinDeadBytes
        && dead > 0
        && dead >= compactionMinDeadRatio * totalBytes;
  }

  private static StorageException invalid(String option, String value, String expected) {
    return new StorageException(StorageErrorCode.INVALID_CONFIGURATION,
        "file store option " + option + " is " + value + "; expected " + expected);
  }
}

package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link FileStoreRecovery} does about damage that a {@link DataFileScan} found: where the
 * newest data file ends, or a SEGMENT_CORRUPT refusal naming the file and the offset.
 *
 * <ul>
 *   <li><b>An older file</b>: damage is refused. No crash cuts short a file once a later one
 *       exists.
 *   <li><b>The newest file after a clean close</b> (a {@link CleanClose} record): the file must
 *       be the recorded one, have the recorded length and every record must check out. No write
 *       can have been cut short, so anything else (a flipped byte in the last record, a cut
 *       tail, bytes added) is damage and refused.
 *   <li><b>The newest file after a crash</b> (no record): a record that does not check out with
 *       no valid record of another write after it is a write cut short by the crash. It was
 *       not acknowledged if the process died during it (a write is acknowledged once forced,
 *       and the next starts only after that), so the file is truncated where it starts, with a
 *       warning. Damage followed by a valid record of a later write is refused. (Damage to the
 *       last record after a crash looks exactly like a torn write and is truncated like one.)
 * </ul>
 *
 * With {@link FileStoreOptions#repairTruncateTail()}, what would refuse for the newest file
 * truncates it at the start of the first write that does not check out (or at the recorded
 * length), logging at WARN how many bytes and writes are dropped. Nothing here changes a file:
 * the caller truncates once every file has been scanned.
 */
final class RecoveryRules {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryRules.class);
  private final String store;
  private final DataDirectory dir;
  private final CleanClose.Record clean;
  private final boolean repair;

  /**
   * @param clean what the clean-close record says, or null if the store was not closed cleanly
   *     (or the record is damaged and the repair was asked for)
   */
  RecoveryRules(String store, DataDirectory dir, CleanClose.Record clean, boolean repair) {
    this.store = store;
    this.dir = dir;
    this.clean = clean;
    this.repair = repair;
  }

  /** After a clean close: the newest data file must be the recorded one. */
  void checkFiles(SortedMap<Long, Path> dataFiles) {
    if (clean == null) {
      return;
    }
    Path recorded = dir.dataFile(clean.generation());
    if (!dataFiles.containsKey(clean.generation())) {
      throw refuse(closedCleanly() + ", but " + recorded + " is missing", "");
    }
    if (dataFiles.lastKey() != clean.generation()) {
      throw refuse(closedCleanly() + ", but " + dataFiles.get(dataFiles.lastKey()) + " is newer than "
          + recorded.getFileName() + ": a file was added after the close", "");
    }
  }

  /** Damage in a file other than the newest: always refused. */
  StorageException older(DataFileScan.Damage damage) {
    return refuse(damage.what() + "; this is not the newest data file, so no crash can have cut it short", "");
  }

  /**
   * Scans the newest file, applying its complete writes to {@code sink}, and decides where it
   * ends.
   *
   * @return the offset to truncate the file at; its size if nothing is to be cut
   */
  long newest(DataFile file, long size, DataFileScan.Sink sink) throws IOException {
    DataFileScan scan = new DataFileScan(file, size);
    long limit = clean == null ? size : Math.min(size, clean.length());
    DataFileScan.Outcome outcome = scan.scan(sink, limit);
    DataFileScan.Damage damage = outcome.damage();
    if (clean != null) {
      if (damage == null && size == clean.length()) {
        return size;
      }
      String what = damage != null ? damage.what()
          : size < clean.length() ? file.path() + " ends at offset " + size + ", " + (clean.length() - size)
              + " bytes short of where it ended at the close"
          : file.path() + " has " + (size - clean.length()) + " bytes after offset " + clean.length()
              + ", where it ended at the close";
      return damaged(file, scan, size, limit, damage, closedCleanly() + ", so no write can have been cut short, yet "
          + what + ". The file was damaged or changed after the close");
    }
    if (damage == null) {
      return size;
    }
    long later = scan.findOtherWrite(damage.offset(), damage.writeStart());
    if (later < 0) {
      LOG.warn("{}: {}; the store was not closed cleanly, so this is taken for a write cut short by a crash and"
          + " truncated ({} bytes at offset {}): if the process died during this write, it was not acknowledged",
          store, damage.what(), size - damage.writeStart(), damage.writeStart());
      return damage.writeStart();
    }
    return damaged(file, scan, size, limit, damage, damage.what() + "; a valid record of a later write follows at offset "
        + later + ", so this is damage inside the file, not a write cut short by a crash");
  }

  /** Refuses, or with the repair option truncates at the damage (or at the recorded length). */
  private long damaged(DataFile file, DataFileScan scan, long size, long limit, DataFileScan.Damage damage,
      String what) throws IOException {
    long cut = damage != null ? damage.writeStart() : limit;
    String dropped;
    if (cut < size) {
      int writes = scan.countWrites(cut, damage != null ? damage.writeStart() : -1);
      String later = writes == 0 ? "" : " and " + writes + " later writes that check out";
      dropped = "truncating " + file.path().getFileName() + " at offset " + cut + " drops " + (size - cut)
          + " bytes: " + (damage != null ? "the damaged write" + later
              : "the bytes added after the close (" + writes + " writes among them check out)");
    } else {
      dropped = "there is nothing to truncate";
    }
    if (clean != null && size < clean.length()) {
      dropped += "; the writes in the " + (clean.length() - size) + " bytes missing since the close are lost too";
    }
    if (!repair) {
      throw refuse(what, ", or open it once with the repair option (FileStoreOptions.withRepairTruncateTail(true)): "
          + dropped);
    }
    LOG.warn("{}: repairing as asked (repairTruncateTail): {}; {}", store, what, dropped);
    return cut;
  }

  private String closedCleanly() {
    return "it was closed cleanly (" + CleanClose.FILE + " records " + dir.dataFile(clean.generation()).getFileName()
        + " of " + clean.length() + " bytes)";
  }

  /** SEGMENT_CORRUPT: what is wrong, and what to do ({@code repair}: how the repair option would help, or empty). */
  private StorageException refuse(String what, String repair) {
    return new StorageException(StorageErrorCode.SEGMENT_CORRUPT, "store " + store + " refuses to open: " + what
        + ". Nothing was changed: dropping the rest could lose acknowledged writes; restore the directory from a"
        + " backup" + repair);
  }
}

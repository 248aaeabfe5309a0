package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of a {@link FileStore}: its data files, the one appended to, the byte counts,
 * and the index updates that follow each durable append. Not thread-safe: the store's write lock
 * guards every call.
 *
 * <p>The newest data file on disk is always the one appended to, so that a torn write can only
 * be at the end of the newest file (the premise of recovery). Hence a failed roll deletes the
 * file it created, and a write that fails and cannot be undone stops all further writes (and
 * compactions, which roll) until the store is reopened.
 */
final class AppendLog {
  private static final Logger LOG = LoggerFactory.getLogger(AppendLog.class);

  private final String store;
  private final FileStoreOptions options;
  private final DataDirectory directory;
  private final ConcurrentSkipListMap<String, RecordLocation> index;
  private List<DataFile> files;
  private ActiveFile active;
  private long nextGeneration;
  private long recordBytes;
  private long liveBytes;
  private StorageException failure;

  AppendLog(String store, FileStoreOptions options, DataDirectory directory, FileStoreRecovery.Result recovered,
      ActiveFile active) {
    this.store = store;
    this.options = options;
    this.directory = directory;
    this.index = recovered.index();
    this.files = recovered.files();
    this.active = active;
    this.nextGeneration = recovered.nextGeneration();
    this.recordBytes = recovered.recordBytes();
    this.liveBytes = recovered.liveBytes();
  }

  FileStore.Stats stats() {
    return new FileStore.Stats(files.size(), index.size(), recordBytes, liveBytes);
  }

  boolean wantsCompaction() {
    return options.wantsCompaction(recordBytes, liveBytes);
  }

  /** Appends a batch durably, then applies it to the index. */
  void write(List<ActiveFile.Write> batch) {
    checkWritable();
    long length = 0;
    for (ActiveFile.Write w : batch) {
      length += w.length();
    }
    if (active.size() > DataFile.HEADER_SIZE && active.size() + length > options.maxFileSize()) {
      try {
        roll();
      } catch (IOException e) {
        throw new StorageException(StorageErrorCode.STORE_IO, "store " + store + ": cannot start data file "
            + directory.dataFile(nextGeneration - 1) + " for " + keysOf(batch) + ": " + e + "; nothing was stored", e);
      }
    }
    List<RecordLocation> locations;
    try {
      locations = active.append(batch);
    } catch (IOException e) {
      String outcome = "nothing was stored";
      try {
        active.rollback();
      } catch (IOException undo) {
        e.addSuppressed(undo);
        failure = new StorageException(StorageErrorCode.STORE_IO, "cannot truncate " + active.file().path()
            + " after a failed write: " + undo, e);
        outcome = "the write may or may not be present after a reopen; this store accepts no more writes";
      }
      String what = e instanceof ClosedByInterruptException ? " was interrupted" : " failed: " + e;
      throw new StorageException(StorageErrorCode.STORE_IO, "store " + store + ": writing " + keysOf(batch)
          + " to " + active.file().path() + what + "; " + outcome, e);
    }
    recordBytes += length;
    for (int i = 0; i < batch.size(); i++) {
      ActiveFile.Write w = batch.get(i);
      boolean delete = w.op() == FileRecord.OP_DELETE;
      RecordLocation old = delete ? index.remove(w.key()) : index.put(w.key(), locations.get(i));
      liveBytes += (delete ? 0 : locations.get(i).length()) - (old == null ? 0 : old.length());
    }
  }

  private void checkWritable() {
    if (failure != null) {
      throw new StorageException(StorageErrorCode.STORE_IO, "store " + store + " accepts no writes since a failed"
          + " write could not be undone (" + failure.getMessage() + "); close and reopen it to recover", failure);
    }
  }

  private static String keysOf(List<ActiveFile.Write> batch) {
    String first = "key '" + batch.get(0).key() + "'";
    return batch.size() == 1 ? first : batch.size() + " keys from " + first;
  }

  /** Starts a new data file for appends. */
  private void roll() throws IOException {
    long generation = nextGeneration++;
    DataFile next = null;
    ActiveFile nextActive;
    try {
      next = directory.create(generation);
      nextActive = ActiveFile.open(next, DataFile.HEADER_SIZE, options.fsync());
    } catch (IOException | RuntimeException e) {
      if (next != null) {
        next.close();
      }
      abandon(generation, e);
      throw e;
    }
    ActiveFile previous = active;
    active = nextActive;
    List<DataFile> grown = new ArrayList<>(files);
    grown.add(next);
    files = List.copyOf(grown);
    try {
      previous.close();
    } catch (IOException e) {
      LOG.warn("{}: closing the write channel of {} failed (its writes were all forced): {}", store, previous.file(), e.toString());
    }
    LOG.debug("{}: appending to {}", store, next);
  }

  /** Deletes the file of a failed roll, if it was created, so that the newest file stays the active one. */
  private void abandon(long generation, Exception cause) {
    Path path = directory.dataFile(generation);
    try {
      directory.delete(path);
      directory.sync();
    } catch (IOException undo) {
      cause.addSuppressed(undo);
      failure = new StorageException(StorageErrorCode.STORE_IO, "cannot delete " + path
          + ", created for appends but not opened: " + undo, cause);
    }
  }

  /** Step 1 of a compaction: reserve a generation, roll past it, and take the index. */
  Compaction.Snapshot startCompaction() {
    checkWritable();
    long generation = nextGeneration++;
    long supersededBytes = 0;
    List<DataFile> superseded;
    try {
      roll();
      superseded = files.subList(0, files.size() - 1);
      for (DataFile f : superseded) {
        supersededBytes += f.size() - DataFile.HEADER_SIZE;
      }
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.STORE_IO, "store " + store + ": cannot start compaction: " + e, e);
    }
    List<Map.Entry<String, RecordLocation>> live = new ArrayList<>(index.size());
    for (Map.Entry<String, RecordLocation> e : index.entrySet()) {
      live.add(Map.entry(e.getKey(), e.getValue()));
    }
    return new Compaction.Snapshot(generation, superseded, supersededBytes, live);
  }

  /**
   * Step 3 of a compaction: points each key that has not changed since step 1 at its copy and
   * replaces the superseded files by the base file.
   *
   * @return the number of keys that now point into the base file
   */
  int finishCompaction(Compaction.Snapshot snapshot, Compaction.Output out) {
    int moved = 0;
    List<Map.Entry<String, RecordLocation>> live = snapshot.live();
    for (int i = 0; i < live.size(); i++) {
      moved += index.replace(live.get(i).getKey(), live.get(i).getValue(), out.locations().get(i)) ? 1 : 0;
    }
    List<DataFile> kept = new ArrayList<>();
    kept.add(out.file());
    kept.addAll(files.subList(snapshot.superseded().size(), files.size()));
    files = List.copyOf(kept);
    recordBytes += out.recordBytes() - snapshot.supersededBytes();
    return moved;
  }

  /**
   * Forces the newest file and closes the write channel and every file.
   *
   * @return what a clean-close record should say; null if the end of the newest file is not
   *     known to be the end of its last write (a failed write that could not be undone, a force
   *     that failed), so that the next open checks it as after a crash
   */
  CleanClose.Record close() {
    CleanClose.Record clean = null;
    if (failure != null) {
      LOG.warn("{}: closing without a clean-close record, since a failed write could not be undone; the next open"
          + " checks the end of {} as after a crash", store, active.file());
    } else {
      try {
        long length = active.force();
        if (length == active.size()) {
          clean = new CleanClose.Record(active.file().generation(), length);
        } else {
          LOG.warn("{}: closing without a clean-close record: {} has {} bytes, but its last write ends at {}; the next"
              + " open checks it as after a crash", store, active.file(), length, active.size());
        }
      } catch (IOException e) {
        LOG.warn("{}: closing without a clean-close record: forcing {} failed: {}; the next open checks it as after"
            + " a crash", store, active.file(), e.toString());
      }
    }
    try {
      active.close();
    } catch (IOException e) {
      LOG.warn("{}: closing {} failed (its writes were all forced): {}", store, active.file(), e.toString());
    }
    files.forEach(DataFile::close);
    return clean;
  }
}

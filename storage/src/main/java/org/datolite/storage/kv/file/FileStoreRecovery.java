package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a {@link FileStore}'s index from its directory at open, in five steps:
 *
 * <ol>
 *   <li>read the {@link CleanClose clean-close record}, if the last close left one;
 *   <li>check the data files' headers from the newest down to the newest base file (a
 *       compaction's output); every older file is superseded by it and deleted unread (a
 *       compaction deletes them itself, but may have been killed before it did);
 *   <li>replay the remaining files in generation order, one complete write at a time
 *       ({@link DataFileScan}), and judge any damage ({@link RecoveryRules}: after a clean close
 *       the newest file must end exactly where it did; after a crash a torn write at its end is
 *       cut);
 *   <li>only then change the directory: remove the clean-close record (durably, before anything
 *       else changes, so before the first write), delete {@code .tmp} files (a file creation or
 *       compaction that had not finished) and superseded files;
 *   <li>truncate a torn write at the end of the newest file, durably.
 * </ol>
 *
 * Any damage that could hide acknowledged writes fails the open with SEGMENT_CORRUPT; nothing is
 * deleted or truncated before every file has been scanned, so a refused open changes no file.
 */
final class FileStoreRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(FileStoreRecovery.class);

  private FileStoreRecovery() {}

  /** What was found: open files (oldest first), the index and byte counts. */
  record Result(List<DataFile> files, ConcurrentSkipListMap<String, RecordLocation> index,
      long activeEnd, long nextGeneration, long recordBytes, long liveBytes) {}

  static Result recover(DataDirectory dir, String store, FileStoreOptions options) throws IOException {
    RecoveryRules rules = new RecoveryRules(store, dir, cleanClose(dir, store, options), options.repairTruncateTail());
    SortedMap<Long, Path> paths = dir.dataFiles();
    rules.checkFiles(paths);
    List<DataFile> files = new ArrayList<>();
    try {
      // Newest first, down to the newest base file; the files below it are not even opened.
      List<Long> generations = new ArrayList<>(paths.keySet());
      int base = generations.size() - 1;
      for (; base >= 0; base--) {
        DataFile f = DataFile.open(paths.get(generations.get(base)), generations.get(base));
        files.add(0, f);
        if (f.isBase()) {
          break;
        }
      }
      List<Path> superseded = new ArrayList<>();
      for (int i = 0; i < base; i++) {
        superseded.add(paths.get(generations.get(i)));
      }
      if (files.isEmpty()) {
        files.add(dir.create(1));
      }

      ConcurrentSkipListMap<String, RecordLocation> index = new ConcurrentSkipListMap<>();
      DataFileScan.Sink sink = (op, key, location) -> {
        if (op == FileRecord.OP_DELETE) {
          index.remove(key);
        } else {
          index.put(key, location);
        }
      };
      DataFile newest = files.get(files.size() - 1);
      long newestSize = 0;
      long end = 0;
      long recordBytes = 0;
      for (DataFile f : files) {
        long size = f.size();
        if (f == newest) {
          end = rules.newest(f, size, sink);
          newestSize = size;
        } else {
          DataFileScan.Outcome outcome = new DataFileScan(f, size).scan(sink, size);
          if (outcome.damage() != null) {
            throw rules.older(outcome.damage());
          }
          end = outcome.end();
        }
        recordBytes += end - DataFile.HEADER_SIZE;
      }

      // Everything checked out: now change the directory, the clean-close record first.
      CleanClose.remove(dir);
      for (Path temp : dir.tempFiles()) {
        LOG.warn("{}: deleting {}, left by a file creation or compaction that did not finish", store, temp);
        dir.delete(temp);
      }
      for (Path p : superseded) {
        LOG.info("{}: deleting {}, superseded by the compacted {}", store, p.getFileName(), files.get(0));
        dir.delete(p);
      }
      if (end < newestSize) {
        try (FileChannel ch = FileChannel.open(newest.path(), StandardOpenOption.WRITE)) {
          ch.truncate(end);
          if (options.fsync()) {
            ch.force(true);
          }
        }
      }
      dir.sync();
      long liveBytes = 0;
      for (RecordLocation loc : index.values()) {
        liveBytes += loc.length();
      }
      long nextGeneration = Math.max(newest.generation(), paths.isEmpty() ? 0 : paths.lastKey()) + 1;
      return new Result(List.copyOf(files), index, end, nextGeneration, recordBytes, liveBytes);
    } catch (IOException | RuntimeException e) {
      files.forEach(DataFile::close);
      throw e;
    }
  }

  /** The clean-close record; null if there is none, or if it is damaged and the repair was asked for. */
  private static CleanClose.Record cleanClose(DataDirectory dir, String store, FileStoreOptions options)
      throws IOException {
    try {
      return CleanClose.read(dir);
    } catch (CleanClose.Damaged e) {
      if (!options.repairTruncateTail()) {
        throw new StorageException(StorageErrorCode.SEGMENT_CORRUPT, "store " + store + " refuses to open: " + e.getMessage()
            + ". Nothing was changed; restore the directory from a backup, or open it once with the repair option"
            + " (FileStoreOptions.withRepairTruncateTail(true)), which then checks the newest data file as after a"
            + " crash and truncates it at the first write that does not check out");
      }
      LOG.warn("{}: repairing as asked (repairTruncateTail): {}; checking the newest data file as after a crash",
          store, e.getMessage());
      return null;
    }
  }
}

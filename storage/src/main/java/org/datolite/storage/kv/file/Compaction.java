package org.datolite.storage.kv.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a base file: the live records of a {@link FileStore} at one moment, copied into a new
 * data file that supersedes every file with a lower generation. The file is written under its
 * temporary name, forced, closed and only then renamed and the directory forced, so it exists
 * under its real name only when complete.
 *
 * <p>Each record is checked on the way (a damaged record fails the compaction rather than being
 * copied) and keeps its record checksum; only its framing changes, each record being a write of
 * its own in the new file.
 */
final class Compaction {
  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

  private Compaction() {}

  /**
   * What step 1 took: the generation of the base file, the files it supersedes (all but the one
   * now appended to) with their record bytes, and every live key with its location.
   */
  record Snapshot(long generation, List<DataFile> superseded, long supersededBytes,
      List<Map.Entry<String, RecordLocation>> live) {}

  /** The published base file and where each copied record now lies, in snapshot order. */
  record Output(DataFile file, List<RecordLocation> locations, long recordBytes) {}

  /** Step 2: writes and publishes the base file. */
  static Output write(DataDirectory dir, Snapshot snapshot, boolean fsync, String store, BooleanSupplier cancelled)
      throws IOException {
    long generation = snapshot.generation();
    List<Map.Entry<String, RecordLocation>> live = snapshot.live();
    long[] offsets = new long[live.size()];
    long offset = DataFile.HEADER_SIZE;
    try {
      try (FileChannel ch = dir.createTemp(generation, true)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20);
        for (int i = 0; i < live.size(); i++) {
          if (cancelled.getAsBoolean()) {
            throw new StorageException(StorageErrorCode.CLOSED, "store " + store + " was closed during compaction");
          }
          Map.Entry<String, RecordLocation> e = live.get(i);
          RecordLocation from = e.getValue();
          DataFile.RecordBytes record = from.file().readRecord(e.getKey(), from, store);
          FileRecord.reframe(record.head(), offset, true);
          out.write(record.head());
          out.write(record.value());
          offsets[i] = offset;
          offset += from.length();
        }
        out.flush();
        if (fsync) {
          ch.force(true);
        }
      }
      DataFile file = DataFile.open(dir.publish(generation), generation);
      List<RecordLocation> locations = new ArrayList<>(live.size());
      for (int i = 0; i < live.size(); i++) {
        RecordLocation from = live.get(i).getValue();
        locations.add(new RecordLocation(file, offsets[i], from.keyLength(), from.valueLength(), from.rev()));
      }
      return new Output(file, locations, offset - DataFile.HEADER_SIZE);
    } catch (IOException | RuntimeException e) {
      dir.discardTemp(generation);
      throw e;
    }
  }

  /** Step 4: closes and deletes the superseded files; quietly, since the next open deletes them too. */
  static void deleteSuperseded(DataDirectory dir, Snapshot snapshot, String store) {
    for (DataFile f : snapshot.superseded()) {
      f.close();
    }
    try {
      for (DataFile f : snapshot.superseded()) {
        dir.delete(f.path());
      }
      dir.sync();
    } catch (IOException e) {
      LOG.warn("{}: deleting files superseded by data file {} failed: {}; the next open deletes them",
          store, snapshot.generation(), e.toString());
    }
  }
}

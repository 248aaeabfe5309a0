package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.StoreKeys;
import org.datolite.storage.kv.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable store behind {@code file:PATH}: an append-only log of records in a
 * directory, with an index of every live key in memory.
 *
 * <h2>Design</h2>
 *
 * <p>Datolite writes each immutable key once and updates a few mutable keys by compare-and-set,
 * so a log suits it: every write appends records to the newest data file and forces them before
 * returning, and a map from key to {@link RecordLocation} (file, offset, lengths, rev) answers
 * reads with one positional read, checked against the record's CRC32C. It is the Bitcask design
 * (Sheehy and Smith, 2010), with two differences: a write of several keys is one atomic batch,
 * and a damaged record is never skipped silently.
 *
 * <p>Layout: {@code store.lock}, {@code store.clean} while the store is closed cleanly
 * ({@link CleanClose}), then data files {@code data-NNNNNNNNNN.dat} numbered by generation. A
 * data file is a 20-byte header ({@link DataFile}) followed by records ({@link FileRecord}),
 * big-endian:
 *
 * <pre>
 * file header: magic "DLFS" | version u16 = 1 | flags u16 (bit 0 base) | generation u64 | CRC32C u32
 * record:      magic 0xDA70117E | header CRC32C u32 (bytes 8..35) | batch start u64 | flags u8
 *              (bit 0 last of its write) | op u8 (1 put, 2 put versioned, 3 delete) | key length u16
 *              | value length u32 | rev u64 | record CRC32C u32 (op..rev, key, value) | key | value
 * </pre>
 *
 * <p>Writes. One lock serializes writers: it covers the check (is the key absent? is the rev
 * the expected one?) and the append, so compare-and-set and put-if-absent are atomic. A call
 * appends all its records with one gathering write and one {@code force(false)}; the records
 * carry the offset where their write starts, and the last one a flag. When the newest file would
 * grow past {@link FileStoreOptions#maxFileSize()} the store rolls to a new file first (a write
 * never spans files). Reads take no lock: they read the index (a concurrent skip list) and the
 * file, and retry through the index if a compaction retired the file meanwhile. A value is
 * written as given: the caller must not change the array during the call.
 *
 * <p>Recovery ({@link FileStoreRecovery}, {@link DataFileScan}, {@link RecoveryRules}) replays
 * the files in order and applies a write only once its last record is read, so a
 * {@code putAllIfAbsent} survives a crash entirely or not at all. A write cut short by a crash
 * can only be at the end of the newest file, because a write is acknowledged only after it is
 * forced and the next one starts only after that; and only if the store was not closed cleanly.
 * So a clean close forces the newest file and records its generation and length in
 * {@code store.clean}, and the next open removes that record, durably, before anything else
 * changes. With the record, the newest file must end exactly there and every record must check
 * out; without it, a record that does not check out at the end of the newest file, with no valid
 * record of another write after it, is a torn write: it is truncated, with a warning. Anything
 * else (damage after a clean close, damage in an older file or followed by valid records)
 * refuses to open with SEGMENT_CORRUPT and changes nothing, since dropping it would drop
 * acknowledged writes, unless {@link FileStoreOptions#repairTruncateTail()} asks to cut the
 * newest file there.
 *
 * <p>Compaction ({@link #compact()}, and in the background when the dead bytes pass
 * {@link FileStoreOptions#compactionMinDeadBytes()} and {@link FileStoreOptions#compactionMinDeadRatio()}):
 *
 * <ol>
 *   <li>under the write lock, reserve generation G, roll writes to a new file G+1, and take the
 *       index as it is (every entry points into a file below G);
 *   <li>without the lock, copy those records into {@code data-G.dat.tmp} flagged as a base
 *       file, force it, rename it to {@code data-G.dat}, force the directory;
 *   <li>under the write lock, point each key that has not changed since step 1 at its copy;
 *   <li>close and delete the files below G, force the directory.
 * </ol>
 *
 * Crash safety: a base file supersedes every file with a lower generation, and recovery deletes
 * those unread. Killed before the rename in step 2, the directory holds the old files, G+1 and a
 * {@code .tmp} file that recovery deletes: replaying the old files and G+1 gives the latest
 * state. Killed after it, {@code data-G.dat} is complete (forced before the rename) and holds
 * the state at step 1; G+1 and later hold every write since; replaying them gives the latest
 * state whether or not the old files were deleted yet. Deletes need no tombstones in the base
 * file: a key deleted before step 1 is absent from it, and one deleted later has its delete
 * record in G+1 or later.
 *
 * <p>Interrupts: reading and writing hold back a pending interrupt and restore it afterwards,
 * and an interrupt that closes a channel anyway is repaired (a read reopens the channel, a
 * failed write truncates the file back and reports that nothing was stored). If a failed write
 * cannot be undone, the store refuses further writes until it is reopened.
 */
public final class FileStore implements KeyValueStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

  private final String name;
  private final FileStoreOptions options;
  private final DataDirectory directory;
  private final ConcurrentSkipListMap<String, RecordLocation> index;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock compactLock = new ReentrantLock();
  private final ExecutorService compactor;
  private final AtomicBoolean compactionQueued = new AtomicBoolean();
  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private volatile boolean closed;

  // Guarded by writeLock.
  private final AppendLog log;
  private boolean automaticCompactionOff;

  private FileStore(String name, FileStoreOptions options, DataDirectory directory,
      FileStoreRecovery.Result recovered, ActiveFile active) {
    this.name = name;
    this.options = options;
    this.directory = directory;
    this.index = recovered.index();
    this.log = new AppendLog(name, options, directory, recovered, active);
    this.automaticCompactionOff = options.compactionMinDeadBytes() == Long.MAX_VALUE;
    this.compactor = automaticCompactionOff ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "datolite-compact " + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens (creating if missing) the store in {@code directory} with default options. */
  public static FileStore open(Path directory) {
    return open(directory, FileStoreOptions.defaults());
  }

  /**
   * Opens (creating if missing) the store in {@code directory}, recovering from a crash if
   * needed.
   *
   * <p>This store is the directory's only user in this process; {@code Stores.open("file:…")}
   * instead shares one store per directory among its callers ({@code SharedDirectory} in
   * {@code org.datolite.storage.kv}).
   *
   * @throws StorageException STORE_LOCKED if another store has the directory open, in this
   *     process or another (the message says which); SEGMENT_CORRUPT if a data file is damaged (see the class comment);
   *     STORE_IO
   */
  public static FileStore open(Path directory, FileStoreOptions options) {
    Path dir = directory.toAbsolutePath().normalize();
    String name = "file:" + dir;
    DataDirectory locked = DataDirectory.lock(dir, options.fsync());
    FileStoreRecovery.Result recovered = null;
    try {
      recovered = FileStoreRecovery.recover(locked, name, options);
      List<DataFile> files = recovered.files();
      ActiveFile active = ActiveFile.open(files.get(files.size() - 1), recovered.activeEnd(), options.fsync());
      FileStore store = new FileStore(name, options, locked, recovered, active);
      LOG.debug("{}: opened with {}: {} keys in {} files, {} of {} record bytes live", name, options,
          recovered.index().size(), files.size(), recovered.liveBytes(), recovered.recordBytes());
      return store;
    } catch (IOException | RuntimeException e) {
      if (recovered != null) {
        recovered.files().forEach(DataFile::close);
      }
      locked.close();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new StorageException(StorageErrorCode.STORE_IO, "cannot open file store " + dir + ": " + e, e);
    }
  }

  /** Sizes of the store, for monitoring and tests. */
  public record Stats(int files, int keys, long recordBytes, long liveBytes) {
    /** Bytes of records overwritten or deleted, which a compaction reclaims. */
    public long deadBytes() {
      return recordBytes - liveBytes;
    }
  }

  public Stats stats() {
    writeLock.lock();
    try {
      checkOpen();
      return log.stats();
    } finally {
      writeLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw StoreKeys.closed(name);
    }
  }

  // ---- reads -----------------------------------------------------------------------------

  @Override
  public byte[] get(String key) {
    Versioned v = getVersioned(key);
    return v == null ? null : v.value();
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    checkOpen();
    Map<String, byte[]> out = new HashMap<>();
    for (String key : keys) {
      byte[] v = get(key);
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  @Override
  public Versioned getVersioned(String key) {
    StoreKeys.checkKey(key, name);
    checkOpen();
    RecordLocation loc = index.get(key);
    while (loc != null) {
      try {
        return new Versioned(loc.rev(), loc.file().readValue(key, loc, name));
      } catch (DataFile.Retired e) {
        checkOpen();
        RecordLocation moved = index.get(key);
        if (moved == loc) {
          throw new StorageException(StorageErrorCode.STORE_IO, "store " + name + ": key '" + key
              + "' points into " + loc.file().path() + ", which is closed; expected it to have moved");
        }
        loc = moved;
      }
    }
    return null;
  }

  @Override
  public List<String> keys(String prefix) {
    checkOpen();
    return StoreKeys.withPrefix(index, prefix);
  }

  // ---- writes ----------------------------------------------------------------------------

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    StoreKeys.checkKey(key, name);
    StoreKeys.checkValue(key, value, name);
    checkOpen();
    writeLock.lock();
    try {
      checkOpen();
      if (index.containsKey(key)) {
        return false;
      }
      write(List.of(ActiveFile.Write.put(key, value)));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
    checkOpen();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      StoreKeys.checkKey(e.getKey(), name);
      StoreKeys.checkValue(e.getKey(), e.getValue(), name);
    }
    Set<String> present = new HashSet<>();
    writeLock.lock();
    try {
      checkOpen();
      List<ActiveFile.Write> batch = new ArrayList<>(entries.size());
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (index.containsKey(e.getKey())) {
          present.add(e.getKey());
        } else {
          batch.add(ActiveFile.Write.put(e.getKey(), e.getValue()));
        }
      }
      if (!batch.isEmpty()) {
        write(batch);
      }
      return present;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public boolean compareAndSet(String key, long expectedRev, byte[] value) {
    StoreKeys.checkKey(key, name);
    StoreKeys.checkValue(key, value, name);
    StoreKeys.checkRev(key, expectedRev, name);
    checkOpen();
    writeLock.lock();
    try {
      checkOpen();
      RecordLocation current = index.get(key);
      boolean matches = expectedRev == 0 ? current == null : current != null && current.rev() == expectedRev;
      if (!matches) {
        return false;
      }
      write(List.of(ActiveFile.Write.versioned(key, expectedRev + 1, value)));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public boolean delete(String key) {
    StoreKeys.checkKey(key, name);
    checkOpen();
    writeLock.lock();
    try {
      checkOpen();
      if (!index.containsKey(key)) {
        return false;
      }
      write(List.of(ActiveFile.Write.delete(key)));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /** Appends durably, updates the index, and queues a compaction if due; the caller holds the write lock. */
  private void write(List<ActiveFile.Write> batch) {
    log.write(batch);
    if (!automaticCompactionOff && log.wantsCompaction() && compactionQueued.compareAndSet(false, true)) {
      try {
        compactor.execute(this::compactInBackground);
      } catch (RejectedExecutionException e) {
        compactionQueued.set(false); // closing
      }
    }
  }

  // ---- compaction --------------------------------------------------------------------------

  /**
   * Rewrites the live records into a new file and deletes the old files, reclaiming the space of
   * overwritten and deleted records. Safe to call at any time; writers and readers go on
   * meanwhile (see the class comment for the steps and why a crash at any point is harmless).
   */
  public void compact() {
    checkOpen();
    compactLock.lock();
    try {
      compactNow();
    } finally {
      compactLock.unlock();
    }
  }

  private void compactInBackground() {
    compactionQueued.set(false); // writes from now on may queue one more run
    try {
      compactLock.lock();
      try {
        if (closed) {
          return;
        }
        writeLock.lock();
        try {
          if (!log.wantsCompaction()) {
            return;
          }
        } finally {
          writeLock.unlock();
        }
        compactNow();
      } finally {
        compactLock.unlock();
      }
    } catch (RuntimeException e) {
      if (!closed) {
        writeLock.lock();
        automaticCompactionOff = true;
        writeLock.unlock();
        LOG.error("{}: automatic compaction failed and is off until the store is reopened: {}", name, e.getMessage(), e);
      }
    }
  }

  /** The four steps of the class comment; the caller holds the compaction lock. */
  private void compactNow() {
    Compaction.Snapshot snapshot;
    writeLock.lock();
    try {
      checkOpen();
      snapshot = log.startCompaction();
    } finally {
      writeLock.unlock();
    }
    long started = System.nanoTime();
    Compaction.Output out;
    try {
      out = Compaction.write(directory, snapshot, options.fsync(), name, () -> closed);
    } catch (DataFile.Retired e) {
      checkOpen();
      throw new StorageException(StorageErrorCode.STORE_IO, "store " + name + ": a file closed during compaction", e);
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.STORE_IO, "store " + name + ": compaction into "
          + directory.dataFile(snapshot.generation()) + " failed: " + e + "; the store is unchanged", e);
    }
    int moved;
    writeLock.lock();
    try {
      if (closed) {
        out.file().close(); // the next open finds the base file and finishes the job
        return;
      }
      moved = log.finishCompaction(snapshot, out);
    } finally {
      writeLock.unlock();
    }
    Compaction.deleteSuperseded(directory, snapshot, name);
    LOG.info("{}: compacted {} files ({} bytes of records) into {} ({} bytes, {} keys current) in {} ms",
        name, snapshot.superseded().size(), snapshot.supersededBytes(), out.file(), out.recordBytes(), moved,
        (System.nanoTime() - started) / 1_000_000);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  @Override
  public String describe() {
    return name;
  }

  /**
   * Waits for a running compaction to stop, forces the newest file, closes the files, records the
   * clean close ({@link CleanClose}) and releases the directory.
   */
  @Override
  public void close() {
    if (!closeStarted.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    if (compactor != null) {
      compactor.shutdown();
    }
    compactLock.lock();
    writeLock.lock();
    try {
      CleanClose.Record clean = log.close();
      if (clean != null) {
        recordCleanClose(clean);
      }
      directory.close();
      LOG.debug("{}: closed", name);
    } finally {
      writeLock.unlock();
      compactLock.unlock();
    }
  }

  /** Writes the clean-close record, holding back an interrupt (it would close the channel). */
  private void recordCleanClose(CleanClose.Record clean) {
    boolean interrupted = Thread.interrupted();
    try {
      CleanClose.write(directory, clean);
    } catch (IOException e) {
      LOG.warn("{}: cannot record the clean close in {}: {}; the next open checks the end of {} as after a crash",
          name, directory.path().resolve(CleanClose.FILE), e.toString(), directory.dataFile(clean.generation()));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

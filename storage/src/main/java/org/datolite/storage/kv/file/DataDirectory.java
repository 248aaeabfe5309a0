package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * The directory of a {@link FileStore}: its lock, the names of its files, and the
 * create-then-rename dance that makes a new file appear only once it is complete.
 *
 * <p>Files: {@code store.lock} (held with an exclusive {@link FileLock} while the store is open),
 * {@code store.clean} (the {@link CleanClose clean-close record}, and {@code store.clean.tmp}
 * while it is written), {@code data-NNNNNNNNNN.dat} (data files, by generation) and
 * {@code data-NNNNNNNNNN.dat.tmp} (a file being created, never read; removed by the next open).
 * Every create, rename and delete is followed by an fsync of the directory when fsync is on
 * (always for the clean-close record).
 */
final class DataDirectory implements AutoCloseable {
  static final String LOCK_FILE = "store.lock";
  private static final Pattern DATA_FILE = Pattern.compile("data-(\\d{10,19})\\.dat");
  private static final String TEMP_SUFFIX = ".tmp";
  private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final Path dir;
  private final boolean fsync;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path dir, boolean fsync, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.fsync = fsync;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if missing and locks it, or fails with STORE_LOCKED saying whether
   * this process or another holds it.
   */
  static DataDirectory lock(Path dir, boolean fsync) {
    Path lockPath = dir.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new StorageException(StorageErrorCode.STORE_LOCKED, "file store directory " + dir
            + " is already open in this process (its store holds the lock on " + lockPath + "); a directory is"
            + " open once per process: use that store, or open the directory through Stores.open(\"file:…\"),"
            + " which shares one store per directory");
      }
      if (lock == null) {
        throw new StorageException(StorageErrorCode.STORE_LOCKED, "file store directory " + dir
            + " is open in another process (it holds the lock on " + lockPath + "); a directory is open in one"
            + " process at a time, so close it there first, or reach its databases through that process");
      }
      return new DataDirectory(dir, fsync, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageException(StorageErrorCode.STORE_IO,
          "cannot open file store directory " + dir + " and lock " + lockPath + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  Path path() {
    return dir;
  }

  Path dataFile(long generation) {
    return dir.resolve(String.format("data-%010d.dat", generation));
  }

  private Path tempFile(long generation) {
    return dir.resolve(dataFile(generation).getFileName() + TEMP_SUFFIX);
  }

  /** The data files by generation. */
  SortedMap<Long, Path> dataFiles() throws IOException {
    SortedMap<Long, Path> out = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        Matcher m = DATA_FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.put(Long.parseLong(m.group(1)), p);
        }
      }
    }
    return out;
  }

  /** Files left by a create or compaction that did not finish. */
  List<Path> tempFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "data-*.dat" + TEMP_SUFFIX)) {
      entries.forEach(out::add);
    }
    return out;
  }

  /**
   * Starts a file under its temporary name with its header written; the caller appends, forces,
   * closes and then {@link #publish publishes} it.
   */
  FileChannel createTemp(long generation, boolean base) throws IOException {
    FileChannel ch = FileChannel.open(tempFile(generation), StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try {
      ByteBuffer header = DataFile.encodeHeader(generation, base);
      while (header.hasRemaining()) {
        ch.write(header);
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Renames a complete, forced, closed temporary file to its data file name, durably. */
  Path publish(long generation) throws IOException {
    Path target = dataFile(generation);
    Files.move(tempFile(generation), target, StandardCopyOption.ATOMIC_MOVE);
    sync();
    return target;
  }

  /** Removes the temporary file of a create that failed; quietly, the next open removes it too. */
  void discardTemp(long generation) {
    try {
      Files.deleteIfExists(tempFile(generation));
    } catch (IOException ignored) {
      // the next open removes it
    }
  }

  /** A new, empty data file, durable together with its directory entry. */
  DataFile create(long generation) throws IOException {
    try {
      try (FileChannel ch = createTemp(generation, false)) {
        if (fsync) {
          ch.force(true);
        }
      }
    } catch (IOException | RuntimeException e) {
      discardTemp(generation);
      throw e;
    }
    return DataFile.open(publish(generation), generation);
  }

  /** Deletes files (without syncing the directory; call {@link #sync()} after a group). */
  void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  /** Makes the directory's entries durable (created, renamed and deleted files). */
  void sync() throws IOException {
    if (fsync) {
      forceSync();
    }
  }

  /** As {@link #sync()} whatever the fsync option says (for the clean-close record). */
  void forceSync() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      if (!WINDOWS) { // Windows cannot open a directory; its renames are durable by themselves
        throw e;
      }
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it as well
    }
    closeQuietly(lockChannel);
  }
}

package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * The clean-close record of a {@link FileStore}: the file {@code store.clean}, which says that
 * the store was closed cleanly and how its newest data file ended then. 28 bytes, big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "DLCC" (0x444C4343)
 *      4     2  format version, 1
 *      6     2  flags, 0
 *      8     8  generation of the newest data file at the close
 *     16     8  its exact length in bytes, the end of its last write
 *     24     4  CRC32C of bytes 0..23
 * </pre>
 *
 * <h2>Design</h2>
 *
 * <p>A write cut short by a crash can only be at the end of the newest file, and only if the
 * process stopped during that write. After a clean close there is no such write, so recovery
 * must tell the two apart: with this record present, the newest file must have exactly the
 * recorded generation and length, and every record must check out; anything else is damage.
 *
 * <p>Its life: {@link #write} at close, after the last write, after the newest file is forced,
 * while the directory is still locked; {@link #remove} at open, after every file has been
 * scanned and before anything in the directory changes (so before the first write). Both are
 * durable whatever {@link FileStoreOptions#fsync()} says (a file written under a temporary name,
 * forced, renamed, directory forced; a delete and a directory force), so:
 *
 * <ul>
 *   <li>a crash before the rename at close leaves no record (and a {@code .tmp} file the next
 *       open deletes): the next open applies the crash rules to a file that has no torn write;
 *   <li>a crash at open before the removal leaves the record, still true: nothing has changed;
 *   <li>after the removal nothing can bring it back, so a write torn by a later crash is never
 *       judged against a stale record; and since a record exists only after a clean close, a
 *       record's absence never excuses damage after one.
 * </ul>
 */
public final class CleanClose {
  public static final String FILE = "store.clean";
  static final int SIZE = 28;
  static final int MAGIC = 0x444C4343;
  static final int VERSION = 1;
  private static final String TEMP = FILE + ".tmp";

  private CleanClose() {}

  /** What a clean close recorded: the newest data file's generation and length. */
  record Record(long generation, long length) {}

  /** Records a clean close, durably; the caller has forced the newest file and still holds the lock. */
  static void write(DataDirectory dir, Record record) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.putInt(MAGIC).putShort((short) VERSION).putShort((short) 0).putLong(record.generation()).putLong(record.length());
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, SIZE - 4);
    b.putInt((int) crc.getValue()).flip();
    dir.forceSync(); // the data files' entries are durable before the record can be (with fsync off too)
    Path temp = dir.path().resolve(TEMP);
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(temp, dir.path().resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    dir.forceSync();
  }

  /**
   * The record, or null if the store was not closed cleanly (no record).
   *
   * @throws Damaged if the record does not check out
   * @throws StorageException UNSUPPORTED_FORMAT for another version
   */
  static Record read(DataDirectory dir) throws IOException {
    Path path = dir.path().resolve(FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    }
    String problem = null;
    ByteBuffer b = ByteBuffer.wrap(bytes);
    CRC32C crc = new CRC32C();
    if (bytes.length != SIZE) {
      problem = bytes.length + " bytes; expected " + SIZE;
    } else if (b.getInt(0) != MAGIC) {
      problem = String.format("magic 0x%08X; expected 0x%08X", b.getInt(0), MAGIC);
    } else {
      crc.update(bytes, 0, SIZE - 4);
      if (b.getInt(SIZE - 4) != (int) crc.getValue()) {
        problem = String.format("checksum mismatch (stored 0x%08X, computed 0x%08X)", b.getInt(SIZE - 4),
            (int) crc.getValue());
      } else if (b.getShort(4) != VERSION) {
        throw new StorageException(StorageErrorCode.UNSUPPORTED_FORMAT, "clean-close record " + path
            + " has format version " + b.getShort(4) + "; this build reads version " + VERSION);
      } else if (b.getShort(6) != 0 || b.getLong(8) < 1 || b.getLong(16) < DataFile.HEADER_SIZE) {
        problem = "flags " + b.getShort(6) + ", generation " + b.getLong(8) + ", length " + b.getLong(16)
            + "; expected flags 0, a generation of at least 1 and a length of at least " + DataFile.HEADER_SIZE;
      }
    }
    if (problem != null) {
      throw new Damaged("clean-close record " + path + " does not check out: " + problem
          + "; it is written whole under a temporary name and renamed into place, so this is damage, not a crash");
    }
    return new Record(b.getLong(8), b.getLong(16));
  }

  /** A record that does not check out; the message says where and why. */
  static final class Damaged extends RuntimeException {
    Damaged(String message) {
      super(message, null, false, false);
    }
  }

  /** Removes the record and a temporary one left by a close that did not finish, durably. */
  static void remove(DataDirectory dir) throws IOException {
    boolean removed = Files.deleteIfExists(dir.path().resolve(FILE));
    removed |= Files.deleteIfExists(dir.path().resolve(TEMP));
    if (removed) {
      dir.forceSync();
    }
  }
}

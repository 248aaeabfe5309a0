package org.datolite.storage.kv;

import java.nio.file.Path;
import org.datolite.storage.kv.file.FileStore;

/**
 * The {@link FileStore} of one directory in this JVM, shared by every
 * {@code Stores.open("file:…")} that names the directory, however spelled.
 *
 * <h2>Design</h2>
 *
 * <p>A directory holds one store, and a store is open in one process at a time (its lock file);
 * but within a process several users want it at once: each database of the directory runs its
 * own transactor over the same store, their keys apart by the database's prefix. So the process
 * opens the store once and hands out {@link StoreHandle}s, counting them: the first handle opens
 * the store (recovery included), the last one to close closes it, cleanly (its clean-close
 * record written). Opening and closing hold this object's monitor, so an open that races the
 * last close waits for it and then opens the store afresh, instead of finding the directory
 * still locked. The directory is canonical (absolute, normalized, symbolic links resolved), so
 * two spellings of it share one store instead of the second failing with STORE_LOCKED.
 *
 * <p>A failed open (STORE_LOCKED because another process holds the directory, SEGMENT_CORRUPT,
 * STORE_IO) leaves no store and no count behind; the next open tries again.
 */
final class SharedDirectory {
  private final Path dir;
  private FileStore store; // guarded by this
  private int handles; // guarded by this

  /** @param dir the canonical directory */
  SharedDirectory(Path dir) {
    this.dir = dir;
  }

  /** A new handle onto the directory's store, opening the store if this is the first. */
  synchronized KeyValueStore open() {
    if (store == null) {
      store = FileStore.open(dir);
    }
    handles++;
    return new StoreHandle(store, this::release);
  }

  /** Called once per handle: the last closes the store. */
  private synchronized void release() {
    if (--handles == 0) {
      FileStore last = store;
      store = null;
      last.close();
    }
  }
}

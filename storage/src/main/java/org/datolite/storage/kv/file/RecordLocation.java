package org.datolite.storage.kv.file;

/**
 * Where the live record of a key lies: its data file, the offset of its header, and what its
 * header says. One per key in a {@link FileStore}'s in-memory index; equal only for the same
 * file object, so a compaction can tell whether a key moved on while it copied.
 */
record RecordLocation(DataFile file, long offset, int keyLength, int valueLength, long rev) {

  /** Header, key and value, in bytes. */
  long length() {
    return FileRecord.HEADER_SIZE + keyLength + (long) valueLength;
  }
}

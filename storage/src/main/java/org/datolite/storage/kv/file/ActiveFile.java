package org.datolite.storage.kv.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The data file that a {@link FileStore} appends to, with its own write channel (readers use the
 * {@link DataFile}'s, so that an interrupted reader cannot close the writer's channel). Used only
 * under the store's write lock.
 *
 * <p>An {@link #append} is one gathering write of every record of the batch followed by one
 * {@code force(false)}; the records carry the batch's start offset and the last one a flag, so
 * that recovery applies a batch entirely or not at all. If the append fails,
 * {@link #rollback()} cuts the file back to where the batch started.
 */
final class ActiveFile implements AutoCloseable {
  private final DataFile file;
  private final boolean fsync;
  private FileChannel channel;
  private long size;

  private ActiveFile(DataFile file, boolean fsync, FileChannel channel, long size) {
    this.file = file;
    this.fsync = fsync;
    this.channel = channel;
    this.size = size;
  }

  /** Opens {@code file} for appending at {@code end}, where its last complete write ends. */
  static ActiveFile open(DataFile file, long end, boolean fsync) throws IOException {
    FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.WRITE);
    ch.position(end);
    return new ActiveFile(file, fsync, ch, end);
  }

  /** One record to append. */
  record Write(int op, String key, byte[] keyBytes, long rev, byte[] value) {
    static Write put(String key, byte[] value) {
      return new Write(FileRecord.OP_PUT, key, key.getBytes(StandardCharsets.UTF_8), 0, value);
    }

    static Write versioned(String key, long rev, byte[] value) {
      return new Write(FileRecord.OP_PUT_VERSIONED, key, key.getBytes(StandardCharsets.UTF_8), rev, value);
    }

    static Write delete(String key) {
      return new Write(FileRecord.OP_DELETE, key, key.getBytes(StandardCharsets.UTF_8), 0, new byte[0]);
    }

    long length() {
      return FileRecord.HEADER_SIZE + keyBytes.length + (long) value.length;
    }
  }

  DataFile file() {
    return file;
  }

  /** Bytes in the file, header included, up to the end of the last complete write. */
  long size() {
    return size;
  }

  /**
   * Writes a batch as one write and, with fsync on, forces it to the device.
   *
   * @return where each record lies, in the order of {@code batch}
   */
  List<RecordLocation> append(List<Write> batch) throws IOException {
    long start = size;
    ByteBuffer[] buffers = new ByteBuffer[batch.size() * 2];
    List<RecordLocation> locations = new ArrayList<>(batch.size());
    long offset = start;
    for (int i = 0; i < batch.size(); i++) {
      Write w = batch.get(i);
      buffers[2 * i] = FileRecord.encode(start, i == batch.size() - 1, w.op(), w.keyBytes(), w.rev(), w.value());
      buffers[2 * i + 1] = ByteBuffer.wrap(w.value());
      locations.add(new RecordLocation(file, offset, w.keyBytes().length, w.value().length, w.rev()));
      offset += w.length();
    }
    // A pending interrupt would close the channel at once; hold it back while writing.
    boolean interrupted = Thread.interrupted();
    try {
      int first = 0;
      while (first < buffers.length) {
        channel.write(buffers, first, buffers.length - first);
        while (first < buffers.length && !buffers[first].hasRemaining()) {
          first++;
        }
      }
      if (fsync) {
        channel.force(false);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    size = offset;
    return locations;
  }

  /**
   * After a failed {@link #append}: truncates the file to the end of the last complete write,
   * durably, reopening the channel if an interrupt closed it.
   *
   * @throws IOException if that fails too; the file's tail is then unknown until the next open
   */
  void rollback() throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      if (!channel.isOpen()) {
        channel = FileChannel.open(file.path(), StandardOpenOption.WRITE);
      }
      channel.truncate(size);
      channel.position(size);
      if (fsync) {
        channel.force(true);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Forces the file's content and length to the device, whatever the fsync option (for a clean
   * close), and returns its length on disk.
   */
  long force() throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      if (!channel.isOpen()) {
        channel = FileChannel.open(file.path(), StandardOpenOption.WRITE);
      }
      channel.force(true);
      return channel.size();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Closes the write channel; the {@link DataFile} stays open for reads. */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}

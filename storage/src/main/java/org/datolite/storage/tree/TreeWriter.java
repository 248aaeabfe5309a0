package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * Turns a sorted sequence of datoms and existing (shared) nodes into new segments, directories
 * and root entries, in key order. Used both to build a tree from scratch and by
 * {@link IndexTree#merge}, which feeds it the datoms of rewritten segments and the entries of
 * untouched ones.
 *
 * <p>Pending datoms are cut into a segment once they reach twice the target (the first target's
 * worth is cut), and what remains when an untouched node or the end arrives becomes one segment
 * if it is within twice the target, or is split evenly otherwise. Directories are cut the same
 * way from pending segment entries.
 */
final class TreeWriter {
  private final Index index;
  private final TreeConfig config;
  private final NodeStore.Batch batch;

  /**
   * Datoms not yet cut into segments: {@code pending[pendingStart..pendingEnd)}, with each one's
   * estimated size. Cutting advances the start instead of shifting (and nulling) the array; slots
   * before the start keep stale references until the array is replaced, at most its length.
   */
  private Datom[] pending = new Datom[64];
  private int[] pendingSizes = new int[64];
  private int pendingStart;
  private int pendingEnd;
  private long pendingBytes;
  private Datom last;

  private final List<Directory.Entry> segmentEntries = new ArrayList<>();
  private final List<Directory.Entry> rootEntries = new ArrayList<>();

  private int segmentsWritten;
  private int directoriesWritten;

  TreeWriter(Index index, TreeConfig config, NodeStore.Batch batch) {
    this.index = index;
    this.config = config;
    this.batch = batch;
  }

  /** Appends a datom, which must follow every datom appended before. */
  void add(Datom d) {
    if (last != null && index.comparator().compare(last, d) >= 0) {
      throw new StorageException(StorageErrorCode.INVALID_MERGE,
          "datoms for " + index + " out of order or repeated: " + last + " then " + d);
    }
    last = d;
    if (pendingEnd == pending.length) {
      // a new array, not the old one compacted: a writer outlives young collections, and storing
      // into an array the collector has moved to the old generation costs a barrier's slow path
      // (G1's) on every datom
      int count = pendingCount();
      int capacity = pendingStart > 0 ? pending.length : pending.length * 2;
      Datom[] datoms = new Datom[capacity];
      System.arraycopy(pending, pendingStart, datoms, 0, count);
      pending = datoms;
      if (pendingStart > 0) {
        System.arraycopy(pendingSizes, pendingStart, pendingSizes, 0, count);
      } else {
        pendingSizes = Arrays.copyOf(pendingSizes, capacity);
      }
      pendingStart = 0;
      pendingEnd = count;
    }
    int size = Segment.datomBytes(d);
    pendingSizes[pendingEnd] = size;
    pending[pendingEnd++] = d;
    pendingBytes += size;
    if (pendingCount() >= 2 * config.segmentDatoms() || pendingBytes >= 2L * config.segmentBytes()) {
      cutSegment(config.segmentDatoms(), config.segmentBytes());
    }
  }

  /** Appends an untouched segment as it is, after the datoms pending before it. */
  void addSegment(Directory.Entry entry) {
    flushDatoms();
    checkOrder(entry.firstKey());
    segmentEntries.add(entry);
    if (segmentEntries.size() >= 2 * config.directoryFanout()) {
      cutDirectory(config.directoryFanout());
    }
  }

  /** Appends an untouched directory as it is, after everything pending before it. */
  void addDirectory(Directory.Entry entry) {
    flushSegments();
    checkOrder(entry.firstKey());
    rootEntries.add(entry);
  }

  private void checkOrder(Datom firstKey) {
    if (last != null && index.comparator().compare(last, firstKey) >= 0) {
      throw new StorageException(StorageErrorCode.INVALID_MERGE,
          "node starting at " + firstKey + " does not follow " + last + " in " + index);
    }
    // The node's own last datom is unknown here; its first key is a lower bound of what follows.
    last = firstKey;
  }

  /** Writes everything pending and returns the root's entries. */
  List<Directory.Entry> finish() {
    flushSegments();
    return rootEntries;
  }

  private int pendingCount() {
    return pendingEnd - pendingStart;
  }

  private void flushDatoms() {
    int count = pendingCount();
    if (count == 0) {
      return;
    }
    if (count <= 2 * config.segmentDatoms() && pendingBytes <= 2L * config.segmentBytes()) {
      cutSegment(count, Long.MAX_VALUE);
      return;
    }
    int pieces = (int) Math.max(
        ceilDiv(count, config.segmentDatoms()), ceilDiv(pendingBytes, config.segmentBytes()));
    int perPiece = (int) ceilDiv(count, pieces);
    long bytesPerPiece = ceilDiv(pendingBytes, pieces);
    while (pendingCount() > 0) {
      cutSegment(perPiece, bytesPerPiece);
    }
  }

  private void flushSegments() {
    flushDatoms();
    if (segmentEntries.isEmpty()) {
      return;
    }
    int n = segmentEntries.size();
    if (n <= 2 * config.directoryFanout()) {
      cutDirectory(n);
      return;
    }
    int perPiece = (int) ceilDiv(n, ceilDiv(n, config.directoryFanout()));
    while (!segmentEntries.isEmpty()) {
      cutDirectory(Math.min(perPiece, segmentEntries.size()));
    }
  }

  /** Cuts a segment of the first pending datoms: up to {@code maxDatoms}, stopping at {@code maxBytes}. */
  private void cutSegment(int maxDatoms, long maxBytes) {
    int n = 0;
    long bytes = 0;
    int count = pendingCount();
    while (n < count && n < maxDatoms && bytes < maxBytes) {
      bytes += pendingSizes[pendingStart + n];
      n++;
    }
    Datom[] datoms = Arrays.copyOfRange(pending, pendingStart, pendingStart + n);
    pendingStart += n;
    if (pendingStart == pendingEnd) {
      pendingStart = 0;
      pendingEnd = 0;
    }
    pendingBytes -= bytes;
    Segment segment = new Segment(index, datoms, bytes);
    KeyFilter filter = KeyFilter.keptFor(index) ? KeyFilter.of(index, datoms) : null;
    segmentEntries.add(new Directory.Entry(datoms[0], batch.add(segment), n, filter));
    segmentsWritten++;
    if (segmentEntries.size() >= 2 * config.directoryFanout()) {
      cutDirectory(config.directoryFanout());
    }
  }

  private void cutDirectory(int n) {
    List<Directory.Entry> children = new ArrayList<>(segmentEntries.subList(0, n));
    segmentEntries.subList(0, n).clear();
    Directory dir = new Directory(index, Directory.SEGMENTS, children);
    rootEntries.add(new Directory.Entry(children.get(0).firstKey(), batch.add(dir), dir.total()));
    directoriesWritten++;
  }

  int segmentsWritten() {
    return segmentsWritten;
  }

  int directoriesWritten() {
    return directoriesWritten;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}

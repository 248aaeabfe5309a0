package org.datolite.datom;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An append-only list kept in fixed chunks of {@value #CHUNK} elements instead of one array, for
 * the millions of datoms an index job lists. One array that large is a humongous object to G1,
 * allocated straight into the old generation; its references to young datoms are then scanned at
 * every young collection (in a bulk load, most of the collector's time). Chunks are ordinary young
 * objects, and growing the list never copies what it holds.
 */
public final class ChunkedList<T> extends AbstractList<T> implements RandomAccess {
  private static final int SHIFT = 14;
  /** Elements per chunk: 64 KiB of references with compressed oops. */
  static final int CHUNK = 1 << SHIFT;
  private static final int MASK = CHUNK - 1;

  private Object[][] chunks = new Object[4][];
  private int size;

  @Override
  public boolean add(T element) {
    int c = size >>> SHIFT;
    if (c == chunks.length) {
      chunks = Arrays.copyOf(chunks, c * 2);
    }
    if (chunks[c] == null) {
      chunks[c] = new Object[CHUNK];
    }
    chunks[c][size & MASK] = element;
    size++;
    modCount++;
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a list of " + size);
    }
    return (T) chunks[index >>> SHIFT][index & MASK];
  }

  @Override
  public int size() {
    return size;
  }
}

package org.datolite.storage.tree;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.LongPredicate;
import org.datolite.datom.ChunkedList;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.RepeatFree;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * One order's additions taken from the novelty's stream in that order (its sorted runs merged),
 * <em>as the index merge reads them</em> rather than all before it starts. What the merge reads
 * only as it writes is then encoded within a segment's worth of datoms after the runs' merge
 * compared it, while it is still in the processor's cache: collecting the whole stream first cost
 * a second cache miss a datom (a fifth of the time to write a new AVET level from a bulk load's
 * novelty, in a microbenchmark).
 *
 * <p>A list of the expected number of additions, keeping what it has read: {@link #get} reads the
 * stream up to the position asked for, the {@linkplain #iterator() iterator} reads the rest.
 * Choosing the level to merge into may read much of it first: a level that must be galloped
 * through (AEVT's appends for every attribute, an AVET level about the size of the additions)
 * reads past every addition it passes. A stream that ends early ends the iterator and fails
 * {@code get} with {@code INVALID_MERGE}. Whether it held the expected number of datoms is known
 * once it has been read to the end: {@link #matched()}. Where it did not, the caller discards what
 * it wrote (nothing refers to it) and sorts the additions itself.
 *
 * <p>With {@code checkRepeats} (assertions only, EAVT order) two assertions of one fact, which are
 * neighbours in EAVT, fail with {@code INVALID_MERGE} as they are read.
 *
 * <p>A stream that is also a random-access {@link List} of the additions (the datoms an index
 * job makes anew in AEVT or AVET order, {@code ColumnSort}) is read by position and nothing is
 * kept: each read makes its datom again, and keeping a job's worth of them alive only made the
 * collector copy them. That holds where every datom of the stream is added (no picking by
 * identity), outside VAET and without the repeat check (or where the stream says no fact repeats
 * in it, {@link RepeatFree}: a load's EAVT read in sequence); otherwise it is read as any stream.
 */
final class StreamedAdditions extends AbstractList<Datom> implements RandomAccess {
  private final Index index;
  private final Iterator<Datom> stream;
  private final Set<Datom> adding;
  private final LongPredicate isRef;
  private final boolean checkRepeats;
  private final int expected;
  private final ChunkedList<Datom> read = new ChunkedList<>();
  private final List<Datom> direct;

  /**
   * @param stream the novelty in {@code index} order
   * @param adding the datoms of the stream to add, by identity (null: every one)
   * @param isRef whether an attribute is a ref (VAET takes only those)
   * @param expected how many datoms the stream should yield
   */
  @SuppressWarnings("unchecked")
  StreamedAdditions(Index index, Iterator<Datom> stream, Set<Datom> adding, LongPredicate isRef,
      boolean checkRepeats, long expected) {
    if (expected < 0 || expected > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("expected " + expected + " additions; expected 0.." + Integer.MAX_VALUE);
    }
    this.index = index;
    this.stream = stream;
    this.adding = adding;
    this.isRef = isRef;
    this.checkRepeats = checkRepeats;
    this.expected = (int) expected;
    this.direct = adding == null && index != Index.VAET && (!checkRepeats || stream instanceof RepeatFree)
        && stream instanceof RandomAccess && stream instanceof List<?> l ? (List<Datom>) l : null;
  }

  /** Reads the stream's next datom to add into {@link #read}; false at the end of the stream. */
  private boolean readOne() {
    while (stream.hasNext()) {
      Datom d = stream.next();
      if ((adding == null || adding.contains(d)) && (index != Index.VAET || isRef.test(d.a()))) {
        if (checkRepeats && !read.isEmpty() && IndexSet.sameFact(read.get(read.size() - 1), d)) {
          throw IndexSet.alreadyTrue(d);
        }
        read.add(d);
        return true;
      }
    }
    return false;
  }

  @Override
  public Datom get(int i) {
    Objects.checkIndex(i, expected);
    if (direct != null) {
      if (i >= direct.size()) {
        throw new StorageException(StorageErrorCode.INVALID_MERGE, "the novelty's " + index + " stream ended after "
            + direct.size() + " of its " + expected + " additions");
      }
      return direct.get(i);
    }
    while (read.size() <= i) {
      if (!readOne()) {
        throw new StorageException(StorageErrorCode.INVALID_MERGE, "the novelty's " + index + " stream ended after "
            + read.size() + " of its " + expected + " additions");
      }
    }
    return read.get(i);
  }

  /** The expected number of additions (what the stream holds is known only at its end). */
  @Override
  public int size() {
    return expected;
  }

  @Override
  public Iterator<Datom> iterator() {
    if (direct != null) {
      return direct.subList(0, Math.min(expected, direct.size())).iterator();
    }
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < expected && (next < read.size() || readOne());
      }

      @Override
      public Datom next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return read.get(next++);
      }
    };
  }

  /**
   * Whether the stream held exactly the expected additions: reads what is left of it, so call it
   * after the merge has read what it needs.
   */
  boolean matched() {
    if (direct != null) {
      return direct.size() == expected;
    }
    return read.size() >= expected && !readOne();
  }
}

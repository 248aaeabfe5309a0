package org.datolite.storage.log;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import org.datolite.datom.Datom;
import org.datolite.storage.codec.ByteReader;

/**
 * A committed transaction's datoms as its log block holds them, decoded when first read
 * ({@link LogBlock#decodeDeferred}). A peer is pushed every transaction and keeps it in its
 * novelty until an index job takes it; during a bulk load nothing on that peer reads them, and
 * decoding them (and keeping the objects in the heap) was most of its work. What the peer must
 * know of a transaction at once it knows without decoding: its datom count, its retractions,
 * the attributes it touches, its highest entity id of the user partition and the transaction
 * entity's own datoms (its instant and uuid).
 *
 * <p>Immutable as a list; the first read decodes every datom once, under a lock of its own, and
 * drops the bytes. Everything {@link LogBlock#decode} checks was checked when the block arrived,
 * so that read does not fail. Until then the list holds its block's body (shared by the block's
 * transactions), which is smaller than the datoms it decodes to.
 */
public final class DeferredDatoms extends AbstractList<Datom> implements RandomAccess {
  private final String key;
  private final long tx;
  private final int size;
  private final boolean deltas;
  private final int from;
  private final int to;
  private final long retractions;
  private final long estimatedBytes;
  private final long[] attributes;
  private final long[] attributesBeyondTransaction;
  private final List<Datom> ofTransaction;
  private final long highestUserEntity;
  /** The block's body, in a holder final fields publish safely; its one slot is nulled once decoded (under {@link #lock}). */
  private final byte[][] body;
  private final Object lock = new Object();
  private volatile List<Datom> decoded;

  DeferredDatoms(String key, long tx, int size, boolean deltas, byte[] body, int from, int to, long retractions,
      long estimatedBytes, long[] attributes, long[] attributesBeyondTransaction, List<Datom> ofTransaction,
      long highestUserEntity) {
    this.key = key;
    this.tx = tx;
    this.size = size;
    this.deltas = deltas;
    this.body = new byte[][] {body};
    this.from = from;
    this.to = to;
    this.retractions = retractions;
    this.estimatedBytes = estimatedBytes;
    this.attributes = attributes;
    this.attributesBeyondTransaction = attributesBeyondTransaction;
    this.ofTransaction = List.copyOf(ofTransaction);
    this.highestUserEntity = highestUserEntity;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Datom get(int index) {
    return datoms().get(index);
  }

  @Override
  public Iterator<Datom> iterator() {
    return datoms().iterator();
  }

  /** Whether the datoms have been decoded (read). */
  public boolean isDecoded() {
    return decoded != null;
  }

  /** How many of the datoms are retractions. */
  public long retractions() {
    return retractions;
  }

  /** The heap the datoms will take once decoded, estimated from their encoded sizes. */
  public long estimatedBytes() {
    return estimatedBytes;
  }

  /** The distinct attributes of the datoms, in the order first met. */
  public long[] attributes() {
    return attributes.clone();
  }

  /**
   * The distinct attributes of the datoms of entities other than the transaction: those of no
   * other datom than {@link #ofTransaction} (its instant, its uuid, a unique attribute looked up
   * by value) can be handled from those alone.
   */
  public long[] attributesBeyondTransaction() {
    return attributesBeyondTransaction.clone();
  }

  /** The highest entity id of the user partition among the datoms, {@code Long.MIN_VALUE} if none is of it. */
  public long highestUserEntity() {
    return highestUserEntity;
  }

  /** The datoms whose entity is the transaction itself (its instant, its uuid), decoded already. */
  public List<Datom> ofTransaction() {
    return ofTransaction;
  }

  private List<Datom> datoms() {
    List<Datom> d = decoded;
    if (d == null) {
      synchronized (lock) {
        d = decoded;
        if (d == null) {
          d = LogBlock.readDatoms(new ByteReader(body[0], from, to - from), size, tx, deltas, key);
          decoded = d;
          body[0] = null;
        }
      }
    }
    return d;
  }
}

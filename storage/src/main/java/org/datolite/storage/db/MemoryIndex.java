package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.codec.ValueCodec;

/**
 * Novelty: the datoms committed since the persisted indexes were last built, sorted in all four
 * orders, in memory. The transactor keeps one to validate transactions; every peer keeps one fed
 * by the transactor's stream.
 *
 * <p>One writer appends whole transactions in {@code tx} order; any number of readers read
 * concurrently. The sorted sets only grow, and a {@link Db} reads them filtered by its basis
 * ({@code tx ≤ basis}), so a database value stays the same while later transactions arrive.
 * When an index job has merged the novelty up to some {@code tx} into storage,
 * {@link #after(long)} copies what remains into a fresh index; database values made before keep
 * the old one.
 *
 * <p>VAET holds ref datoms only; the predicate given at construction says which attributes are
 * refs.
 */
public final class MemoryIndex {
  private final Map<Index, ConcurrentSkipListSet<Datom>> sets = new EnumMap<>(Index.class);
  private final LongPredicate isRef;
  private final List<Transaction> transactions = new ArrayList<>();
  private volatile long lastTx = Long.MIN_VALUE;
  private volatile long datoms;
  private volatile long bytes;

  public MemoryIndex(LongPredicate isRef) {
    this.isRef = isRef;
    for (Index index : Index.values()) {
      sets.put(index, new ConcurrentSkipListSet<>(index.comparator()));
    }
  }

  /**
   * Appends the datoms of one transaction, whose {@code tx} ids must all be the same and above
   * every {@code tx} added before. Only the single writer calls this.
   */
  public void add(long tx, List<Datom> txDatoms) {
    if (tx <= lastTx) {
      throw new IllegalArgumentException("transaction " + tx + " does not follow " + lastTx);
    }
    long added = 0;
    for (Datom d : txDatoms) {
      if (d.tx() != tx) {
        throw new IllegalArgumentException("datom " + d + " does not belong to transaction " + tx);
      }
      sets.get(Index.EAVT).add(d);
      sets.get(Index.AEVT).add(d);
      sets.get(Index.AVET).add(d);
      if (isRef.test(d.a())) {
        sets.get(Index.VAET).add(d);
      }
      added += 96 + ValueCodec.estimateSize(d.v());
    }
    synchronized (transactions) {
      transactions.add(new Transaction(tx, List.copyOf(txDatoms)));
    }
    datoms += txDatoms.size();
    bytes += added;
    lastTx = tx;
  }

  /**
   * Removes the transactions after {@code tx} again (their log write failed). Readers never saw
   * them: a database value reads only up to its basis, which never passed {@code tx}. Only the
   * single writer calls this.
   */
  public void removeAfter(long tx) {
    synchronized (transactions) {
      while (!transactions.isEmpty() && transactions.get(transactions.size() - 1).tx() > tx) {
        Transaction last = transactions.remove(transactions.size() - 1);
        long removed = 0;
        for (Datom d : last.datoms()) {
          for (ConcurrentSkipListSet<Datom> set : sets.values()) {
            set.remove(d);
          }
          removed += 96 + ValueCodec.estimateSize(d.v());
        }
        datoms -= last.datoms().size();
        bytes -= removed;
      }
      lastTx = transactions.isEmpty() ? Math.min(lastTx, tx) : transactions.get(transactions.size() - 1).tx();
    }
  }

  /** One transaction's datoms, as added. */
  public record Transaction(long tx, List<Datom> datoms) {}

  /** The transactions added so far with {@code tx} at or below {@code upTo}, in order. */
  public List<Transaction> transactions(long upTo) {
    synchronized (transactions) {
      List<Transaction> out = new ArrayList<>();
      for (Transaction t : transactions) {
        if (t.tx() > upTo) {
          break;
        }
        out.add(t);
      }
      return out;
    }
  }

  /** The datoms in one order, including those above any reader's basis. */
  public NavigableSet<Datom> set(Index index) {
    return sets.get(index);
  }

  /** The {@code tx} of the last transaction added, or {@link Long#MIN_VALUE}. */
  public long lastTx() {
    return lastTx;
  }

  /** How many datoms this index holds. */
  public long size() {
    return datoms;
  }

  /** An estimate of the heap this index takes, for the indexing threshold and back-pressure. */
  public long estimatedBytes() {
    return bytes;
  }

  /** Whether an attribute's datoms enter VAET. */
  public boolean isRef(long attribute) {
    return isRef.test(attribute);
  }

  /** A new index holding the transactions after {@code tx}, in order. */
  public MemoryIndex after(long tx) {
    MemoryIndex rest = new MemoryIndex(isRef);
    synchronized (transactions) {
      for (Transaction t : transactions) {
        if (t.tx() > tx) {
          rest.add(t.tx(), t.datoms());
        }
      }
    }
    rest.lastTx = Math.max(rest.lastTx, lastTx);
    return rest;
  }
}

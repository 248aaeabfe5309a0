package org.datolite.storage.log;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import org.datolite.datom.ChunkedList;
import org.datolite.datom.Datom;

/**
 * The datoms of consecutive committed transactions as one list, in the order added: what an index
 * job merges ({@code IndexSet.merge}).
 *
 * <p>Where the transactions retract nothing, the job picks nothing by identity, so this is a view
 * that copies nothing: a transaction held as columns ({@link ColumnDatoms}) gives new datoms as it
 * is read ({@link ColumnDatoms#fresh}), which the job drops as it goes, rather than its own made
 * all at once and kept for the job. Where one retracts, the job pairs assertions with their
 * retractions by identity, so the list holds every transaction's own datoms, as read elsewhere.
 */
public final class NoveltyDatoms {
  private NoveltyDatoms() {}

  /** The datoms of {@code txs}, in order. */
  public static List<Datom> of(List<CommittedTx> txs) {
    for (CommittedTx t : txs) {
      if (retracts(t.datoms())) {
        List<Datom> own = new ChunkedList<>(); // millions of datoms: see ChunkedList
        for (CommittedTx each : txs) {
          own.addAll(each.datoms());
        }
        return own;
      }
    }
    return new View(txs);
  }

  private static boolean retracts(List<Datom> datoms) {
    if (datoms instanceof ColumnDatoms c) {
      return c.retractions() > 0;
    }
    for (Datom d : datoms) {
      if (!d.added()) {
        return true;
      }
    }
    return false;
  }

  /** The transactions' datoms, columns made into new datoms as read. */
  private static final class View extends AbstractList<Datom> implements RandomAccess {
    private final List<List<Datom>> parts;
    /** Where each transaction's datoms start, and past the last one's. */
    private final int[] starts;

    View(List<CommittedTx> txs) {
      parts = txs.stream().map(CommittedTx::datoms).toList();
      starts = new int[parts.size() + 1];
      long n = 0;
      for (int i = 0; i < parts.size(); i++) {
        n += parts.get(i).size();
        if (n > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("a novelty of more than " + (Integer.MAX_VALUE - 8) + " datoms");
        }
        starts[i + 1] = (int) n;
      }
    }

    @Override
    public int size() {
      return starts[parts.size()];
    }

    @Override
    public Datom get(int index) {
      Objects.checkIndex(index, size());
      int found = Arrays.binarySearch(starts, index);
      int part = found >= 0 ? found : -found - 2;
      while (starts[part + 1] == index) { // past empty transactions
        part++;
      }
      return ColumnDatoms.fresh(parts.get(part), index - starts[part]);
    }

    @Override
    public Iterator<Datom> iterator() {
      return new Iterator<>() {
        private int part;
        private int at;

        @Override
        public boolean hasNext() {
          while (part < parts.size() && at >= parts.get(part).size()) {
            part++;
            at = 0;
          }
          return part < parts.size();
        }

        @Override
        public Datom next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ColumnDatoms.fresh(parts.get(part), at++);
        }
      };
    }
  }
}

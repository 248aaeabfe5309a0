package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.value.ValueKey;

/**
 * What one novelty layer does to the facts of one entity and attribute {@code (e a)}, after each
 * transaction that touched them: the values it asserted and still holds (their latest assertions)
 * and the values from below it (the persisted trees, earlier layers) it retracted. A read of the
 * pair at a limit takes the state after the last transaction at or below it, instead of merging
 * every version the layer holds: a row updated thousands of times since the last index job (a hot
 * counter) costs a binary search, not a pass over its versions.
 *
 * <p>It relies on what the transactor guarantees: no fact is asserted while it is true, so a value
 * a layer asserts was not live below it, and a retraction of a value the layer did not assert
 * retracts one from below.
 *
 * <p>One writer appends ({@link MemoryIndex#add}); readers see an immutable snapshot.
 */
final class PairHistory {
  /** The facts after one transaction. */
  record Facts(Datom[] live, ValueKey[] hidden) {
    static final Facts NONE = new Facts(new Datom[0], new ValueKey[0]);
  }

  private record Snapshot(long[] txs, Facts[] states, int size) {}

  private volatile Snapshot snapshot = new Snapshot(new long[4], new Facts[4], 0);
  /** The last transaction folded in: the writer skips what the history was built with. */
  private long coveredTx = Long.MIN_VALUE;

  /** A history built from all the layer's datoms of the pair, in any order. */
  static PairHistory of(List<Datom> datoms) {
    PairHistory h = new PairHistory();
    List<Datom> byTx = new ArrayList<>(datoms);
    byTx.sort((x, y) -> Long.compare(x.tx(), y.tx()));
    int i = 0;
    while (i < byTx.size()) {
      long tx = byTx.get(i).tx();
      int j = i;
      while (j < byTx.size() && byTx.get(j).tx() == tx) {
        j++;
      }
      h.append(tx, byTx.subList(i, j));
      i = j;
    }
    return h;
  }

  long coveredTx() {
    return coveredTx;
  }

  /** Folds in one transaction's datoms of the pair (its tx above every one before). Only the writer calls this. */
  void append(long tx, List<Datom> datoms) {
    Snapshot s = snapshot;
    Facts before = s.size() == 0 ? Facts.NONE : s.states()[s.size() - 1];
    Map<ValueKey, Datom> live = new LinkedHashMap<>();
    for (Datom d : before.live()) {
      live.put(new ValueKey(d.v()), d);
    }
    Set<ValueKey> hidden = new LinkedHashSet<>(Arrays.asList(before.hidden()));
    for (Datom d : datoms) {
      ValueKey k = new ValueKey(d.v());
      if (d.added()) {
        live.put(k, d);
      } else if (live.remove(k) == null) {
        hidden.add(k); // a value from below the layer
      }
    }
    Facts after = new Facts(live.values().toArray(new Datom[0]), hidden.toArray(new ValueKey[0]));
    long[] txs = s.txs();
    Facts[] states = s.states();
    if (s.size() == txs.length) {
      txs = Arrays.copyOf(txs, txs.length * 2);
      states = Arrays.copyOf(states, states.length * 2);
    }
    txs[s.size()] = tx;
    states[s.size()] = after;
    snapshot = new Snapshot(txs, states, s.size() + 1);
    coveredTx = tx;
  }

  /** Forgets the transactions after {@code tx} (their log write failed). Only the writer calls this. */
  void removeAfter(long tx) {
    Snapshot s = snapshot;
    int n = s.size();
    while (n > 0 && s.txs()[n - 1] > tx) {
      n--;
    }
    snapshot = new Snapshot(Arrays.copyOf(s.txs(), Math.max(4, s.txs().length)),
        Arrays.copyOf(s.states(), Math.max(4, s.states().length)), n);
    coveredTx = Math.min(coveredTx, tx);
  }

  /** The layer's facts of the pair after its last transaction at or below {@code limit}. */
  Facts at(long limit) {
    Snapshot s = snapshot;
    int lo = 0;
    int hi = s.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (s.txs()[mid] <= limit) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? Facts.NONE : s.states()[found];
  }
}

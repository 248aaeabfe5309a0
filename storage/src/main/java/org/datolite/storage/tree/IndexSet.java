package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.value.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eight persisted indexes of one database state: for each {@link Index}, a <em>current</em>
 * index of the facts true at the basis and a <em>history</em> index of facts no longer true, each
 * kept as a few trees ({@link IndexLevels}) so that merging random keys costs what it adds.
 *
 * <h2>Which datom goes where</h2>
 * Applying novelty (datoms in transaction order) follows Datomic's split:
 * <ul>
 *   <li>an assertion {@code [e a v tx true]} enters the current trees;
 *   <li>a retraction {@code [e a v tx' false]} removes the live assertion of {@code (e a v)}
 *       from the current trees and puts both it and the retraction into the history trees.
 * </ul>
 * So a current-db read never decodes retracted history, and {@code asOf}, {@code since} and
 * {@code history} views combine both kinds of tree. EAVT, AEVT and AVET hold every attribute;
 * VAET holds only datoms whose attribute is a ref, as the caller's predicate says.
 *
 * <p>Novelty must be consistent: asserting a fact that is already true, or retracting one that
 * is not, is rejected as INVALID_MERGE; whatever the failed merge had written is referenced by no
 * root (storage GC removes it). The transactor guarantees both (redundant assertions are
 * eliminated, retractions of absent facts are dropped).
 */
public final class IndexSet {
  private final NodeStore store;
  private final TreeConfig config;
  private final long basisT;
  private final Map<Index, IndexLevels> current;
  private final Map<Index, IndexLevels> history;

  private IndexSet(NodeStore store, TreeConfig config, long basisT,
      Map<Index, IndexLevels> current, Map<Index, IndexLevels> history) {
    this.store = store;
    this.config = config;
    this.basisT = basisT;
    this.current = current;
    this.history = history;
  }

  /** Writes eight empty indexes (a tree each) with basis {@code -1}. */
  public static IndexSet empty(NodeStore store, TreeConfig config) {
    Map<Index, IndexLevels> current = new EnumMap<>(Index.class);
    Map<Index, IndexLevels> history = new EnumMap<>(Index.class);
    for (Index index : Index.values()) {
      current.put(index, IndexLevels.empty(index, store, config));
      history.put(index, IndexLevels.empty(index, store, config));
    }
    return new IndexSet(store, config, -1, current, history);
  }

  /** Opens the trees a stored {@link IndexRoots} points to. */
  public static IndexSet open(NodeStore store, TreeConfig config, IndexRoots roots) {
    Map<Index, IndexLevels> current = new EnumMap<>(Index.class);
    Map<Index, IndexLevels> history = new EnumMap<>(Index.class);
    for (Index index : Index.values()) {
      current.put(index, IndexLevels.open(index, store, config, roots.current().get(index)));
      history.put(index, IndexLevels.open(index, store, config, roots.history().get(index)));
    }
    return new IndexSet(store, config, roots.basisT(), current, history);
  }

  /** The current datoms of {@code index}: the facts true at the basis. */
  public IndexLevels current(Index index) {
    return current.get(index);
  }

  /** The history datoms of {@code index}: retracted assertions and their retractions. */
  public IndexLevels history(Index index) {
    return history.get(index);
  }

  /** The last {@code t} whose datoms these trees include. */
  public long basisT() {
    return basisT;
  }

  public NodeStore store() {
    return store;
  }

  /** The record to store so that {@link #open} finds these trees again. */
  public IndexRoots roots() {
    Map<Index, List<UUID>> c = new EnumMap<>(Index.class);
    Map<Index, List<UUID>> h = new EnumMap<>(Index.class);
    for (Index index : Index.values()) {
      c.put(index, current.get(index).rootIds());
      h.put(index, history.get(index).rootIds());
    }
    return new IndexRoots(basisT, c, h);
  }

  /** Nodes written to produce this set from the one it was merged from (zero for an opened one). */
  public IndexTree.WriteStats writeStats() {
    int segments = 0;
    int directories = 0;
    long bytes = 0;
    for (Index index : Index.values()) {
      for (IndexLevels t : List.of(current.get(index), history.get(index))) {
        segments += t.writeStats().segments();
        directories += t.writeStats().directories();
        bytes += t.writeStats().bytes();
      }
    }
    return new IndexTree.WriteStats(segments, directories, bytes);
  }

  /**
   * The trees with {@code novelty} applied, copy-on-write.
   *
   * @param novelty datoms in transaction order, all with {@code tx} ids of transactions after
   *     this set's basis
   * @param newBasisT the basis of the result
   * @param isRef whether an attribute's values are entity ids (they then enter VAET)
   */
  public IndexSet merge(List<Datom> novelty, long newBasisT, LongPredicate isRef) {
    return merge(novelty, newBasisT, isRef, a -> true);
  }

  /**
   * As {@link #merge(List, long, LongPredicate)}, dropping the retracted datoms of attributes
   * for which {@code keepsHistory} is false ({@code :db/noHistory}) instead of moving them to the
   * history trees.
   */
  public IndexSet merge(List<Datom> novelty, long newBasisT, LongPredicate isRef, LongPredicate keepsHistory) {
    return merge(novelty, null, newBasisT, isRef, keepsHistory, Runnable::run);
  }

  /**
   * As {@link #merge(List, long, LongPredicate, LongPredicate)}, given the same novelty already
   * sorted in each order ({@code inOrder}, e.g. from a {@code MemoryIndex}; VAET with refs only):
   * the datoms to add are then read from those streams as each order's merge writes them
   * ({@link StreamedAdditions}) instead of sorted again. A stream found wrong (of another count, or
   * out of order or repeated, which the tree writer refuses) is ignored, with a warning, and the
   * datoms are sorted as without it. The count and the order are all that is checked: where the
   * novelty is only assertions, a stream of as many other datoms in order, none already stored,
   * would be taken. The orders merge independently, each as a task on {@code orders} (a
   * pool, or {@code Runnable::run} to merge them one after another on this thread); this returns
   * when all have finished, and a failure of any fails the whole merge.
   */
  public IndexSet merge(List<Datom> novelty, Function<Index, Iterator<Datom>> inOrder,
      long newBasisT, LongPredicate isRef, LongPredicate keepsHistory, Executor orders) {
    if (newBasisT < basisT) {
      throw new StorageException(StorageErrorCode.INVALID_MERGE,
          "new basis t " + newBasisT + " precedes the current basis " + basisT);
    }
    // Entities above the last one stored have no stored facts: no need to look (new entities).
    Iterator<Datom> last = current.get(Index.EAVT).rangeReverse(null, true, null, true);
    long lastStoredEntity = last.hasNext() ? last.next().e() : Long.MIN_VALUE;
    boolean appendOnly = true;
    long refs = 0; // ref datoms among the novelty, counted while each datom is at hand
    List<Datom> ofStoredEntities = new ArrayList<>(); // in one read of the novelty, not two
    for (Datom d : novelty) {
      if (!d.added()) {
        appendOnly = false;
        break;
      }
      if (isRef.test(d.a())) {
        refs++;
      }
      if (d.e() <= lastStoredEntity) {
        ofStoredEntities.add(d);
      }
    }
    List<Datom> currentRemovals = new ArrayList<>();
    List<Datom> historyAdditions = new ArrayList<>();
    List<Datom> currentAdditions;
    if (appendOnly) {
      // Only assertions (a load): no fact to pair with its retraction. A fact asserted twice in
      // the novelty is caught in EAVT order, where its assertions are neighbours (checkNoRepeats).
      for (Datom d : ofStoredEntities) {
        if (stored(new Datom(d.e(), d.a(), d.v(), 0, true)) != null) {
          throw alreadyTrue(d);
        }
      }
      currentAdditions = novelty;
    } else {
      Map<Datom, Datom> live = new HashMap<>();   // fact (tx 0) -> its assertion in this novelty
      Set<Datom> retractedStored = new HashSet<>(); // facts whose stored assertion is retracted
      for (Datom d : novelty) {
        Datom fact = new Datom(d.e(), d.a(), d.v(), 0, true);
        if (d.added()) {
          if (live.containsKey(fact) || (d.e() <= lastStoredEntity && !retractedStored.contains(fact)
              && stored(fact) != null)) {
            throw alreadyTrue(d);
          }
          live.put(fact, d);
        } else {
          Datom assertion = live.remove(fact);
          if (assertion == null && d.e() <= lastStoredEntity && !retractedStored.contains(fact)) {
            assertion = stored(fact);
            if (assertion != null) {
              retractedStored.add(fact);
              currentRemovals.add(assertion);
            }
          }
          if (assertion == null) {
            throw new StorageException(StorageErrorCode.INVALID_MERGE,
                "novelty retracts " + d + " but the fact is not true");
          }
          if (keepsHistory.test(d.a())) {
            historyAdditions.add(assertion);
            historyAdditions.add(d);
          }
        }
      }
      currentAdditions = new ArrayList<>(live.values());
      refs = 0;
      for (Datom d : currentAdditions) {
        if (isRef.test(d.a())) {
          refs++;
        }
      }
    }
    // When every datom of the novelty is an addition (no retractions: the usual append), the
    // stream is the additions as it is; the count check still guards it.
    boolean allAdded = currentAdditions.size() == novelty.size();
    Set<Datom> adding = null;
    if (!allAdded) {
      adding = Collections.newSetFromMap(new IdentityHashMap<>(currentAdditions.size() * 2));
      adding.addAll(currentAdditions);
    }
    // The orders are independent: each may merge on a thread of its own (orders). The largest first:
    // AVET's additions of random values make a level of their own and carry into the older ones.
    Map<Index, CompletableFuture<IndexLevels[]>> merges = new EnumMap<>(Index.class);
    for (Index index : LARGEST_FIRST) {
      Set<Datom> picking = adding;
      long expected = index == Index.VAET ? refs : currentAdditions.size();
      boolean checkRepeats = appendOnly && index == Index.EAVT;
      merges.put(index, CompletableFuture.supplyAsync(() -> mergeOrder(index,
          inOrder == null ? null : new StreamedAdditions(index, inOrder.apply(index), picking, isRef, checkRepeats,
              expected), currentAdditions, checkRepeats, currentRemovals, historyAdditions, isRef), orders));
    }
    Map<Index, IndexLevels> newCurrent = new EnumMap<>(Index.class);
    Map<Index, IndexLevels> newHistory = new EnumMap<>(Index.class);
    Throwable failed = null;
    for (Map.Entry<Index, CompletableFuture<IndexLevels[]>> m : merges.entrySet()) {
      try {
        IndexLevels[] both = m.getValue().get(); // waits for every order, failed or not
        newCurrent.put(m.getKey(), both[0]);
        newHistory.put(m.getKey(), both[1]);
      } catch (ExecutionException e) {
        failed = failed == null ? e.getCause() : failed;
      } catch (InterruptedException e) {
        // the pool may have dropped a queued order (shut down): never wait for it uninterruptibly
        merges.values().forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw new StorageException(StorageErrorCode.CLOSED, "merging the novelty into the indexes was interrupted");
      }
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
    if (failed != null) {
      throw new IllegalStateException("merging an index order failed", failed);
    }
    return new IndexSet(store, config, newBasisT, newCurrent, newHistory);
  }

  private static final Logger LOG = LoggerFactory.getLogger(IndexSet.class);

  /**
   * How many times an order's merge found the novelty's sorted stream wrong and sorted the
   * additions itself (a bug in the novelty's runs, which reads see too; for tests).
   */
  static final AtomicLong STREAMS_SORTED_INSTEAD = new AtomicLong();

  /** The orders in the order their merges are started: the largest first. */
  private static final List<Index> LARGEST_FIRST = List.of(Index.AVET, Index.AEVT, Index.EAVT, Index.VAET);

  /**
   * One order's current and history levels with the novelty applied. The additions are read from
   * {@code streamed} as the merge writes them; if that fails as an invalid merge, or the stream
   * turns out not to hold the expected number of datoms, what the attempt wrote is left
   * unreferenced and the additions are sorted here and merged again, which decides whether the
   * merge is valid (an invalid one is thus tried twice). {@code streamed} null: sort them at once.
   */
  private IndexLevels[] mergeOrder(Index index, StreamedAdditions streamed, List<Datom> currentAdditions,
      boolean checkRepeats, List<Datom> currentRemovals, List<Datom> historyAdditions, LongPredicate isRef) {
    List<Datom> removals = sorted(index, currentRemovals, isRef);
    IndexLevels merged = null;
    String wrong = null; // why the stream was not used
    if (streamed != null) {
      try {
        IndexLevels attempt = current.get(index).merge(streamed, removals);
        if (streamed.matched()) {
          merged = attempt;
        } else {
          wrong = "it did not hold exactly the " + streamed.size() + " additions";
        }
      } catch (StorageException e) {
        if (e.code() != StorageErrorCode.INVALID_MERGE) {
          throw e;
        }
        wrong = e.getMessage();
      }
    }
    if (merged == null) {
      List<Datom> additions = sorted(index, currentAdditions, isRef);
      if (checkRepeats) {
        checkNoRepeats(additions);
      }
      merged = current.get(index).merge(additions, removals); // an invalid novelty fails here too
      if (wrong != null) { // the novelty was valid: its stream was not
        STREAMS_SORTED_INSTEAD.incrementAndGet();
        LOG.warn("the novelty's {} stream was not used ({}); the additions were sorted instead", index, wrong);
      }
    }
    return new IndexLevels[] {merged, history.get(index).merge(sorted(index, historyAdditions, isRef), List.of())};
  }

  static StorageException alreadyTrue(Datom d) {
    return new StorageException(StorageErrorCode.INVALID_MERGE, "novelty asserts " + d + " but the fact is already true");
  }

  /** Whether two datoms state one fact (entity, attribute and value; any transaction). */
  static boolean sameFact(Datom a, Datom b) {
    return a.e() == b.e() && a.a() == b.a() && Values.compare(a.v(), b.v()) == 0;
  }

  /** Assertions in EAVT order: two of one fact (of any transactions) would be neighbours. */
  private static void checkNoRepeats(List<Datom> eavt) {
    for (int i = 1; i < eavt.size(); i++) {
      if (sameFact(eavt.get(i - 1), eavt.get(i))) {
        throw alreadyTrue(eavt.get(i));
      }
    }
  }

  /** The stored assertion of a fact in the current trees, or null. */
  private Datom stored(Datom fact) {
    Iterator<Datom> it = current.get(Index.EAVT).range(
        Index.EAVT.lowerBound(fact.e(), fact.a(), fact.v()), true,
        Index.EAVT.upperBound(fact.e(), fact.a(), fact.v()), true);
    return it.hasNext() ? it.next() : null;
  }

  private static List<Datom> sorted(Index index, List<Datom> datoms, LongPredicate isRef) {
    List<Datom> out = new ArrayList<>(datoms.size());
    for (Datom d : datoms) {
      if (index != Index.VAET || isRef.test(d.a())) {
        out.add(d);
      }
    }
    out.sort(index.comparator());
    return out;
  }
}

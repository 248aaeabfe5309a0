package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.value.Values;

/**
 * The novelty's datoms of <em>looked-up</em> attributes (the transactor's unique attributes, whose
 * holders it asks for on every upsert and unique check) by attribute and value, so that an AVET
 * range of one attribute and one value is answered without a binary search per run.
 *
 * <p>Which attributes are looked up is a predicate that may turn true later (an attribute made
 * unique): the first transaction that touches such an attribute reports it as fresh from
 * {@link #add}, and the memory index {@linkplain #backfill backfills} the attribute's datoms from
 * its runs; only then does the hash {@linkplain #answers answer} for it. Each entry is an array
 * sorted in AVET order, replaced whole on change, so concurrent readers see a consistent one.
 */
final class ValueHash {
  private final LongPredicate lookedUp;
  /** The attributes hashed, sorted; replaced whole when one is added (rarely), read without boxing. */
  private volatile long[] hashed = new long[0];
  private final ConcurrentHashMap<AttributeValue, Datom[]> byValue = new ConcurrentHashMap<>();

  /** An attribute and a value, equal by value content. */
  private record AttributeValue(long a, Object v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof AttributeValue k && k.a == a && Values.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(a) * 31 + Values.hash(v);
    }
  }

  /** @param lookedUp which attributes' datoms are hashed by value */
  ValueHash(LongPredicate lookedUp) {
    this.lookedUp = lookedUp;
  }

  /**
   * Hashes a transaction's datoms of the attributes hashed already, and returns the attributes
   * looked up for the first time (null if none): each must be {@linkplain #backfill backfilled}.
   */
  Set<Long> add(List<Datom> txDatoms) {
    Set<Long> fresh = null;
    // what to do with an attribute's datoms, asked once per attribute met (a bulk load's rows ×
    // columns are of a few): 0 not asked, else HASH, FRESH or NEITHER; by the attribute's low bits
    long[] asked = new long[16];
    byte[] answer = new byte[16];
    // a large transaction's columns are read without making its datoms (a hashed one is made anew)
    ColumnDatoms columns = txDatoms instanceof ColumnDatoms c ? c : null;
    Iterator<Datom> datoms = columns == null ? txDatoms.iterator() : null;
    for (int i = 0; i < txDatoms.size(); i++) {
      Datom d = columns == null ? datoms.next() : null;
      long a = columns == null ? d.a() : columns.a(i);
      int slot = (int) (a ^ (a >>> 32)) & 15;
      int what = asked[slot] == a ? answer[slot] : 0;
      if (what == 0) {
        what = isHashed(a) ? HASH : lookedUp.test(a) ? FRESH : NEITHER;
        asked[slot] = a;
        answer[slot] = (byte) what;
      }
      if (what == HASH) {
        hash(columns == null ? d : columns.fresh(i));
      } else if (what == FRESH) {
        if (fresh == null) {
          fresh = new HashSet<>();
        }
        fresh.add(a);
      }
    }
    return fresh;
  }

  private static final int HASH = 1;
  private static final int FRESH = 2;
  private static final int NEITHER = 3;

  /**
   * Whether {@link #add} would do anything with datoms of these attributes (hash them, or report
   * one as fresh): if not, a transaction of only them need not be read.
   */
  boolean concerns(long[] attributes) {
    for (long a : attributes) {
      if (isHashed(a) || lookedUp.test(a)) {
        return true;
      }
    }
    return false;
  }

  /** Hashes all datoms of a fresh attribute (its AVET ranges), then answers for it. */
  void backfill(long a, List<Iterator<Datom>> datoms) {
    for (Iterator<Datom> it : datoms) {
      while (it.hasNext()) {
        hash(it.next());
      }
    }
    if (!isHashed(a)) {
      long[] more = Arrays.copyOf(hashed, hashed.length + 1);
      more[more.length - 1] = a;
      Arrays.sort(more);
      hashed = more;
    }
  }

  /**
   * Takes {@code from}'s datoms of transactions after {@code tx}, of the attributes still looked
   * up, into this empty hash ({@link MemoryIndex#after}): they stay hashed without the kept
   * transactions being read again. The entries' arrays are shared where nothing was dropped
   * (they are never changed in place).
   */
  void keepAfter(ValueHash from, long tx) {
    long[] attributes = Arrays.stream(from.hashed).filter(lookedUp::test).toArray();
    for (Map.Entry<AttributeValue, Datom[]> e : from.byValue.entrySet()) {
      if (Arrays.binarySearch(attributes, e.getKey().a()) < 0) {
        continue;
      }
      Datom[] all = e.getValue();
      int n = 0;
      for (Datom d : all) {
        if (d.tx() > tx) {
          n++;
        }
      }
      if (n == all.length) {
        byValue.put(e.getKey(), all);
      } else if (n > 0) {
        byValue.put(e.getKey(), Arrays.stream(all).filter(d -> d.tx() > tx).toArray(Datom[]::new));
      }
    }
    hashed = attributes;
  }

  /** Whether an attribute's datoms are hashed. */
  boolean isHashed(long a) {
    return Arrays.binarySearch(hashed, a) >= 0;
  }

  private void hash(Datom d) {
    byValue.merge(new AttributeValue(d.a(), d.v()), new Datom[] {d}, (old, one) -> {
      Datom[] both = Arrays.copyOf(old, old.length + 1);
      both[old.length] = one[0];
      Arrays.sort(both, Index.AVET.comparator());
      return both;
    });
  }

  /** Unhashes a datom of a transaction after {@code tx} (being removed again). */
  void remove(Datom d, long tx) {
    if (isHashed(d.a())) {
      byValue.computeIfPresent(new AttributeValue(d.a(), d.v()), (k, old) -> {
        Datom[] kept = Arrays.stream(old).filter(x -> x.tx() <= tx).toArray(Datom[]::new);
        return kept.length == 0 ? null : kept;
      });
    }
  }

  /** Whether a range is of one hashed attribute and one value, so that {@link #range} answers it. */
  boolean answers(Index index, Datom from, Datom to) {
    return index == Index.AVET && from != null && to != null && from.a() == to.a() && isHashed(from.a())
        && from.v() != Values.MIN && from.v() != Values.MAX
        && Values.equals(from.v(), to.v());
  }

  /** The datoms of a range that {@link #answers} says is one attribute's and one value's, as one iterator or none. */
  List<Iterator<Datom>> range(Index index, Datom from, boolean fromInclusive, Datom to, boolean toInclusive,
      boolean reverse) {
    Datom[] all = byValue.get(new AttributeValue(from.a(), from.v()));
    List<Datom> in = new ArrayList<>(all == null ? 0 : all.length);
    if (all != null) {
      Comparator<Datom> cmp = index.comparator();
      for (Datom d : all) {
        int lo = cmp.compare(d, from);
        int hi = cmp.compare(d, to);
        if ((lo > 0 || (fromInclusive && lo == 0)) && (hi < 0 || (toInclusive && hi == 0))) {
          in.add(d);
        }
      }
    }
    if (reverse) {
      Collections.reverse(in);
    }
    return in.isEmpty() ? List.of() : List.of(in.iterator());
  }
}

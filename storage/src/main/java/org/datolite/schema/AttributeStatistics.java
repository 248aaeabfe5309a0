package org.datolite.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.db.Db;
import org.datolite.value.Values;

/**
 * What a query planner needs to know about a database value's attributes, read from the indexes
 * themselves: how many datoms a lookup by leading components or a value range reads, how many
 * values an entity has for an attribute, and how many distinct values an attribute holds. The
 * Datalog planner reads it, and Calcite's statistics are to read the same.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Counts</b> ({@link #count}, {@link #rangeCount}) are the index trees' own O(log n)
 *       range counts plus the novelty in range ({@link Db#estimateCount}): exact for a plain
 *       current value without novelty there, an upper bound otherwise. Components are resolved
 *       as the index API resolves them ({@link Resolver#components}).
 *   <li><b>Samples</b> ({@link #datomsPerEntity}, {@link #distinctValues}) come from an
 *       attribute's first {@link #SAMPLE} datoms in AEVT: datoms over distinct entities, and
 *       distinct values scaled up to the attribute's count when most of the sample is distinct.
 *       A value is immutable, so its samples stay true: they are taken once per {@link Db} value
 *       and shared by every instance over it (held weakly, they go with the value).
 *   <li><b>Memo.</b> An instance remembers the counts it was asked for, so a planner that asks
 *       again while it orders clauses pays once. Counts are not shared between instances: the
 *       novelty layers of a value may still grow after it was taken (its reads cut them off at
 *       its basis, its estimates do not), so a count is as fresh as the instance. Make one
 *       instance per planning session (a query); it is not thread-safe.
 * </ul>
 */
public final class AttributeStatistics {
  /**
   * How many of an attribute's first datoms a sample reads. No benchmark set it: it is a few
   * segments' worth of memory-index datoms, enough to tell "one value per entity" from "many"
   * and "a handful of distinct values" from "mostly distinct", and cheap next to a query.
   */
  public static final int SAMPLE = 512;

  /** The samples of each database value, by attribute id: {datoms per entity, distinct values}. */
  private static final Map<Db, Map<Long, double[]>> SHARED_SAMPLES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Resolver resolver;
  private final Map<Long, double[]> samples;
  private final Map<Key, Long> counts = new HashMap<>();

  private AttributeStatistics(Resolver resolver, Map<Long, double[]> samples) {
    this.resolver = resolver;
    this.samples = samples;
  }

  /** Statistics of the value the resolver reads, with a fresh memo of counts and the value's shared samples. */
  public static AttributeStatistics of(Resolver resolver) {
    // The shared map holds the samples alone, not the resolver: a value must not keep its own key alive.
    return new AttributeStatistics(resolver,
        SHARED_SAMPLES.computeIfAbsent(resolver.db(), k -> new ConcurrentHashMap<>()));
  }

  /**
   * How many datoms the index holds with these leading components (as {@link Resolver#components}
   * reads them): O(log n), an upper bound where novelty is in range. 0 when an entity among them
   * does not resolve, an attribute is unknown, or a component cannot name what its position holds.
   */
  public long count(Index index, Object... components) {
    return counts.computeIfAbsent(new Key(index, components), k -> {
      try {
        Object[] resolved = resolver.components(index, components);
        if (resolved == null) {
          return 0L;
        }
        return resolver.db().estimateCount(index, index.lowerBound(resolved), true, index.upperBound(resolved), true);
      } catch (DatoliteException e) {
        return 0L;
      }
    });
  }

  /**
   * How many datoms of an attribute have a value between {@code low} and {@code high} (null:
   * open), each end inclusive or not, as {@link #count} counts.
   */
  public long rangeCount(Attribute attr, Object low, boolean lowInclusive, Object high, boolean highInclusive) {
    return counts.computeIfAbsent(new Key(null, new Object[] {attr.id(), low, lowInclusive, high, highInclusive}),
        k -> {
          Datom[] bounds = resolver.valueBounds(resolver.attributeOrThrow(attr.id()), low, lowInclusive, high,
              highInclusive);
          return resolver.db().estimateCount(Index.AVET, bounds[0], true, bounds[1], true);
        });
  }

  /** How many values an entity that has the attribute has for it, on average (from the sample; at least 1). */
  public double datomsPerEntity(Attribute attr) {
    return sample(attr)[0];
  }

  /** About how many distinct values the attribute holds (from the sample; at least 1). */
  public double distinctValues(Attribute attr) {
    return sample(attr)[1];
  }

  private double[] sample(Attribute attr) {
    return samples.computeIfAbsent(attr.id(), id -> takeSample(attr));
  }

  private double[] takeSample(Attribute attr) {
    long id = attr.id();
    Set<Object> entities = new HashSet<>();
    Set<Key> values = new HashSet<>();
    int n = 0;
    for (Iterator<Datom> it = resolver.db().datoms(Index.AEVT, id); it.hasNext(); ) {
      Datom d = it.next();
      entities.add(d.e());
      values.add(new Key(null, new Object[] {d.v()}));
      if (++n == SAMPLE) {
        break;
      }
    }
    double total = Math.max(1, count(Index.AEVT, id));
    double perEntity = n == 0 ? 1 : (double) n / entities.size();
    // Few distinct values in the sample: about that many in all; mostly distinct: scale up.
    double distinct = n == 0 ? 1 : values.size() < n / 2 ? values.size() : total * values.size() / n;
    return new double[] {perEntity, Math.max(1, distinct)};
  }

  /** A memo key: an index (or null) and values compared as values ({@link Values#equals}: arrays and tuples by content). */
  private static final class Key {
    private final Index index;
    private final Object[] values;
    private final int hash;

    Key(Index index, Object[] values) {
      this.index = index;
      this.values = values;
      int h = index == null ? 0 : index.hashCode();
      for (Object v : values) {
        h = 31 * h + Values.hash(v);
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k) || k.index != index || k.values.length != values.length) {
        return false;
      }
      for (int i = 0; i < values.length; i++) {
        if (!Values.equals(values[i], k.values[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}

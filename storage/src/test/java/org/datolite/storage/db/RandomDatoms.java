package org.datolite.storage.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;

/** Random datoms over a few entities, attributes, values and transactions, and the model answers to ranges of them. */
final class RandomDatoms {
  static final long TX0 = 1_000;

  private RandomDatoms() {}

  /** One random datom: entities 1..30, attributes 10..12, long values 0..19, transactions TX0..TX0+9. */
  static Datom datom(Random random) {
    return new Datom(1 + random.nextInt(30), 10 + random.nextInt(3), (long) random.nextInt(20),
        TX0 + random.nextInt(10), random.nextBoolean());
  }

  /**
   * Up to {@code n} distinct random datoms, sorted in {@code order}; no transaction both asserts and
   * retracts one fact.
   */
  static TreeSet<Datom> sorted(Random random, int n, Index order) {
    TreeSet<Datom> set = new TreeSet<>(order.comparator());
    for (int i = 0; i < n; i++) {
      Datom d = datom(random);
      if (!set.contains(new Datom(d.e(), d.a(), d.v(), d.tx(), !d.added()))) {
        set.add(d); // one transaction never both asserts and retracts a fact
      }
    }
    return set;
  }

  /** One of the datoms, or a key just after it (between datoms), or a random datom. */
  static Datom key(List<Datom> all, Random random) {
    if (all.isEmpty() || random.nextInt(5) == 0) {
      return datom(random);
    }
    Datom d = all.get(random.nextInt(all.size()));
    return random.nextBoolean() ? d : new Datom(d.e(), d.a(), d.v(), d.tx() + 1, d.added());
  }

  /** The datoms of a sorted collection in a range (null bounds: open). */
  static List<Datom> range(Iterable<Datom> sorted, Index order, Datom from, boolean fi, Datom to, boolean ti) {
    List<Datom> out = new ArrayList<>();
    for (Datom d : sorted) {
      int lo = from == null ? 1 : order.comparator().compare(d, from);
      int hi = to == null ? -1 : order.comparator().compare(d, to);
      if ((lo > 0 || (fi && lo == 0)) && (hi < 0 || (ti && hi == 0))) {
        out.add(d);
      }
    }
    return out;
  }
}

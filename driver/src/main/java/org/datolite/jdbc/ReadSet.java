package org.datolite.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datolite.calcite.exec.ReadLog;
import org.datolite.schema.Attribute;
import org.datolite.value.Keyword;
import org.datolite.value.ValueKey;

/**
 * What the statements of a transaction read, as the scans told it ({@link ReadLog}), and the read
 * checks that make the transaction serializable at commit ({@code [:db.sql/unchanged t …]}):
 *
 * <ul>
 *   <li>a row found by {@code DB_ID}, or by the value of a column, reads that entity's
 *       attributes of the table: a later change to any of them conflicts;
 *   <li>a lookup by a value ({@code WHERE EMAIL = ?}) reads that value: a later transaction that
 *       asserts or retracts it on any entity (a new row that would match) conflicts;
 *   <li>any other scan (a whole table, a range, a count, a child table) reads the attributes of
 *       the table: a later change to any of them, on any entity, conflicts;
 *   <li>raw datoms, history, transactions and {@code DATALOG(…)} read everything: any later
 *       transaction conflicts.
 * </ul>
 */
final class ReadSet implements ReadLog {
  private static final Keyword UNCHANGED = Keyword.of("db.sql", "unchanged");

  /** Entity-attribute pairs read, as {e, a}. */
  private final Set<List<Long>> entities = new LinkedHashSet<>();
  /** Attributes read whole. */
  private final Set<Long> attributes = new LinkedHashSet<>();
  /** Values looked up, as {a, value key}. */
  private final Set<List<Object>> values = new LinkedHashSet<>();
  private boolean everything;

  @Override
  public void entity(long e, List<Attribute> read) {
    for (Attribute a : read) {
      entities.add(List.of(e, a.id()));
    }
  }

  @Override
  public void attributes(List<Attribute> read) {
    for (Attribute a : read) {
      attributes.add(a.id());
    }
  }

  @Override
  public void value(Attribute a, Object v) {
    values.add(List.of(a.id(), new ValueKey(v)));
  }

  @Override
  public void everything() {
    everything = true;
  }

  /** Whether nothing was read. */
  boolean isEmpty() {
    return !everything && entities.isEmpty() && attributes.isEmpty() && values.isEmpty();
  }

  /**
   * A statement's view of a read log that leaves out attributes it adds to without reading them
   * ({@code SET n = n + ?}, {@link org.datolite.calcite.write.SqlWrite#incremented}).
   */
  static ReadLog excluding(ReadLog log, List<Attribute> left) {
    if (log == null || left.isEmpty()) {
      return log;
    }
    return new ReadLog() {
      /** A scan tells the same list for each row it reads: the last one kept is reused. */
      private List<Attribute> lastRead;
      private List<Attribute> lastKept;

      private List<Attribute> kept(List<Attribute> read) {
        if (read != lastRead) {
          List<Attribute> out = new ArrayList<>(read);
          out.removeAll(left);
          lastRead = read;
          lastKept = out;
        }
        return lastKept;
      }

      @Override
      public void entity(long e, List<Attribute> read) {
        log.entity(e, kept(read));
      }

      @Override
      public void attributes(List<Attribute> read) {
        log.attributes(kept(read));
      }

      @Override
      public void value(Attribute a, Object v) {
        if (!left.contains(a)) {
          log.value(a, v);
        }
      }

      @Override
      public void everything() {
        log.everything();
      }
    };
  }

  /**
   * The read checks at basis {@code t}: what was read, and the entity-attribute pairs written
   * (another transaction's write to them is a lost update), entities created by the transaction
   * left out (nothing else can have touched them).
   */
  List<Object> checks(long t, Set<List<Long>> written, Set<Long> created) {
    List<Object> forms = new ArrayList<>();
    if (everything) {
      forms.add(List.of(UNCHANGED, t));
      return forms;
    }
    for (long a : attributes) {
      forms.add(Arrays.asList(UNCHANGED, t, null, a));
    }
    for (List<Object> av : values) {
      forms.add(Arrays.asList(UNCHANGED, t, null, av.get(0), ((ValueKey) av.get(1)).v()));
    }
    Set<List<Long>> pairs = new LinkedHashSet<>(entities);
    pairs.addAll(written);
    for (List<Long> ea : pairs) {
      if (!attributes.contains(ea.get(1)) && !created.contains(ea.get(0))) {
        forms.add(List.of(UNCHANGED, t, ea.get(0), ea.get(1)));
      }
    }
    return forms;
  }
}

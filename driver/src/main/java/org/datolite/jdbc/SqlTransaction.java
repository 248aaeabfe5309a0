package org.datolite.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.Database;
import org.datolite.DatoliteException;
import org.datolite.TxReport;
import org.datolite.calcite.exec.ReadLog;
import org.datolite.calcite.model.TableModel;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.value.Keyword;
import org.datolite.value.ValueKey;

/**
 * An open JDBC transaction (autocommit off), from its first statement to {@code commit} or
 * {@code rollback}. It reads one database value, its basis, plus its own writes: each write is a
 * speculative transaction ({@link Database#with}) on the value before it, so a constraint a
 * write breaks fails that statement at once, and the transaction goes on without it.
 *
 * <p>An INSERT that reads nothing and that nothing but its values and its keys can refuse
 * ({@link org.datolite.calcite.write.SqlWrite#insertsWithoutReading}: a bulk load's; its unique
 * values are looked up when it is kept) is <em>deferred</em>: kept as transaction data and applied to the transaction's value only when a
 * later statement reads it ({@link #database()}), a savepoint is set, or, when nothing else was
 * written, sent at commit as it is. Its rows are the same; what is saved is a speculative
 * transaction per statement that the commit would process again anyway.
 *
 * <h2>Commit</h2>
 * What the transaction changed is the net of its speculative datoms: a fact asserted and then
 * retracted again is no change. The commit submits that change as one transaction: each fact
 * asserted or retracted, each new row created with its reserved id ({@code [:db.sql/new id]}),
 * and a read check ({@code [:db.sql/unchanged t …]}) for everything it read and every
 * entity-attribute pair it wrote, at its basis {@code t}: the transactor refuses it with 40001 if
 * a transaction committed after the basis touched any of them. A transaction that wrote nothing
 * commits without a round trip.
 */
final class SqlTransaction {
  private static final Keyword ADD = Keyword.of("db", "add");
  private static final Keyword RETRACT = Keyword.of("db", "retract");
  private static final Keyword NEW = Keyword.of("db.sql", "new");
  private static final Keyword INCREMENT = Keyword.of("db.sql", "increment");

  private final Database basis;
  private Database current;
  /** The speculative datoms of the writes, in order (the transaction entities' left out). */
  private final List<Datom> datoms = new ArrayList<>();
  /** The reserved ids of new rows, in order, and as a set. */
  private final List<Long> created = new ArrayList<>();
  private final Set<Long> fresh = new HashSet<>();
  /** What its statements read. */
  private final ReadSet reads = new ReadSet();
  /** Entity-attribute pairs written by increments ({@code [:db.sql/increment …]}), and by anything else. */
  private final Set<List<Long>> incremented = new LinkedHashSet<>();
  private final Set<List<Long>> setOutright = new LinkedHashSet<>();
  /** The transaction data of deferred INSERTs, not yet applied to {@link #current}, in order. */
  private final List<Object> deferred = new ArrayList<>();
  /** The values of unique columns the deferred INSERTs write, by attribute. */
  private final Map<Long, Set<ValueKey>> deferredKeys = new HashMap<>();

  SqlTransaction(Database basis) {
    this.basis = basis;
    this.current = basis;
  }

  /** What the transaction's statements read: its basis and its own writes (deferred ones applied first). */
  Database database() {
    flush();
    return current;
  }

  /**
   * Its value without the deferred INSERTs applied: for planning (they change no schema) and for
   * another INSERT that reads nothing.
   */
  Database unflushed() {
    return current;
  }

  /** Whether it has written anything (it then needs a round trip to commit). */
  boolean hasWrites() {
    return !datoms.isEmpty() || !deferred.isEmpty();
  }

  /**
   * Adds an INSERT that reads nothing without applying it yet (see the class comment). A value of
   * a unique column that a row of the transaction's value or an earlier deferred row has already
   * fails the statement with 23505, as applying it would; nothing of it is kept then.
   *
   * @param reserved the reserved ids its rows take
   * @param table the table it inserts into
   * @param rows its rows' stored values in the table's column order
   */
  void defer(List<Object> forms, List<Long> reserved, TableModel table, List<Object[]> rows) {
    Map<Long, Set<ValueKey>> keys = new HashMap<>();
    for (int c = 0; c < table.columns().size(); c++) {
      Attribute a = table.columns().get(c).attribute();
      if (a == null || !a.isUnique()) {
        continue;
      }
      Set<ValueKey> earlier = deferredKeys.getOrDefault(a.id(), Set.of());
      Set<ValueKey> mine = keys.computeIfAbsent(a.id(), k -> new HashSet<>());
      for (Object[] row : rows) {
        Object v = row[c];
        if (v == null) {
          continue;
        }
        Datom holder = current.db().first(Index.AVET, a.id(), v);
        if (holder != null || earlier.contains(new ValueKey(v)) || !mine.add(new ValueKey(v))) {
          throw new DatoliteException(SqlState.UNIQUE_VIOLATION, "duplicate key: " + a.ident() + " " + v
              + (holder != null ? " already belongs to entity " + holder.e() : " is in another new row of this transaction")
              + "; an INSERT creates a new row and never overwrites one (MERGE or Datalog's upsert does)");
        }
      }
    }
    keys.forEach((a, values) -> deferredKeys.computeIfAbsent(a, k -> new HashSet<>()).addAll(values));
    deferred.addAll(forms);
    fresh.addAll(reserved);
    created.addAll(reserved);
  }

  /**
   * Applies the deferred INSERTs. They were checked when they ran and read nothing, so this does
   * not fail unless the database itself is inconsistent; if it does, they stay deferred and the
   * statement that needed them fails (the transaction can only be rolled back).
   */
  private void flush() {
    if (deferred.isEmpty()) {
      return;
    }
    applyForms(List.copyOf(deferred), List.of()); // their ids are fresh already
    deferred.clear();
    deferredKeys.clear();
  }

  /**
   * Applies one statement's transaction data on top of the writes before it.
   *
   * @param reserved the reserved ids the data creates
   * @throws org.datolite.transactor.tx.TxException if the data is refused (nothing of it is kept)
   */
  TxReport apply(List<Object> forms, List<Long> reserved) {
    flush();
    TxReport r = applyForms(forms, reserved);
    created.addAll(reserved);
    return r;
  }

  private TxReport applyForms(List<Object> forms, List<Long> reserved) {
    Schema schema = current.schema();
    Set<List<Long>> increments = new LinkedHashSet<>();
    for (Object f : forms) {
      if (f instanceof List<?> l && l.size() == 4 && INCREMENT.equals(l.get(0)) && l.get(1) instanceof Long e
          && l.get(2) instanceof Keyword a && schema.attribute(a) != null) {
        increments.add(List.of(e, schema.attribute(a).id()));
      }
    }
    TxReport r = current.with(forms);
    current = r.dbAfter();
    fresh.addAll(reserved);
    for (Datom d : r.txData()) {
      if (d.e() != r.tx()) {
        datoms.add(d);
        if (!fresh.contains(d.e())) { // what is written of a new row conflicts with nothing
          List<Long> pair = List.of(d.e(), d.a());
          (increments.contains(pair) ? incremented : setOutright).add(pair);
        }
      }
    }
    return r;
  }

  /** A point to roll back to. */
  record Mark(Database current, int datoms, int created, Set<List<Long>> incremented, Set<List<Long>> setOutright) {}

  Mark mark() {
    flush(); // a mark is a point in the applied writes
    return new Mark(current, datoms.size(), created.size(), Set.copyOf(incremented), Set.copyOf(setOutright));
  }

  /** Undoes the writes after a mark (what was read since stays read). */
  void rollbackTo(Mark mark) {
    deferred.clear(); // a mark applies the deferred writes before it: any still deferred came after it
    deferredKeys.clear();
    current = mark.current();
    datoms.subList(mark.datoms(), datoms.size()).clear();
    List<Long> undone = created.subList(mark.created(), created.size());
    undone.forEach(fresh::remove);
    undone.clear();
    incremented.retainAll(mark.incremented());
    setOutright.retainAll(mark.setOutright());
  }

  /** Where its statements' scans tell what they read. */
  ReadLog readLog() {
    return reads;
  }

  // ---- commit --------------------------------------------------------------------------------

  /** The transaction data that commits it: its net change and its read checks at its basis. */
  List<Object> commitData() {
    if (datoms.isEmpty() && !deferred.isEmpty() && incremented.isEmpty() && setOutright.isEmpty()) {
      // only deferred INSERTs: their data as it is (new rows, nothing netted), and what was read
      List<Object> forms = new ArrayList<>(deferred);
      forms.addAll(reads.checks(basis.basisT(), Set.of(), fresh));
      return forms;
    }
    flush();
    Schema schema = basis.schema();
    List<Object> inserted = insertsOnly(schema);
    if (inserted != null) {
      return inserted;
    }
    // the net change per fact: the first operation tells whether the fact held at the basis
    Map<List<Object>, boolean[]> facts = new LinkedHashMap<>();
    for (Datom d : datoms) {
      Attribute a = schema.attribute(d.a());
      if (a != null && a.isComposite()) {
        continue; // computed by the transactor from the attributes it is made of
      }
      boolean[] firstLast = facts.computeIfAbsent(List.of(d.e(), d.a(), new ValueKey(d.v())),
          k -> new boolean[] {d.added(), d.added()});
      firstLast[1] = d.added();
    }
    List<Object> forms = new ArrayList<>();
    Set<Long> live = new LinkedHashSet<>();
    Set<List<Long>> written = new LinkedHashSet<>();
    // a value only ever added to is sent as the sum of what was added: it commutes with other increments
    Map<List<Long>, Object[]> sums = new LinkedHashMap<>(); // {basis value, final value}
    for (Map.Entry<List<Object>, boolean[]> f : facts.entrySet()) {
      boolean[] firstLast = f.getValue();
      if (firstLast[0] != firstLast[1]) {
        continue; // asserted and retracted again, or retracted and asserted again: no change
      }
      long e = (Long) f.getKey().get(0);
      long a = (Long) f.getKey().get(1);
      Object v = ((ValueKey) f.getKey().get(2)).v();
      List<Long> pair = List.of(e, a);
      if (incremented.contains(pair) && !setOutright.contains(pair) && !fresh.contains(e)) {
        sums.computeIfAbsent(pair, k -> new Object[2])[firstLast[1] ? 1 : 0] = v;
        continue;
      }
      forms.add(List.of(firstLast[1] ? ADD : RETRACT, e, a, v));
      if (fresh.contains(e)) {
        live.add(e);
      } else {
        written.add(List.of(e, a));
      }
    }
    for (long e : live) {
      forms.add(List.of(NEW, e));
    }
    for (Map.Entry<List<Long>, Object[]> s : sums.entrySet()) {
      Object[] v = s.getValue();
      if (v[0] != null && v[1] != null) {
        forms.add(List.of(INCREMENT, s.getKey().get(0), s.getKey().get(1), difference(v[1], v[0])));
      }
    }
    if (forms.isEmpty()) {
      return forms;
    }
    forms.addAll(reads.checks(basis.basisT(), written, fresh));
    return forms;
  }

  /**
   * The commit of a transaction that only created rows (a bulk load: every datom an assertion on
   * an entity it created, nothing read), or null for any other: its datoms are its net change as
   * they are, since a speculative transaction asserts no fact twice, so the per-fact netting
   * (a map entry per datom) is skipped.
   */
  private List<Object> insertsOnly(Schema schema) {
    if (!reads.isEmpty() || !incremented.isEmpty() || !setOutright.isEmpty()) {
      return null;
    }
    for (Datom d : datoms) {
      if (!d.added() || !fresh.contains(d.e())) {
        return null;
      }
    }
    List<Object> forms = new ArrayList<>(datoms.size() + created.size());
    Set<Long> live = new LinkedHashSet<>();
    for (Datom d : datoms) {
      Attribute a = schema.attribute(d.a());
      if (a != null && a.isComposite()) {
        continue; // computed by the transactor from the attributes it is made of
      }
      forms.add(List.of(ADD, d.e(), d.a(), d.v()));
      live.add(d.e());
    }
    for (long e : live) {
      forms.add(List.of(NEW, e));
    }
    return forms;
  }

  /** {@code after - before} of two stored numbers of one type. */
  private static Object difference(Object after, Object before) {
    if (after instanceof Long x) {
      return Math.subtractExact(x, (Long) before);
    }
    if (after instanceof BigInteger x) {
      return x.subtract((BigInteger) before);
    }
    if (after instanceof BigDecimal x) {
      return x.subtract((BigDecimal) before);
    }
    return after instanceof Double x ? (Object) (x - (Double) before) : (Object) ((Float) after - (Float) before);
  }
}

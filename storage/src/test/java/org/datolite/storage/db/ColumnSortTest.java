package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.RepeatFree;
import org.datolite.schema.Ids;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * A bulk load's batch made anew in AEVT and AVET order ({@link ColumnSort}) against the same batch
 * sorted by {@link MemoryIndex#sortBatch}: the same datoms in the same order, read as an iterator
 * and by position; and the batches it leaves to {@code sortBatch}.
 */
class ColumnSortTest {
  private static final long TX0 = (3L << 42) + 1000;

  /**
   * Transactions of new entities in ascending order, each with a few attributes of the value
   * kinds {@link ValueSortTest} sorts (some attributes set on only some entities, some of mixed
   * kinds), and each transaction's own instant on its transaction entity.
   */
  private static Datom[] batch(Random random) {
    int attributes = 1 + random.nextInt(6);
    List<Function<Random, Object>> values = new ArrayList<>();
    for (int a = 0; a < attributes; a++) {
      Function<Random, Object> kind = ValueSortTest.KINDS[random.nextInt(ValueSortTest.KINDS.length)].apply(random);
      Function<Random, Object> other = ValueSortTest.KINDS[random.nextInt(ValueSortTest.KINDS.length)].apply(random);
      boolean mixed = random.nextInt(6) == 0;
      values.add(mixed ? x -> (x.nextInt(10) == 0 ? other : kind).apply(x) : kind);
    }
    double sparse = random.nextInt(3) == 0 ? 0.5 : 1.0;
    List<Datom> out = new ArrayList<>();
    long e = 1L << 42;
    int txs = 1 + random.nextInt(5);
    for (int t = 0; t < txs; t++) {
      long tx = TX0 + t;
      int rows = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(400);
      for (int r = 0; r < rows; r++, e += 1 + random.nextInt(3)) {
        for (int a = 0; a < attributes; a++) {
          if (random.nextDouble() < sparse) {
            out.add(Datom.of(e, 100 + a, values.get(a).apply(random), tx));
          }
        }
      }
      out.add(Datom.of(tx, 50, Instant.ofEpochSecond(1_700_000_000L + t), tx));
    }
    return out.toArray(new Datom[0]);
  }

  @Test
  void sorted_holdsTheDatomsSortBatchGives_inItsOrder() {
    Seeds.check(300, random -> {
      Datom[] batch = batch(random);
      for (Index index : new Index[] {Index.AEVT, Index.AVET}) {
        List<Datom> expected = Arrays.asList(MemoryIndex.sortBatch(index, batch.clone(), 1 + random.nextInt(64)));
        ColumnSort.Made made = ColumnSort.sorted(index, batch);
        assertNotNull(made, index + ": a batch of new entities' assertions");
        assertEquals(expected, new ArrayList<>(made), index + " by position");
        List<Datom> iterated = new ArrayList<>();
        made.forEachRemaining(iterated::add);
        assertEquals(expected, iterated, index + " as an iterator");
        assertThrows(NoSuchElementException.class, made::next);
        for (int probe = 0; probe < 20 && !expected.isEmpty(); probe++) { // out of order, as a merge's gallop reads
          int i = random.nextInt(expected.size());
          assertEquals(expected.get(i), made.get(i), index + " at " + i);
        }
        // read from the transactions, some held as columns (as the transactor keeps a load's)
        List<CommittedTx> txs = transactions(batch, random);
        ColumnSort.Made fromTxs = ColumnSort.Columns.of(ColumnSort.Batch.of(txs)).in(index);
        assertEquals(expected, new ArrayList<>(fromTxs), index + " from transactions");
        for (CommittedTx t : txs) {
          if (t.datoms() instanceof ColumnDatoms c) {
            assertFalse(c.isMade(), "a transaction's columns are read without making its datoms");
          }
        }
      }
    });
  }

  /** A batch's datoms as the transactions they are of, each held as columns or as datoms at random. */
  private static List<CommittedTx> transactions(Datom[] batch, Random random) {
    Map<Long, List<Datom>> byTx = new LinkedHashMap<>();
    for (Datom d : batch) {
      byTx.computeIfAbsent(d.tx(), x -> new ArrayList<>()).add(d);
    }
    List<CommittedTx> txs = new ArrayList<>();
    byTx.forEach((tx, datoms) -> txs.add(new CommittedTx(txs.size(), tx,
        random.nextBoolean() ? ColumnDatoms.of(tx, datoms) : datoms)));
    return txs;
  }

  /**
   * A load's transactions read in EAVT order from their columns ({@link ColumnSort#eavt}): each
   * transaction's own datoms first, then the rows, as {@code sortBatch} gives them, without making
   * the transactions' datoms; anything else (an older entity updated, a schema change, a
   * transaction out of order) is left to {@code sortBatch}.
   */
  @Test
  void eavt_readsALoadInOrder_orLeavesItToSortBatch() {
    Seeds.check(300, random -> {
      List<CommittedTx> txs = new ArrayList<>();
      List<Datom> all = new ArrayList<>();
      long e = Ids.entity(Ids.PARTITION_USER, 1 + random.nextInt(1000));
      int n = 1 + random.nextInt(6);
      int spoil = random.nextInt(4); // 0: a later transaction updates an earlier entity; 1: a schema datom; else none
      int spoiled = n > 1 ? 1 + random.nextInt(n - 1) : -1;
      long firstEntity = e;
      for (int t = 0; t < n; t++) {
        long tx = Ids.tx(10 + t);
        List<Datom> datoms = new ArrayList<>();
        int rows = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(200);
        for (int r = 0; r < rows; r++, e += 1 + random.nextInt(3)) {
          for (int a = 0; a < 3; a++) {
            if (random.nextInt(5) != 0) {
              datoms.add(Datom.of(e, 100 + a, (long) random.nextInt(50), tx));
            }
          }
        }
        datoms.add(Datom.of(tx, 50, Instant.ofEpochSecond(1_700_000_000L + t), tx));
        if (t == spoiled && spoil == 0) {
          datoms.add(Datom.of(firstEntity, 103, 7L, tx));
        } else if (t == spoiled && spoil == 1) {
          datoms.add(Datom.of(Ids.entity(Ids.PARTITION_DB, 70), 41, 1L, tx));
        }
        datoms.sort(Index.EAVT.comparator()); // as every committed transaction's are
        all.addAll(datoms);
        txs.add(new CommittedTx(t, tx, random.nextBoolean() ? ColumnDatoms.of(tx, datoms) : datoms));
      }
      ColumnSort.InOrder inOrder = ColumnSort.eavt(txs);
      if (spoiled >= 0 && spoil == 1) {
        assertNull(inOrder, "a schema datom below an earlier transaction's own: sorted instead");
        return;
      }
      if (spoiled < 0 || spoil > 1) {
        assertNotNull(inOrder, "a load of new entities");
      } else if (inOrder == null) {
        return; // an earlier entity updated: sorted instead (read in order where it stays in order)
      }
      List<Datom> expected = Arrays.asList(MemoryIndex.sortBatch(Index.EAVT, all.toArray(new Datom[0]), 4));
      List<Datom> read = new ArrayList<>();
      inOrder.forEachRemaining(read::add);
      assertEquals(expected, read, "as an iterator");
      assertThrows(NoSuchElementException.class, inOrder::next);
      assertEquals(expected, new ArrayList<>(inOrder), "by position");
      assertInstanceOf(RepeatFree.class, inOrder, "checked free of repeats: a merge reads it by position, keeping nothing");
      for (int probe = 0; probe < 50 && !expected.isEmpty(); probe++) { // out of order, as a merge's gallop reads
        int i = random.nextInt(expected.size());
        assertEquals(expected.get(i), inOrder.get(i), "at " + i);
      }
      for (CommittedTx t : txs) {
        if (t.datoms() instanceof ColumnDatoms c) {
          assertFalse(c.isMade(), "read from the columns");
        }
      }
    });
    long tx = Ids.tx(10);
    List<Datom> unsorted = List.of(Datom.of(Ids.entity(Ids.PARTITION_USER, 2), 100, 1L, tx),
        Datom.of(Ids.entity(Ids.PARTITION_USER, 1), 100, 1L, tx));
    assertNull(ColumnSort.eavt(List.of(new CommittedTx(10, tx, unsorted))), "a transaction not in EAVT order");
    assertFalse(ColumnSort.eavt(List.of()).hasNext());
    assertEquals(Ids.entity(Ids.PARTITION_USER, 0), ColumnSort.USER_PARTITION_START);
  }

  @Test
  void sorted_makesDatomsAndNumbersAnew_andSharesFewDistinctValues() {
    Datom[] batch = new Datom[300];
    String[] flags = {new String("R"), new String("N")};
    for (int i = 0; i < 100; i++) {
      long e = (1L << 42) + i;
      batch[3 * i] = Datom.of(e, 100, 1_000_000L + (i * 7919L) % 100, TX0);
      batch[3 * i + 1] = Datom.of(e, 101, BigDecimal.valueOf(1 + i * 37L % 100, 2), TX0);
      batch[3 * i + 2] = Datom.of(e, 102, new String(flags[i % 2]), TX0);
    }
    for (Index index : new Index[] {Index.AEVT, Index.AVET}) {
      List<Datom> made = new ArrayList<>(ColumnSort.sorted(index, batch));
      for (Datom d : made) {
        Datom original = Arrays.stream(batch).filter(d::equals).findFirst().orElseThrow();
        assertNotSame(original, d);
        if (d.a() != 102) {
          assertNotSame(original.v(), d.v(), index + ": a number made from its key, next to its datom");
        }
      }
    }
    List<Datom> avet = new ArrayList<>(ColumnSort.sorted(Index.AVET, batch));
    List<Object> flagValues = avet.stream().filter(d -> d.a() == 102).map(Datom::v).distinct().toList();
    assertEquals(List.of("N", "R"), flagValues);
    assertEquals(2, avet.stream().filter(d -> d.a() == 102).map(d -> System.identityHashCode(d.v())).distinct().count(),
        "few distinct values are shared, not made 100 times");
  }

  @Test
  void sorted_leavesOtherBatchesToSortBatch() {
    Datom a = Datom.of((1L << 42) + 1, 100, 5L, TX0);
    Datom b = Datom.of((1L << 42) + 2, 100, 6L, TX0);
    assertNotNull(ColumnSort.sorted(Index.AVET, new Datom[] {a, b}));
    assertNull(ColumnSort.sorted(Index.EAVT, new Datom[] {a, b}), "EAVT: a bulk load is in its order as added");
    assertNull(ColumnSort.sorted(Index.VAET, new Datom[] {a, b}));
    assertNull(ColumnSort.sorted(Index.AVET, new Datom[] {a, b.retractedBy(TX0 + 1)}),
        "a retraction: the job pairs it with its assertion by identity");
    assertNull(ColumnSort.sorted(Index.AEVT, new Datom[] {b, a}), "an attribute's entities descend: older entities updated");
    assertNull(ColumnSort.sorted(Index.AVET, new Datom[] {a, Datom.of(a.e(), 100, 7L, TX0)}),
        "two values of one entity (cardinality many)");
    assertFalse(ColumnSort.sorted(Index.AEVT, new Datom[0]).hasNext());
  }

  @Test
  void anIndexJobReadsASealedBulkLoad_madeInOrder() {
    Seeds.check(100, random -> {
      Datom[] all = batch(random);
      Map<Long, List<Datom>> byTx = new LinkedHashMap<>();
      for (Datom d : all) {
        byTx.computeIfAbsent(d.tx(), x -> new ArrayList<>()).add(d);
      }
      // sorted when read (a transactor's novelty): what the writer did not read, the job sorts
      long ref = random.nextBoolean() ? 100 : -1; // a load with a ref attribute or none (VAET empty)
      MemoryIndex novelty = new MemoryIndex(a -> a == ref, a -> false, 64, 8, true);
      long t = 0;
      int readAevtAfter = random.nextInt(3) == 0 ? random.nextInt(byTx.size()) : -1;
      for (Map.Entry<Long, List<Datom>> tx : byTx.entrySet()) {
        novelty.add(new CommittedTx(t, tx.getKey(), tx.getValue()));
        if (t++ == readAevtAfter) { // a reader sorts AEVT so far: the orders' unsorted transactions differ
          novelty.count(Index.AEVT, null, true, null, true);
        }
      }
      long last = TX0 + byTx.size() - 1;
      novelty.seal(last);
      Index[] orders = random.nextBoolean() ? new Index[] {Index.AEVT, Index.AVET, Index.VAET}
          : new Index[] {Index.VAET, Index.AVET, Index.AEVT};
      for (Index index : orders) { // the second reads the columns the first made, where they are the same transactions'
        if (readAevtAfter >= 0 && index == Index.AEVT) {
          List<Datom> read = new ArrayList<>();
          novelty.sorted(index, Long.MIN_VALUE, last).forEachRemaining(read::add);
          assertEquals(Arrays.asList(MemoryIndex.sortBatch(index, all.clone(), 8)), read, index + " partly sorted");
          continue;
        }
        Iterator<Datom> stream = novelty.sorted(index, Long.MIN_VALUE, last);
        if (index == Index.VAET) {
          List<Datom> read = new ArrayList<>();
          stream.forEachRemaining(read::add);
          Datom[] refs = Arrays.stream(all).filter(d -> d.a() == ref).toArray(Datom[]::new);
          assertEquals(Arrays.asList(MemoryIndex.sortBatch(index, refs, 8)), read, "VAET");
          continue;
        }
        if (all.length >= MemoryIndex.MADE_IN_ORDER_RUNS * 8) {
          assertInstanceOf(ColumnSort.Made.class, stream, index + ": " + all.length + " datoms");
        }
        List<Datom> read = new ArrayList<>();
        stream.forEachRemaining(read::add);
        assertEquals(Arrays.asList(MemoryIndex.sortBatch(index, all.clone(), 8)), read, index.toString());
      }
    });
  }
}

package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.RepeatFree;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.junit.jupiter.api.Test;

/**
 * The additions an index merge reads from the novelty's sorted stream: read no further than asked,
 * filtered as the merge needs, and whether the stream held exactly the expected datoms.
 */
class StreamedAdditionsTest {
  private static final List<Datom> EAVT = List.of(Datom.of(1, 10, 5L, 100), Datom.of(1, 11, 7L, 100),
      Datom.of(2, 10, 4L, 100), Datom.of(3, 11, 2L, 101), Datom.of(4, 10, 1L, 101));

  /** An iterator over the datoms that counts how many were taken. */
  private static Iterator<Datom> counting(List<Datom> datoms, AtomicInteger taken) {
    Iterator<Datom> in = datoms.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Datom next() {
        taken.incrementAndGet();
        return in.next();
      }
    };
  }

  @Test
  void get_readsTheStreamOnlyAsFarAsAsked_andTheIteratorTheRest() {
    AtomicInteger taken = new AtomicInteger();
    StreamedAdditions a = new StreamedAdditions(Index.EAVT, counting(EAVT, taken), null, x -> false, true, 5);
    assertEquals(5, a.size());
    assertEquals(0, taken.get(), "nothing is read before it is asked for");
    assertEquals(EAVT.get(1), a.get(1));
    assertEquals(2, taken.get());
    assertEquals(EAVT.get(0), a.get(0));
    assertEquals(2, taken.get());
    List<Datom> all = new ArrayList<>();
    a.iterator().forEachRemaining(all::add);
    assertEquals(EAVT, all);
    assertTrue(a.matched());
  }

  @Test
  void onlyTheDatomsToAdd_andVaetOnlyRefs() {
    Set<Datom> adding = Collections.newSetFromMap(new IdentityHashMap<>());
    adding.add(EAVT.get(0));
    adding.add(EAVT.get(3));
    adding.add(EAVT.get(4));
    StreamedAdditions some = new StreamedAdditions(Index.EAVT, EAVT.iterator(), adding, x -> false, false, 3);
    assertEquals(List.of(EAVT.get(0), EAVT.get(3), EAVT.get(4)), new ArrayList<>(some));
    assertTrue(some.matched());
    // a datom equal to one to add but not that very one is not added (identity, as the novelty's)
    Datom copy = new Datom(1, 10, 5L, EAVT.get(0).tx(), true);
    StreamedAdditions byIdentity = new StreamedAdditions(Index.EAVT, List.of(copy).iterator(), adding, x -> false,
        false, 1);
    assertFalse(byIdentity.iterator().hasNext());
    assertFalse(byIdentity.matched());
    StreamedAdditions refs = new StreamedAdditions(Index.VAET, EAVT.iterator(), null, a -> a == 11, false, 2);
    assertEquals(List.of(EAVT.get(1), EAVT.get(3)), new ArrayList<>(refs));
    assertTrue(refs.matched());
  }

  @Test
  void aStreamOfOtherCounts_isNotMatched() {
    StreamedAdditions shorter = new StreamedAdditions(Index.EAVT, EAVT.iterator(), null, x -> false, false, 6);
    List<Datom> read = new ArrayList<>();
    shorter.iterator().forEachRemaining(read::add);
    assertEquals(EAVT, read, "the iterator ends with the stream");
    assertFalse(shorter.matched());
    StorageException e = assertThrows(StorageException.class,
        () -> new StreamedAdditions(Index.EAVT, EAVT.iterator(), null, x -> false, false, 6).get(5));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    assertTrue(e.getMessage().contains("ended after 5 of its 6"), e.getMessage());

    StreamedAdditions longer = new StreamedAdditions(Index.EAVT, EAVT.iterator(), null, x -> false, false, 4);
    read.clear();
    longer.iterator().forEachRemaining(read::add);
    assertEquals(EAVT.subList(0, 4), read, "the iterator stops at the expected count");
    assertFalse(longer.matched());
    assertThrows(IndexOutOfBoundsException.class, () -> longer.get(4));
  }

  @Test
  void oneFactAssertedTwice_failsAsItIsRead() {
    List<Datom> twice = List.of(Datom.of(1, 10, 5L, 100), Datom.of(1, 10, 5L, 101), Datom.of(2, 10, 5L, 101));
    StreamedAdditions a = new StreamedAdditions(Index.EAVT, twice.iterator(), null, x -> false, true, 3);
    assertEquals(twice.get(0), a.get(0));
    StorageException e = assertThrows(StorageException.class, () -> a.get(1));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    assertTrue(e.getMessage().contains("already true"), e.getMessage());
    // without the check (not a load's EAVT) the stream is taken as it is
    StreamedAdditions unchecked = new StreamedAdditions(Index.EAVT, twice.iterator(), null, x -> false, false, 3);
    assertEquals(twice, new ArrayList<>(unchecked));
  }

  /**
   * A stream that is also a random-access list, as the datoms an index job makes in AVET or AEVT
   * order: each read makes its datom anew, counted here.
   */
  private static class MadeOnRead extends AbstractList<Datom> implements RandomAccess, Iterator<Datom> {
    private final List<Datom> datoms;
    final AtomicInteger reads = new AtomicInteger();
    private int next;

    MadeOnRead(List<Datom> datoms) {
      this.datoms = datoms;
    }

    @Override
    public Datom get(int i) {
      reads.incrementAndGet();
      Datom d = datoms.get(i);
      return new Datom(d.e(), d.a(), d.v(), d.tx(), d.added());
    }

    @Override
    public int size() {
      return datoms.size();
    }

    @Override
    public boolean hasNext() {
      return next < datoms.size();
    }

    @Override
    public Datom next() {
      return get(next++);
    }
  }

  @Test
  void aRandomAccessStream_isReadByPosition_keepingNothing() {
    MadeOnRead made = new MadeOnRead(EAVT);
    StreamedAdditions a = new StreamedAdditions(Index.AVET, made, null, x -> false, false, 5);
    assertEquals(EAVT.get(3), a.get(3));
    assertEquals(1, made.reads.get(), "a gallop reads only what it asks for");
    assertEquals(EAVT.get(3), a.get(3));
    assertEquals(2, made.reads.get(), "nothing kept: read again");
    assertEquals(EAVT, new ArrayList<>(a));
    assertTrue(a.matched());
    assertFalse(new StreamedAdditions(Index.AVET, new MadeOnRead(EAVT), null, x -> false, false, 6).matched());
    StorageException e = assertThrows(StorageException.class,
        () -> new StreamedAdditions(Index.AVET, new MadeOnRead(EAVT), null, x -> false, false, 6).get(5));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    StreamedAdditions longer = new StreamedAdditions(Index.AVET, new MadeOnRead(EAVT), null, x -> false, false, 4);
    assertEquals(EAVT.subList(0, 4), new ArrayList<>(longer), "the iterator stops at the expected count");
    assertFalse(longer.matched());
    // picking by identity, VAET's refs and EAVT's repeat check read it as a stream, as any other
    Set<Datom> adding = Collections.newSetFromMap(new IdentityHashMap<>());
    adding.add(EAVT.get(0));
    StreamedAdditions picked = new StreamedAdditions(Index.EAVT, new MadeOnRead(EAVT), adding, x -> false, false, 1);
    assertFalse(picked.iterator().hasNext(), "new datoms are not the ones to pick");
    StreamedAdditions refs = new StreamedAdditions(Index.VAET, new MadeOnRead(EAVT), null, x -> x == 11, false, 2);
    assertEquals(List.of(EAVT.get(1), EAVT.get(3)), new ArrayList<>(refs));
    MadeOnRead checked = new MadeOnRead(EAVT);
    StreamedAdditions kept = new StreamedAdditions(Index.EAVT, checked, null, x -> false, true, 5);
    assertEquals(EAVT.get(3), kept.get(3));
    assertEquals(EAVT.get(3), kept.get(3));
    assertEquals(4, checked.reads.get(), "EAVT's repeat check reads it as a stream, keeping what it read");
    // unless the stream says no fact repeats in it (a load's EAVT read in sequence)
    RepeatFreeMade free = new RepeatFreeMade(EAVT);
    StreamedAdditions direct = new StreamedAdditions(Index.EAVT, free, null, x -> false, true, 5);
    assertEquals(EAVT.get(3), direct.get(3));
    assertEquals(EAVT.get(3), direct.get(3));
    assertEquals(2, free.reads.get(), "read by position, keeping nothing");
    assertEquals(EAVT, new ArrayList<>(direct));
  }

  /** A stream that says no fact repeats in it, as a load's EAVT read in sequence does. */
  private static final class RepeatFreeMade extends MadeOnRead implements RepeatFree {
    RepeatFreeMade(List<Datom> datoms) {
      super(datoms);
    }
  }
}

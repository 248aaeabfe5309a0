package org.datolite.transactor.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.transactor.TxReport;
import org.datolite.transactor.remote.PeerProtocol;
import org.junit.jupiter.api.Test;

/**
 * The broadcaster alone, on fixed reports: how a committed block is split into NOVELTY pushes,
 * without a server or a transactor (and so without depending on how the writer batched).
 */
class NoveltyBroadcasterTest {
  private record Push(int type, byte[] body) {
    List<Long> ts() {
      return LogBlock.decode(body, "push").stream().map(CommittedTx::t).toList();
    }
  }

  private final List<Push> pushes = new ArrayList<>();
  private final List<Long> committedUpTo = new ArrayList<>();
  private final NoveltyBroadcaster broadcaster = new NoveltyBroadcaster(
      () -> (type, body) -> pushes.add(new Push(type, body)), committedUpTo::add);

  /** A committed transaction at {@code t} with {@code datoms} user datoms of about 100 bytes each. */
  private static TxReport report(long t, int datoms) {
    long tx = Ids.tx(t);
    List<Datom> data = new ArrayList<>();
    data.add(Datom.of(tx, Bootstrap.TX_INSTANT, Instant.ofEpochMilli(t), tx));
    for (int i = 0; i < datoms; i++) {
      data.add(Datom.of(Ids.entity(Ids.PARTITION_USER, t * 1000 + i), Bootstrap.DOC, "x".repeat(100) + i, tx));
    }
    return new TxReport(t, tx, UUID.randomUUID(), Instant.ofEpochMilli(t), null, null, data, Map.of());
  }

  private static List<TxReport> reports(long first, int n, int datoms) {
    return LongStream.range(first, first + n).mapToObj(t -> report(t, datoms)).toList();
  }

  private static byte[] block(List<TxReport> reports) {
    return LogBlock.encode(reports.stream().map(r -> new CommittedTx(r.t(), r.tx(), r.txData())).toList());
  }

  private List<Long> heard() {
    return pushes.stream().flatMap(p -> p.ts().stream()).toList();
  }

  @Test
  void aSmallBlock_isPushedAsWritten_andReleasesSyncUpToItsLastT() {
    List<TxReport> reports = reports(5, 3, 2);
    byte[] block = block(reports);
    broadcaster.committed(reports, block);
    assertEquals(1, pushes.size());
    assertEquals(PeerProtocol.NOVELTY, pushes.get(0).type());
    assertSame(block, pushes.get(0).body(), "the writer's block goes out as it is, not encoded again");
    assertEquals(List.of(7L), committedUpTo);
  }

  @Test
  void aLargeBlock_isSplitIntoPushesOfWholeTransactions_underTheLimit_inOrder() {
    List<TxReport> reports = reports(10, 37, 20); // about 2 KiB each
    byte[] block = block(reports);
    int limit = block.length / 5;
    broadcaster.splitBytes(limit);
    broadcaster.committed(reports, block);
    assertTrue(pushes.size() >= 5, "split into at least five pushes: " + pushes.size());
    assertEquals(LongStream.range(10, 47).boxed().toList(), heard(), "every transaction once, in order");
    for (Push p : pushes) {
      assertEquals(PeerProtocol.NOVELTY, p.type());
      assertTrue(p.body().length <= limit || p.ts().size() == 1, "over the limit only if alone: " + p.ts());
    }
    assertEquals(List.of(46L), committedUpTo, "sync is released once, after the last push");
  }

  @Test
  void splitting_halvesUntilEachPushFits_andNeverSplitsATransaction() {
    List<TxReport> reports = reports(1, 8, 10);
    broadcaster.splitBytes(1); // nothing fits: every transaction goes alone
    broadcaster.committed(reports, block(reports));
    assertEquals(8, pushes.size());
    for (int i = 0; i < 8; i++) {
      assertEquals(List.of(i + 1L), pushes.get(i).ts());
      assertArrayEquals(block(List.of(reports.get(i))), pushes.get(i).body(), "a whole transaction, as encoded");
    }
  }

  @Test
  void aSingleTransaction_overTheLimit_goesOutWhole() {
    List<TxReport> one = reports(3, 1, 50);
    broadcaster.splitBytes(10);
    broadcaster.committed(one, block(one));
    assertEquals(1, pushes.size());
    assertEquals(List.of(3L), pushes.get(0).ts());
  }

  @Test
  void atTheDefaultLimit_aBlockJustUnderIsOnePush_andJustOverIsTwo() {
    assertEquals(8 << 20, NoveltyBroadcaster.PUSH_SPLIT_BYTES);
    List<TxReport> under = reports(1, 2, 1);
    byte[] small = block(under);
    byte[] exactly = Arrays.copyOf(small, NoveltyBroadcaster.PUSH_SPLIT_BYTES); // a body of exactly the limit
    broadcaster.committed(under, exactly);
    assertEquals(1, pushes.size(), "a body of exactly the limit is not split");
    pushes.clear();
    byte[] over = Arrays.copyOf(small, NoveltyBroadcaster.PUSH_SPLIT_BYTES + 1);
    broadcaster.committed(under, over);
    assertEquals(List.of(List.of(1L), List.of(2L)), pushes.stream().map(Push::ts).toList());
  }

  @Test
  void withoutPeers_nothingIsPushed_butSyncIsStillReleased() {
    NoveltyBroadcaster alone = new NoveltyBroadcaster(() -> null, committedUpTo::add);
    alone.committed(reports(4, 2, 1), null);
    alone.indexed(roots(3));
    assertEquals(List.of(5L), committedUpTo);
    assertTrue(pushes.isEmpty());
  }

  @Test
  void anIndexJob_isOneIndexedPushOfItsRoots() {
    IndexRoots roots = roots(9);
    broadcaster.indexed(roots);
    assertEquals(1, pushes.size());
    assertEquals(PeerProtocol.INDEXED, pushes.get(0).type());
    assertArrayEquals(roots.encode(), pushes.get(0).body());
    assertTrue(committedUpTo.isEmpty(), "an index job releases no sync");
  }

  private static IndexRoots roots(long basisT) {
    Map<Index, List<UUID>> current = new EnumMap<>(Index.class);
    Map<Index, List<UUID>> history = new EnumMap<>(Index.class);
    for (Index index : Index.values()) {
      current.put(index, List.of(UUID.randomUUID(), UUID.randomUUID()));
      history.put(index, List.of(UUID.randomUUID()));
    }
    return new IndexRoots(basisT, current, history);
  }

  @Test
  void reportsWithoutTheirBlock_areEncodedHere() {
    List<TxReport> reports = reports(20, 3, 1);
    broadcaster.committed(reports); // as a listener that was not given the block
    assertEquals(1, pushes.size());
    assertArrayEquals(block(reports), pushes.get(0).body());
    broadcaster.committed(report(23, 1));
    assertEquals(List.of(20L, 21L, 22L, 23L), heard());
    assertEquals(List.of(22L, 23L), committedUpTo);
  }
}

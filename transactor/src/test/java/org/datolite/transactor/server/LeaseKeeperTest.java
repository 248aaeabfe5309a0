package org.datolite.transactor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.transactor.Fence;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.remote.Lease;
import org.junit.jupiter.api.Test;

/**
 * The lease keeper's decisions alone: keepers on one memory store, ticked by hand on a fake
 * monotonic clock, with a fake server that records what it was asked to do.
 */
class LeaseKeeperTest {
  private static final String PREFIX = "db/";
  private static final Duration HEARTBEAT = Duration.ofMillis(100);
  private static final long HEARTBEAT_NANOS = HEARTBEAT.toNanos();

  private final MemoryStore kv = new MemoryStore("lease");
  private long now = 1_000_000_000L;

  /** The server side of a keeper: records activations and step-downs, reports a port and a failure. */
  private static final class FakeServer implements LeaseKeeper.Server {
    final List<Long> activations = new ArrayList<>();
    int stoppedServing;
    int published;
    int port;
    TransactorException failure;

    @Override
    public void activate(long epoch) {
      activations.add(epoch);
    }

    @Override
    public TransactorException transactorFailure() {
      return failure;
    }

    @Override
    public int servingPort() {
      return port;
    }

    @Override
    public void published() {
      published++;
    }

    @Override
    public void stopServing() {
      stoppedServing++;
    }
  }

  private record Keeper(UUID id, LeaseKeeper keeper, FakeServer server) {}

  private Keeper keeper() {
    UUID id = UUID.randomUUID();
    FakeServer server = new FakeServer();
    return new Keeper(id, new LeaseKeeper(kv, PREFIX, id, "keeper " + id, "host-" + id, HEARTBEAT, () -> now, server),
        server);
  }

  private Lease lease() {
    return Lease.decode(Lease.read(kv, PREFIX).value(), Lease.key(PREFIX));
  }

  private void advance(double heartbeats) {
    now += (long) (heartbeats * HEARTBEAT_NANOS);
  }

  @Test
  void renewalPeriod_isAQuarterHeartbeat_atLeastFiveMillis() {
    assertEquals(25, LeaseKeeper.renewalPeriodMillis(Duration.ofMillis(100)));
    assertEquals(5, LeaseKeeper.renewalPeriodMillis(Duration.ofMillis(10)));
  }

  @Test
  void noLease_theFirstTickTakesItAtEpochOne_andActivates() {
    Keeper a = keeper();
    assertNull(Lease.read(kv, PREFIX));
    a.keeper().tick();
    assertTrue(a.keeper().isActive());
    assertEquals(List.of(1L), a.server().activations);
    Lease l = lease();
    assertEquals(a.id(), l.holder());
    assertEquals(1, l.epoch());
    assertEquals(0, l.port(), "not serving yet");
    assertEquals(HEARTBEAT.toMillis(), l.heartbeatMillis());
  }

  @Test
  void renewal_publishesTheEndpointOnceBound() {
    Keeper a = keeper();
    a.keeper().tick();
    a.keeper().tick();
    assertEquals(0, a.server().published, "not bound yet: nothing to publish");
    a.server().port = 4334;
    a.keeper().tick();
    assertEquals(1, a.server().published);
    assertEquals(4334, lease().port());
    assertEquals("host-" + a.id(), lease().host());
    a.keeper().tick();
    assertEquals(1, a.server().published, "published once");
  }

  @Test
  void standby_waitsWhileTheHolderRenews_andTakesOverAfterTwoSilentHeartbeats() {
    Keeper a = keeper();
    Keeper b = keeper();
    a.keeper().tick();
    b.keeper().tick(); // notes the revision
    for (int i = 0; i < 20; i++) {
      advance(0.25);
      a.keeper().tick();
      b.keeper().tick();
    }
    assertFalse(b.keeper().isActive(), "the lease moves: the standby waits");
    advance(2); // exactly two heartbeats without a renewal: not yet
    b.keeper().tick();
    assertFalse(b.keeper().isActive());
    advance(0.01);
    b.keeper().tick();
    assertTrue(b.keeper().isActive(), "more than two heartbeats without a renewal");
    assertEquals(b.id(), lease().holder());
    assertEquals(2, lease().epoch());
    assertEquals(List.of(2L), b.server().activations);
    // The old holder wakes: its renewal fails, and it stops serving without touching the lease.
    a.keeper().tick();
    assertFalse(a.keeper().isActive());
    assertEquals(1, a.server().stoppedServing);
    assertEquals(b.id(), lease().holder());
  }

  @Test
  void aReleasedLease_isTakenAtOnce_butNotBackByTheServerThatReleasedIt() {
    Keeper a = keeper();
    Keeper b = keeper();
    a.keeper().tick();
    a.keeper().close();
    a.keeper().stop(); // as TransactorServer.close(): stop serving and release
    assertEquals(0, lease().heartbeatMillis(), "released");
    assertEquals(1, a.server().stoppedServing);
    b.keeper().tick();
    assertTrue(b.keeper().isActive(), "a released lease is taken at once");
    assertEquals(2, lease().epoch());

    // b's transactor fails: b gives the lease up, and does not take it back before another could.
    b.server().failure = new TransactorException(TransactorException.Code.CLOSED, "closed", true, null);
    b.keeper().tick();
    assertFalse(b.keeper().isActive());
    assertEquals(0, lease().heartbeatMillis(), "given up: released");
    assertEquals(b.id(), lease().holder());
    b.server().failure = null;
    b.keeper().tick(); // notes the revision
    advance(1);
    b.keeper().tick();
    assertFalse(b.keeper().isActive(), "its own release waits for another standby first");
    advance(1.01);
    b.keeper().tick();
    assertTrue(b.keeper().isActive(), "no other took it within two heartbeats: it takes it back");
    assertEquals(3, lease().epoch());
  }

  @Test
  void anotherStandby_takesAReleasedLeaseBeforeTheServerThatGaveItUp() {
    Keeper a = keeper();
    Keeper b = keeper();
    a.keeper().tick();
    a.server().failure = new TransactorException(TransactorException.Code.DEPOSED, "deposed", true, null);
    a.keeper().tick();
    a.server().failure = null;
    a.keeper().tick();
    assertFalse(a.keeper().isActive());
    b.keeper().tick();
    assertTrue(b.keeper().isActive());
    assertEquals(b.id(), lease().holder());
  }

  @Test
  void failedActivation_givesUpTheLease_onlyAtItsOwnEpoch() {
    Keeper a = keeper();
    a.keeper().tick();
    a.keeper().activationFailed(7); // an older activation: ignored
    assertTrue(a.keeper().isActive());
    a.keeper().activationFailed(1);
    assertFalse(a.keeper().isActive());
    assertEquals(0, lease().heartbeatMillis());
    assertEquals(1, a.server().stoppedServing);
  }

  @Test
  void pausedOrClosed_doesNothing() {
    Keeper a = keeper();
    a.keeper().pause();
    a.keeper().tick();
    assertNull(Lease.read(kv, PREFIX), "paused: it does not even watch");
    a.keeper().resume();
    a.keeper().tick();
    assertTrue(a.keeper().isActive());
    long rev = Lease.read(kv, PREFIX).rev();
    a.keeper().close();
    a.keeper().tick();
    assertEquals(rev, Lease.read(kv, PREFIX).rev(), "closed: no renewal");
  }

  @Test
  void fence_allowsWritesWithinOneAndAHalfHeartbeatsOfARenewal_whileActiveAndNotPaused() {
    Keeper a = keeper();
    Fence fence = a.keeper().fence();
    assertFalse(fence.mayWrite(), "a standby never writes");
    a.keeper().tick();
    assertTrue(fence.mayWrite());
    advance(1.49);
    assertTrue(fence.mayWrite());
    advance(0.01);
    assertFalse(fence.mayWrite(), "1.5 heartbeats since the last renewal");
    a.keeper().tick();
    assertTrue(fence.mayWrite(), "renewed");
    a.keeper().pause();
    assertFalse(fence.mayWrite(), "paused");
    a.keeper().resume();
    assertTrue(fence.mayWrite());
  }

  @Test
  void fence_confirmsOnlyWhileStorageNamesThisServerAsTheHolder() {
    Keeper a = keeper();
    Keeper b = keeper();
    Fence fa = a.keeper().fence();
    assertFalse(fa.confirmed(), "no lease at all");
    a.keeper().tick();
    assertTrue(fa.confirmed());
    b.keeper().tick();
    advance(2.01);
    b.keeper().tick();
    assertTrue(b.keeper().isActive());
    assertFalse(fa.confirmed(), "storage names the successor");
    assertTrue(b.keeper().fence().confirmed());
  }
}

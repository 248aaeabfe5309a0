package org.datolite.transactor.server;

import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.transactor.Fence;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.remote.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's side of the {@link Lease}: it watches the lease as a standby, takes it, renews it
 * while active, gives it up, and fences the transactor's writes by it.
 *
 * <h2>Decisions</h2>
 * Each {@link #tick()} (every {@link #renewalPeriodMillis(Duration)} on the server's lease thread) either
 * renews (active) or watches (standby). A standby takes the lease when nobody ever held it, when
 * its holder released it, or when its revision has not moved for {@link #STALE_HEARTBEATS}
 * heartbeats of the holder's, measured on this process's monotonic clock (no two clocks are
 * compared). A lease this server released itself goes to another standby first: it takes it
 * back only once stale. An active server gives the lease up (releases it and stops serving)
 * when its transactor has failed; it stops serving, without releasing, when a renewal's
 * compare-and-set fails (another server took the lease); a renewal that fails in storage is
 * tried again next tick. The first renewal after the server is bound publishes its endpoint.
 *
 * <p>The {@link #fence()} lets the transactor write only while active, not paused, and within
 * {@link #WRITE_WINDOW_HALF_HEARTBEATS} half heartbeats of the last renewal: a standby waits two
 * heartbeats without seeing one, so the holder stops writing half a heartbeat before anyone can
 * take over.
 *
 * <p>What serving means is the server's ({@link Server}); the keeper only decides. The clock is
 * a parameter so that tests can drive the decisions with a fake one.
 */
final class LeaseKeeper {
  // Logs under the server's name, as it did before the lease had a class of its own.
  private static final Logger LOG = LoggerFactory.getLogger(TransactorServer.class);

  /** A lease whose revision has not moved for this many heartbeats is taken over (docs/transactor.md, section 3). */
  static final int STALE_HEARTBEATS = 2;
  /** The holder renews this many times per heartbeat, so a standby sees about eight renewals before it may take over. */
  static final int RENEWALS_PER_HEARTBEAT = 4;
  /** The shortest renewal period: a floor for very short (test) heartbeats, so the lease thread does not spin. */
  static final long MIN_RENEWAL_MILLIS = 5;
  /** The fence allows writes for 3/2 heartbeats after the last renewal, half a heartbeat before a standby may take over. */
  static final int WRITE_WINDOW_HALF_HEARTBEATS = 3;

  /** What the keeper asks of the server it keeps the lease for. */
  interface Server {
    /** The lease is held, at {@code epoch}: start serving, off the lease thread (recovery may take a while). */
    void activate(long epoch);

    /** Why the transactor being served has failed, or null (also while there is none). */
    TransactorException transactorFailure();

    /** The port the server listens on, or 0 while it is not bound. */
    int servingPort();

    /** The endpoint is published in the lease for the first time. */
    void published();

    /** Stop serving: the wire server, the transactor, the waiting requests. */
    void stopServing();
  }

  private final KeyValueStore kv;
  private final String keyPrefix;
  private final UUID id;
  private final String name;
  private final String advertisedHost;
  private final Duration heartbeat;
  private final LongSupplier nanoTime;
  private final Server server;

  // Touched only on the lease thread.
  private long seenRev = -1;
  private long seenAt;
  private Lease lease;
  private long leaseRev;
  private volatile boolean active;
  private volatile boolean closed;
  private volatile boolean paused;
  private volatile long lastRenewal;

  /**
   * @param id this server's holder id
   * @param name this server's name, for messages
   * @param nanoTime the monotonic clock ({@code System::nanoTime})
   */
  LeaseKeeper(KeyValueStore kv, String keyPrefix, UUID id, String name, String advertisedHost, Duration heartbeat,
      LongSupplier nanoTime, Server server) {
    this.kv = kv;
    this.keyPrefix = keyPrefix;
    this.id = id;
    this.name = name;
    this.advertisedHost = advertisedHost;
    this.heartbeat = heartbeat;
    this.nanoTime = nanoTime;
    this.server = server;
  }

  /** How often {@link #tick()} should run: a quarter heartbeat, at least every {@link #MIN_RENEWAL_MILLIS} ms. */
  static long renewalPeriodMillis(Duration heartbeat) {
    return Math.max(MIN_RENEWAL_MILLIS, heartbeat.toMillis() / RENEWALS_PER_HEARTBEAT);
  }

  boolean isActive() {
    return active;
  }

  /** The fence of the transactor served under this lease. */
  Fence fence() {
    return new LeaseFence();
  }

  /** Renews the lease (active) or watches it (standby). */
  void tick() {
    try {
      if (closed || paused) {
        return;
      }
      if (active) {
        renew();
      } else {
        watch();
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: lease check failed: {}", name, e.toString());
    }
  }

  private void watch() {
    String key = Lease.key(keyPrefix);
    KeyValueStore.Versioned current = Lease.read(kv, keyPrefix);
    long now = nanoTime.getAsLong();
    Lease mine;
    if (current == null) {
      mine = new Lease(id, 1, advertisedHost, 0, heartbeat.toMillis(), System.currentTimeMillis());
      if (kv.compareAndSet(key, 0, mine.encode())) {
        becomeActive(mine, 1);
      }
      return;
    }
    Lease held = Lease.decode(current.value(), key);
    if (current.rev() != seenRev) {
      seenRev = current.rev();
      seenAt = now;
    }
    // A lease this server gave up itself goes to another standby first: it takes it back only
    // once it has not moved for two heartbeats.
    boolean releasedByMe = held.heartbeatMillis() == 0 && held.holder().equals(id);
    boolean released = held.heartbeatMillis() == 0 && !releasedByMe;
    long heartbeatMillis = releasedByMe ? heartbeat.toMillis() : held.heartbeatMillis();
    boolean stale = now - seenAt > STALE_HEARTBEATS * heartbeatMillis * 1_000_000L;
    if (released || stale) {
      mine = new Lease(id, held.epoch() + 1, advertisedHost, 0, heartbeat.toMillis(), System.currentTimeMillis());
      if (kv.compareAndSet(key, current.rev(), mine.encode())) {
        LOG.warn("{}: took over the lease from {} (epoch {}) because it {}", name, held.holder(), held.epoch(),
            released ? "released it" : releasedByMe ? "was given up by this server and no other took it"
                : "missed two heartbeats");
        becomeActive(mine, current.rev() + 1);
      }
    }
  }

  private void becomeActive(Lease mine, long rev) {
    lease = mine;
    leaseRev = rev;
    lastRenewal = nanoTime.getAsLong();
    active = true;
    // Recovery may take a while: it runs off this thread, which goes on renewing the lease.
    server.activate(mine.epoch());
  }

  private void renew() {
    TransactorException failed = server.transactorFailure();
    if (failed != null) {
      LOG.error("{}: its transactor has failed, so it gives up the lease for a standby to take over: {}", name,
          failed.getMessage());
      giveUp();
      return;
    }
    Lease next = lease.renewed(System.currentTimeMillis());
    int port = server.servingPort();
    boolean publishing = port != 0 && lease.port() != port;
    if (publishing) {
      next = next.serving(advertisedHost, port);
    }
    boolean renewed;
    try {
      renewed = kv.compareAndSet(Lease.key(keyPrefix), leaseRev, next.encode());
    } catch (StorageException e) {
      LOG.warn("{}: renewing the lease failed: {}", name, e.getMessage());
      return; // try again next tick; a standby may take over meanwhile, and the next renewal then fails
    }
    if (!renewed) {
      LOG.error("{}: lost the lease (another transactor took it); stopping", name);
      stepDown();
      return;
    }
    lease = next;
    leaseRev++;
    lastRenewal = nanoTime.getAsLong();
    if (publishing) {
      server.published();
    }
  }

  /**
   * Activation at {@code epoch} failed: gives the lease up if it is still held at that epoch
   * (on the lease thread).
   */
  void activationFailed(long epoch) {
    if (active && lease != null && lease.epoch() == epoch) {
      giveUp();
    }
  }

  /** Stops serving and releases the lease at once, so that a standby need not wait for it to lapse. */
  private void giveUp() {
    active = false;
    release();
    stepDown();
  }

  private void release() {
    try {
      Lease released = new Lease(lease.holder(), lease.epoch(), lease.host(), 0, 0, System.currentTimeMillis());
      if (!kv.compareAndSet(Lease.key(keyPrefix), leaseRev, released.encode())) {
        LOG.info("{}: did not release the lease: another transactor has taken it", name);
      }
    } catch (StorageException e) {
      LOG.warn("{}: could not release the lease: {}", name, e.getMessage());
    }
  }

  /** Stops serving; the lease is left as it is (to lapse, or already another's). */
  void stepDown() {
    active = false;
    server.stopServing();
    seenRev = -1;
  }

  /** Stops ticking (the server is closing or crashed): later ticks do nothing. */
  void close() {
    closed = true;
  }

  /** After {@link #close()} and the lease thread's end: stops serving, and releases the lease if it was held. */
  void stop() {
    boolean wasActive = active;
    stepDown();
    if (wasActive && lease != null) {
      release();
    }
  }

  /** Stops renewing the lease without telling anyone, as a paused process would (for failover tests). */
  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
  }

  /**
   * The transactor may write while this server is active and renewed the lease less than one and
   * a half heartbeats ago (a standby waits two heartbeats of not seeing a renewal); a taken log
   * slot is adopted only if storage still names this server as the holder.
   */
  private final class LeaseFence implements Fence {
    @Override
    public boolean mayWrite() {
      long since = nanoTime.getAsLong() - lastRenewal;
      return active && !paused && since < heartbeat.toNanos() * WRITE_WINDOW_HALF_HEARTBEATS / 2;
    }

    @Override
    public boolean confirmed() {
      KeyValueStore.Versioned v = Lease.read(kv, keyPrefix);
      if (v == null || !active || paused) {
        return false;
      }
      Lease l = Lease.decode(v.value(), Lease.key(keyPrefix));
      return l.holder().equals(id) && l.heartbeatMillis() > 0;
    }
  }
}

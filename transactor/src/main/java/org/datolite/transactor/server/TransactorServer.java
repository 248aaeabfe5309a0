package org.datolite.transactor.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.StorageGc;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.protocol.ProtocolServer;
import org.datolite.transactor.protocol.ProtocolSetting;
import org.datolite.transactor.protocol.ServerConfig;
import org.datolite.transactor.remote.Lease;
import org.datolite.transactor.remote.PeerProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transactor serving peers over the network, with standby and failover through the
 * {@link Lease}.
 *
 * <h2>Life</h2>
 * Started (after checking that its port is free), it is a <em>standby</em>: it watches the lease
 * and takes it when nobody holds it, when another server released it, or when it has not moved
 * for two heartbeats (on this process's monotonic clock). Holding the lease, it becomes
 * <em>active</em>: it recovers the database ({@link Transactor#open}), fences its predecessor
 * ({@link Transactor#claim()}: the root is rewritten and the next log slot taken), starts the
 * wire server, publishes its endpoint in the lease and renews the lease every quarter heartbeat.
 * If a renewal fails it has been replaced: it stops serving at once and goes back to standby.
 *
 * <p>Before each renewal it checks {@link Transactor#failure()}: a transactor that has failed
 * (its writer died, or it was deposed) cannot serve, so the server stops serving, releases the
 * lease so that a standby takes over at once, and goes back to standby; it does the same if
 * activation fails. It does not take back a lease it released itself until that lease has not
 * moved for two heartbeats, so another standby goes first. If it cannot bind its port when it
 * becomes active, it releases the lease and stops for good ({@link #failure()}).
 * {@link #close()} releases the lease so that a standby takes over without waiting.
 *
 * <p>Peers send {@link PeerProtocol#TRANSACT}, {@link PeerProtocol#SYNC},
 * {@link PeerProtocol#TX_STATUS} and {@link PeerProtocol#STATUS} requests, and receive every
 * commit as a {@link PeerProtocol#NOVELTY} push and every finished index job as an
 * {@link PeerProtocol#INDEXED} push, in order.
 */
public final class TransactorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactorServer.class);
  /**
   * Threads for the work that leaves the event loops: activation (recovery, one at a time) and
   * transaction-status lookups (rare: a client that lost its connection asks), so a few suffice.
   */
  private static final int REQUEST_THREADS = 4;
  /** How long {@link #close()} waits for the lease thread's tick in progress before it steps down. */
  private static final long CLOSE_WAIT_SECONDS = 5;
  /**
   * The shortest heartbeat: a shorter one would bring a standby's two-heartbeat wait within
   * scheduling jitter of the renewal period's floor ({@link LeaseKeeper#MIN_RENEWAL_MILLIS}).
   */
  static final long MIN_HEARTBEAT_MILLIS = 10;

  /**
   * Network settings.
   *
   * @param host the address to bind ("0.0.0.0" for every interface)
   * @param port the port (0: any free port)
   * @param advertisedHost the host peers should connect to, published in the lease; null: the
   *     bound host, which must then not be a wildcard address
   * @param secret the shared secret peers authenticate with (16 to 1024 bytes)
   * @param heartbeat the lease heartbeat: the active server renews the lease every quarter
   *     heartbeat (at least every 5 ms), and a standby takes over after two heartbeats without a
   *     renewal
   * @param ssl TLS, or null for plain TCP
   */
  public record Settings(String host, int port, String advertisedHost, byte[] secret, Duration heartbeat, SslContext ssl) {
    public Settings {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("the transactor host is missing; expected an address to bind, such as"
            + " 127.0.0.1 or 0.0.0.0");
      }
      if (advertisedHost == null || advertisedHost.isBlank()) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
          throw new IllegalArgumentException("the transactor binds every interface (" + host
              + "), so peers need the host to connect to; set the advertised host");
        }
        advertisedHost = host;
      }
      int length = secret == null ? 0 : secret.length;
      if (length < ProtocolSetting.SECRET.min() || length > ProtocolSetting.SECRET.max()) {
        throw new IllegalArgumentException("the transactor secret has " + length + " bytes; expected "
            + ProtocolSetting.SECRET.min() + " to " + ProtocolSetting.SECRET.max() + " bytes");
      }
      if (heartbeat == null || heartbeat.toMillis() < MIN_HEARTBEAT_MILLIS) {
        throw new IllegalArgumentException("heartbeat " + heartbeat + "; expected at least " + MIN_HEARTBEAT_MILLIS
            + " ms");
      }
    }
  }

  private final KeyValueStore kv;
  private final SegmentCache cache;
  private final TransactorConfig config;
  private final Settings settings;
  private final String name;
  private final UUID id = UUID.randomUUID();
  private final ScheduledExecutorService clock;
  /** Keeps the standby's copy of the database current (a thread of its own: the lease's clock never waits on storage reads). */
  private final ScheduledExecutorService follower;
  private final ExecutorService handlers;
  private final CountDownLatch firstActive = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final PeerRequestHandler requests;
  private final NoveltyBroadcaster broadcaster;

  private final LeaseKeeper keeper;
  private volatile boolean closed;
  private volatile Transactor transactor;
  /** What this server has read of the database while standby; null while it serves. */
  private volatile Transactor.Standby standby;
  private volatile ProtocolServer server;
  private volatile int servingPort;
  private volatile RuntimeException failure;

  private TransactorServer(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Settings settings) {
    this.kv = kv;
    this.cache = cache;
    this.config = config;
    this.settings = settings;
    this.name = "transactor " + id.toString().substring(0, 8) + " of " + config.database();
    this.clock = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "datolite-lease " + config.database()));
    this.follower = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "datolite-standby " + config.database()));
    this.standby = new Transactor.Standby(kv, cache, config);
    this.handlers = Executors.newFixedThreadPool(REQUEST_THREADS, r -> thread(r, "datolite-requests " + config.database()));
    this.requests = new PeerRequestHandler(name, this::activeTransactor, handlers);
    this.broadcaster = new NoveltyBroadcaster(this::peers, requests::committedUpTo);
    this.keeper = new LeaseKeeper(kv, config.keyPrefix(), id, name, settings.advertisedHost(), settings.heartbeat(),
        System::nanoTime, new LeaseKeeper.Server() {
          @Override
          public void activate(long epoch) {
            handlers.execute(() -> TransactorServer.this.activate(epoch));
          }

          @Override
          public TransactorException transactorFailure() {
            Transactor t = transactor;
            return t == null ? null : t.failure();
          }

          @Override
          public int servingPort() {
            return servingPort;
          }

          @Override
          public void published() {
            firstActive.countDown();
          }

          @Override
          public void stopServing() {
            TransactorServer.this.stopServing();
          }
        });
  }

  private static Thread thread(Runnable r, String threadName) {
    Thread t = new Thread(r, threadName);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts as a standby; it becomes active when it gets the lease.
   *
   * @throws ProtocolException ({@link ProtocolErrorCode#CONNECT_FAILED}) if the port is taken
   */
  public static TransactorServer start(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Settings settings) {
    checkPortFree(settings);
    TransactorServer s = new TransactorServer(kv, cache, config, settings);
    long period = LeaseKeeper.renewalPeriodMillis(settings.heartbeat());
    s.clock.scheduleWithFixedDelay(s.keeper::tick, 0, period, TimeUnit.MILLISECONDS);
    s.follower.scheduleWithFixedDelay(s::follow, 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    return s;
  }

  /**
   * Binds and releases the port, so that a port that is taken fails the start rather than every
   * activation (port 0 is always free).
   */
  private static void checkPortFree(Settings settings) {
    if (settings.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(settings.host(), settings.port()));
    } catch (IOException e) {
      throw new ProtocolException(ProtocolErrorCode.CONNECT_FAILED, "the transactor cannot listen on "
          + settings.host() + ":" + settings.port() + ": " + e.getMessage()
          + "; expected a free port (is another process using it?), or 0 for any free port", e);
    }
  }

  /** Waits until this server is active and its endpoint published. @return false if the timeout passed first */
  public boolean awaitActive(Duration timeout) throws InterruptedException {
    return firstActive.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && keeper.isActive();
  }

  public boolean isActive() {
    return keeper.isActive();
  }

  /** The transactor while active, else null. */
  public Transactor transactor() {
    return keeper.isActive() ? transactor : null;
  }

  /** The transactor while active, else null, as a request finds it. */
  private Transactor activeTransactor() {
    Transactor t = transactor;
    return t == null || !keeper.isActive() ? null : t;
  }

  /** The bound address while active, else null. */
  public InetSocketAddress localAddress() {
    ProtocolServer s = server;
    return keeper.isActive() && s != null ? s.localAddress() : null;
  }

  /**
   * Why this server stopped by itself (it could not bind its port when it became active), or
   * null while it runs or if it was {@link #close()}d.
   */
  public RuntimeException failure() {
    return failure;
  }

  /** Waits until this server has stopped: closed, or stopped by itself ({@link #failure()}). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** As {@link #awaitStopped()}. @return false if the timeout passed first */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  // ---- serving ----------------------------------------------------------------------------------

  /**
   * A standby reads what the active transactor wrote since the last heartbeat (a new root, the log
   * after what it has), so that taking over reads only the last blocks.
   */
  private void follow() {
    Transactor.Standby s = standby;
    if (s == null || closed) {
      return;
    }
    try {
      s.follow();
    } catch (RuntimeException e) {
      // storage may be slow or briefly unreachable: the next heartbeat reads again, and a takeover reads it all
      LOG.debug("{}: as standby, could not read the database's latest log: {}", name, e.toString());
    }
  }

  private void activate(long epoch) {
    Transactor.Standby warm = standby;
    standby = null; // the transactor takes over what it has read
    try {
      Transactor t = Transactor.open(kv, cache, config, keeper.fence(), warm);
      if (!keeper.isActive() || closed) {
        t.close(); // the lease was lost while recovering
        standby = new Transactor.Standby(kv, cache, config);
        return;
      }
      transactor = t;
      t.await(t.claim());
      t.addListener(broadcaster);
      ProtocolServer s;
      try {
        s = ProtocolServer.start(ServerConfig.builder(settings.secret())
            .host(settings.host()).port(settings.port()).serverId(name)
            .sslContext(settings.ssl())
            .minimumVersion(PeerProtocol.LOG_FORMAT_2_VERSION, PeerProtocol.LOG_FORMAT_2_REASON)
            .build(), requests::handle);
      } catch (ProtocolException e) {
        // Not worth retrying: it would fail again at every takeover. Another standby takes over.
        LOG.error("{}: cannot serve as the active transactor, so it releases the lease and stops: {}", name,
            e.getMessage());
        failure = e;
        close();
        return;
      }
      server = s;
      servingPort = s.localAddress().getPort();
      LOG.info("{}: active at {} (epoch {}), database at t {}", name, s.localAddress(), epoch, t.basisT());
    } catch (RuntimeException e) {
      LOG.error("{}: could not become active; giving up the lease", name, e);
      standby = new Transactor.Standby(kv, cache, config);
      if (closed) {
        return;
      }
      clock.execute(() -> keeper.activationFailed(epoch));
    }
  }

  /**
   * Collects the database's storage garbage ({@link StorageGc}) while this server is active,
   * every half of {@code olderThan} (at least every minute): the cutoff is {@code olderThan} ago,
   * which must exceed the longest index job (an index job running during a collection must have
   * started after its cutoff).
   */
  public void collectGarbageEvery(Duration olderThan) {
    long period = Math.max(Duration.ofMinutes(1).toMillis(), olderThan.toMillis() / 2);
    follower.scheduleWithFixedDelay(() -> {
      if (!isActive() || closed) {
        return;
      }
      try {
        StorageGc.collect(kv, config.keyPrefix(), Instant.now().minus(olderThan));
      } catch (RuntimeException e) {
        LOG.warn("{}: garbage collection failed (the next one finishes it): {}", name, e.toString());
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  /** Stops serving: the wire server, the transactor, the waiting SYNC requests. */
  private void stopServing() {
    servingPort = 0;
    standby = new Transactor.Standby(kv, cache, config); // a standby again, should the lease come back
    ProtocolServer s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    Transactor t = transactor;
    transactor = null;
    if (t != null) {
      t.close();
    }
    requests.failSyncWaiters();
  }

  /** For tests: splits NOVELTY pushes above {@code bytes}. */
  void pushSplitBytes(int bytes) {
    broadcaster.splitBytes(bytes);
  }

  /** The peers of the wire server while one is bound, else null. */
  private NoveltyBroadcaster.Peers peers() {
    ProtocolServer s = server;
    return s == null ? null : s::broadcast;
  }

  // ---- tests and shutdown --------------------------------------------------------------------------

  /**
   * Stops renewing the lease and answering without telling anyone, as a paused process would
   * (for failover tests); {@link #resume()} continues as the paused process would on waking.
   */
  void pause() {
    keeper.pause();
  }

  void resume() {
    keeper.resume();
  }

  /** Stops serving without releasing the lease, as a crashed process would (for tests). */
  void crash() {
    closed = true;
    keeper.close();
    clock.shutdownNow();
    follower.shutdownNow();
    keeper.stepDown();
    handlers.shutdownNow();
    stopped.countDown();
  }

  /** Stops serving and releases the lease so that a standby takes over at once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    keeper.close();
    clock.shutdown();
    try {
      clock.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    follower.shutdownNow();
    keeper.stop();
    handlers.shutdownNow();
    LOG.info("{}: stopped", name);
    stopped.countDown();
  }
}

package org.datolite.transactor.remote;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.protocol.ClientConfig;
import org.datolite.transactor.protocol.ProtocolClient;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.value.Uuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's half of the transactor protocol: submits transactions, waits for a basis, asks
 * whether a transaction committed, and hears every commit and index job.
 *
 * <p>The transactor is found through storage: its endpoint is in the {@link Lease}, read again
 * before every connection attempt, so after a failover the client reconnects to the new
 * transactor by itself. A transaction whose connection drops after it was sent fails with
 * {@link TransactorException.Code#UNKNOWN_OUTCOME}; {@link #committedT(UUID)} then says whether
 * it committed, by the UUID it was sent with. The timeout of every request is
 * {@link #DEFAULT_TIMEOUT} (10 s) unless {@code connect} is given another.
 */
public final class TransactorClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactorClient.class);

  /** The request timeout of {@link #connect(KeyValueStore, String, byte[], SslContext, Listener)}: 10 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** What a peer hears from the transactor, in commit order, on one thread. */
  public interface Listener {
    /** Transactions just committed; their datoms are decoded when first read ({@link org.datolite.storage.log.DeferredDatoms}). */
    default void novelty(List<CommittedTx> txs) {}

    /** The persisted trees now include every transaction up to {@code roots.basisT()}. */
    default void indexed(IndexRoots roots) {}

    /** The connection changed (connected, lost, reconnecting). */
    default void connection(String state) {}
  }

  private final ProtocolClient client;
  private final Duration timeout;
  private final String database;

  private TransactorClient(ProtocolClient client, Duration timeout, String database) {
    this.client = client;
    this.timeout = timeout;
    this.database = database;
  }

  /**
   * Connects (in the background, retrying) to the transactor of {@code database} that storage
   * names, with the {@link #DEFAULT_TIMEOUT} of 10 s for every request.
   *
   * @param keyPrefix the database's key prefix ({@code database + "/"})
   * @param secret the shared secret
   * @param ssl TLS trust settings, or null for plain TCP
   */
  public static TransactorClient connect(KeyValueStore kv, String keyPrefix, byte[] secret, SslContext ssl,
      Listener listener) {
    return connect(kv, keyPrefix, secret, ssl, DEFAULT_TIMEOUT, listener);
  }

  /**
   * Connects (in the background, retrying) to the transactor of {@code database} that storage
   * names.
   *
   * @param keyPrefix the database's key prefix ({@code database + "/"})
   * @param secret the shared secret
   * @param ssl TLS trust settings, or null for plain TCP
   * @param timeout how long every request waits for its answer ({@link #await} waits 1 s more)
   */
  public static TransactorClient connect(KeyValueStore kv, String keyPrefix, byte[] secret, SslContext ssl,
      Duration timeout, Listener listener) {
    return connect(kv, keyPrefix, secret, ssl, new Timing(timeout, null, null, null, null), listener);
  }

  /**
   * How a client times its requests and watches its connection: the request timeout, the
   * keepalive (a PING after {@code pingInterval} without writing; the connection is given up
   * after {@code idleTimeout} without reading: a dead or stalled transactor; a connection attempt
   * gets as long for its TCP connect and for its handshake), and the reconnect
   * delays (the backoff against one endpoint, and the interval at which the lease is read again
   * meanwhile, so that a new active transactor is reached at once). A null keeps the protocol's
   * default (ping 5 s, idle 30 s, reconnect 100 ms to 5 s).
   */
  public record Timing(Duration requestTimeout, Duration pingInterval, Duration idleTimeout,
      Duration reconnectMinDelay, Duration reconnectMaxDelay) {}

  /**
   * Connects (in the background, retrying) to the transactor of {@code database} that storage
   * names, timed as {@code timing} says.
   */
  public static TransactorClient connect(KeyValueStore kv, String keyPrefix, byte[] secret, SslContext ssl,
      Timing timing, Listener listener) {
    Duration timeout = timing.requestTimeout() == null ? DEFAULT_TIMEOUT : timing.requestTimeout();
    ClientConfig.Builder builder = ClientConfig.builder(() -> endpoint(kv, keyPrefix), secret)
        .clientName("datolite-peer")
        .requestTimeout(timeout);
    if (timing.pingInterval() != null) {
      builder.pingInterval(timing.pingInterval());
    }
    if (timing.idleTimeout() != null) {
      // A server that says nothing for this long is gone or stalled, during the handshake too: a
      // stopped process's kernel still accepts the connection, and the lease may name it a moment
      // longer. Giving up after the idle timeout sends the client back to the lease.
      builder.idleTimeout(timing.idleTimeout()).connectTimeout(timing.idleTimeout())
          .handshakeTimeout(timing.idleTimeout());
    }
    if (timing.reconnectMinDelay() != null && timing.reconnectMaxDelay() != null) {
      builder.reconnectDelay(timing.reconnectMinDelay(), timing.reconnectMaxDelay());
    }
    ClientConfig config = builder
        .sslContext(ssl)
        .pushListener((type, body) -> {
          if (type == PeerProtocol.NOVELTY) {
            listener.novelty(LogBlock.decodeDeferred(body, "NOVELTY push")); // datoms decoded when first read
          } else if (type == PeerProtocol.INDEXED) {
            listener.indexed(IndexRoots.decode(body, "INDEXED push"));
          }
        })
        .connectionListener(event -> listener.connection(String.valueOf(event)))
        .build();
    return new TransactorClient(ProtocolClient.connect(config), timeout, keyPrefix);
  }

  /**
   * The heartbeat of the transactor that holds (or last held) the lease of a database, or null if
   * none has served it or it released the lease: a peer watches its connection on that clock.
   */
  public static Duration heartbeat(KeyValueStore kv, String keyPrefix) {
    KeyValueStore.Versioned v = Lease.read(kv, keyPrefix);
    if (v == null) {
      return null;
    }
    long millis = Lease.decode(v.value(), Lease.key(keyPrefix)).heartbeatMillis();
    return millis > 0 ? Duration.ofMillis(millis) : null;
  }

  /** The endpoint the lease publishes; fails (and the client retries) if there is none yet. */
  static InetSocketAddress endpoint(KeyValueStore kv, String keyPrefix) {
    KeyValueStore.Versioned v = Lease.read(kv, keyPrefix);
    if (v == null) {
      throw new IllegalStateException("no transactor has ever served " + keyPrefix + " in " + kv.describe());
    }
    Lease lease = Lease.decode(v.value(), Lease.key(keyPrefix));
    if (lease.port() == 0) {
      throw new IllegalStateException("the transactor of " + keyPrefix + " in " + kv.describe()
          + " has not published its endpoint yet");
    }
    return new InetSocketAddress(lease.host(), lease.port());
  }

  /** How long every request waits for its answer. */
  public Duration timeout() {
    return timeout;
  }

  /** Waits until connected; false if the timeout passed first. */
  public boolean awaitConnected(Duration wait) {
    try {
      client.awaitConnected(wait);
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  /**
   * As {@link #awaitConnected}, but an attempt the transactor refuses ends the wait at once.
   *
   * @throws ProtocolException {@link ProtocolErrorCode#AUTHENTICATION_FAILED} if an attempt
   *     failed authentication (the secret is wrong), {@link ProtocolErrorCode#UNSUPPORTED_VERSION}
   *     if the transactor refused this build's protocol versions: waiting would not help
   */
  public boolean awaitConnectedOrRefused(Duration wait) {
    try {
      client.awaitConnectedOrRefused(wait);
      return true;
    } catch (ProtocolException e) {
      if (e.code().isRefusal()) {
        throw e;
      }
      return false;
    }
  }

  /** Submits EDN transaction data under a client-chosen UUID. */
  public CompletableFuture<PeerProtocol.TxOutcome> transactAsync(String edn, UUID txUuid) {
    return submit(edn, txUuid);
  }

  /**
   * Submits transaction data as forms ({@link org.datolite.edn.Edn#read}'s objects) under a
   * client-chosen UUID: sent in binary to a transactor that speaks protocol 2, as EDN text to one
   * that speaks only 1. The outcome's {@code txData} is null under protocol 2.
   *
   * @throws IllegalArgumentException naming a part of the forms that has no EDN form; nothing is sent
   */
  public CompletableFuture<PeerProtocol.TxOutcome> transactAsync(List<?> forms, UUID txUuid) {
    return submit(forms, txUuid);
  }

  private CompletableFuture<PeerProtocol.TxOutcome> submit(Object data, UUID txUuid) {
    int[] version = new int[1];
    return client.request(PeerProtocol.TRANSACT, transactBody(txUuid, data, version), timeout).handle((body, error) -> {
      if (error != null) {
        throw translate(error, txUuid);
      }
      return PeerProtocol.transactOutcome(version[0], body, txUuid);
    });
  }

  /**
   * The TRANSACT body for the version of the connection it goes on, which it keeps in {@code
   * version[0]} for reading the answer (set before the request is sent, so before the answer).
   */
  private static IntFunction<byte[]> transactBody(UUID txUuid, Object data, int[] version) {
    return v -> {
      version[0] = v;
      return PeerProtocol.transactRequest(v, txUuid, data);
    };
  }

  /** Submits EDN transaction data and waits for the outcome. */
  public PeerProtocol.TxOutcome transact(String edn) {
    return transact(edn, Uuids.random());
  }

  /**
   * Submits EDN transaction data under a client-chosen id and waits for the outcome, on this
   * thread (cheaper than waiting for {@link #transactAsync}: the answer wakes it directly).
   */
  public PeerProtocol.TxOutcome transact(String edn, UUID txUuid) {
    int[] version = new int[1];
    byte[] body;
    try {
      body = client.call(PeerProtocol.TRANSACT, transactBody(txUuid, edn, version), timeout);
    } catch (RuntimeException e) {
      throw translate(e, txUuid);
    }
    return PeerProtocol.transactOutcome(version[0], body, txUuid);
  }

  /** Waits until the transactor's basis is at least {@code t}; returns the basis. */
  public long sync(long t) {
    return await(client.request(PeerProtocol.SYNC, PeerProtocol.longBody(t), timeout)
        .handle((body, error) -> {
          if (error != null) {
            throw translate(error, null);
          }
          return PeerProtocol.readLong(body);
        }));
  }

  /** The basis t of the committed transaction sent with {@code txUuid}, or null if none committed. */
  public Long committedT(UUID txUuid) {
    long t = await(client.request(PeerProtocol.TX_STATUS, PeerProtocol.uuidBody(txUuid), timeout)
        .handle((body, error) -> {
          if (error != null) {
            throw translate(error, null);
          }
          return PeerProtocol.readLong(body);
        }));
    return t < 0 ? null : t;
  }

  /** Waits for a submitted transaction (or any request future of this client), at most the timeout. */
  public <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new TransactorException(TransactorException.Code.TIMEOUT, "no answer from the transactor of "
          + database + " within " + timeout.toMillis() + " ms", false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactorException(TransactorException.Code.TIMEOUT, "interrupted", false, e);
    }
  }

  /** The exception a caller gets for a failed request. */
  static RuntimeException translate(Throwable error, UUID txUuid) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (!(cause instanceof ProtocolException p)) {
      return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
    String look = txUuid == null ? "" : "; ask committedT(" + txUuid + ") whether it committed";
    ProtocolErrorCode code = p.code();
    if (code == ProtocolErrorCode.REQUEST_FAILED) {
      return PeerProtocol.fromFailure(p);
    }
    if (code == ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN || code == ProtocolErrorCode.SESSION_DROPPED) {
      return new TransactorException(TransactorException.Code.UNKNOWN_OUTCOME, p.reason() + look, false, p);
    }
    if (code == ProtocolErrorCode.TIMEOUT) {
      return new TransactorException(TransactorException.Code.TIMEOUT, p.reason() + look, false, p);
    }
    if (code == ProtocolErrorCode.NOT_CONNECTED || code == ProtocolErrorCode.CONNECT_FAILED
        || code == ProtocolErrorCode.CLOSED || code == ProtocolErrorCode.SERVER_SHUTTING_DOWN) {
      // Not sent, or (a server stepping down) not carried out: retrying is safe.
      return new TransactorException(TransactorException.Code.UNAVAILABLE, p.reason(), true, p);
    }
    LOG.debug("transactor request failed: {}", p.getMessage());
    return p;
  }

  @Override
  public void close() {
    client.close();
  }
}

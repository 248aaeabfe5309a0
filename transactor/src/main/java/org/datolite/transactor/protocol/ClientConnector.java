package org.datolite.transactor.protocol;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconnect loop of a {@link ProtocolClient}, and the client's connection state. Every method
 * but the getters runs on the client's event thread, one step at a time:
 *
 * <pre>
 * attempt: CONNECTING → ask the endpoint supplier → connect → handshake
 *            ├─ WELCOME → connected: CONNECTED, until the channel closes → disconnected
 *            └─ failure → retryLater
 * disconnected, retryLater: DISCONNECTED(cause) → wait (backoff with jitter) → attempt
 *   while waiting: poll every reconnectMinDelay → ask the endpoint supplier
 *            └─ another endpoint than the one that failed → attempt at once (its own backoff from zero)
 * </pre>
 *
 * The backoff keeps a client from hammering a server that is down; the polls let it follow a
 * failover without waiting it out: the lease in storage names the new server as soon as a
 * standby takes over, and the client connects to it at the next poll rather than after the
 * backoff it built up against the old one.
 *
 * The supplier runs on the event thread, never on an event loop, because looking the server up
 * may mean reading storage. The getters are read from any thread (volatile fields).
 */
final class ClientConnector {
  private static final Logger log = LoggerFactory.getLogger(ClientConnector.class);

  private final ProtocolClient client;
  private final ClientConfig config;
  private final EventLoopGroup group;
  private final ScheduledExecutorService events;
  private volatile ClientConnection connection;
  private volatile Channel attempt;
  private volatile ConnectionState state = ConnectionState.CONNECTING;
  private volatile ProtocolException lastFailure;
  private volatile CompletableFuture<ServerWelcome> nextConnection = new CompletableFuture<>();
  /** Completed with the next authentication failure: the other side does not know the secret. */
  private volatile CompletableFuture<ProtocolException> nextRefusal = new CompletableFuture<>();
  private int failedAttempts;
  /** The endpoint of the last failed attempt (null: the supplier failed), and when its backoff ends (nanoTime). */
  private InetSocketAddress failedEndpoint;
  private long retryAt;

  ClientConnector(ProtocolClient client, EventLoopGroup group, ScheduledExecutorService events) {
    this.client = client;
    this.config = client.config();
    this.group = group;
    this.events = events;
  }

  /** The established connection, or {@code null}. */
  ClientConnection connection() {
    return connection;
  }

  ConnectionState state() {
    return state;
  }

  /** Why the last attempt failed or the last connection dropped; {@code null} while connected. */
  ProtocolException lastFailure() {
    return lastFailure;
  }

  /** Completes with the next attempt that the server refuses ({@link ProtocolErrorCode#isRefusal}; the last one, if it was). */
  CompletableFuture<ProtocolException> whenRefused() {
    ProtocolException last = lastFailure;
    return last != null && last.code().isRefusal() ? CompletableFuture.completedFuture(last) : nextRefusal;
  }

  CompletableFuture<ServerWelcome> whenConnected() {
    ClientConnection c = connection;
    return c != null ? CompletableFuture.completedFuture(c.welcome()) : nextConnection;
  }

  /** Stops: closes the connection or attempt in progress; returns its channel, if any. */
  Channel close() {
    Channel ch = connection != null ? connection.channel() : attempt;
    connection = null;
    if (ch != null) {
      ch.close();
    }
    nextConnection.completeExceptionally(new ProtocolException(ProtocolErrorCode.CLOSED, client.context() + " was closed"));
    return ch;
  }

  void attempt() {
    if (client.isClosed()) {
      return;
    }
    changeState(ConnectionState.CONNECTING, null, null, null);
    InetSocketAddress endpoint;
    try {
      endpoint = Objects.requireNonNull(config.endpoints().get(), "the endpoint supplier returned null");
    } catch (RuntimeException e) {
      retryLater(null, new ProtocolException(ProtocolErrorCode.CONNECT_FAILED,
          "cannot find the server: the endpoint supplier failed: " + e, e));
      return;
    }
    if (failedEndpoint != null && !endpoint.equals(failedEndpoint)) {
      failedAttempts = 0; // another server: no backoff carried over from the one that failed
    }
    CompletableFuture<ClientConnection> handshake = new CompletableFuture<>();
    ChannelFuture connecting;
    try {
      connecting = bootstrap(endpoint, handshake).connect(endpoint);
    } catch (RuntimeException e) { // the event loop is shutting down: the client is closing
      return;
    }
    attempt = connecting.channel();
    connecting.addListener(f -> {
      if (!f.isSuccess()) {
        handshake.completeExceptionally(new ProtocolException(ProtocolErrorCode.CONNECT_FAILED,
            "cannot connect to " + endpoint + ": " + f.cause().getMessage(), f.cause()));
      }
    });
    handshake.whenComplete((c, error) -> client.onEvents(() -> {
      if (error == null) {
        connected(c);
      } else {
        retryLater(endpoint, error instanceof ProtocolException pe ? pe
            : new ProtocolException(ProtocolErrorCode.CONNECT_FAILED, error.toString(), error));
      }
    }));
  }

  private Bootstrap bootstrap(InetSocketAddress endpoint, CompletableFuture<ClientConnection> handshake) {
    return new Bootstrap()
        .group(group)
        .channel(Transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            // Flushes issued together (the replies and the push of one log block, the requests of
            // several submitters) leave in one write system call: a flush outside a read becomes a
            // task on the event loop, which takes every flush queued before it.
            p.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                true));
            if (config.sslContext() != null) {
              p.addLast("tls", config.sslContext().newHandler(ch.alloc(), endpoint.getHostString(), endpoint.getPort()));
            }
            p.addLast("decoder", new FrameDecoder());
            p.addLast("encoder", FrameEncoder.INSTANCE);
            p.addLast("handshake", new ClientHandshake(client, endpoint, handshake));
            p.addLast("guard", new ConnectionGuard(client.context(), (c, reason) -> { }));
          }
        });
  }

  private void connected(ClientConnection c) {
    attempt = null;
    if (client.isClosed()) {
      c.channel().close();
      return;
    }
    ServerWelcome welcome = c.welcome();
    log.info("{} connected to {} at {} (session {}, protocol version {})", client.context(), welcome.serverId(),
        welcome.endpoint(), welcome.sessionId(), welcome.protocolVersion());
    failedAttempts = 0;
    lastFailure = null;
    connection = c;
    CompletableFuture<ServerWelcome> waiting = nextConnection;
    nextConnection = new CompletableFuture<>();
    changeState(ConnectionState.CONNECTED, welcome.endpoint(), welcome, null);
    waiting.complete(welcome);
    c.channel().closeFuture().addListener(f -> client.onEvents(() -> disconnected(c)));
  }

  private void disconnected(ClientConnection c) {
    if (connection != c) {
      return;
    }
    connection = null;
    ProtocolException reason = c.channel().attr(ConnectionGuard.CLOSE_REASON).get();
    retryLater(c.welcome().endpoint(), reason != null ? reason : new ProtocolException(
        ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN, "the connection to " + c.welcome().endpoint() + " closed"));
  }

  private void retryLater(InetSocketAddress endpoint, ProtocolException cause) {
    attempt = null;
    if (client.isClosed()) {
      return;
    }
    lastFailure = cause;
    if (cause.code().isRefusal()) {
      CompletableFuture<ProtocolException> waiting = nextRefusal;
      nextRefusal = new CompletableFuture<>();
      waiting.complete(cause);
    }
    long delay = backoffMillis(failedAttempts++);
    if (failedAttempts == 1) {
      log.warn("{} not connected: {}; retrying in {} ms and then with backoff", client.context(), cause.getMessage(),
          delay);
    } else {
      log.debug("{} attempt {} failed: {}; retrying in {} ms", client.context(), failedAttempts, cause.getMessage(),
          delay);
    }
    changeState(ConnectionState.DISCONNECTED, endpoint, null, cause);
    failedEndpoint = endpoint;
    retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
    long poll = config.reconnectMinDelay().toMillis();
    schedule(endpoint == null || delay <= poll ? this::attempt : this::poll, Math.min(delay, poll));
  }

  /**
   * While the backoff after a failed endpoint runs: asks the supplier again, and tries another
   * endpoint at once (a failover moved the server); the same one waits out its backoff.
   */
  private void poll() {
    if (client.isClosed()) {
      return;
    }
    long remaining = retryAt - System.nanoTime();
    if (remaining <= 0) {
      attempt();
      return;
    }
    InetSocketAddress endpoint;
    try {
      endpoint = config.endpoints().get();
    } catch (RuntimeException e) {
      endpoint = null; // no answer now: the backoff's attempt will report it
    }
    if (endpoint != null && !endpoint.equals(failedEndpoint)) {
      log.info("{} the server moved from {} to {}: connecting now", client.context(), failedEndpoint, endpoint);
      failedAttempts = 0;
      attempt();
      return;
    }
    long poll = TimeUnit.MILLISECONDS.toNanos(config.reconnectMinDelay().toMillis());
    schedule(remaining <= poll ? this::attempt : this::poll, TimeUnit.NANOSECONDS.toMillis(Math.min(remaining, poll)));
  }

  private void schedule(Runnable step, long delayMillis) {
    try {
      events.schedule(step, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Exponential backoff from the minimum delay, capped, with "equal jitter" (half fixed, half random). */
  private long backoffMillis(int attempts) {
    long min = config.reconnectMinDelay().toMillis();
    long max = config.reconnectMaxDelay().toMillis();
    long base = Math.min(max, min << Math.min(attempts, 20));
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  void changeState(ConnectionState next, InetSocketAddress endpoint, ServerWelcome welcome, ProtocolException cause) {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    state = next;
    try {
      config.connectionListener().stateChanged(new ConnectionListener.Event(next, endpoint, welcome, cause));
    } catch (RuntimeException e) {
      log.warn("{} connection listener failed on {}", client.context(), next, e);
    }
  }

  /** For a close that could not reach the event thread. */
  void markClosed() {
    state = ConnectionState.CLOSED;
  }
}

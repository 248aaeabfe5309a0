package org.datolite.transactor.protocol;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's end of the protocol: one connection to the server at a time, kept up by reconnecting.
 *
 * <h2>Design</h2>
 * <p>Three kinds of thread, so that no user code runs on a Netty event loop:
 * <ul>
 *   <li>one <b>I/O</b> event loop owns the channel: framing, handshake ({@link ClientHandshake}),
 *       matching answers to requests ({@link ClientConnection});
 *   <li>one <b>event thread</b> runs the reconnect loop ({@link ClientConnector}; it calls the
 *       endpoint supplier, which may read storage) and delivers pushes and state changes to the listeners, one at a time, in
 *       the order they happened;
 *   <li>a <b>callback executor</b> completes request futures, so that a push listener may wait for
 *       a request's answer without deadlock.
 * </ul>
 *
 * <p>Reconnecting: after a failed attempt or a dropped connection the client waits (exponential
 * backoff from {@code reconnectMinDelay} to {@code reconnectMaxDelay}, with jitter so that peers
 * do not reconnect in step), asks the endpoint supplier again (the transactor may have failed
 * over to another host or port) and connects. Pushes sent while disconnected are lost; the
 * {@link ConnectionListener} is told, so the application can catch up.
 *
 * <p>Requests: sent only while connected; otherwise they fail at once with
 * {@link ProtocolErrorCode#NOT_CONNECTED} (nothing was sent, so retrying is safe). Once sent,
 * a request whose connection drops fails with {@link ProtocolErrorCode#CONNECTION_LOST_OUTCOME_UNKNOWN},
 * and one without an answer in time with {@link ProtocolErrorCode#TIMEOUT}: in both cases the
 * server may have carried it out, and the application must find out (a peer checks the log for
 * its transaction) before retrying anything that is not idempotent.
 */
public final class ProtocolClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProtocolClient.class);

  private final ClientConfig config;
  private final String context;
  private final EventLoopGroup group;
  private final ScheduledThreadPoolExecutor events;
  private final ExecutorService ownCallbacks;
  private final Executor callbacks;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ClientConnector connector;

  private ProtocolClient(ClientConfig config) {
    this.config = config;
    this.context = "[client " + config.clientName() + "]";
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("datolite-client-io", true),
        Transport.ioHandlerFactory());
    this.events = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("datolite-client-events", true));
    events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.ownCallbacks = config.callbackExecutor() == null
        ? Executors.newCachedThreadPool(new DefaultThreadFactory("datolite-client-callback", true))
        : null;
    this.callbacks = ownCallbacks != null ? ownCallbacks : config.callbackExecutor();
    this.connector = new ClientConnector(this, group, events);
  }

  /** Creates a client and starts connecting in the background; see {@link #awaitConnected}. */
  public static ProtocolClient connect(ClientConfig config) {
    ProtocolClient client = new ProtocolClient(config);
    log.debug("{} starting with {}", client.context, config);
    client.events.execute(client.connector::attempt);
    return client;
  }

  /** Sends a request with the configured {@code requestTimeout}. */
  public CompletableFuture<byte[]> request(int type, byte[] body) {
    return request(type, body, config.requestTimeout());
  }

  /**
   * Sends a request; the future completes with the response body, or fails with a
   * {@link ProtocolException} (class comment for which code means what). Never blocks.
   *
   * @param type 0..65535, meaningful to the application
   * @param timeout how long to wait for the answer, positive
   */
  public CompletableFuture<byte[]> request(int type, byte[] body, Duration timeout) {
    return send(type, body, timeout, false);
  }

  /**
   * Sends a request and waits for its answer on the calling thread, which the event loop wakes
   * directly (one thread hop fewer than a future completed on the callback executor).
   *
   * @throws ProtocolException as {@link #request} would fail its future; {@code TIMEOUT} also if
   *     interrupted
   */
  public byte[] call(int type, byte[] body, Duration timeout) {
    return await(type, send(type, body, timeout, true), timeout);
  }

  private static byte[] await(int type, CompletableFuture<byte[]> answer, Duration timeout) {
    try {
      // The request's own timeout settles the future; the margin only guards against a lost timer.
      return answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProtocolException p) {
        throw p;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new ProtocolException(ProtocolErrorCode.TIMEOUT, "no answer to a request of type " + type + " within "
          + timeout.toMillis() + " ms; its outcome is unknown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException(ProtocolErrorCode.TIMEOUT, "interrupted while waiting for a request of type " + type
          + "; its outcome is unknown");
    }
  }

  /**
   * As {@link #request(int, byte[], Duration)}, with the body made for the protocol version of
   * the connection it is sent on ({@link ServerWelcome#protocolVersion}): a request whose layout
   * differs by version cannot be sent in one version's layout on a connection that speaks another,
   * even if the client reconnects meanwhile. {@code body} runs on this thread before the request
   * is sent, not at all if there is no connection.
   */
  public CompletableFuture<byte[]> request(int type, IntFunction<byte[]> body, Duration timeout) {
    return send(type, body, timeout, false);
  }

  /** As {@link #call(int, byte[], Duration)}, with the body made as {@link #request(int, IntFunction, Duration)} makes it. */
  public byte[] call(int type, IntFunction<byte[]> body, Duration timeout) {
    return await(type, send(type, body, timeout, true), timeout);
  }

  private CompletableFuture<byte[]> send(int type, byte[] body, Duration timeout, boolean direct) {
    Objects.requireNonNull(body, "body");
    return send(type, version -> body, timeout, direct);
  }

  private CompletableFuture<byte[]> send(int type, IntFunction<byte[]> bodyForVersion, Duration timeout,
      boolean direct) {
    Session.checkType(type);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("request timeout " + timeout + " is not positive");
    }
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ProtocolException(ProtocolErrorCode.CLOSED,
          context + " is closed; the request was not sent"));
    }
    ClientConnection c = connector.connection();
    if (c == null) {
      ProtocolException last = connector.lastFailure();
      return CompletableFuture.failedFuture(new ProtocolException(ProtocolErrorCode.NOT_CONNECTED, context
          + " is not connected (" + connector.state() + (last != null ? ", last error: " + last.getMessage() : "")
          + "); the request was not sent", last));
    }
    try {
      byte[] body = Objects.requireNonNull(bodyForVersion.apply(c.welcome().protocolVersion()), "body");
      return c.send(type, body, timeout, direct);
    } catch (ProtocolException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public ConnectionState state() {
    return connector.state();
  }

  /** What the server said in the current connection's handshake, or {@code null} if not connected. */
  public ServerWelcome welcome() {
    ClientConnection c = connector.connection();
    return c == null ? null : c.welcome();
  }

  /** Completes when the client is next connected (at once if it is); fails if it is closed first. */
  public CompletableFuture<ServerWelcome> whenConnected() {
    return connector.whenConnected();
  }

  /**
   * Waits until connected.
   *
   * @throws ProtocolException {@link ProtocolErrorCode#TIMEOUT} naming the last error if not
   *     connected in time, {@link ProtocolErrorCode#CLOSED} if closed meanwhile
   */
  public ServerWelcome awaitConnected(Duration timeout) {
    return await(whenConnected(), timeout);
  }

  /**
   * As {@link #awaitConnected}, but an attempt the server refuses ends the wait at once with that
   * error ({@link ProtocolErrorCode#isRefusal}: either side does not know the shared secret, or
   * the two builds have no acceptable protocol version), instead of waiting out the timeout while
   * the client keeps retrying.
   */
  public ServerWelcome awaitConnectedOrRefused(Duration timeout) {
    CompletableFuture<ServerWelcome> refused = connector.whenRefused().thenApply(e -> {
      throw e;
    });
    return await(CompletableFuture.anyOf(whenConnected(), refused).thenApply(ServerWelcome.class::cast), timeout);
  }

  private ServerWelcome await(CompletableFuture<ServerWelcome> outcome, Duration timeout) {
    try {
      return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      ProtocolException last = connector.lastFailure();
      throw new ProtocolException(ProtocolErrorCode.TIMEOUT, context + " did not connect within "
          + timeout.toMillis() + " ms (" + connector.state()
          + (last != null ? ", last error: " + last.getMessage() : "") + ")", last);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ProtocolException pe ? pe
          : new ProtocolException(ProtocolErrorCode.CLOSED, context + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException(ProtocolErrorCode.TIMEOUT, context + " interrupted while waiting to connect", e);
    }
  }

  /**
   * Closes the connection and stops reconnecting; requests in flight fail with
   * {@link ProtocolErrorCode#CONNECTION_LOST_OUTCOME_UNKNOWN}, later ones with
   * {@link ProtocolErrorCode#CLOSED}. Idempotent. Waits briefly for the threads to end unless
   * called from one of them (a listener or callback).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean ownThread = group.next().inEventLoop() || Thread.currentThread().getName().startsWith("datolite-client");
    Channel ch = connector.close();
    if (ch != null && !ownThread) {
      ch.closeFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    try {
      events.execute(() -> connector.changeState(ConnectionState.CLOSED, null, null, null));
    } catch (RejectedExecutionException e) {
      connector.markClosed();
    }
    events.shutdown();
    if (ownCallbacks != null) {
      ownCallbacks.shutdown();
    }
    if (!ownThread) {
      group.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
      try {
        events.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.debug("{} closed", context);
  }

  boolean isClosed() {
    return closed.get();
  }

  ClientConfig config() {
    return config;
  }

  String context() {
    return context;
  }

  /** Completes a request future on the callback executor (inline once that has shut down). */
  void complete(CompletableFuture<byte[]> future, byte[] body, ProtocolException error) {
    Runnable task = error == null ? () -> future.complete(body) : () -> future.completeExceptionally(error);
    try {
      callbacks.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Hands a push to the listener on the event thread, in arrival order. */
  void deliverPush(int type, byte[] body) {
    onEvents(() -> {
      try {
        config.pushListener().pushed(type, body);
      } catch (RuntimeException e) {
        log.warn("{} push listener failed on a push of type {}", context, type, e);
      }
    });
  }

  /** Runs {@code task} on the event thread, unless the client is closed. */
  void onEvents(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("{} event dropped: the client is closed", context);
    }
  }
}

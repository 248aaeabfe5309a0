package org.datolite.transactor.protocol;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the protocol tests share: a secret, configurations with short timeouts, an echo handler,
 * a session listener that records everything, and polling with a deadline.
 */
final class ProtocolFixture {
  static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  static final byte[] WRONG_SECRET = "incorrect horse battery staple".getBytes(StandardCharsets.UTF_8);

  /** Type answered with the request body. */
  static final int ECHO = 1;

  private ProtocolFixture() {
  }

  /** A server on an ephemeral loopback port, handshake within 2 s, a short shutdown grace. */
  static ServerConfig.Builder server() {
    return ServerConfig.builder(SECRET).port(0).serverId("test-transactor")
        .handshakeTimeout(Duration.ofSeconds(2)).shutdownGrace(Duration.ofMillis(200));
  }

  /** A client of {@code server}, reconnecting quickly. */
  static ClientConfig.Builder client(ProtocolServer server) {
    InetSocketAddress address = server.localAddress();
    return client(() -> address);
  }

  static ClientConfig.Builder client(Supplier<InetSocketAddress> endpoints) {
    return ClientConfig.builder(endpoints, SECRET).clientName("test-peer")
        .handshakeTimeout(Duration.ofSeconds(2)).reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  static RequestHandler echo() {
    return (session, type, body) -> CompletableFuture.completedFuture(body);
  }

  /** Waits until {@code condition} holds, failing after {@code timeout} with {@code what}. */
  static void await(Duration timeout, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** A session listener that remembers every event. */
  static final class Recorder implements SessionListener {
    final List<Session> opened = new CopyOnWriteArrayList<>();
    final List<Session> closed = new CopyOnWriteArrayList<>();
    final Map<SocketAddress, ProtocolException> rejected = new ConcurrentHashMap<>();

    @Override
    public void sessionOpened(Session session) {
      opened.add(session);
    }

    @Override
    public void sessionClosed(Session session) {
      closed.add(session);
    }

    @Override
    public void connectionRejected(SocketAddress remote, ProtocolException reason) {
      rejected.put(remote, reason);
    }
  }

  /** A connection listener that remembers every event. */
  static final class States implements ConnectionListener {
    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(Event event) {
      events.add(event);
    }

    long count(ConnectionState state) {
      return events.stream().filter(e -> e.state() == state).count();
    }
  }
}

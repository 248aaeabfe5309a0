package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.HandshakeTest.join;
import static org.datolite.transactor.protocol.ProtocolFixture.ECHO;
import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.transactor.protocol.ProtocolFixture.Recorder;
import org.datolite.transactor.protocol.ProtocolFixture.States;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReconnectTest {
  private static final int HANG = 2;

  private static RequestHandler echoOrHang() {
    return (session, type, body) -> type == HANG ? new CompletableFuture<>() : CompletableFuture.completedFuture(body);
  }

  @Test
  void stop_requestsInFlight_failOutcomeUnknown_thenReconnectsToNewAddress() {
    ProtocolServer first = ProtocolServer.start(ProtocolFixture.server().build(), echoOrHang());
    AtomicReference<InetSocketAddress> published = new AtomicReference<>(first.localAddress());
    States states = new States();
    try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(published::get)
        .connectionListener(states).build())) {
      client.awaitConnected(Duration.ofSeconds(5));
      List<CompletableFuture<byte[]>> inFlight = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inFlight.add(client.request(HANG, new byte[] {(byte) i}));
      }
      join(client.request(ECHO, new byte[0])); // the hanging ones have reached the server

      first.stop();
      for (CompletableFuture<byte[]> f : inFlight) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> join(f));
        assertEquals(ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN, e.code());
        assertTrue(e.getMessage().contains("dropped after request") && e.getMessage().contains("its outcome is unknown"),
            e.getMessage());
      }
      await(Duration.ofSeconds(5), "the client to notice", () -> client.state() != ConnectionState.CONNECTED);
      ProtocolException notSent = assertThrows(ProtocolException.class, () -> join(client.request(ECHO, new byte[0])));
      assertEquals(ProtocolErrorCode.NOT_CONNECTED, notSent.code());

      try (ProtocolServer second = ProtocolServer.start(ProtocolFixture.server().build(), echoOrHang())) {
        assertNotEquals(first.localAddress(), second.localAddress());
        published.set(second.localAddress());
        ServerWelcome welcome = client.awaitConnected(Duration.ofSeconds(10));
        assertEquals(second.localAddress(), welcome.endpoint());
        assertArrayEquals(new byte[] {5}, join(client.request(ECHO, new byte[] {5})));
        assertEquals(2, states.count(ConnectionState.CONNECTED));
        ConnectionListener.Event drop = states.events.stream()
            .filter(e -> e.state() == ConnectionState.DISCONNECTED).findFirst().get();
        assertEquals(ProtocolErrorCode.SERVER_SHUTTING_DOWN, drop.cause().code());
      }
    }
  }

  @Test
  void aNewEndpoint_isTriedAtTheNextPoll_notAfterTheBackoffBuiltUpAgainstTheOldOne() throws IOException {
    InetSocketAddress dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()); // closed: refused
    }
    AtomicReference<InetSocketAddress> published = new AtomicReference<>(dead);
    States states = new States();
    try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(published::get)
        .reconnectDelay(Duration.ofMillis(20), Duration.ofSeconds(60))
        .connectionListener(states).build())) {
      // 20, 40, …, 2,560 ms: by the ninth failure the next attempt on the dead address is seconds away
      await(Duration.ofSeconds(20), "failures building up the backoff", () -> states.count(ConnectionState.DISCONNECTED) >= 9);
      try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), echoOrHang())) {
        long t0 = System.nanoTime();
        published.set(server.localAddress()); // a failover: the lease names the new server
        client.awaitConnected(Duration.ofSeconds(10));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        // the backoff alone would have waited at least half of 5,120 ms (equal jitter)
        assertTrue(waited < 2_000, "connected after " + waited + " ms; the next poll comes within 20 ms");
        assertArrayEquals(new byte[] {3}, join(client.request(ECHO, new byte[] {3})));
      }
    }
  }

  @Test
  void endpointSupplierThrows_retriesUntilItAnswers() {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), echoOrHang())) {
      AtomicReference<InetSocketAddress> published = new AtomicReference<>();
      States states = new States();
      try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(() -> {
        InetSocketAddress a = published.get();
        if (a == null) {
          throw new IllegalStateException("no transactor has published its endpoint yet");
        }
        return a;
      }).connectionListener(states).build())) {
        await(Duration.ofSeconds(5), "a failed lookup", () -> states.count(ConnectionState.DISCONNECTED) >= 2);
        ConnectionListener.Event failed = states.events.stream()
            .filter(e -> e.state() == ConnectionState.DISCONNECTED).findFirst().get();
        assertEquals(ProtocolErrorCode.CONNECT_FAILED, failed.cause().code());
        assertTrue(failed.cause().getMessage().contains("no transactor has published"), failed.cause().getMessage());
        published.set(server.localAddress());
        client.awaitConnected(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void idle_silentPeer_closedByServer() throws IOException {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions)
        .pingInterval(Duration.ofMillis(100)).idleTimeout(Duration.ofMillis(300)).build(), echoOrHang());
        RawConnection raw = RawConnection.open(server.localAddress())) {
      raw.handshake(ProtocolFixture.SECRET, "mute");
      // The server pings this peer, which never answers: it is closed for silence.
      Message m;
      do {
        m = raw.read();
      } while (m instanceof Message.Ping);
      Message.Error error = assertInstanceOf(Message.Error.class, m);
      assertEquals(ProtocolErrorCode.IDLE_TIMEOUT, error.code());
      assertTrue(raw.awaitClosed());
      await(Duration.ofSeconds(5), "the rejection", () -> sessions.rejected.containsKey(raw.localAddress()));
    }
  }

  @Test
  void idle_pingsKeepQuietConnectionsAlive() throws InterruptedException {
    ServerConfig.Builder quick = ProtocolFixture.server().pingInterval(Duration.ofMillis(50))
        .idleTimeout(Duration.ofMillis(200));
    try (ProtocolServer server = ProtocolServer.start(quick.build(), echoOrHang());
        ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(server)
            .pingInterval(Duration.ofMillis(50)).idleTimeout(Duration.ofMillis(200)).build())) {
      long session = client.awaitConnected(Duration.ofSeconds(5)).sessionId();
      Thread.sleep(1_000);
      assertEquals(ConnectionState.CONNECTED, client.state());
      assertEquals(session, client.welcome().sessionId());
      assertArrayEquals(new byte[] {1}, join(client.request(ECHO, new byte[] {1})));
    }
  }
}

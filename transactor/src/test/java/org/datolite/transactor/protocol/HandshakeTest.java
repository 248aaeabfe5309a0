package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.ProtocolFixture.SECRET;
import static org.datolite.transactor.protocol.ProtocolFixture.WRONG_SECRET;
import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.datolite.transactor.protocol.ProtocolFixture.Recorder;
import org.datolite.transactor.protocol.ProtocolFixture.States;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HandshakeTest {

  @Test
  void connect_rightSecret_welcomesWithSessionAndServerInfo() {
    Recorder sessions = new Recorder();
    byte[] info = "basis-t=42".getBytes(StandardCharsets.UTF_8);
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().serverInfo(() -> info)
        .sessionListener(sessions).build(), ProtocolFixture.echo());
        ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(server).build())) {
      ServerWelcome welcome = client.awaitConnected(Duration.ofSeconds(5));
      assertEquals("test-transactor", welcome.serverId());
      assertEquals(ProtocolVersion.V3, welcome.protocolVersion(), "the highest both speak");
      assertArrayEquals(info, welcome.serverInfo());
      assertEquals(server.localAddress(), welcome.endpoint());
      assertEquals(ConnectionState.CONNECTED, client.state());
      await(Duration.ofSeconds(5), "the session to open", () -> server.sessionCount() == 1);
      Session session = server.sessions().get(0);
      assertEquals(welcome.sessionId(), session.id());
      assertEquals("test-peer", session.clientName());
      // The listener hears of the session on the event loop, possibly just after it is counted.
      await(Duration.ofSeconds(5), "the session listener", () -> sessions.opened.size() == 1);
    }
  }

  @Test
  void connect_wrongSecret_refusedWithAuthenticationFailed() {
    Recorder sessions = new Recorder();
    States states = new States();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions).build(),
        ProtocolFixture.echo());
        ProtocolClient client = ProtocolClient.connect(ClientConfig.builder(server::localAddress, WRONG_SECRET)
            .connectionListener(states).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200)).build())) {
      await(Duration.ofSeconds(5), "a failed attempt", () -> states.count(ConnectionState.DISCONNECTED) > 0);
      ProtocolException cause = states.events.stream().filter(e -> e.cause() != null).findFirst().get().cause();
      assertEquals(ProtocolErrorCode.AUTHENTICATION_FAILED, cause.code());
      assertEquals("28000", cause.sqlState());
      assertTrue(cause.getMessage().contains("authentication failed"), cause.getMessage());
      assertEquals(0, server.sessionCount());
      await(Duration.ofSeconds(5), "the server to report the rejection", () -> !sessions.rejected.isEmpty());
      assertEquals(ProtocolErrorCode.AUTHENTICATION_FAILED, sessions.rejected.values().iterator().next().code());
      ProtocolException notSent = assertThrows(ProtocolException.class, () -> join(client.request(1, new byte[0])));
      assertEquals(ProtocolErrorCode.NOT_CONNECTED, notSent.code());
    }
  }

  @Test
  void auth_wrongProof_errorFrameThenClose() throws IOException {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), ProtocolFixture.echo());
        RawConnection raw = RawConnection.open(server.localAddress())) {
      byte[] nonce = HandshakeProof.nonce();
      raw.send(new Message.Hello(new int[] {1}, 1 << 20, nonce, "intruder"));
      Message.Challenge challenge = (Message.Challenge) raw.read();
      raw.send(new Message.Auth(HandshakeProof.client(WRONG_SECRET, challenge.version(), nonce, challenge.nonce())));
      Message.Error error = assertInstanceOf(Message.Error.class, raw.read());
      assertEquals(ProtocolErrorCode.AUTHENTICATION_FAILED, error.code());
      assertTrue(error.message().startsWith("authentication failed"), error.message());
      assertTrue(raw.awaitClosed());
    }
  }

  @Test
  void hello_theServerPicksTheHighestVersionBothSpeak_aClientOfVersion1GetsVersion1() throws IOException {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), ProtocolFixture.echo())) {
      int[][] offers = {{1}, {2, 1}, {1, 2, 9}, {3, 1}, {1, 2, 3, 9}};
      int[] chosen = {ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.V2, ProtocolVersion.V3, ProtocolVersion.V3};
      for (int i = 0; i < offers.length; i++) {
        try (RawConnection raw = RawConnection.open(server.localAddress())) {
          raw.send(new Message.Hello(offers[i], 1 << 20, HandshakeProof.nonce(), "peer"));
          Message.Challenge challenge = (Message.Challenge) raw.read();
          assertEquals(chosen[i], challenge.version(), Arrays.toString(offers[i]));
        }
      }
    }
  }

  @Test
  void hello_unsupportedVersion_errorNamesServerVersions() throws IOException {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions).build(),
        ProtocolFixture.echo());
        RawConnection raw = RawConnection.open(server.localAddress())) {
      raw.send(new Message.Hello(new int[] {7, 99}, 1 << 20, HandshakeProof.nonce(), "from-the-future"));
      Message.Error error = assertInstanceOf(Message.Error.class, raw.read());
      assertEquals(ProtocolErrorCode.UNSUPPORTED_VERSION, error.code());
      assertTrue(error.message().contains("[7, 99]") && error.message().contains("this server speaks [1, 2, 3]"),
          error.message());
      assertTrue(raw.awaitClosed());
      await(Duration.ofSeconds(5), "the rejection", () -> sessions.rejected.containsKey(raw.localAddress()));
    }
  }

  /**
   * A server whose data older clients cannot read refuses them at the handshake, saying why and
   * what to do; a client that speaks the minimum is let in, and a client of this build (which
   * offers every version it speaks) connects.
   */
  @Test
  void hello_belowTheServersMinimumVersion_refusedWithTheReason() throws IOException {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions)
        .minimumVersion(ProtocolVersion.V3, "it writes data of a newer format").build(), ProtocolFixture.echo())) {
      try (RawConnection raw = RawConnection.open(server.localAddress())) {
        raw.send(new Message.Hello(new int[] {1, 2}, 1 << 20, HandshakeProof.nonce(), "old-peer"));
        Message.Error error = assertInstanceOf(Message.Error.class, raw.read());
        assertEquals(ProtocolErrorCode.UNSUPPORTED_VERSION, error.code());
        assertEquals("client 'old-peer' offers protocol versions [1, 2]; this server needs version 3 or later"
            + " (it writes data of a newer format): upgrade the client", error.message());
        assertTrue(raw.awaitClosed());
        await(Duration.ofSeconds(5), "the rejection", () -> sessions.rejected.containsKey(raw.localAddress()));
      }
      try (RawConnection raw = RawConnection.open(server.localAddress())) {
        raw.send(new Message.Hello(new int[] {3}, 1 << 20, HandshakeProof.nonce(), "new-peer"));
        assertEquals(ProtocolVersion.V3, assertInstanceOf(Message.Challenge.class, raw.read()).version());
      }
      try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(server).build())) {
        assertEquals(ProtocolVersion.V3, client.awaitConnected(Duration.ofSeconds(5)).protocolVersion());
      }
    }
    ProtocolException bad = assertThrows(ProtocolException.class,
        () -> ProtocolFixture.server().minimumVersion(9, "none").build());
    assertEquals(ProtocolErrorCode.INVALID_CONFIGURATION, bad.code());
    assertTrue(bad.getMessage().contains("protocol setting minimumVersion: 9 is not a version this build speaks"),
        bad.getMessage());
  }

  /**
   * A rolling upgrade: a client of this build offers every version it speaks, so a server of an
   * older build, which speaks only 1 and 2, picks 2 and the client connects under it.
   */
  @Test
  void connect_toAnOlderServer_theClientSpeaksItsHighestVersion() throws Exception {
    try (ServerSocket older = new ServerSocket(0)) {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", older.getLocalPort());
      CompletableFuture<Message.Hello> offered = new CompletableFuture<>();
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveAsVersion2(older, offered));
      try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(() -> address).build())) {
        assertEquals(ProtocolVersion.V2, client.awaitConnected(Duration.ofSeconds(5)).protocolVersion());
        assertArrayEquals(new int[] {1, 2, 3}, offered.get().versions());
      }
      served.get();
    }
  }

  /**
   * A refusal that trying again will not change ends {@code awaitConnectedOrRefused} at once with
   * its code: a server that takes none of the client's versions, as one that knows another secret.
   */
  @Test
  void awaitConnectedOrRefused_endsAtOnceOnARefusal() throws Exception {
    try (ServerSocket newer = new ServerSocket(0)) {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", newer.getLocalPort());
      CompletableFuture.runAsync(() -> refuseVersions(newer));
      try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(() -> address).build())) {
        long start = System.nanoTime();
        ProtocolException e = assertThrows(ProtocolException.class,
            () -> client.awaitConnectedOrRefused(Duration.ofSeconds(20)));
        assertEquals(ProtocolErrorCode.UNSUPPORTED_VERSION, e.code());
        assertTrue(e.getMessage().contains("this server needs version 4 or later"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "ended before the timeout");
      }
    }
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), ProtocolFixture.echo());
        ProtocolClient client = ProtocolClient.connect(ClientConfig.builder(server::localAddress, WRONG_SECRET)
            .build())) {
      assertEquals(ProtocolErrorCode.AUTHENTICATION_FAILED, assertThrows(ProtocolException.class,
          () -> client.awaitConnectedOrRefused(Duration.ofSeconds(20))).code());
    }
  }

  /** Plays a server of a later build that needs version 4: it refuses every HELLO. */
  private static void refuseVersions(ServerSocket newer) {
    for (int i = 0; i < 3; i++) {
      try (Socket s = newer.accept()) {
        s.setSoTimeout(5_000);
        var in = new DataInputStream(s.getInputStream());
        readFrame(in);
        s.getOutputStream().write(RawConnection.frame(new Message.Error(ProtocolErrorCode.UNSUPPORTED_VERSION,
            "client 'test-peer' offers protocol versions [1, 2, 3]; this server needs version 4 or later")));
      } catch (IOException e) {
        return; // the test closed the socket
      }
    }
  }

  /** Plays a server that speaks versions 1 and 2 and knows the secret, until the client closes. */
  private static void serveAsVersion2(ServerSocket older, CompletableFuture<Message.Hello> offered) {
    try (Socket s = older.accept()) {
      s.setSoTimeout(5_000);
      var in = new DataInputStream(s.getInputStream());
      var out = s.getOutputStream();
      Message.Hello hello = (Message.Hello) readFrame(in);
      offered.complete(hello);
      byte[] serverNonce = HandshakeProof.nonce();
      out.write(RawConnection.frame(new Message.Challenge(ProtocolVersion.V2, serverNonce, "older-transactor")));
      assertInstanceOf(Message.Auth.class, readFrame(in));
      out.write(RawConnection.frame(new Message.Welcome(HandshakeProof.server(SECRET, ProtocolVersion.V2, hello.nonce(),
          serverNonce), 1, 1 << 20, new byte[0])));
      while (in.read() >= 0) {
        // pings, until the client closes
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void connect_silentClient_closedAfterHandshakeTimeout() throws IOException {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions)
        .handshakeTimeout(Duration.ofMillis(300)).build(), ProtocolFixture.echo());
        RawConnection raw = RawConnection.open(server.localAddress())) {
      long start = System.nanoTime();
      Message.Error error = assertInstanceOf(Message.Error.class, raw.read());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertEquals(ProtocolErrorCode.TIMEOUT, error.code());
      assertTrue(error.message().contains("no HELLO received"), error.message());
      assertTrue(waited >= 250 && waited < 3_000, "closed after " + waited + " ms");
      assertTrue(raw.awaitClosed());
      await(Duration.ofSeconds(5), "the rejection", () -> sessions.rejected.containsKey(raw.localAddress()));
      assertEquals(ProtocolErrorCode.TIMEOUT, sessions.rejected.get(raw.localAddress()).code());
    }
  }

  @Test
  void request_beforeHandshake_protocolViolation() throws IOException {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), ProtocolFixture.echo());
        RawConnection raw = RawConnection.open(server.localAddress())) {
      raw.send(new Message.Request(1, ProtocolFixture.ECHO, new byte[] {1, 2, 3}));
      Message.Error error = assertInstanceOf(Message.Error.class, raw.read());
      assertEquals(ProtocolErrorCode.PROTOCOL_VIOLATION, error.code());
      assertTrue(raw.awaitClosed());
    }
  }

  /** Mutual authentication: a server that does not know the secret cannot fake its WELCOME. */
  @Test
  void welcome_serverWithoutSecret_clientRefusesIt() throws Exception {
    try (ServerSocket impostor = new ServerSocket(0)) {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", impostor.getLocalPort());
      CompletableFuture<Message> clientSaid = CompletableFuture.supplyAsync(() -> impersonate(impostor));
      States states = new States();
      try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(() -> address)
          .connectionListener(states).build())) {
        Message last = clientSaid.get();
        Message.Error error = assertInstanceOf(Message.Error.class, last);
        assertEquals(ProtocolErrorCode.AUTHENTICATION_FAILED, error.code());
        await(Duration.ofSeconds(5), "the failure", () -> states.count(ConnectionState.DISCONNECTED) > 0);
        assertEquals(ProtocolErrorCode.AUTHENTICATION_FAILED, states.events.stream()
            .filter(e -> e.cause() != null).findFirst().get().cause().code());
        assertNull(client.welcome());
      }
    }
  }

  /** Plays a server that answers with a made-up proof; returns what the client sent last. */
  private static Message impersonate(ServerSocket impostor) {
    try (Socket s = impostor.accept()) {
      s.setSoTimeout(5_000);
      var in = new DataInputStream(s.getInputStream());
      var out = s.getOutputStream();
      readFrame(in);
      out.write(RawConnection.frame(new Message.Challenge(1, HandshakeProof.nonce(), "impostor")));
      readFrame(in);
      out.write(RawConnection.frame(new Message.Welcome(new byte[32], 1, 1 << 20, new byte[0])));
      return readFrame(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Message readFrame(DataInputStream in) throws IOException {
    int length = in.readInt();
    int kind = in.readUnsignedByte();
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return MessageReader.read(MessageKind.of(kind), Unpooled.wrappedBuffer(body));
  }

  @Test
  void config_shortSecret_messageNamesSetting() {
    ProtocolException e = assertThrows(ProtocolException.class, () -> ServerConfig.builder(new byte[8]).build());
    assertEquals(ProtocolErrorCode.INVALID_CONFIGURATION, e.code());
    assertTrue(e.getMessage().contains("protocol setting secret: 8 bytes is out of range; expected 16..1024 bytes"),
        e.getMessage());
  }

  @Test
  void config_idleTimeoutBelowTwicePing_messageNamesBoth() {
    ProtocolException e = assertThrows(ProtocolException.class, () -> ClientConfig.builder(() -> null, SECRET)
        .pingInterval(Duration.ofSeconds(10)).idleTimeout(Duration.ofSeconds(15)).build());
    assertTrue(e.getMessage().contains("idleTimeout: 15000 ms is less than twice pingInterval (10000 ms)"),
        e.getMessage());
  }

  @Test
  void config_toString_masksSecret() {
    String text = ServerConfig.builder(SECRET).build().toString();
    assertTrue(text.contains("secret=<28 bytes, masked>"), text);
    assertTrue(!text.contains("horse"), text);
  }

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }
}

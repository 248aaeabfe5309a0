package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.HandshakeTest.join;
import static org.datolite.transactor.protocol.ProtocolFixture.ECHO;
import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.datolite.transactor.protocol.ProtocolFixture.States;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TlsTest {
  private static final TestCertificates SERVER = TestCertificates.selfSigned("localhost");

  @Test
  void request_overTls_roundTrips() throws IOException {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sslContext(SERVER.serverContext())
        .build(), ProtocolFixture.echo());
        ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(server)
            .sslContext(TestCertificates.clientTrusting(SERVER.certificate)).build())) {
      client.awaitConnected(Duration.ofSeconds(10));
      byte[] body = new byte[1 << 20];
      new Random(2).nextBytes(body);
      assertArrayEquals(body, join(client.request(ECHO, body)));
      assertEquals(1, server.broadcast(3, new byte[] {1}));
    }
  }

  @Test
  void connect_untrustedCertificate_failsTls() throws IOException {
    TestCertificates stranger = TestCertificates.selfSigned("stranger");
    States states = new States();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sslContext(SERVER.serverContext())
        .build(), ProtocolFixture.echo());
        ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(server).connectionListener(states)
            .sslContext(TestCertificates.clientTrusting(stranger.certificate)).build())) {
      await(Duration.ofSeconds(10), "a failed attempt", () -> states.count(ConnectionState.DISCONNECTED) > 0);
      ProtocolException cause = states.events.stream().filter(e -> e.cause() != null).findFirst().get().cause();
      assertEquals(ProtocolErrorCode.CONNECT_FAILED, cause.code());
      assertTrue(cause.getMessage().contains("TLS"), cause.getMessage());
      assertEquals(0, server.sessionCount());
    }
  }

  @Test
  void connect_plainClientToTlsServer_rejectedNotHung() throws IOException {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sslContext(SERVER.serverContext())
        .build(), ProtocolFixture.echo());
        RawConnection raw = RawConnection.open(server.localAddress())) {
      raw.send(new Message.Hello(new int[] {1}, 1 << 20, HandshakeProof.nonce(), "plain"));
      assertTrue(raw.awaitClosed());
    }
  }
}

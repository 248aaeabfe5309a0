package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.HandshakeTest.join;
import static org.datolite.transactor.protocol.ProtocolFixture.ECHO;
import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProtocolServerTest {
  private static final int HOLD = 2;

  @Test
  void start_portInUse_connectFailedNamesAddress() {
    try (ProtocolServer first = ProtocolServer.start(ProtocolFixture.server().build(), ProtocolFixture.echo())) {
      int port = first.localAddress().getPort();
      ProtocolException e = assertThrows(ProtocolException.class,
          () -> ProtocolServer.start(ProtocolFixture.server().port(port).build(), ProtocolFixture.echo()));
      assertEquals(ProtocolErrorCode.CONNECT_FAILED, e.code());
      assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + port), e.getMessage());
    }
  }

  @Test
  void stop_twice_isQuiet() {
    ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), ProtocolFixture.echo());
    server.stop();
    server.stop();
    assertEquals(0, server.sessionCount());
  }

  /** A graceful stop lets a request in flight finish and refuses new ones meanwhile. */
  @Test
  void stop_withinGrace_finishesInFlightAndRefusesNew() throws Exception {
    CompletableFuture<byte[]> held = new CompletableFuture<>();
    ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().shutdownGrace(Duration.ofSeconds(5)).build(),
        (session, type, body) -> type == HOLD ? held : CompletableFuture.completedFuture(body));
    try (ProtocolClient client = ProtocolClient.connect(ProtocolFixture.client(server).build())) {
      client.awaitConnected(Duration.ofSeconds(5));
      CompletableFuture<byte[]> inFlight = client.request(HOLD, new byte[0]);
      join(client.request(ECHO, new byte[0])); // the held request has arrived
      AtomicReference<Throwable> stopFailed = new AtomicReference<>();
      Thread stopper = new Thread(() -> {
        try {
          server.stop();
        } catch (Throwable t) {
          stopFailed.set(t);
        }
      });
      stopper.start();
      await(Duration.ofSeconds(5), "the server to refuse new requests", () -> {
        try {
          join(client.request(ECHO, new byte[0]));
          return false;
        } catch (ProtocolException e) {
          assertEquals(ProtocolErrorCode.SERVER_SHUTTING_DOWN, e.code());
          assertEquals("57P01", e.sqlState());
          return true;
        }
      });
      held.complete(new byte[] {42});
      assertArrayEquals(new byte[] {42}, join(inFlight));
      stopper.join(10_000);
      assertEquals(null, stopFailed.get());
    }
  }
}

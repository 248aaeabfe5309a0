package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.datolite.transactor.protocol.ProtocolFixture.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PushTest {
  private static final int NOVELTY = 10;

  /** Collects pushes with the thread they arrived on. */
  static final class Inbox implements PushListener {
    final List<Long> values = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void pushed(int type, byte[] body) {
      assertEquals(NOVELTY, type);
      values.add(ByteBuffer.wrap(body).getLong());
      threads.add(Thread.currentThread().getName());
    }
  }

  @Test
  void broadcast_threeClients_eachReceivesEveryPushInOrder() {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions).build(),
        ProtocolFixture.echo())) {
      List<Inbox> inboxes = new ArrayList<>();
      List<ProtocolClient> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Inbox inbox = new Inbox();
        inboxes.add(inbox);
        clients.add(ProtocolClient.connect(ProtocolFixture.client(server).clientName("peer-" + i)
            .pushListener(inbox).build()));
      }
      clients.forEach(c -> c.awaitConnected(Duration.ofSeconds(5)));
      await(Duration.ofSeconds(5), "three sessions", () -> server.sessionCount() == 3);
      assertEquals(3, sessions.opened.size());
      for (long t = 1; t <= 1000; t++) {
        assertEquals(3, server.broadcast(NOVELTY, ByteBuffer.allocate(8).putLong(t).array()));
      }
      for (Inbox inbox : inboxes) {
        await(Duration.ofSeconds(10), "1000 pushes", () -> inbox.values.size() == 1000);
        for (int i = 0; i < 1000; i++) {
          assertEquals(i + 1, inbox.values.get(i));
        }
        assertTrue(inbox.threads.stream().allMatch(n -> n.startsWith("datolite-client-events")), inbox.threads.get(0));
      }
      clients.forEach(ProtocolClient::close);
      await(Duration.ofSeconds(5), "sessions to close", () -> server.sessionCount() == 0 && sessions.closed.size() == 3);
    }
  }

  @Test
  void push_toOneSession_onlyItsClientReceives() {
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().build(), (session, type, body) -> {
      session.push(NOVELTY, body); // a handler may push to the session that asked
      return CompletableFuture.completedFuture(new byte[0]);
    })) {
      Inbox asker = new Inbox();
      Inbox bystander = new Inbox();
      try (ProtocolClient a = ProtocolClient.connect(ProtocolFixture.client(server).pushListener(asker).build());
          ProtocolClient b = ProtocolClient.connect(ProtocolFixture.client(server).pushListener(bystander).build())) {
        a.awaitConnected(Duration.ofSeconds(5));
        b.awaitConnected(Duration.ofSeconds(5));
        a.request(1, ByteBuffer.allocate(8).putLong(77).array()).join();
        await(Duration.ofSeconds(5), "the push", () -> asker.values.size() == 1);
        assertEquals(77L, asker.values.get(0));
        assertTrue(bystander.values.isEmpty());
      }
    }
  }

  @Test
  void broadcast_clientNotReading_sessionDroppedNotBufferedForever() throws Exception {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions)
        .maxFrameSize(64 << 10).maxPendingWriteBytes(64 << 10).build(), ProtocolFixture.echo());
        RawConnection deaf = RawConnection.open(server.localAddress())) {
      deaf.handshake(ProtocolFixture.SECRET, "deaf");
      await(Duration.ofSeconds(5), "the session", () -> server.sessionCount() == 1);
      byte[] body = new byte[32 << 10];
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int pushes = 0;
      while (server.sessionCount() > 0 && System.nanoTime() < end) {
        server.broadcast(NOVELTY, body);
        pushes++;
      }
      int sent = pushes;
      await(Duration.ofSeconds(5), "the drop after " + sent + " pushes", () -> sessions.rejected.values().stream()
          .anyMatch(r -> r.code() == ProtocolErrorCode.SESSION_DROPPED && r.getMessage().contains("reads too slowly")));
    }
  }

  @Test
  void broadcast_largerThanOneClientAccepts_dropsThatSessionOnly() {
    Recorder sessions = new Recorder();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions).build(),
        ProtocolFixture.echo())) {
      List<byte[]> bigReceived = new CopyOnWriteArrayList<>();
      try (ProtocolClient big = ProtocolClient.connect(ProtocolFixture.client(server)
              .pushListener((type, body) -> bigReceived.add(body)).build());
          ProtocolClient small = ProtocolClient.connect(ProtocolFixture.client(server).maxFrameSize(64 << 10).build())) {
        big.awaitConnected(Duration.ofSeconds(5));
        small.awaitConnected(Duration.ofSeconds(5));
        await(Duration.ofSeconds(5), "two sessions", () -> server.sessionCount() == 2);
        byte[] body = new byte[100_000];
        assertEquals(1, server.broadcast(NOVELTY, body));
        await(Duration.ofSeconds(5), "the push", () -> bigReceived.size() == 1);
        assertArrayEquals(body, bigReceived.get(0));
        await(Duration.ofSeconds(5), "the small session to be dropped",
            () -> sessions.rejected.values().stream().anyMatch(r -> r.code() == ProtocolErrorCode.SESSION_DROPPED));
        assertFalse(big.state() != ConnectionState.CONNECTED);
      }
    }
  }
}

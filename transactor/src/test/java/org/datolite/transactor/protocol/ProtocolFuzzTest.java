package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.ProtocolFixture.ECHO;
import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.transactor.protocol.ProtocolFixture.Recorder;
import org.datolite.transactor.protocol.ProtocolFixture.States;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Garbage over real sockets while a well-behaved client works: thousands of connections send
 * random and mutated frames ({@link FuzzInputs}); each must be closed by the server with a
 * reported reason, none may hang, and the good client must not notice. The seed is printed;
 * rerun one with {@code -Dfuzz.seed=N}.
 */
class ProtocolFuzzTest {
  private static final int CONNECTIONS = 2000;
  private static final int PARALLEL = 32;

  @Test
  @Timeout(60)
  void rawSockets_randomAndMutatedFrames_eachClosedWithReasonWhileGoodClientWorks() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("ProtocolFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    Recorder sessions = new Recorder();
    States states = new States();
    AtomicLong pushes = new AtomicLong();
    AtomicReference<String> pushProblem = new AtomicReference<>();
    try (ProtocolServer server = ProtocolServer.start(ProtocolFixture.server().sessionListener(sessions)
        .handshakeTimeout(Duration.ofMillis(150)).build(), ProtocolFixture.echo());
        ProtocolClient good = ProtocolClient.connect(ProtocolFixture.client(server).connectionListener(states)
            .pushListener((type, body) -> {
              long expected = pushes.incrementAndGet();
              if (ByteBuffer.wrap(body).getLong() != expected) {
                pushProblem.compareAndSet(null, "push " + expected + " arrived as " + ByteBuffer.wrap(body).getLong());
              }
            }).build())) {
      // A 150 ms handshake deadline may fail a first attempt in a cold JVM; count events from here.
      long session = good.awaitConnected(Duration.ofSeconds(5)).sessionId();
      int eventsBefore = states.events.size();
      AtomicBoolean fuzzing = new AtomicBoolean(true);
      CompletableFuture<Long> goodWork = CompletableFuture.supplyAsync(() -> workWhile(good, server, fuzzing, seed));

      ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
      List<Future<Outcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        byte[] input = FuzzInputs.next(new Random(seed + i));
        outcomes.add(pool.submit(() -> attack(server.localAddress(), input)));
      }
      List<Outcome> results = new ArrayList<>();
      for (Future<Outcome> f : outcomes) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      pool.shutdown();
      fuzzing.set(false);
      long goodRequests = goodWork.get(10, TimeUnit.SECONDS);

      Map<String, Integer> reasons = new TreeMap<>();
      for (Outcome o : results) {
        assertTrue(o.closed, "connection still open after 5 s; input " + HexFormat.of().formatHex(o.input));
        await(Duration.ofSeconds(5), "a reason for closing " + o.address + " (input "
            + HexFormat.of().formatHex(o.input) + ")", () -> sessions.rejected.containsKey(o.address));
        ProtocolException reason = sessions.rejected.get(o.address);
        assertTrue(reason.reason() != null && !reason.reason().isBlank());
        reasons.merge(reason.code().toString(), 1, Integer::sum);
      }
      System.out.println("ProtocolFuzzTest: " + CONNECTIONS + " bad connections closed, by reason " + reasons
          + "; the good client made " + goodRequests + " requests and received " + pushes.get() + " pushes");

      assertTrue(goodRequests > 0);
      assertEquals(null, pushProblem.get());
      assertEquals(ConnectionState.CONNECTED, good.state());
      assertEquals(session, good.welcome().sessionId(), "the good client reconnected");
      assertEquals(eventsBefore, states.events.size(), "the good client's state changed: " + states.events);
      assertEquals(1, server.sessionCount());
    }
  }

  private record Outcome(SocketAddress address, byte[] input, boolean closed) {
  }

  /** Connects, sends {@code input}, and waits for the server to close. */
  private static Outcome attack(InetSocketAddress server, byte[] input) throws IOException {
    try (RawConnection raw = RawConnection.open(server)) {
      try {
        raw.sendRaw(input);
      } catch (IOException e) {
        // the server closed while we were still writing: fine, it has seen enough
      }
      return new Outcome(raw.localAddress(), input, raw.awaitClosed());
    }
  }

  /** Echo requests of random sizes and numbered broadcasts until told to stop; returns the request count. */
  private static long workWhile(ProtocolClient client, ProtocolServer server, AtomicBoolean going, long seed) {
    Random r = new Random(seed);
    long requests = 0;
    long pushed = 0;
    while (going.get()) {
      byte[] body = FuzzInputs.noise(r, r.nextInt(10) == 0 ? r.nextInt(200_000) : r.nextInt(100));
      assertArrayEquals(body, client.request(ECHO, body).join());
      requests++;
      server.broadcast(9, ByteBuffer.allocate(8).putLong(++pushed).array());
    }
    return requests;
  }
}

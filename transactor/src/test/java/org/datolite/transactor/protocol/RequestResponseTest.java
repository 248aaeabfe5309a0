package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.HandshakeTest.join;
import static org.datolite.transactor.protocol.ProtocolFixture.ECHO;
import static org.datolite.transactor.protocol.ProtocolFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RequestResponseTest {
  private static final int THROW = 2;
  private static final int FAIL_FUTURE = 3;
  private static final int FAIL_WITH_STATE = 4;
  private static final int NEVER = 5;
  private static final int OFF_LOOP = 6;

  private final ExecutorService worker = Executors.newFixedThreadPool(4);
  private ProtocolServer server;
  private ProtocolClient client;

  @BeforeEach
  void start() {
    server = ProtocolServer.start(ProtocolFixture.server().maxFrameSize(16 << 20).build(), (session, type, body) ->
        switch (type) {
          case ECHO -> CompletableFuture.completedFuture(body);
          case THROW -> throw new IllegalStateException("handler exploded");
          case FAIL_FUTURE -> CompletableFuture.failedFuture(new ArithmeticException("divided by zero"));
          case FAIL_WITH_STATE -> throw ProtocolException.requestFailed(7, "23505", "unique value already asserted");
          case NEVER -> new CompletableFuture<>();
          case OFF_LOOP -> CompletableFuture.supplyAsync(() -> reverse(body), worker);
          default -> throw new IllegalArgumentException("unknown type " + type);
        });
    client = ProtocolClient.connect(ProtocolFixture.client(server).maxFrameSize(16 << 20).build());
    client.awaitConnected(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
    worker.shutdownNow();
  }

  @Test
  void request_echo_returnsBody() {
    assertArrayEquals(new byte[] {1, 2, 3}, join(client.request(ECHO, new byte[] {1, 2, 3})));
    assertArrayEquals(new byte[0], join(client.request(ECHO, new byte[0])));
  }

  @Test
  void request_completedOffLoop_returnsBody() {
    assertArrayEquals(new byte[] {3, 2, 1}, join(client.request(OFF_LOOP, new byte[] {1, 2, 3})));
  }

  @Test
  void request_tenMegabytes_roundTrips() {
    byte[] body = new byte[10 << 20];
    new Random(1).nextBytes(body);
    assertArrayEquals(body, join(client.request(ECHO, body, Duration.ofSeconds(20))));
  }

  @Test
  void request_manyConcurrent_eachGetsItsOwnAnswer() throws Exception {
    int threads = 8;
    int perThread = 500;
    ExecutorService senders = Executors.newFixedThreadPool(threads);
    List<CompletableFuture<Void>> checks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      checks.add(CompletableFuture.runAsync(() -> {
        List<CompletableFuture<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          answers.add(client.request(i % 2 == 0 ? ECHO : OFF_LOOP, key(thread, i)));
        }
        for (int i = 0; i < perThread; i++) {
          byte[] expected = i % 2 == 0 ? key(thread, i) : reverse(key(thread, i));
          assertArrayEquals(expected, join(answers.get(i)), "answer to request " + i + " of thread " + thread);
        }
      }, senders));
    }
    CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    senders.shutdown();
  }

  @Test
  void request_handlerThrows_failureAndConnectionSurvives() {
    long session = client.welcome().sessionId();
    ProtocolException thrown = assertThrows(ProtocolException.class, () -> join(client.request(THROW, new byte[0])));
    assertEquals(ProtocolErrorCode.REQUEST_FAILED, thrown.code());
    assertEquals("XX000", thrown.sqlState());
    assertTrue(thrown.getMessage().contains("handler exploded"), thrown.getMessage());

    ProtocolException failed = assertThrows(ProtocolException.class,
        () -> join(client.request(FAIL_FUTURE, new byte[0])));
    assertTrue(failed.getMessage().contains("divided by zero"), failed.getMessage());

    ProtocolException chosen = assertThrows(ProtocolException.class,
        () -> join(client.request(FAIL_WITH_STATE, new byte[0])));
    assertEquals("23505", chosen.sqlState());
    assertEquals(7, chosen.applicationCode());
    assertEquals("unique value already asserted", chosen.reason());

    assertArrayEquals(new byte[] {9}, join(client.request(ECHO, new byte[] {9})));
    assertEquals(session, client.welcome().sessionId());
  }

  @Test
  void request_noAnswerInTime_timeoutWithOutcomeUnknown() {
    long start = System.nanoTime();
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> join(client.request(NEVER, new byte[0], Duration.ofMillis(200))));
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertEquals(ProtocolErrorCode.TIMEOUT, e.code());
    assertEquals("HYT00", e.sqlState());
    assertTrue(e.getMessage().matches(".*no answer to request \\d+ \\(type 5\\) from .* within 200 ms; "
        + "its outcome is unknown"), e.getMessage());
    assertTrue(waited >= 190 && waited < 5_000, "timed out after " + waited + " ms");
    assertArrayEquals(new byte[] {1}, join(client.request(ECHO, new byte[] {1})));
  }

  @Test
  void request_largerThanServerAccepts_failsBeforeSending() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> join(client.request(ECHO, new byte[(16 << 20) + 1])));
    assertEquals(ProtocolErrorCode.FRAME_TOO_LARGE, e.code());
    assertTrue(e.getMessage().contains("the receiver accepts at most 16777216"), e.getMessage());
    assertArrayEquals(new byte[] {1}, join(client.request(ECHO, new byte[] {1})));
  }

  @Test
  void response_largerThanClientAccepts_failureInstead() {
    try (ProtocolClient small = ProtocolClient.connect(ProtocolFixture.client(server).maxFrameSize(64 << 10).build())) {
      small.awaitConnected(Duration.ofSeconds(5));
      // The request fits the server's limit, but the echoed response would not fit the client's.
      ProtocolException e = assertThrows(ProtocolException.class,
          () -> join(small.request(OFF_LOOP, new byte[100_000])));
      assertEquals(ProtocolErrorCode.FRAME_TOO_LARGE, e.code());
      assertArrayEquals(new byte[] {1}, join(small.request(ECHO, new byte[] {1})));
    }
  }

  @Test
  void request_nothingListening_notConnected() {
    InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", 1);
    try (ProtocolClient lonely = ProtocolClient.connect(ProtocolFixture.client(() -> nowhere).build())) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> join(lonely.request(ECHO, new byte[0])));
      assertEquals(ProtocolErrorCode.NOT_CONNECTED, e.code());
      assertEquals("08003", e.sqlState());
      ProtocolException wait = assertThrows(ProtocolException.class, () -> lonely.awaitConnected(Duration.ofMillis(300)));
      assertEquals(ProtocolErrorCode.TIMEOUT, wait.code());
      assertTrue(wait.getMessage().contains("cannot connect to /127.0.0.1:1"), wait.getMessage());
    }
  }

  @Test
  void close_twice_isQuietAndLaterRequestsFailClosed() {
    client.close();
    client.close();
    assertEquals(ConnectionState.CLOSED, client.state());
    ProtocolException e = assertThrows(ProtocolException.class, () -> join(client.request(ECHO, new byte[0])));
    assertEquals(ProtocolErrorCode.CLOSED, e.code());
    await(Duration.ofSeconds(5), "the session to close", () -> server.sessionCount() == 0);
  }

  @Test
  void close_requestInFlight_outcomeUnknown() {
    CompletableFuture<byte[]> pending = client.request(NEVER, new byte[0]);
    await(Duration.ofSeconds(5), "the request to arrive", () -> server.sessionCount() == 1);
    client.close();
    ProtocolException e = assertThrows(ProtocolException.class, () -> join(pending));
    assertEquals(ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN, e.code());
    assertEquals("08007", e.sqlState());
    assertTrue(e.getMessage().contains("(the client was closed)"), e.getMessage());
  }

  @Test
  void request_typeOutOfRange_rejectedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> client.request(65536, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> client.request(-1, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> client.request(ECHO, new byte[0], Duration.ZERO));
  }

  @Test
  void futures_neverCompletedOnEventLoop() {
    String thread = client.request(ECHO, new byte[0]).thenApply(b -> Thread.currentThread().getName()).join();
    assertFalse(thread.startsWith("datolite-client-io"), thread);
  }

  @Test
  void handlerExecutor_set_handlerRunsThereNotOnEventLoop() {
    ExecutorService handlers = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-handler"));
    try (ProtocolServer other = ProtocolServer.start(ProtocolFixture.server().handlerExecutor(handlers).build(),
        (session, type, body) -> CompletableFuture.completedFuture(
            Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8)));
        ProtocolClient c = ProtocolClient.connect(ProtocolFixture.client(other).build())) {
      c.awaitConnected(Duration.ofSeconds(5));
      assertEquals("app-handler", new String(join(c.request(ECHO, new byte[0])), StandardCharsets.UTF_8));
    } finally {
      handlers.shutdownNow();
    }
  }

  private static byte[] key(int thread, int i) {
    return ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
  }

  private static byte[] reverse(byte[] body) {
    byte[] r = new byte[body.length];
    for (int i = 0; i < body.length; i++) {
      r[i] = body[body.length - 1 - i];
    }
    return r;
  }
}

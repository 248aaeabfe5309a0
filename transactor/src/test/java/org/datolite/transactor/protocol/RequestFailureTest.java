package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.HandshakeTest.join;
import static org.datolite.transactor.protocol.ProtocolFixture.ECHO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.transactor.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the server answers and logs a failed request, by whose fault it is (issue 8): a malformed
 * body is the client's (08P01, a warning with its address, the session kept), an internal error
 * the server's (XX000, an error with the stack trace), anything else the application's answer.
 */
@Timeout(30)
class RequestFailureTest {
  private static final int MALFORMED = 2;
  private static final int THROW = 3;
  private static final int INTERNAL_WITH_CAUSE = 4;
  private static final int REJECTED = 5;

  private final AtomicReference<Session> lastSession = new AtomicReference<>();
  private ProtocolServer server;
  private ProtocolClient client;

  @BeforeEach
  void start() {
    server = ProtocolServer.start(ProtocolFixture.server().build(), (session, type, body) -> {
      lastSession.set(session);
      return switch (type) {
        case ECHO -> CompletableFuture.completedFuture(body);
        case MALFORMED -> throw ProtocolException.malformedRequest("malformed ECHO2 request body of "
            + body.length + " bytes; expected 8 bytes");
        case THROW -> throw new IllegalStateException("handler exploded");
        case INTERNAL_WITH_CAUSE -> CompletableFuture.failedFuture(ProtocolException.requestFailed(1999, "XX000",
            "wrapped", new ArithmeticException("divided by zero")));
        case REJECTED -> throw ProtocolException.requestFailed(7, "23505", "unique value already asserted");
        default -> throw new IllegalArgumentException("unknown type " + type);
      };
    });
    client = ProtocolClient.connect(ProtocolFixture.client(server).clientName("failing-peer").build());
    client.awaitConnected(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
  }

  @Test
  void request_malformedBody_isAProtocolViolationWarnedWithTheClientsAddress_sessionStaysOpen() {
    long session = client.welcome().sessionId();
    try (CapturedLog log = CapturedLog.start()) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> join(client.request(MALFORMED, new byte[3])));
      assertEquals(ProtocolErrorCode.MALFORMED_REQUEST, e.code());
      assertEquals("08P01", e.sqlState());
      assertEquals(0, e.applicationCode());
      assertEquals("malformed ECHO2 request body of 3 bytes; expected 8 bytes", e.reason());
      String address = lastSession.get().remoteAddress().toString();
      assertEquals(1, log.lines("WARN", "client 'failing-peer' at " + address, "expected 8 bytes").size(), log.text());
    }
    assertArrayEquals(new byte[] {9}, join(client.request(ECHO, new byte[] {9})));
    assertEquals(session, client.welcome().sessionId(), "the session stayed open");
    assertEquals(1, server.sessionCount());
  }

  @Test
  void request_handlerThrows_isAnInternalErrorLoggedWithItsStackTrace() {
    try (CapturedLog log = CapturedLog.start()) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> join(client.request(THROW, new byte[0])));
      assertEquals(ProtocolErrorCode.REQUEST_FAILED, e.code());
      assertEquals("XX000", e.sqlState());
      assertEquals(1, log.lines("ERROR", "client 'failing-peer'", "internal error").size(), log.text());
      assertTrue(log.text().contains("java.lang.IllegalStateException: handler exploded\n\tat "), log.text());
    }
  }

  @Test
  void request_failedAsInternalWithACause_isLoggedWithTheCausesStackTrace() {
    try (CapturedLog log = CapturedLog.start()) {
      ProtocolException e = assertThrows(ProtocolException.class,
          () -> join(client.request(INTERNAL_WITH_CAUSE, new byte[0])));
      assertEquals("XX000", e.sqlState());
      assertEquals(1999, e.applicationCode());
      assertEquals("wrapped", e.reason());
      assertEquals(1, log.lines("ERROR", "internal error: wrapped").size(), log.text());
      assertTrue(log.text().contains("java.lang.ArithmeticException: divided by zero\n\tat "), log.text());
    }
  }

  @Test
  void request_rejectedByTheApplication_isNotLoggedAsAProblem() {
    try (CapturedLog log = CapturedLog.start()) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> join(client.request(REJECTED, new byte[0])));
      assertEquals("23505", e.sqlState());
      assertFalse(log.text().contains("WARN") || log.text().contains("ERROR"), log.text());
    }
  }
}

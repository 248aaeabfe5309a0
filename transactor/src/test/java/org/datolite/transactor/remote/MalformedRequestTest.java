package org.datolite.transactor.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.CapturedLog;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.protocol.ClientConfig;
import org.datolite.transactor.protocol.ProtocolClient;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.server.TransactorServer;
import org.datolite.transactor.server.TransactorServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8: a request body the transactor cannot decode, inside a well-formed frame, is the
 * client's protocol violation: a FAILURE with SQLState 08P01 naming what was wrong and what was
 * expected, a WARN with the client's address, and the session stays open. Every request kind the
 * server decodes is tried, through a protocol client that sends the bytes as they are.
 */
class MalformedRequestTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final MemoryStore kv = new MemoryStore("malformed");
  private final TransactorConfig config = TransactorConfig.defaults("db");
  private TransactorServer server;
  private ProtocolClient client;

  @BeforeEach
  void start() throws Exception {
    server = TransactorServer.start(kv, new SegmentCache(16L << 20), config, new TransactorServer.Settings(
        "127.0.0.1", 0, "127.0.0.1", TransactorServerTest.SECRET, Duration.ofMillis(100), null));
    assertTrue(server.awaitActive(Duration.ofSeconds(10)), "the transactor became active");
    client = ProtocolClient.connect(ClientConfig.builder(() -> TransactorClient.endpoint(kv, config.keyPrefix()),
        TransactorServerTest.SECRET).clientName("raw-peer").build());
    client.awaitConnected(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static Stream<Arguments> malformedBodies() {
    byte[] uuid = PeerProtocol.uuidBody(UUID.randomUUID());
    return Stream.of(
        Arguments.of("TRANSACT of 5 bytes (issue 8)", PeerProtocol.TRANSACT, new byte[5], "TRANSACT"),
        Arguments.of("TRANSACT of an empty body", PeerProtocol.TRANSACT, new byte[0], "TRANSACT"),
        Arguments.of("TRANSACT whose EDN is not UTF-8", PeerProtocol.TRANSACT,
            concat(uuid, new byte[] {PeerProtocol.TEXT, '[', (byte) 0xC3, '(', ']'}), "UTF-8"),
        Arguments.of("TRANSACT of an unknown format", PeerProtocol.TRANSACT, concat(uuid, new byte[] {9, '[', ']'}),
            "format byte 9"),
        Arguments.of("TRANSACT of truncated binary forms", PeerProtocol.TRANSACT,
            concat(uuid, new byte[] {PeerProtocol.FORMS, 18, 2, 0}), "in the 1 bytes left"),
        Arguments.of("TRANSACT of binary forms with a byte after them", PeerProtocol.TRANSACT,
            concat(uuid, new byte[] {PeerProtocol.FORMS, 18, 0, 0}), "after the form"),
        Arguments.of("SYNC of an empty body", PeerProtocol.SYNC, new byte[0], "SYNC"),
        Arguments.of("SYNC with an overlong varint", PeerProtocol.SYNC, filled(11, 0x80), "SYNC"),
        Arguments.of("SYNC with a byte after its t", PeerProtocol.SYNC, new byte[] {2, 0}, "SYNC"),
        Arguments.of("TX_STATUS of 15 bytes", PeerProtocol.TX_STATUS, new byte[15], "TX_STATUS"),
        Arguments.of("TX_STATUS of 17 bytes", PeerProtocol.TX_STATUS, new byte[17], "TX_STATUS"),
        Arguments.of("STATUS with a body", PeerProtocol.STATUS, new byte[] {1}, "STATUS"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("issue 8: request_malformedBody_failsWith08P01AndLogsAWarning_sessionStaysOpen")
  void request_malformedBody_failsWith08P01AndLogsAWarning_sessionStaysOpen(String what, int type, byte[] body,
      String named) {
    long session = client.welcome().sessionId();
    try (CapturedLog log = CapturedLog.start()) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> client.call(type, body, WAIT), what);
      assertEquals("08P01", e.sqlState(), e.getMessage());
      assertEquals(ProtocolErrorCode.MALFORMED_REQUEST, e.code(), e.getMessage());
      assertTrue(e.reason().contains(named) && e.reason().contains("expected"), e.reason());
      assertFalse(log.lines("WARN", "client 'raw-peer' at /127.0.0.1:", named).isEmpty(),
          "a warning naming the client's address: " + log.text());
      assertFalse(log.text().contains("ERROR"), "not logged as an internal error: " + log.text());
    }
    byte[] status = client.call(PeerProtocol.STATUS, new byte[0], WAIT);
    assertTrue(new ByteReader(status).readZigZag() >= 0, "the same session answers a good request");
    assertEquals(session, client.welcome().sessionId(), "the session stayed open");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] filled(int n, int value) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) value);
    return out;
  }
}

package org.datolite.transactor.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.datolite.datom.Datom;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.TransactorException.Code;
import org.datolite.transactor.TxReport;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** Failures across the wire keep their code, message and whether the outcome is known. */
class PeerProtocolTest {

  @Test
  void transactorFailures_keepTheirCodeAndOutcomeAcrossTheWire() {
    Map<Code, Boolean> known = new EnumMap<>(Code.class);
    known.put(Code.CLOSED, true);
    known.put(Code.OVERLOADED, true);
    known.put(Code.DEPOSED, true);
    known.put(Code.STORAGE_FAILED, false);
    known.put(Code.TIMEOUT, false);
    known.put(Code.UNKNOWN_OUTCOME, false);
    known.put(Code.UNAVAILABLE, true);
    assertEquals(Code.values().length, known.size(), "every code is listed here");
    for (Code code : Code.values()) {
      // What the server sends does not depend on the flag of the exception: the code decides.
      for (boolean sentFlag : new boolean[] {true, false}) {
        RuntimeException received = PeerProtocol.fromFailure(PeerProtocol.failure(
            new TransactorException(code, "what happened", sentFlag, null)));
        assertTrue(received instanceof TransactorException, code + ": " + received);
        TransactorException e = (TransactorException) received;
        assertEquals(code, e.code());
        assertEquals(known.get(code), e.outcomeKnown(), code + " outcome known");
        assertEquals(code + ": what happened", e.getMessage());
      }
    }
  }

  @Test
  void transactResponse_eachVersion_givesTheOutcome_protocol2WithoutTheDatoms() {
    long t = 7;
    long tx = Ids.tx(t);
    Instant instant = Instant.parse("2026-12-05T10:15:30.123456789Z");
    List<Datom> datoms = List.of(Datom.of(tx, Bootstrap.TX_INSTANT, instant, tx), Datom.of(4242, 99, "x", tx));
    Map<String, Long> tempids = new LinkedHashMap<>();
    tempids.put("a", 4242L);
    tempids.put("é", 4243L);
    TxReport report = new TxReport(t, tx, UUID.randomUUID(), instant, null, null, datoms, tempids);
    UUID uuid = UUID.randomUUID();
    for (int version : new int[] {1, 2}) {
      PeerProtocol.TxOutcome outcome = PeerProtocol.transactOutcome(version,
          PeerProtocol.transactResponse(version, report), uuid);
      assertEquals(t, outcome.t());
      assertEquals(tx, outcome.tx());
      assertEquals(uuid, outcome.txUuid());
      assertEquals(tempids, outcome.tempids());
      assertEquals(version == 1 ? datoms : null, outcome.txData(), "protocol " + version);
      // protocol 1 reads the instant from the datoms (millisecond precision there), 2 sends it whole
      assertEquals(version == 1 ? (Instant) datoms.get(0).v() : instant, outcome.instant());
    }
    assertTrue(PeerProtocol.transactResponse(2, report).length < 40, "no datoms in a protocol 2 answer");
  }

  @Test
  void transactOutcome_malformedProtocol2Answer_failsAsAMalformedFrame() {
    byte[] good = PeerProtocol.transactResponse(2, new TxReport(3, Ids.tx(3), null, Instant.EPOCH, null, null,
        List.of(), Map.of("a", 1L)));
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      ProtocolException e = assertThrows(ProtocolException.class,
          () -> PeerProtocol.transactOutcome(2, truncated, UUID.randomUUID()), "cut at " + cut);
      assertEquals(ProtocolErrorCode.MALFORMED_FRAME, e.code());
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertTrue(assertThrows(ProtocolException.class, () -> PeerProtocol.transactOutcome(2, longer, UUID.randomUUID()))
        .getMessage().contains("1 bytes after the tempids"));
    ByteWriter nanos = new ByteWriter().writeZigZag(3).writeZigZag(Ids.tx(3)).writeZigZag(0).writeVarInt(1_000_000_000)
        .writeVarInt(0);
    assertTrue(assertThrows(ProtocolException.class,
        () -> PeerProtocol.transactOutcome(2, nanos.toByteArray(), UUID.randomUUID())).getMessage()
        .contains("1000000000 nanoseconds"));
  }

  @Test
  void failure_unexpectedException_isAnInternalErrorThatKeepsItsCauseForTheLog() {
    IllegalStateException bug = new IllegalStateException("index out of step");
    ProtocolException sent = PeerProtocol.failure(new CompletionException(bug));
    assertEquals(ProtocolErrorCode.REQUEST_FAILED, sent.code());
    assertEquals("XX000", sent.sqlState());
    assertEquals(1999, sent.applicationCode());
    assertEquals("java.lang.IllegalStateException: index out of step", sent.reason());
    assertSame(bug, sent.getCause(), "the server logs the cause's stack trace");
  }
}

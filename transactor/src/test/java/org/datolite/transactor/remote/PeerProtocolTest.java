package org.datolite.transactor.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.TransactorException.Code;
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

package org.datolite.transactor.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** How the client turns protocol failures into the exceptions its callers handle. */
class TransactorClientTest {

  private static TransactorException translated(ProtocolErrorCode code) {
    RuntimeException e = TransactorClient.translate(new CompletionException(new ProtocolException(code, "why")),
        UUID.randomUUID());
    assertTrue(e instanceof TransactorException, code + ": " + e);
    return (TransactorException) e;
  }

  @Test
  void requestsNotCarriedOut_areUnavailableWithAKnownOutcome() {
    for (ProtocolErrorCode code : new ProtocolErrorCode[] {ProtocolErrorCode.NOT_CONNECTED,
        ProtocolErrorCode.CONNECT_FAILED, ProtocolErrorCode.CLOSED, ProtocolErrorCode.SERVER_SHUTTING_DOWN}) {
      TransactorException e = translated(code);
      assertEquals(TransactorException.Code.UNAVAILABLE, e.code(), code.toString());
      assertTrue(e.outcomeKnown(), code.toString());
    }
  }

  @Test
  void lostAnswers_haveAnUnknownOutcome() {
    assertEquals(TransactorException.Code.UNKNOWN_OUTCOME, translated(ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN).code());
    assertEquals(TransactorException.Code.TIMEOUT, translated(ProtocolErrorCode.TIMEOUT).code());
    assertFalse(translated(ProtocolErrorCode.TIMEOUT).outcomeKnown());
  }

  @Test
  void otherProtocolErrors_reachTheCallerAsTheyAre() {
    ProtocolException p = new ProtocolException(ProtocolErrorCode.FRAME_TOO_LARGE, "too large");
    assertSame(p, TransactorClient.translate(p, null));
  }
}

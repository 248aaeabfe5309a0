package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.tx.TxErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Freezes the numbers the error enums travel by on the wire. A peer and a transactor of different
 * builds must agree on them, so a number is never changed or reused: a new code takes a new
 * number, a removed code leaves its number unused. If this test fails, the change broke the
 * protocol; add to these maps, never edit them.
 */
class WireCodesTest {
  @Test
  void txErrorCode_numbersAreFrozen() {
    Map<String, Integer> frozen = new LinkedHashMap<>();
    frozen.put("MALFORMED_TX_DATA", 0);
    frozen.put("UNKNOWN_OPERATION", 1);
    frozen.put("UNKNOWN_ATTRIBUTE", 2);
    frozen.put("UNKNOWN_ENTITY", 3);
    frozen.put("WRONG_TYPE", 4);
    frozen.put("UNIQUE_CONFLICT", 5);
    frozen.put("DATOMS_CONFLICT", 6);
    frozen.put("ALREADY_COMMITTED", 7);
    frozen.put("TEMPID_CONFLICT", 8);
    frozen.put("CAS_FAILED", 9);
    frozen.put("INVALID_SCHEMA", 10);
    frozen.put("SCHEMA_ALTERATION_FORBIDDEN", 11);
    frozen.put("ENSURE_FAILED", 12);
    frozen.put("INVALID_TX_INSTANT", 13);
    frozen.put("TOO_LARGE", 14);
    frozen.put("WRITE_CONFLICT", 15);
    frozen.put("NOT_NULL", 16);
    for (TxErrorCode code : TxErrorCode.values()) {
      assertEquals(frozen.get(code.name()), code.number(), code + ": a new code needs a new number in this test");
      assertEquals(code, TxErrorCode.ofNumber(code.number()));
    }
    assertEquals(frozen.size(), TxErrorCode.values().length, "a code was removed: keep its number unused");
    assertNull(TxErrorCode.ofNumber(-1));
    assertNull(TxErrorCode.ofNumber(999));
  }

  @Test
  void transactorExceptionCode_numbersAreFrozen() {
    Map<String, Integer> frozen = new LinkedHashMap<>();
    frozen.put("CLOSED", 0);
    frozen.put("OVERLOADED", 1);
    frozen.put("DEPOSED", 2);
    frozen.put("STORAGE_FAILED", 3);
    frozen.put("TIMEOUT", 4);
    frozen.put("UNKNOWN_OUTCOME", 5);
    frozen.put("UNAVAILABLE", 6);
    for (TransactorException.Code code : TransactorException.Code.values()) {
      assertEquals(frozen.get(code.name()), code.number(), code + ": a new code needs a new number in this test");
      assertEquals(code, TransactorException.Code.ofNumber(code.number()));
    }
    assertEquals(frozen.size(), TransactorException.Code.values().length, "a code was removed: keep its number unused");
    assertNull(TransactorException.Code.ofNumber(999));
  }

  @Test
  void protocolErrorCode_numbersAreFrozen() {
    Map<String, Integer> frozen = new LinkedHashMap<>();
    String[] names = {"CONNECTION_LOST_OUTCOME_UNKNOWN", "NOT_CONNECTED", "CONNECT_FAILED", "TIMEOUT",
        "AUTHENTICATION_FAILED", "UNSUPPORTED_VERSION", "FRAME_TOO_LARGE", "MALFORMED_FRAME", "PROTOCOL_VIOLATION",
        "CLOSED", "SERVER_SHUTTING_DOWN", "REQUEST_FAILED", "IDLE_TIMEOUT", "INVALID_CONFIGURATION",
        "SESSION_DROPPED", "MALFORMED_REQUEST"};
    for (int i = 0; i < names.length; i++) {
      frozen.put(names[i], i + 1);
    }
    for (ProtocolErrorCode code : ProtocolErrorCode.values()) {
      assertEquals(frozen.get(code.name()), code.number(), code + ": a new code needs a new number in this test");
    }
    assertEquals(frozen.size(), ProtocolErrorCode.values().length, "a code was removed: keep its number unused");
  }
}

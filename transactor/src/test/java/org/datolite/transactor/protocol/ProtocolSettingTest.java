package org.datolite.transactor.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The enums that define settings and error codes, checked as data. */
class ProtocolSettingTest {

  @Test
  void settings_keysUniqueAndDefaultsInRange() {
    Set<String> keys = new HashSet<>();
    for (ProtocolSetting s : ProtocolSetting.values()) {
      assertTrue(keys.add(s.key()), "duplicate key " + s.key());
      assertTrue(s.min() <= s.max(), s.key());
      assertFalse(s.description().isBlank(), s.key());
      if (s.defaultValue() != null) {
        assertTrue(s.defaultValue() >= s.min() && s.defaultValue() <= s.max(), s.key() + " default out of range");
      }
    }
  }

  @Test
  void defaults_buildValidConfigurations() {
    ServerConfig server = ServerConfig.builder(ProtocolFixture.SECRET).build();
    assertEquals(64L << 20, server.maxFrameSize());
    assertEquals(Duration.ofSeconds(10), server.handshakeTimeout());
    assertEquals(4334, server.port());
    ClientConfig client = ClientConfig.builder(() -> null, ProtocolFixture.SECRET).build();
    assertEquals(Duration.ofSeconds(10), client.requestTimeout());
    assertTrue(client.idleTimeout().compareTo(client.pingInterval().multipliedBy(2)) >= 0);
  }

  @Test
  void outOfRange_messageNamesSettingAndRange() {
    ProtocolException e = Assertions.assertThrows(ProtocolException.class,
        () -> ServerConfig.builder(ProtocolFixture.SECRET).maxFrameSize(10).build());
    assertEquals("INVALID_CONFIGURATION: protocol setting maxFrameSize: 10 bytes is out of range; expected "
        + "65536..1073741824 bytes (longest frame this side accepts after the handshake (kind and body, without "
        + "the length))", e.getMessage());
    assertEquals("22023", e.sqlState());
  }

  @Test
  void errorCodes_numbersUniqueAndSqlStatesWellFormed() {
    Set<Integer> numbers = new HashSet<>();
    for (ProtocolErrorCode code : ProtocolErrorCode.values()) {
      assertTrue(numbers.add(code.number()), "duplicate number " + code.number());
      assertTrue(code.number() > 0 && code.number() <= 0xFFFF);
      assertTrue(code.sqlState().matches("[0-9A-Z]{5}"), code + " " + code.sqlState());
      assertEquals(code, ProtocolErrorCode.ofNumber(code.number()));
    }
    assertEquals(ProtocolErrorCode.PROTOCOL_VIOLATION, ProtocolErrorCode.ofNumber(60_000));
    assertEquals("08007", ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN.sqlState());
    assertEquals("28000", ProtocolErrorCode.AUTHENTICATION_FAILED.sqlState());
  }

  @Test
  void requestFailed_badSqlState_rejected() {
    Assertions.assertThrows(IllegalArgumentException.class,
        () -> ProtocolException.requestFailed(1, "2350", "too short"));
    ProtocolException e = ProtocolException.requestFailed(65535, "40001", "conflict");
    assertNotNull(e.getMessage());
    assertEquals("REQUEST_FAILED: conflict", e.getMessage());
  }

  @Test
  void printable_controlCharacters_replaced() {
    assertEquals("a\uFFFDb\uFFFDc", MessageReader.printable("a\nb\u2028c"));
    assertEquals("plain", MessageReader.printable("plain"));
  }
}

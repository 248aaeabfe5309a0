package org.datolite.transactor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnBinary;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** The server reads a TRANSACT in the layout of the session's protocol version. */
class PeerRequestsTest {
  private static final UUID UUID_SENT = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  private static List<Object> rows() {
    Map<Object, Object> row = new LinkedHashMap<>();
    row.put(Keyword.of("db", "id"), "r1");
    row.put(Keyword.of("lineitem", "price"), new BigDecimal("12.50"));
    row.put(Keyword.of("lineitem", "shipped"), Instant.parse("1994-01-02T00:00:00Z"));
    row.put(Keyword.of("lineitem", "comment"), "naïve ✓");
    return List.of(row, List.of(Keyword.of("db", "add"), "r1", Keyword.of("lineitem", "qty"), 3));
  }

  @Test
  void transact_protocol1_isEdnText_evenForForms() {
    byte[] body = PeerProtocol.transactRequest(1, UUID_SENT, rows());
    PeerRequests.Transact read = PeerRequests.transact(body, 1);
    assertEquals(UUID_SENT, read.txUuid());
    assertEquals(Edn.read(Edn.write(rows())), Edn.read(read.edn()));
    assertNull(read.forms());
  }

  @Test
  void transact_protocol2_formsInBinary_textAsText() {
    PeerRequests.Transact forms = PeerRequests.transact(PeerProtocol.transactRequest(2, UUID_SENT, rows()), 2);
    assertEquals(UUID_SENT, forms.txUuid());
    assertNull(forms.edn());
    assertEquals(Edn.read(Edn.write(rows())), forms.forms());
    String text = "[{:db/id \"a\" :item/name \"é\"}]";
    PeerRequests.Transact edn = PeerRequests.transact(PeerProtocol.transactRequest(2, UUID_SENT, text), 2);
    assertEquals(text, edn.edn());
    assertNull(edn.forms());
  }

  @Test
  void transact_protocol2_badBytes_areMalformedRequests_duplicatesAreMalformedTxData() {
    byte[] uuid = new ByteWriter().writeLong(1).writeLong(2).toByteArray();
    for (byte[] tail : List.of(new byte[0], new byte[] {7}, new byte[] {PeerProtocol.FORMS},
        new byte[] {PeerProtocol.FORMS, 18, 5}, new byte[] {PeerProtocol.FORMS, 0, 0},
        new byte[] {PeerProtocol.TEXT, (byte) 0xC3, '('})) {
      byte[] body = new ByteWriter().writeBytes(uuid).writeBytes(tail).toByteArray();
      ProtocolException e = assertThrows(ProtocolException.class, () -> PeerRequests.transact(body, 2));
      assertEquals(ProtocolErrorCode.MALFORMED_REQUEST, e.code());
      assertTrue(e.getMessage().contains("malformed TRANSACT request body") && e.getMessage().contains("format byte"),
          e.getMessage());
    }
    Map<Object, Object> twice = new LinkedHashMap<>();
    twice.put(1, "a");
    twice.put(1L, "b"); // the same EDN key
    byte[] body = new ByteWriter().writeBytes(uuid).writeByte(PeerProtocol.FORMS).writeBytes(EdnBinary.write(List.of(twice)))
        .toByteArray();
    TxException e = assertThrows(TxException.class, () -> PeerRequests.transact(body, 2));
    assertEquals(TxErrorCode.MALFORMED_TX_DATA, e.code());
    assertTrue(e.getMessage().contains("duplicate map key 1"), e.getMessage());
  }
}

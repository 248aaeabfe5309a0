package org.datolite.transactor.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.server.TransactorServer;
import org.datolite.transactor.server.TransactorServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transactor writes log blocks of format 2, which peers before protocol version 3 cannot
 * read: it refuses them at the handshake, saying so, instead of letting them fail on the first
 * push or log read. A peer of this build offers version 3 and is let in.
 */
@Timeout(60)
class OldPeerRefusedTest {

  @Test
  void aPeerOfProtocol2_isRefusedAtTheHandshake_aPeerOfProtocol3IsLetIn() throws Exception {
    MemoryStore kv = new MemoryStore("old-peer");
    try (TransactorServer server = TransactorServer.start(kv, new SegmentCache(16L << 20),
        TransactorConfig.defaults("db"), new TransactorServer.Settings("127.0.0.1", 0, "127.0.0.1",
            TransactorServerTest.SECRET, Duration.ofMillis(100), null))) {
      assertTrue(server.awaitActive(Duration.ofSeconds(10)), "the transactor became active");
      try (RawConnection raw = RawConnection.open(server.localAddress())) {
        raw.send(new Message.Hello(new int[] {1, 2}, 1 << 20, HandshakeProof.nonce(), "datolite-peer"));
        Message.Error error = assertInstanceOf(Message.Error.class, raw.read());
        assertEquals(ProtocolErrorCode.UNSUPPORTED_VERSION, error.code());
        assertTrue(error.message().contains("needs version " + PeerProtocol.LOG_FORMAT_2_VERSION + " or later")
            && error.message().contains(PeerProtocol.LOG_FORMAT_2_REASON)
            && error.message().endsWith("upgrade the client"), error.message());
        assertTrue(raw.awaitClosed());
      }
      try (RawConnection raw = RawConnection.open(server.localAddress())) {
        raw.send(new Message.Hello(new int[] {1, 2, 3}, 1 << 20, HandshakeProof.nonce(), "datolite-peer"));
        assertEquals(ProtocolVersion.V3, assertInstanceOf(Message.Challenge.class, raw.read()).version());
      }
    }
  }
}

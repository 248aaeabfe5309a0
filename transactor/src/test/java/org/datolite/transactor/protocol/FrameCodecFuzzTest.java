package org.datolite.transactor.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder and the server's handshake fed directly through an {@link EmbeddedChannel}:
 * random and mutated input in random chunks never escapes as anything but a protocol error, and
 * a connection that receives it is always closed with a reason, at once or at its handshake
 * deadline. A failure prints its seed and the command that reruns it ({@link Seeds}).
 */
class FrameCodecFuzzTest {
  private static final Set<ProtocolErrorCode> DECODER_ERRORS =
      EnumSet.of(ProtocolErrorCode.MALFORMED_FRAME, ProtocolErrorCode.FRAME_TOO_LARGE);
  private static final Gen<byte[]> INPUTS = FuzzInputs::next;
  private static ProtocolServer server;

  @BeforeAll
  static void startServer() {
    server = ProtocolServer.start(ProtocolFixture.server().handshakeTimeout(Duration.ofMillis(500)).build(),
        ProtocolFixture.echo());
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @Test
  void decode_anyInputAnyChunks_messagesOrOneProtocolError() {
    Gen<Integer> chunks = Gen.ints(1, 40);
    Seeds.check(3000, random -> decodeInChunks(INPUTS.next(random), chunks.next(random)));
  }

  private static void decodeInChunks(byte[] input, int chunk) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    ProtocolException error = null;
    for (int at = 0; at < input.length; at += chunk) {
      ByteBuf piece = Unpooled.wrappedBuffer(input, at, Math.min(chunk, input.length - at));
      try {
        ch.writeInbound(piece);
      } catch (DecoderException e) {
        assertNull(error, "a second error after the first: " + e);
        error = assertInstanceOf(ProtocolException.class, e.getCause());
        assertTrue(DECODER_ERRORS.contains(error.code()), error.getMessage());
      }
    }
    for (Object out; (out = ch.readInbound()) != null; ) {
      assertInstanceOf(Message.class, out);
    }
    ch.finishAndReleaseAll();
  }

  @Test
  void decode_encodedMessagesAnyChunks_sameMessages() {
    Gen<Integer> counts = Gen.ints(1, 10);
    Gen<Integer> chunks = Gen.ints(1, 50);
    Seeds.check(500, random -> decodeEncoded(counts.next(random), chunks.next(random), random));
  }

  private static void decodeEncoded(int count, int chunk, Random r) {
    List<byte[]> frames = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      Message m = r.nextBoolean() ? FuzzInputs.hello(r) : new Message.Request(r.nextLong(), r.nextInt(65536),
          FuzzInputs.noise(r, r.nextInt(300)));
      byte[] frame = encoded(m);
      assertArrayEquals(RawConnection.frame(m), frame, "encoder and test framing disagree");
      frames.add(frame);
      stream.writeBytes(frame);
    }
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    byte[] all = stream.toByteArray();
    for (int at = 0; at < all.length; at += chunk) {
      ch.writeInbound(Unpooled.wrappedBuffer(all, at, Math.min(chunk, all.length - at)));
    }
    for (byte[] frame : frames) {
      Message decoded = ch.readInbound();
      assertArrayEquals(frame, RawConnection.frame(decoded));
    }
    assertNull(ch.readInbound());
    assertFalse(ch.finish());
  }

  @Test
  void handshake_anyInput_closedWithReasonAndErrorFrame() {
    Gen<Integer> chunks = Gen.ints(1, 64);
    Seeds.check(1500, random -> handshake(INPUTS.next(random), chunks.next(random)));
  }

  private static void handshake(byte[] input, int chunk) {
    AtomicReference<ProtocolException> rejected = new AtomicReference<>();
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(), FrameEncoder.INSTANCE, new ServerHandshake(server),
        new ConnectionGuard("[fuzz]", (c, reason) -> assertTrue(rejected.compareAndSet(null, reason))));
    for (int at = 0; at < input.length && ch.isOpen(); at += chunk) {
      ch.writeInbound(Unpooled.wrappedBuffer(input, at, Math.min(chunk, input.length - at)));
    }
    if (ch.isOpen()) {
      ch.advanceTimeBy(server.config().handshakeTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
      ch.runScheduledPendingTasks();
    }
    assertFalse(ch.isOpen(), "still open after the handshake deadline");
    ch.checkException();
    ProtocolException reason = rejected.get();
    assertNotNull(reason, "closed without a reason");
    assertEquals(reason, ch.attr(ConnectionGuard.CLOSE_REASON).get());
    Message last = null;
    EmbeddedChannel reader = new EmbeddedChannel(new FrameDecoder());
    for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
      reader.writeInbound(out);
    }
    reader.finish();
    for (Message m; (m = reader.readInbound()) != null; ) {
      last = m;
    }
    if (reason.reason().startsWith("client said: ")) {
      assertFalse(last instanceof Message.Error, "an ERROR answered with an ERROR");
    } else {
      Message.Error error = assertInstanceOf(Message.Error.class, last);
      assertEquals(reason.code(), error.code());
    }
    assertEquals(0, server.sessionCount());
  }

  private static byte[] encoded(Message m) {
    EmbeddedChannel ch = new EmbeddedChannel(FrameEncoder.INSTANCE);
    ch.writeOutbound(m);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}

package org.datolite.transactor.protocol;

import static org.datolite.transactor.protocol.Message.MAGIC;
import static org.datolite.transactor.protocol.Message.MAX_TEXT;
import static org.datolite.transactor.protocol.Message.MAX_VERSIONS;
import static org.datolite.transactor.protocol.Message.NONCE_LENGTH;
import static org.datolite.transactor.protocol.Message.PROOF_LENGTH;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.datolite.transactor.protocol.Message.Auth;
import org.datolite.transactor.protocol.Message.Challenge;
import org.datolite.transactor.protocol.Message.Error;
import org.datolite.transactor.protocol.Message.Failure;
import org.datolite.transactor.protocol.Message.Hello;
import org.datolite.transactor.protocol.Message.Ping;
import org.datolite.transactor.protocol.Message.Pong;
import org.datolite.transactor.protocol.Message.Push;
import org.datolite.transactor.protocol.Message.Request;
import org.datolite.transactor.protocol.Message.Response;
import org.datolite.transactor.protocol.Message.Welcome;

/**
 * Reads message bodies (layouts in {@link Message}). Strict: a short body, bytes left after the
 * fixed fields of a kind without payload, or a count or length out of range is
 * {@link ProtocolErrorCode#MALFORMED_FRAME}, never an index exception. Names and ERROR messages
 * come back with control characters replaced ({@link #printable}), since they end up in logs.
 */
final class MessageReader {
  private MessageReader() {
  }

  /** Reads the body of one frame of {@code kind}; {@code body} holds exactly that body. */
  static Message read(MessageKind kind, ByteBuf body) {
    Message m = switch (kind) {
      case HELLO -> {
        need(body, 5, kind);
        if (body.readInt() != MAGIC) {
          throw malformed("HELLO without the 'DTLP' magic: not a Datolite client");
        }
        int n = body.readUnsignedByte();
        if (n < 1 || n > MAX_VERSIONS) {
          throw malformed("HELLO offers " + n + " protocol versions; expected 1.." + MAX_VERSIONS);
        }
        need(body, 2 * n + 4 + NONCE_LENGTH + 1, kind);
        int[] versions = new int[n];
        for (int i = 0; i < n; i++) {
          versions[i] = body.readUnsignedShort();
        }
        long maxFrame = body.readUnsignedInt();
        yield new Hello(versions, maxFrame, bytes(body, NONCE_LENGTH), readShortText(body, kind));
      }
      case CHALLENGE -> {
        need(body, 2 + NONCE_LENGTH + 1, kind);
        yield new Challenge(body.readUnsignedShort(), bytes(body, NONCE_LENGTH), readShortText(body, kind));
      }
      case AUTH -> {
        need(body, PROOF_LENGTH, kind);
        yield new Auth(bytes(body, PROOF_LENGTH));
      }
      case WELCOME -> {
        need(body, PROOF_LENGTH + 12, kind);
        yield new Welcome(bytes(body, PROOF_LENGTH), body.readLong(), body.readUnsignedInt(), rest(body));
      }
      case ERROR -> {
        need(body, 2, kind);
        yield new Error(ProtocolErrorCode.ofNumber(body.readUnsignedShort()), printable(restText(body)));
      }
      case REQUEST -> {
        need(body, 10, kind);
        yield new Request(body.readLong(), body.readUnsignedShort(), rest(body));
      }
      case RESPONSE -> {
        need(body, 8, kind);
        yield new Response(body.readLong(), rest(body));
      }
      case FAILURE -> {
        need(body, 17, kind);
        yield new Failure(body.readLong(), ProtocolErrorCode.ofNumber(body.readUnsignedShort()),
            body.readUnsignedShort(), body.readCharSequence(5, StandardCharsets.US_ASCII).toString(), restText(body));
      }
      case PUSH -> {
        need(body, 2, kind);
        yield new Push(body.readUnsignedShort(), rest(body));
      }
      case PING -> {
        need(body, 8, kind);
        yield new Ping(body.readLong());
      }
      case PONG -> {
        need(body, 8, kind);
        yield new Pong(body.readLong());
      }
    };
    if (body.isReadable()) {
      throw malformed(kind + " body has " + body.readableBytes() + " bytes after its last field");
    }
    return m;
  }

  private static void need(ByteBuf body, int bytes, MessageKind kind) {
    if (body.readableBytes() < bytes) {
      throw malformed(kind + " body is too short: " + body.readableBytes() + " bytes left where its next fields need "
          + bytes);
    }
  }

  private static ProtocolException malformed(String message) {
    return new ProtocolException(ProtocolErrorCode.MALFORMED_FRAME, message);
  }

  private static byte[] bytes(ByteBuf body, int n) {
    byte[] b = new byte[n];
    body.readBytes(b);
    return b;
  }

  private static byte[] rest(ByteBuf body) {
    return body.isReadable() ? bytes(body, body.readableBytes()) : Message.EMPTY;
  }

  /** The rest as text, of which only the first {@link Message#MAX_TEXT} bytes are kept. */
  private static String restText(ByteBuf body) {
    String text = body.readCharSequence(Math.min(body.readableBytes(), MAX_TEXT), StandardCharsets.UTF_8).toString();
    body.skipBytes(body.readableBytes());
    return text;
  }

  private static String readShortText(ByteBuf body, MessageKind kind) {
    int n = body.readUnsignedByte();
    if (n == 0) {
      throw malformed(kind + " carries an empty name");
    }
    need(body, n, kind);
    return printable(body.readCharSequence(n, StandardCharsets.UTF_8).toString());
  }

  /**
   * {@code text} with control characters and line separators replaced by U+FFFD: names and
   * ERROR messages come from the other side and end up in log lines, which they must not forge.
   */
  static String printable(String text) {
    StringBuilder s = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        if (s == null) {
          s = new StringBuilder(text);
        }
        s.setCharAt(i, '\uFFFD');
      }
    }
    return s == null ? text : s.toString();
  }

}

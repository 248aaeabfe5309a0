package org.datolite.transactor.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The messages of the peer protocol and their bodies. A message is a kind, some fixed fields and
 * an optional trailing payload that runs to the end of the frame; {@link FrameEncoder} puts the
 * frame header in front (its Javadoc has the frame layout, {@code docs/protocol.md} the long form).
 * Integers are big-endian and unsigned; "rest" means the bytes up to the end of the frame.
 *
 * <pre>
 * HELLO     0x01  magic u32 'DTLP' | n u8 (1..16) | n x version u16 | maxFrameSize u32
 *                 | clientNonce 32 bytes | nameLength u8 (1..255) | clientName UTF-8
 * CHALLENGE 0x02  version u16 | serverNonce 32 bytes | idLength u8 (1..255) | serverId UTF-8
 * AUTH      0x03  clientProof 32 bytes
 * WELCOME   0x04  serverProof 32 bytes | sessionId u64 | maxFrameSize u32 | rest: server info
 * ERROR     0x05  code u16 | rest: message UTF-8
 * REQUEST   0x10  id u64 | type u16 | rest: body
 * RESPONSE  0x11  id u64 | rest: body
 * FAILURE   0x12  id u64 | code u16 | applicationCode u16 | sqlState 5 ASCII | rest: message UTF-8
 * PUSH      0x13  type u16 | rest: body
 * PING      0x14  token u64 (the sender's choice; a clock reading)
 * PONG      0x15  token u64, echoed from the PING
 * </pre>
 *
 * <p>{@link MessageReader} reads these bodies back.
 */
sealed interface Message {
  int MAGIC = 0x44544C50; // "DTLP"
  int NONCE_LENGTH = 32;
  int PROOF_LENGTH = 32;
  int MAX_VERSIONS = 16;
  int MAX_TEXT = 4096;
  byte[] EMPTY = new byte[0];

  MessageKind kind();

  /** Bytes of the fixed fields, before the payload. */
  int fixedLength();

  void writeFixed(ByteBuf out);

  /** The trailing bytes that run to the end of the frame; empty if the kind has none. */
  default byte[] payload() {
    return EMPTY;
  }

  /** The frame length this message needs: kind, fixed fields and payload (not the length field). */
  static long frameLength(Message m) {
    return 1L + m.fixedLength() + m.payload().length;
  }

  record Hello(int[] versions, long maxFrameSize, byte[] nonce, String clientName) implements Message {
    public MessageKind kind() {
      return MessageKind.HELLO;
    }

    public int fixedLength() {
      return 4 + 1 + 2 * versions.length + 4 + NONCE_LENGTH + 1 + utf8(clientName).length;
    }

    public void writeFixed(ByteBuf out) {
      out.writeInt(MAGIC).writeByte(versions.length);
      for (int v : versions) {
        out.writeShort(v);
      }
      out.writeInt((int) maxFrameSize).writeBytes(nonce);
      writeShortText(out, clientName);
    }
  }

  record Challenge(int version, byte[] nonce, String serverId) implements Message {
    public MessageKind kind() {
      return MessageKind.CHALLENGE;
    }

    public int fixedLength() {
      return 2 + NONCE_LENGTH + 1 + utf8(serverId).length;
    }

    public void writeFixed(ByteBuf out) {
      out.writeShort(version).writeBytes(nonce);
      writeShortText(out, serverId);
    }
  }

  record Auth(byte[] proof) implements Message {
    public MessageKind kind() {
      return MessageKind.AUTH;
    }

    public int fixedLength() {
      return PROOF_LENGTH;
    }

    public void writeFixed(ByteBuf out) {
      out.writeBytes(proof);
    }
  }

  record Welcome(byte[] proof, long sessionId, long maxFrameSize, byte[] serverInfo) implements Message {
    public MessageKind kind() {
      return MessageKind.WELCOME;
    }

    public int fixedLength() {
      return PROOF_LENGTH + 8 + 4;
    }

    public void writeFixed(ByteBuf out) {
      out.writeBytes(proof).writeLong(sessionId).writeInt((int) maxFrameSize);
    }

    @Override
    public byte[] payload() {
      return serverInfo;
    }
  }

  record Error(ProtocolErrorCode code, String message) implements Message {
    public MessageKind kind() {
      return MessageKind.ERROR;
    }

    public int fixedLength() {
      return 2;
    }

    public void writeFixed(ByteBuf out) {
      out.writeShort(code.number());
    }

    @Override
    public byte[] payload() {
      return truncatedUtf8(message);
    }
  }

  record Request(long id, int type, byte[] body) implements Message {
    public MessageKind kind() {
      return MessageKind.REQUEST;
    }

    public int fixedLength() {
      return 8 + 2;
    }

    public void writeFixed(ByteBuf out) {
      out.writeLong(id).writeShort(type);
    }

    @Override
    public byte[] payload() {
      return body;
    }
  }

  record Response(long id, byte[] body) implements Message {
    public MessageKind kind() {
      return MessageKind.RESPONSE;
    }

    public int fixedLength() {
      return 8;
    }

    public void writeFixed(ByteBuf out) {
      out.writeLong(id);
    }

    @Override
    public byte[] payload() {
      return body;
    }
  }

  record Failure(long id, ProtocolErrorCode code, int applicationCode, String sqlState, String message)
      implements Message {
    public MessageKind kind() {
      return MessageKind.FAILURE;
    }

    public int fixedLength() {
      return 8 + 2 + 2 + 5;
    }

    public void writeFixed(ByteBuf out) {
      out.writeLong(id).writeShort(code.number()).writeShort(applicationCode)
          .writeBytes(sqlState.getBytes(StandardCharsets.US_ASCII), 0, 5);
    }

    @Override
    public byte[] payload() {
      return truncatedUtf8(message);
    }
  }

  record Push(int type, byte[] body) implements Message {
    public MessageKind kind() {
      return MessageKind.PUSH;
    }

    public int fixedLength() {
      return 2;
    }

    public void writeFixed(ByteBuf out) {
      out.writeShort(type);
    }

    @Override
    public byte[] payload() {
      return body;
    }
  }

  record Ping(long token) implements Message {
    public MessageKind kind() {
      return MessageKind.PING;
    }

    public int fixedLength() {
      return 8;
    }

    public void writeFixed(ByteBuf out) {
      out.writeLong(token);
    }
  }

  record Pong(long token) implements Message {
    public MessageKind kind() {
      return MessageKind.PONG;
    }

    public int fixedLength() {
      return 8;
    }

    public void writeFixed(ByteBuf out) {
      out.writeLong(token);
    }
  }

  private static void writeShortText(ByteBuf out, String text) {
    byte[] b = utf8(text);
    out.writeByte(b.length).writeBytes(b);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** UTF-8 of {@code text}, cut to {@link #MAX_TEXT} bytes (a cut may split a character). */
  private static byte[] truncatedUtf8(String text) {
    byte[] b = utf8(text == null ? "" : text);
    return b.length <= MAX_TEXT ? b : Arrays.copyOf(b, MAX_TEXT);
  }
}

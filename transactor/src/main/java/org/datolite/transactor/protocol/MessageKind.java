package org.datolite.transactor.protocol;

/**
 * The kind byte of a frame. Codes below 0x10 belong to the handshake, the others to an
 * established session. The numbers never change meaning; new kinds take new numbers and a new
 * protocol version.
 */
enum MessageKind {
  HELLO(0x01),
  CHALLENGE(0x02),
  AUTH(0x03),
  WELCOME(0x04),
  ERROR(0x05),
  REQUEST(0x10),
  RESPONSE(0x11),
  FAILURE(0x12),
  PUSH(0x13),
  PING(0x14),
  PONG(0x15);

  private static final MessageKind[] BY_CODE = new MessageKind[256];

  static {
    for (MessageKind kind : values()) {
      BY_CODE[kind.code] = kind;
    }
  }

  private final int code;

  MessageKind(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  /** The kind with this code, or {@code null} if there is none. */
  static MessageKind of(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}

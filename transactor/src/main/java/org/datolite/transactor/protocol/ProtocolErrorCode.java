package org.datolite.transactor.protocol;

/**
 * What went wrong in the peer protocol. Each code has a stable number that travels in ERROR and
 * FAILURE frames and the SQLState the JDBC driver reports for it (DESIGN.md §5): class 08 makes
 * pools evict the connection, 28 is a rejected login, HYT00 a timeout. The numbers never change
 * meaning; a number this build does not know decodes as {@link #PROTOCOL_VIOLATION}.
 */
public enum ProtocolErrorCode {
  /**
   * The connection dropped after a request was sent and before its answer came: the server may or
   * may not have carried it out. SQLState 08007, "transaction resolution unknown".
   */
  CONNECTION_LOST_OUTCOME_UNKNOWN(1, "08007"),
  /** No connection to send a request on; the request was not sent. 08003, "connection does not exist". */
  NOT_CONNECTED(2, "08003"),
  /** Opening a connection (TCP or TLS) failed. 08001, "unable to establish connection". */
  CONNECT_FAILED(3, "08001"),
  /**
   * A request got no answer in time, or a handshake did not finish in time. HYT00, "timeout
   * expired"; for a request the outcome is unknown, as nothing was cancelled on the server.
   */
  TIMEOUT(4, "HYT00"),
  /** The other side does not know the shared secret. 28000, "invalid authorization specification". */
  AUTHENTICATION_FAILED(5, "28000"),
  /** The two sides have no protocol version in common. 08004, "server rejected the connection". */
  UNSUPPORTED_VERSION(6, "08004"),
  /** A frame longer than the receiver accepts. 54000, "program limit exceeded". */
  FRAME_TOO_LARGE(7, "54000"),
  /** Bytes that are not a well-formed frame or message. 08P01, "protocol violation". */
  MALFORMED_FRAME(8, "08P01"),
  /** A well-formed message that is not allowed at this point of the conversation. 08P01. */
  PROTOCOL_VIOLATION(9, "08P01"),
  /** The client or server was closed by its owner. 08003, "connection does not exist". */
  CLOSED(10, "08003"),
  /** The server is stopping and takes no new requests. 57P01, "admin shutdown". */
  SERVER_SHUTTING_DOWN(11, "57P01"),
  /**
   * The server's request handler failed. The SQLState is the handler's own if it gave one
   * ({@link ProtocolException#requestFailed}), else XX000, "internal error".
   */
  REQUEST_FAILED(12, "XX000"),
  /** A peer stayed silent longer than the idle timeout. 08006, "connection failure". */
  IDLE_TIMEOUT(13, "08006"),
  /** A protocol setting out of range or missing. 22023, "invalid parameter value". */
  INVALID_CONFIGURATION(14, "22023"),
  /**
   * A session could not take every push (it reads too slowly, or a push exceeds its frame limit),
   * so the server dropped it rather than let it miss one. 08006, "connection failure".
   */
  SESSION_DROPPED(15, "08006"),
  /**
   * A well-framed REQUEST whose body the server's request handler cannot decode (too short, bytes
   * left over, a bad varint or UTF-8): the client broke the request's layout. Only that request
   * fails, with a FAILURE; the frames around it are intact, so the session stays open. 08P01,
   * "protocol violation". A handler raises it with {@link ProtocolException#malformedRequest}.
   */
  MALFORMED_REQUEST(16, "08P01");

  private static final ProtocolErrorCode[] BY_NUMBER = new ProtocolErrorCode[17];

  static {
    for (ProtocolErrorCode code : values()) {
      BY_NUMBER[code.number] = code;
    }
  }

  private final int number;
  private final String sqlState;

  ProtocolErrorCode(int number, String sqlState) {
    this.number = number;
    this.sqlState = sqlState;
  }

  /** The code's number on the wire (u16). */
  public int number() {
    return number;
  }

  /** The SQLState reported for this code. */
  public String sqlState() {
    return sqlState;
  }

  /** The code with this wire number, or {@link #PROTOCOL_VIOLATION} for a number not known here. */
  public static ProtocolErrorCode ofNumber(int number) {
    ProtocolErrorCode code = number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    return code == null ? PROTOCOL_VIOLATION : code;
  }
}

package org.datolite.transactor.protocol;

import org.datolite.error.SqlState;
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
  CONNECTION_LOST_OUTCOME_UNKNOWN(1, SqlState.TRANSACTION_RESOLUTION_UNKNOWN),
  /** No connection to send a request on; the request was not sent. 08003, "connection does not exist". */
  NOT_CONNECTED(2, SqlState.CONNECTION_DOES_NOT_EXIST),
  /** Opening a connection (TCP or TLS) failed. 08001, "unable to establish connection". */
  CONNECT_FAILED(3, SqlState.CONNECTION_UNABLE_TO_CONNECT),
  /**
   * A request got no answer in time, or a handshake did not finish in time. HYT00, "timeout
   * expired"; for a request the outcome is unknown, as nothing was cancelled on the server.
   */
  TIMEOUT(4, SqlState.TIMEOUT_EXPIRED),
  /** The other side does not know the shared secret. 28000, "invalid authorization specification". */
  AUTHENTICATION_FAILED(5, SqlState.INVALID_AUTHORIZATION_SPECIFICATION),
  /** The two sides have no protocol version in common. 08004, "server rejected the connection". */
  UNSUPPORTED_VERSION(6, SqlState.CONNECTION_REJECTED),
  /** A frame longer than the receiver accepts. 54000, "program limit exceeded". */
  FRAME_TOO_LARGE(7, SqlState.PROGRAM_LIMIT_EXCEEDED),
  /** Bytes that are not a well-formed frame or message. 08P01, "protocol violation". */
  MALFORMED_FRAME(8, SqlState.PROTOCOL_VIOLATION),
  /** A well-formed message that is not allowed at this point of the conversation. 08P01. */
  PROTOCOL_VIOLATION(9, SqlState.PROTOCOL_VIOLATION),
  /** The client or server was closed by its owner. 08003, "connection does not exist". */
  CLOSED(10, SqlState.CONNECTION_DOES_NOT_EXIST),
  /** The server is stopping and takes no new requests. 57P01, "admin shutdown". */
  SERVER_SHUTTING_DOWN(11, SqlState.ADMIN_SHUTDOWN),
  /**
   * The server's request handler failed. The SQLState is the handler's own if it gave one
   * ({@link ProtocolException#requestFailed}), else XX000, "internal error".
   */
  REQUEST_FAILED(12, SqlState.INTERNAL_ERROR),
  /** A peer stayed silent longer than the idle timeout. 08006, "connection failure". */
  IDLE_TIMEOUT(13, SqlState.CONNECTION_FAILURE),
  /** A protocol setting out of range or missing. 22023, "invalid parameter value". */
  INVALID_CONFIGURATION(14, SqlState.INVALID_PARAMETER_VALUE),
  /**
   * A session could not take every push (it reads too slowly, or a push exceeds its frame limit),
   * so the server dropped it rather than let it miss one. 08006, "connection failure".
   */
  SESSION_DROPPED(15, SqlState.CONNECTION_FAILURE),
  /**
   * A well-framed REQUEST whose body the server's request handler cannot decode (too short, bytes
   * left over, a bad varint or UTF-8): the client broke the request's layout. Only that request
   * fails, with a FAILURE; the frames around it are intact, so the session stays open. 08P01,
   * "protocol violation". A handler raises it with {@link ProtocolException#malformedRequest}.
   */
  MALFORMED_REQUEST(16, SqlState.PROTOCOL_VIOLATION);

  private static final ProtocolErrorCode[] BY_NUMBER = new ProtocolErrorCode[17];

  static {
    for (ProtocolErrorCode code : values()) {
      BY_NUMBER[code.number] = code;
    }
  }

  private final int number;
  private final SqlState state;

  ProtocolErrorCode(int number, SqlState state) {
    this.number = number;
    this.state = state;
  }

  /** The code's number on the wire (u16). */
  public int number() {
    return number;
  }

  /** The SQLState reported for this code. */
  public SqlState state() {
    return state;
  }

  /** The SQLState's five characters. */
  public String sqlState() {
    return state.code();
  }

  /**
   * Whether a failed connection attempt with this code is a refusal that trying again will not
   * change: the secret is wrong ({@link #AUTHENTICATION_FAILED}), or the client's build is too
   * old or too new for the server's ({@link #UNSUPPORTED_VERSION}).
   */
  public boolean isRefusal() {
    return this == AUTHENTICATION_FAILED || this == UNSUPPORTED_VERSION;
  }

  /** The code with this wire number, or {@link #PROTOCOL_VIOLATION} for a number not known here. */
  public static ProtocolErrorCode ofNumber(int number) {
    ProtocolErrorCode code = number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    return code == null ? PROTOCOL_VIOLATION : code;
  }
}

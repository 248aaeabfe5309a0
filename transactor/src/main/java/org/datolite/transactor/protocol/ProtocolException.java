package org.datolite.transactor.protocol;

import java.util.regex.Pattern;
import org.datolite.error.SqlState;

/**
 * The one exception of the peer protocol: a {@link ProtocolErrorCode}, the SQLState to report
 * (the code's own unless a request handler chose one) and a message that names the endpoint,
 * request or setting involved.
 *
 * <p>A request handler on the server fails a request with any exception; to choose the code
 * number and SQLState the client sees, it throws (or completes its future with)
 * {@link #requestFailed(int, String, String)}. On the client such a failure arrives as a
 * {@code ProtocolException} with code {@link ProtocolErrorCode#REQUEST_FAILED}, the handler's
 * {@link #applicationCode()}, SQLState and message. A body it cannot decode it fails with
 * {@link #malformedRequest(String)}.
 */
public final class ProtocolException extends RuntimeException {
  private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{5}");

  private final ProtocolErrorCode code;
  private final String sqlState;
  private final int applicationCode;

  public ProtocolException(ProtocolErrorCode code, String message) {
    this(code, code.sqlState(), 0, message, null);
  }

  public ProtocolException(ProtocolErrorCode code, String message, Throwable cause) {
    this(code, code.sqlState(), 0, message, cause);
  }

  private ProtocolException(ProtocolErrorCode code, String sqlState, int applicationCode, String message,
      Throwable cause) {
    super(message, cause);
    this.code = code;
    this.sqlState = sqlState;
    this.applicationCode = applicationCode;
  }

  /** A request failure for a handler to throw, with one of Datolite's own SQLStates. */
  public static ProtocolException requestFailed(int applicationCode, SqlState state, String message) {
    return requestFailed(applicationCode, state.code(), message, null);
  }

  /** As {@link #requestFailed(int, SqlState, String)}, keeping the exception behind it for the server's log. */
  public static ProtocolException requestFailed(int applicationCode, SqlState state, String message,
      Throwable cause) {
    return requestFailed(applicationCode, state.code(), message, cause);
  }

  /**
   * A request failure for a handler to throw: {@code applicationCode} (0..65535) and
   * {@code sqlState} (five digits or capital letters, as another side may send a state this
   * build does not name) reach the client as they are.
   */
  public static ProtocolException requestFailed(int applicationCode, String sqlState, String message) {
    return requestFailed(applicationCode, sqlState, message, null);
  }

  /**
   * As {@link #requestFailed(int, String, String)}, keeping the exception behind it (which does
   * not travel) for the server's log: an internal error (SQLState XX000) is logged at ERROR with
   * the cause's stack trace.
   */
  public static ProtocolException requestFailed(int applicationCode, String sqlState, String message,
      Throwable cause) {
    if (applicationCode < 0 || applicationCode > 0xFFFF) {
      throw new IllegalArgumentException("application code " + applicationCode + " is not in 0..65535");
    }
    if (sqlState == null || !SQL_STATE.matcher(sqlState).matches()) {
      throw new IllegalArgumentException("'" + sqlState + "' is not a SQLState (five digits or capital letters)");
    }
    return new ProtocolException(ProtocolErrorCode.REQUEST_FAILED, sqlState, applicationCode, message, cause);
  }

  /**
   * A request body the handler cannot decode ({@link ProtocolErrorCode#MALFORMED_REQUEST},
   * 08P01): the message should name the request, what was wrong and what was expected. The
   * server logs it as a warning with the client's address and keeps the session open.
   */
  public static ProtocolException malformedRequest(String message) {
    return new ProtocolException(ProtocolErrorCode.MALFORMED_REQUEST, message);
  }

  /** A failure as received in a FAILURE frame; a malformed SQLState becomes the code's own. */
  static ProtocolException remote(ProtocolErrorCode code, int applicationCode, String sqlState, String message) {
    String state = SQL_STATE.matcher(sqlState).matches() ? sqlState : code.sqlState();
    return new ProtocolException(code, state, applicationCode, message, null);
  }

  public ProtocolErrorCode code() {
    return code;
  }

  /** The SQLState to report: the code's own, or the one a request handler chose. */
  public String sqlState() {
    return sqlState;
  }

  /** For {@link ProtocolErrorCode#REQUEST_FAILED}, the handler's code number; otherwise 0. */
  public int applicationCode() {
    return applicationCode;
  }

  /** The message without the code prefix, as sent on the wire. */
  public String reason() {
    return super.getMessage();
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}

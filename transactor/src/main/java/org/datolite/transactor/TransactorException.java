package org.datolite.transactor;

import org.datolite.error.SqlState;
/**
 * A transaction that could not be committed for a reason other than its content: the
 * transactor is closed, overloaded or deposed, or storage failed. {@link #outcomeKnown()} says
 * whether the caller can be sure nothing was committed.
 */
public final class TransactorException extends RuntimeException {
  /** What went wrong. */
  public enum Code {
    /** The transactor was closed or stopped. SQLState 08003. */
    CLOSED(0, SqlState.CONNECTION_DOES_NOT_EXIST),
    /** Too many transactions are waiting. SQLState 53000 (insufficient resources). */
    OVERLOADED(1, SqlState.INSUFFICIENT_RESOURCES),
    /** Another transactor took over; this one can no longer write. SQLState 08006. */
    DEPOSED(2, SqlState.CONNECTION_FAILURE),
    /**
     * Writing the log failed with a storage error; the outcome is unknown, because the store may
     * have kept the block (look the transaction up by its uuid). SQLState 58030.
     */
    STORAGE_FAILED(3, SqlState.IO_ERROR),
    /** No outcome within the timeout; the transaction may still commit. SQLState 57014. */
    TIMEOUT(4, SqlState.QUERY_CANCELED),
    /** The connection dropped after the transaction was sent; it may have committed. SQLState 08007. */
    UNKNOWN_OUTCOME(5, SqlState.TRANSACTION_RESOLUTION_UNKNOWN),
    /** No transactor could be reached; the transaction was not sent. SQLState 08001. */
    UNAVAILABLE(6, SqlState.CONNECTION_UNABLE_TO_CONNECT);

    private static final Code[] BY_NUMBER = new Code[7];

    static {
      for (Code code : values()) {
        if (BY_NUMBER[code.number] != null) {
          throw new ExceptionInInitializerError("wire number " + code.number + " is used twice");
        }
        BY_NUMBER[code.number] = code;
      }
    }

    private final int number;
    private final SqlState state;

    Code(int number, SqlState state) {
      this.number = number;
      this.state = state;
    }

    /** The code's number on the wire (a FAILURE's application code is 1000 plus it); never reused. */
    public int number() {
      return number;
    }

    /** The code with this wire number, or null for a number this build does not know. */
    public static Code ofNumber(int number) {
      return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    public SqlState state() {
      return state;
    }

    public String sqlState() {
      return state.code();
    }
  }

  private final Code code;
  private final boolean outcomeKnown;

  public TransactorException(Code code, String message, boolean outcomeKnown, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.outcomeKnown = outcomeKnown;
  }

  public Code code() {
    return code;
  }

  /** True if the transaction was certainly not committed. */
  public boolean outcomeKnown() {
    return outcomeKnown;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}

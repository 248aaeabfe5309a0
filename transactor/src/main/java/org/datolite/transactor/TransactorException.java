package org.datolite.transactor;

/**
 * A transaction that could not be committed for a reason other than its content: the
 * transactor is closed, overloaded or deposed, or storage failed. {@link #outcomeKnown()} says
 * whether the caller can be sure nothing was committed.
 */
public final class TransactorException extends RuntimeException {
  /** What went wrong. */
  public enum Code {
    /** The transactor was closed or stopped. SQLState 08003. */
    CLOSED("08003"),
    /** Too many transactions are waiting. SQLState 53000 (insufficient resources). */
    OVERLOADED("53000"),
    /** Another transactor took over; this one can no longer write. SQLState 08006. */
    DEPOSED("08006"),
    /**
     * Writing the log failed with a storage error; the outcome is unknown, because the store may
     * have kept the block (look the transaction up by its uuid). SQLState 58030.
     */
    STORAGE_FAILED("58030"),
    /** No outcome within the timeout; the transaction may still commit. SQLState 57014. */
    TIMEOUT("57014"),
    /** The connection dropped after the transaction was sent; it may have committed. SQLState 08007. */
    UNKNOWN_OUTCOME("08007"),
    /** No transactor could be reached; the transaction was not sent. SQLState 08001. */
    UNAVAILABLE("08001");

    private final String sqlState;

    Code(String sqlState) {
      this.sqlState = sqlState;
    }

    public String sqlState() {
      return sqlState;
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

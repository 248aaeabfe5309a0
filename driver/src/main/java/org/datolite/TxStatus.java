package org.datolite;

import java.util.Objects;

/**
 * What became of a transaction, looked up by the UUID it was submitted with
 * ({@link DatoliteConnection#txStatus}): how an application resolves an outcome that
 * {@code transact} could not report (a lost connection, a timeout, a failover).
 *
 * @param state committed, not committed, or not known yet
 * @param t the basis {@code t} of the committed transaction; -1 unless {@link State#COMMITTED}
 * @param reason why the state is {@link State#UNKNOWN} (null otherwise)
 */
public record TxStatus(State state, long t, String reason) {
  /** The three answers. */
  public enum State {
    /** The transaction committed, at {@code t}; a retry with its UUID is rejected, never applied twice. */
    COMMITTED,
    /**
     * No transaction with this UUID has committed. Final once the transactor that received it is
     * gone and a successor is active (its takeover fences any late write); a transactor that is
     * still running may have the transaction in its queue. Retrying with the same UUID is safe
     * either way.
     */
    NOT_COMMITTED,
    /**
     * The transactor cannot tell yet: a log write of its has an unknown outcome that it is still
     * settling, or it could not be asked (unreachable, no answer in time). Ask again later.
     */
    UNKNOWN
  }

  public TxStatus {
    Objects.requireNonNull(state, "state");
    if ((state == State.COMMITTED) != (t >= 0)) {
      throw new IllegalArgumentException("t " + t + " does not fit " + state + "; expected t >= 0 exactly when committed");
    }
  }

  static TxStatus committed(long t) {
    return new TxStatus(State.COMMITTED, t, null);
  }

  static TxStatus notCommitted() {
    return new TxStatus(State.NOT_COMMITTED, -1, null);
  }

  static TxStatus unknown(String reason) {
    return new TxStatus(State.UNKNOWN, -1, reason);
  }

  /** Whether the transaction committed. */
  public boolean isCommitted() {
    return state == State.COMMITTED;
  }
}

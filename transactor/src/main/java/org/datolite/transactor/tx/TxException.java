package org.datolite.transactor.tx;

/**
 * A rejected transaction: a {@link TxErrorCode} and a message naming the entity, attribute and
 * value involved and what was expected. Nothing of a rejected transaction is stored.
 */
public final class TxException extends RuntimeException {
  private final TxErrorCode code;

  public TxException(TxErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public TxErrorCode code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}

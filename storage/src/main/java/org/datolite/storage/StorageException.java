package org.datolite.storage;

/**
 * The one exception of the storage layer: a {@link StorageErrorCode} and a message that names
 * the key, value or setting involved and what was expected.
 */
public final class StorageException extends RuntimeException {
  private final StorageErrorCode code;

  public StorageException(StorageErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public StorageException(StorageErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public StorageErrorCode code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}

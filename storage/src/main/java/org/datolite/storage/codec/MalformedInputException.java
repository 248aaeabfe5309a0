package org.datolite.storage.codec;

/**
 * Encoded bytes that do not decode: truncated, overlong or out of range. Codecs turn it into a
 * {@link org.datolite.storage.StorageException} that names the segment or key it came from.
 */
public final class MalformedInputException extends RuntimeException {
  public MalformedInputException(String message) {
    super(message);
  }
}

package org.datolite.transactor.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proofs of the mutual challenge-response handshake. Each side contributes a fresh 32-byte
 * random nonce; each proves it knows the shared secret by sending
 *
 * <pre>
 * proof = HMAC-SHA256(secret, label | 0x00 | version u16 | clientNonce | serverNonce)
 * </pre>
 *
 * with label {@code "datolite client proof"} for the client and {@code "datolite server proof"}
 * for the server, so that neither proof can be replayed as the other, nor one connection's proof
 * in another (the other side's nonce differs), nor a proof made for one protocol version under
 * another. The secret never travels. This authenticates the two ends; it does not protect the
 * bytes after the handshake from a man in the middle, which is what TLS is for.
 *
 * <p>Comparison is in constant time ({@link MessageDigest#isEqual}).
 */
final class HandshakeProof {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] CLIENT_LABEL = "datolite client proof".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVER_LABEL = "datolite server proof".getBytes(StandardCharsets.US_ASCII);

  private HandshakeProof() {
  }

  /** A fresh random nonce. */
  static byte[] nonce() {
    byte[] nonce = new byte[Message.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  static byte[] client(byte[] secret, int version, byte[] clientNonce, byte[] serverNonce) {
    return hmac(secret, CLIENT_LABEL, version, clientNonce, serverNonce);
  }

  static byte[] server(byte[] secret, int version, byte[] clientNonce, byte[] serverNonce) {
    return hmac(secret, SERVER_LABEL, version, clientNonce, serverNonce);
  }

  /** Whether {@code actual} is {@code expected}, in time independent of where they differ. */
  static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] hmac(byte[] secret, byte[] label, int version, byte[] clientNonce, byte[] serverNonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(label);
      mac.update((byte) 0);
      mac.update((byte) (version >>> 8));
      mac.update((byte) version);
      mac.update(clientNonce);
      mac.update(serverNonce);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }
}

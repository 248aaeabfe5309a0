package org.datolite.transactor.protocol;

import java.util.Arrays;

/**
 * The protocol versions this build speaks. A client offers all of them in its HELLO; the server
 * picks the highest one both speak, or answers ERROR {@link ProtocolErrorCode#UNSUPPORTED_VERSION}
 * naming its own. A change to any frame layout or to the meaning of a field takes a new version.
 */
final class ProtocolVersion {
  /** Version 1: the layouts in {@link Message}. */
  static final int V1 = 1;
  /**
   * Version 2: the frames of version 1; the application's request and response bodies may differ
   * by version (the peer's TRANSACT: binary transaction data, an answer without the datoms).
   */
  static final int V2 = 2;
  /**
   * Version 3: the frames and bodies of version 2; the client reads the application's data of a
   * newer format (the peer: log blocks of format 2, in NOVELTY pushes and in storage). A server
   * whose data needs it refuses older clients ({@link ServerConfig.Builder#minimumVersion}).
   */
  static final int V3 = 3;

  private static final int[] SUPPORTED = {V1, V2, V3};

  private ProtocolVersion() {
  }

  static int[] supported() {
    return SUPPORTED.clone();
  }

  static boolean isSupported(int version) {
    for (int v : SUPPORTED) {
      if (v == version) {
        return true;
      }
    }
    return false;
  }

  /** The highest version in {@code offered} that this build speaks, or -1 if there is none. */
  static int choose(int[] offered) {
    int best = -1;
    for (int v : offered) {
      if (v > best && isSupported(v)) {
        best = v;
      }
    }
    return best;
  }

  static String describeSupported() {
    return Arrays.toString(SUPPORTED);
  }
}

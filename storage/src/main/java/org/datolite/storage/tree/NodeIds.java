package org.datolite.storage.tree;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of new tree nodes: time-ordered UUIDs (version 7, RFC 9562: 48 bits of Unix milliseconds,
 * then random bits), so that garbage collection can tell from a node's key when it was written
 * and never deletes one an index job wrote after its cutoff (that job's root may not be
 * installed yet). Nodes written before this scheme have random (version 4) ids: their time is
 * unknown, and they are older than any node with a time.
 */
public final class NodeIds {
  private NodeIds() {}

  /** A new id, carrying the current time. */
  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  static UUID at(long millis) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** When a node with this id was written (Unix milliseconds), or -1 if its id carries no time. */
  public static long writtenAt(UUID id) {
    return id.version() == 7 && id.variant() == 2 ? id.getMostSignificantBits() >>> 16 : -1;
  }
}

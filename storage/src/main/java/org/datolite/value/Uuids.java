package org.datolite.value;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for ids that must not repeat but need not be unguessable: a
 * transaction's id, a speculative transaction's. {@link UUID#randomUUID} draws from one shared
 * {@code SecureRandom}, which threads queue on when many transact at once; these draw from the
 * calling thread's own generator.
 */
public final class Uuids {
  private Uuids() {}

  /** A random version 4 UUID. */
  public static UUID random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb);
  }
}

package org.datolite.storage.tree;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.value.Keyword;
import org.datolite.value.Values;

/**
 * A Bloom filter of the <em>pairs</em> of leading components a segment holds: {@code (e a)} in
 * EAVT, {@code (a e)} in AEVT, {@code (a v)} in AVET, {@code (v a)} in VAET. It sits in the
 * segment's directory entry, so that a lookup of one pair (an identity or unique value, a
 * transaction's uuid, an entity's attribute) that the segment cannot hold is answered from the
 * directory without loading the segment: with random keys in several levels ({@link IndexLevels})
 * most such lookups of new values would otherwise load a segment per level.
 *
 * <p>Only AVET segments carry one ({@link #keptFor}): lookups of new values (upserts, unique checks,
 * transaction uuids) are AVET lookups, and a filter makes its directory entry about two bytes per
 * datom larger, which every rewrite of the directory pays; in EAVT and AEVT new datoms append at
 * the ends, whose segments the cache holds anyway.
 *
 * <p>Sixteen bits per distinct pair and eleven probes (double hashing of a 64-bit hash): about
 * 0.05% false positives, never a false negative. A false positive costs a segment's decoding
 * (thousands of datoms) for one lookup, against which every probe is nearly free: in the soak,
 * with eight bits and five probes (2%), a third of the writer's time still went to decoding
 * segments for lookups of new values across five or six AVET levels. The hash is defined here on each value type's content
 * (not on {@code hashCode}s a JDK may change), because filters are stored.
 */
final class KeyFilter {
  private static final int BITS_PER_KEY = 16;
  private static final int PROBES = 11;
  /** The most bytes a filter may have: a segment holds at most about a million datoms. */
  static final int MAX_BYTES = 1 << 21;

  private final long[] bits;
  private final int probes;

  private KeyFilter(long[] bits, int probes) {
    this.bits = bits;
    this.probes = probes;
  }

  /** Whether segments of {@code index} are written with a filter: AVET's only. */
  static boolean keptFor(Index index) {
    return index == Index.AVET;
  }

  /** The filter of a segment's datoms, sorted in {@code index} order (equal pairs are neighbours). */
  static KeyFilter of(Index index, Datom[] datoms) {
    long[] keys = new long[datoms.length]; // one pass over the datoms: each neighbour looked at once
    int distinct = 0;
    for (int i = 0; i < datoms.length; i++) {
      Datom d = datoms[i];
      if (i > 0 && d.v() instanceof String && datoms[i - 1].v() instanceof String) {
        // A string is read whole to hash it, and most of a segment's strings are distinct (and
        // share a prefix with their neighbour): hashing it and skipping a key equal to the one
        // before reads it once, where comparing with the neighbour first read it twice. (Two
        // different pairs of equal keys add the same bits: skipping the second loses nothing.)
        long k = key(index, d);
        if (k != keys[distinct - 1]) {
          keys[distinct++] = k;
        }
      } else if (i == 0 || !samePair(index, datoms[i - 1], d)) {
        keys[distinct++] = key(index, d);
      }
    }
    long[] bits = new long[Math.max(1, (distinct * BITS_PER_KEY + 63) / 64)];
    KeyFilter f = new KeyFilter(bits, PROBES);
    for (int i = 0; i < distinct; i++) {
      f.add(keys[i]);
    }
    return f;
  }

  private void add(long key) {
    long m = bits.length * 64L;
    long h1 = key;
    long h2 = (key >>> 32) | 1;
    for (int i = 0; i < probes; i++) {
      long bit = Math.floorMod(h1 + i * h2, m);
      bits[(int) (bit >>> 6)] |= 1L << bit;
    }
  }

  /** Whether the segment may hold datoms of the pair {@code key} ({@link #key}); false is certain. */
  boolean mayContain(long key) {
    long m = bits.length * 64L;
    long h1 = key;
    long h2 = (key >>> 32) | 1;
    for (int i = 0; i < probes; i++) {
      long bit = Math.floorMod(h1 + i * h2, m);
      if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The probe count (one byte), then the bit words, each 8 bytes big-endian. */
  byte[] toBytes() {
    byte[] out = new byte[1 + bits.length * 8];
    out[0] = (byte) probes;
    for (int i = 0; i < bits.length; i++) {
      long w = bits[i];
      for (int b = 0; b < 8; b++) {
        out[1 + i * 8 + b] = (byte) (w >>> (56 - 8 * b));
      }
    }
    return out;
  }

  static KeyFilter fromBytes(byte[] bytes) {
    if (bytes.length < 9 || (bytes.length - 1) % 8 != 0 || bytes.length > MAX_BYTES) {
      throw new MalformedInputException("a key filter of " + bytes.length
          + " bytes; expected a probe count and a positive number of 8-byte words");
    }
    int probes = bytes[0] & 0xFF;
    if (probes < 1 || probes > 32) {
      throw new MalformedInputException("a key filter of " + probes + " probes; expected 1 to 32");
    }
    long[] bits = new long[(bytes.length - 1) / 8];
    for (int i = 0; i < bits.length; i++) {
      long w = 0;
      for (int b = 0; b < 8; b++) {
        w = (w << 8) | (bytes[1 + i * 8 + b] & 0xFF);
      }
      bits[i] = w;
    }
    return new KeyFilter(bits, probes);
  }

  int sizeBytes() {
    return 1 + bits.length * 8;
  }

  /** Whether two datoms (or range bounds) have the same two leading components in {@code index} order. */
  static boolean samePair(Index index, Datom x, Datom y) {
    return switch (index) {
      case EAVT, AEVT -> x.e() == y.e() && x.a() == y.a();
      case AVET, VAET -> x.a() == y.a() && Values.compare(x.v(), y.v()) == 0;
    };
  }

  /** The 64-bit hash of a datom's two leading components in {@code index} order. */
  static long key(Index index, Datom d) {
    return switch (index) {
      case EAVT -> mix(mix(d.e()) + d.a());
      case AEVT -> mix(mix(d.a()) + d.e());
      case AVET -> mix(mix(d.a()) + valueHash(d.v()));
      case VAET -> mix(mix(valueHash(d.v())) + d.a());
    };
  }

  /** A hash of a value's content, the same for values {@link Values#equals} calls equal. */
  static long valueHash(Object v) {
    if (v instanceof Long l) {
      return mix(l);
    } else if (v instanceof String s) {
      return stringHash(s, 1);
    } else if (v instanceof Keyword k) {
      return mix(stringHash(k.namespace() == null ? "" : k.namespace(), 2) + stringHash(k.name(), 3));
    } else if (v instanceof Boolean b) {
      return b ? 0x5bd1e995L : 0x1b873593L;
    } else if (v instanceof Double d) {
      return mix(Double.doubleToLongBits(d) + 4);
    } else if (v instanceof Float f) {
      return mix(Float.floatToIntBits(f) + 5L);
    } else if (v instanceof UUID u) {
      return mix(mix(u.getMostSignificantBits()) + u.getLeastSignificantBits());
    } else if (v instanceof Instant i) {
      return mix(mix(i.getEpochSecond()) + i.getNano());
    } else if (v instanceof Date d) {
      return mix(d.getTime() + 6);
    } else if (v instanceof BigInteger b) {
      return bytesHash(b.toByteArray(), 7);
    } else if (v instanceof BigDecimal b) {
      long h = ValueCodec.hasLongUnscaled(b) ? unscaledHash(ValueCodec.unscaledLong(b), 8)
          : bytesHash(b.unscaledValue().toByteArray(), 8);
      return mix(h + b.scale());
    } else if (v instanceof byte[] b) {
      return bytesHash(b, 9);
    } else if (v instanceof URI u) {
      return stringHash(u.toString(), 10);
    } else if (v instanceof List<?> list) {
      long h = 11;
      for (Object o : list) {
        h = mix(h * 31 + (o == null ? 0 : valueHash(o)));
      }
      return h;
    }
    // a bound (Values.MIN/MAX) or another object: one hash for all, never a false negative
    return 12;
  }

  private static long stringHash(String s, long seed) {
    long h = seed;
    for (int i = 0; i < s.length(); i++) {
      h = h * 0x100000001B3L + s.charAt(i);
    }
    return mix(h);
  }

  private static long bytesHash(byte[] b, long seed) {
    long h = seed;
    for (byte x : b) {
      h = h * 0x100000001B3L + (x & 0xFF);
    }
    return mix(h);
  }

  /** {@link #bytesHash} of the bytes {@code BigInteger.valueOf(v).toByteArray()} holds, without making them. */
  private static long unscaledHash(long v, long seed) {
    long h = seed;
    for (int i = ValueCodec.twosComplementLength(v) - 1; i >= 0; i--) {
      h = h * 0x100000001B3L + ((v >>> (8 * i)) & 0xFF);
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}

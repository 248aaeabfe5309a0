package org.datolite.storage.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * The binary form of one value: a one-byte {@link ValueType#tag() tag} and a payload.
 *
 * <pre>
 * tag  type     payload
 *  0   nil      (none; only inside a tuple)
 *  1   boolean  1 byte, 0 or 1
 *  2   long     zigzag varint (refs too)
 *  3   bigint   varint n, n bytes two's complement big-endian (BigInteger.toByteArray)
 *  4   float    4 bytes IEEE 754 big-endian, NaN canonical
 *  5   double   8 bytes IEEE 754 big-endian, NaN canonical
 *  6   bigdec   zigzag varint scale, then the unscaled value as a bigint payload
 *  7   instant  zigzag varint epoch second, varint nanosecond (0..999,999,999)
 *  8   uuid     16 bytes, most significant first
 *  9   string   varint n, n bytes UTF-8
 * 10   keyword  varint (namespace bytes + 1, or 0 for none), namespace UTF-8, name as a string
 * 11   uri      as a string (its text)
 * 12   bytes    varint n, n bytes
 * 13   tuple    varint count, then each element as tag and payload
 * </pre>
 *
 * Segments store tags and payloads in separate columns ({@link SegmentCodec}); directory keys
 * and other records use the tagged form. Decoding checks every length and rejects unknown tags
 * with {@link MalformedInputException}.
 */
public final class ValueCodec {
  /** Tuples nest at most this deep, so that corrupt input cannot exhaust the stack. */
  static final int MAX_TUPLE_DEPTH = 8;

  private ValueCodec() {}

  /** Writes a value's tag and payload. */
  public static void writeTagged(ByteWriter out, Object v) {
    if (v == null) {
      out.writeByte(ValueType.NULL_TAG);
      return;
    }
    int tag = ValueType.of(v).tag();
    out.writeByte(tag);
    writePayload(out, tag, v);
  }

  /** Reads a value written by {@link #writeTagged}. */
  public static Object readTagged(ByteReader in) {
    return readTagged(in, 0);
  }

  private static Object readTagged(ByteReader in, int depth) {
    int tag = in.readByte();
    return tag == ValueType.NULL_TAG ? null : readPayload(in, tag, depth);
  }

  /**
   * Reads past a value written by {@link #writeTagged} without making it (the common types; a
   * keyword, uri, tuple or big integer is read and dropped), checking everything reading checks:
   * bytes this accepts read without an error. A reader that only needs to know where values end (a log block's datoms counted
   * before they are decoded) skips them.
   */
  public static void skipTagged(ByteReader in) {
    int tag = in.readByte();
    switch (tag) {
      case ValueType.NULL_TAG -> { }
      case 1 -> {
        if (in.readByte() > 1) {
          throw new MalformedInputException("boolean byte; expected 0 or 1");
        }
      }
      case 2 -> in.readZigZag();
      case 4 -> in.skip(Integer.BYTES);
      case 5 -> in.skip(Long.BYTES);
      case 8 -> in.skip(2 * Long.BYTES);
      case 6 -> {
        long scale = in.readZigZag();
        if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
          throw new MalformedInputException("bigdec scale " + scale + " out of int range");
        }
        int n = in.readLength();
        if (n == 0) {
          throw new MalformedInputException("bigint of zero bytes");
        }
        in.skip(n);
      }
      case 7 -> {
        long seconds = in.readZigZag();
        if (in.readVarInt() > 999_999_999) {
          throw new MalformedInputException("instant nanosecond; expected 0..999999999");
        }
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
          throw new MalformedInputException("instant " + seconds + "s out of range");
        }
      }
      case 9, 12 -> in.skip(in.readLength());
      default -> readPayload(in, tag, 0);
    }
  }

  /** Writes the payload of a value whose tag is {@code tag} (written elsewhere). */
  public static void writePayload(ByteWriter out, int tag, Object v) {
    switch (tag) {
      case 1 -> out.writeByte((Boolean) v ? 1 : 0);
      case 2 -> out.writeZigZag((Long) v);
      case 3 -> writeBigInteger(out, (BigInteger) v);
      case 4 -> out.writeInt(Float.floatToIntBits((Float) v));
      case 5 -> out.writeLong(Double.doubleToLongBits((Double) v));
      case 6 -> {
        BigDecimal d = (BigDecimal) v;
        out.writeZigZag(d.scale());
        if (hasLongUnscaled(d)) {
          writeUnscaled(out, unscaledLong(d));
        } else {
          writeBigInteger(out, d.unscaledValue());
        }
      }
      case 7 -> {
        Instant i = (Instant) v;
        out.writeZigZag(i.getEpochSecond());
        out.writeVarInt(i.getNano());
      }
      case 8 -> {
        UUID u = (UUID) v;
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
      }
      case 9 -> out.writeString((String) v);
      case 10 -> {
        Keyword k = (Keyword) v;
        if (k.namespace() == null) {
          out.writeVarInt(0);
        } else {
          byte[] ns = k.namespace().getBytes(StandardCharsets.UTF_8);
          out.writeVarInt(ns.length + 1);
          out.writeBytes(ns);
        }
        out.writeString(k.name());
      }
      case 11 -> out.writeString(v.toString());
      case 12 -> {
        byte[] b = (byte[]) v;
        out.writeVarInt(b.length);
        out.writeBytes(b);
      }
      case 13 -> {
        List<?> tuple = (List<?>) v;
        out.writeVarInt(tuple.size());
        for (Object element : tuple) {
          writeTagged(out, element);
        }
      }
      default -> throw new IllegalArgumentException("unknown value tag " + tag);
    }
  }

  /** Reads the payload of a value with tag {@code tag}. */
  public static Object readPayload(ByteReader in, int tag) {
    return readPayload(in, tag, 0);
  }

  private static Object readPayload(ByteReader in, int tag, int depth) {
    switch (tag) {
      case 1 -> {
        int b = in.readByte();
        if (b > 1) {
          throw new MalformedInputException("boolean byte " + b + "; expected 0 or 1");
        }
        return b == 1;
      }
      case 2 -> {
        return in.readZigZag();
      }
      case 3 -> {
        return readBigInteger(in);
      }
      case 4 -> {
        return Float.intBitsToFloat(in.readInt());
      }
      case 5 -> {
        return Double.longBitsToDouble(in.readLong());
      }
      case 6 -> {
        long scale = in.readZigZag();
        if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
          throw new MalformedInputException("bigdec scale " + scale + " out of int range");
        }
        return readUnscaled(in, (int) scale);
      }
      case 7 -> {
        long seconds = in.readZigZag();
        int nanos = in.readVarInt();
        if (nanos > 999_999_999) {
          throw new MalformedInputException("instant nanosecond " + nanos + "; expected 0..999999999");
        }
        try {
          return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
          throw new MalformedInputException("instant " + seconds + "s " + nanos + "ns out of range");
        }
      }
      case 8 -> {
        return new UUID(in.readLong(), in.readLong());
      }
      case 9 -> {
        return in.readString();
      }
      case 10 -> {
        int nsLength = in.readVarInt();
        String ns = null;
        if (nsLength > 0) {
          int start = in.skip(nsLength - 1);
          ns = new String(in.array(), start, nsLength - 1, StandardCharsets.UTF_8);
        }
        String name = in.readString();
        try {
          return Keyword.of(ns, name);
        } catch (IllegalArgumentException e) {
          throw new MalformedInputException("bad keyword: " + e.getMessage());
        }
      }
      case 11 -> {
        String text = in.readString();
        try {
          return new URI(text);
        } catch (URISyntaxException e) {
          throw new MalformedInputException("bad uri: " + e.getMessage());
        }
      }
      case 12 -> {
        return in.readBytes(in.readLength());
      }
      case 13 -> {
        if (depth >= MAX_TUPLE_DEPTH) {
          throw new MalformedInputException("tuples nested deeper than " + MAX_TUPLE_DEPTH);
        }
        int n = in.readLength(); // each element takes at least one byte
        List<Object> tuple = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          tuple.add(readTagged(in, depth + 1));
        }
        return Collections.unmodifiableList(tuple);
      }
      default -> throw new MalformedInputException("unknown value tag " + tag);
    }
  }

  /**
   * How many bytes {@link BigInteger#toByteArray} gives for {@code v}: its minimal big-endian
   * two's complement, whose byte {@code i} (0 the first) is {@code v >>> 8 * (n - 1 - i)}.
   */
  public static int twosComplementLength(long v) {
    return (Long.SIZE - Long.numberOfLeadingZeros(v ^ (v >> 63))) / 8 + 1;
  }

  /** Whether a decimal has at most 18 digits, so that its unscaled value fits a long ({@link #unscaledLong}). */
  public static boolean hasLongUnscaled(BigDecimal d) {
    return d.precision() <= 18;
  }

  /**
   * The unscaled value of a decimal of at most 18 digits, without the BigInteger and arrays
   * {@link BigDecimal#unscaledValue} makes.
   */
  public static long unscaledLong(BigDecimal d) {
    return d.movePointRight(d.scale()).longValueExact();
  }

  /** A long as {@link BigInteger#toByteArray} writes it, after its length. */
  private static void writeUnscaled(ByteWriter out, long v) {
    int n = twosComplementLength(v);
    out.writeVarInt(n);
    for (int i = n - 1; i >= 0; i--) {
      out.writeByte((int) (v >>> (8 * i)));
    }
  }

  private static void writeBigInteger(ByteWriter out, BigInteger v) {
    byte[] b = v.toByteArray();
    out.writeVarInt(b.length);
    out.writeBytes(b);
  }

  /**
   * A decimal from its unscaled value's two's-complement bytes: up to eight of them read as a
   * long, which makes the compact form BigDecimal keeps without a BigInteger (smaller in the
   * segment cache, and no intermediate arrays for the usual money and quantity columns).
   */
  private static BigDecimal readUnscaled(ByteReader in, int scale) {
    int n = in.readLength();
    if (n == 0) {
      throw new MalformedInputException("bigint of zero bytes");
    }
    if (n > Long.BYTES) {
      return new BigDecimal(new BigInteger(in.readBytes(n)), scale);
    }
    long v = (byte) in.readByte(); // the first byte carries the sign
    for (int i = 1; i < n; i++) {
      v = (v << 8) | in.readByte();
    }
    return BigDecimal.valueOf(v, scale);
  }

  private static BigInteger readBigInteger(ByteReader in) {
    int n = in.readLength();
    if (n == 0) {
      throw new MalformedInputException("bigint of zero bytes");
    }
    return new BigInteger(in.readBytes(n));
  }

  /** A rough count of the bytes a value takes in memory, for cache weights and segment sizing. */
  public static int estimateSize(Object v) {
    // the common final classes first: each is one class comparison, where the List (an
    // interface) check that follows them searches the class's supertypes
    if (v instanceof String s) {
      return 40 + s.length();
    } else if (v instanceof Long || v instanceof Instant || v instanceof Double || v instanceof Boolean) {
      return 16;
    } else if (v instanceof BigDecimal) {
      return 64;
    } else if (v instanceof byte[] b) {
      return 16 + b.length;
    } else if (v instanceof List<?> list) {
      int size = 32;
      for (Object o : list) {
        size += 8 + (o == null ? 0 : estimateSize(o));
      }
      return size;
    } else if (v instanceof BigInteger || v instanceof BigDecimal) {
      return 64;
    } else if (v instanceof Keyword k) {
      return 64 + k.name().length() + (k.namespace() == null ? 0 : k.namespace().length());
    } else if (v instanceof URI u) {
      return 80 + 2 * u.toString().length();
    }
    return 16;
  }
}

package org.datolite.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.value.Keyword;

/**
 * EDN forms in a binary layout, for transaction data sent to a standalone transactor: printing a
 * bulk load's rows as text and parsing them again cost more than the rest of the round trip.
 * {@code read(write(x))} is what {@code Edn.read(Edn.write(x))} is (the same Java types, the
 * same normalizing of {@code Integer}, {@code Float} and other lists, sets and maps), and
 * {@link #write} refuses what {@link Edn#write} refuses.
 *
 * <p>Each form is a tag byte and its fields (varints and zigzag varints as in the storage
 * format, {@code docs/protocol.md} lists them). A keyword is written in full the first time and
 * by its number afterwards, so the keys of a million rows cost a byte or two each.
 *
 * <p>{@link #read} is strict, for bytes off the network: a truncated form, an unknown tag, a
 * length past the end, bytes after the form, text that is not UTF-8, a keyword or symbol the
 * text reader would refuse, a number of more than {@value #MAX_NUMBER_BYTES} bytes or nesting
 * deeper than {@link EdnReader#DEFAULT_MAX_DEPTH} fail with {@link MalformedInputException}
 * naming the offset. A map key or set element given twice fails as the text reader fails it,
 * with {@link EdnException} ({@link EdnErrorCode#DUPLICATE_KEY}, {@link
 * EdnErrorCode#DUPLICATE_ELEMENT}): well-formed data that says something wrong.
 */
public final class EdnBinary {
  static final int NIL = 0;
  static final int FALSE = 1;
  static final int TRUE = 2;
  static final int LONG = 3;
  static final int BIG_INTEGER = 4;
  static final int DOUBLE = 5;
  static final int DECIMAL_LONG = 6;
  static final int DECIMAL = 7;
  static final int STRING = 8;
  static final int CHARACTER = 9;
  static final int KEYWORD = 10;
  static final int KEYWORD_AGAIN = 11;
  static final int SYMBOL = 12;
  static final int INSTANT = 13;
  static final int UUID_TAG = 14;
  static final int URI_TAG = 15;
  static final int BYTES = 16;
  static final int LIST = 17;
  static final int VECTOR = 18;
  static final int SET = 19;
  static final int MAP = 20;

  /**
   * The most bytes of a big integer or of a decimal's unscaled value: 1,000 decimal digits, the
   * text reader's limit on a number.
   */
  public static final int MAX_NUMBER_BYTES = 416;

  private EdnBinary() {}

  /**
   * The binary form of {@code form}.
   *
   * @throws IllegalArgumentException naming the part that has no EDN form, as {@link Edn#write}
   *     does
   */
  public static byte[] write(Object form) {
    ByteWriter out = new ByteWriter(4096);
    write(out, form);
    return out.toByteArray();
  }

  /** Appends the binary form of {@code form} to {@code out}; see {@link #write(Object)}. */
  public static void write(ByteWriter out, Object form) {
    new Writer(out).form(form, 0);
  }

  /**
   * Reads exactly one form from {@code length} bytes of {@code bytes} at {@code offset}.
   *
   * @throws MalformedInputException if the bytes are not one well-formed form (class comment)
   * @throws EdnException if a map or set holds a key or element twice
   */
  public static Object read(byte[] bytes, int offset, int length) {
    ByteReader in = new ByteReader(bytes, offset, length);
    Object form = new Reader(in).form(0);
    if (in.hasRemaining()) {
      throw new MalformedInputException(in.remaining() + " bytes after the form, at offset " + in.position()
          + "; expected one form");
    }
    return form;
  }

  private static final class Writer {
    private final ByteWriter out;
    private final Map<Keyword, Integer> keywords = new HashMap<>();

    Writer(ByteWriter out) {
      this.out = out;
    }

    void form(Object v, int depth) {
      if (v == null) {
        out.writeByte(NIL);
      } else if (v instanceof String s) {
        out.writeByte(STRING);
        string(s);
      } else if (v instanceof Keyword k) {
        keyword(k);
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        out.writeByte(LONG).writeZigZag(((Number) v).longValue());
      } else if (v instanceof Boolean b) {
        out.writeByte(b ? TRUE : FALSE);
      } else if (v instanceof BigDecimal d) {
        decimal(d);
      } else if (v instanceof Instant i) {
        out.writeByte(INSTANT).writeZigZag(i.getEpochSecond()).writeVarInt(i.getNano());
      } else if (v instanceof Double d) {
        out.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
      } else if (v instanceof Float f) {
        // printed as its shortest decimal and read back as a double: 0.1f becomes 0.1, not 0.100000001…
        double d = f.isNaN() || f.isInfinite() ? f.doubleValue() : Double.parseDouble(f.toString());
        out.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
      } else if (v instanceof BigInteger b) {
        byte[] bytes = b.toByteArray();
        checkNumber(bytes.length, b);
        out.writeByte(BIG_INTEGER).writeVarInt(bytes.length).writeBytes(bytes);
      } else if (v instanceof UUID u) {
        out.writeByte(UUID_TAG).writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
      } else if (v instanceof Character c) {
        out.writeByte(CHARACTER).writeByte(c >>> 8).writeByte(c & 0xFF);
      } else if (v instanceof Symbol s) {
        out.writeByte(SYMBOL);
        name(s.namespace(), s.name());
      } else if (v instanceof URI u) {
        out.writeByte(URI_TAG);
        string(u.toString());
      } else if (v instanceof byte[] b) {
        out.writeByte(BYTES).writeVarInt(b.length).writeBytes(b);
      } else if (v instanceof EdnList l) {
        sequence(LIST, l.elements(), depth);
      } else if (v instanceof List<?> l) {
        sequence(VECTOR, l, depth);
      } else if (v instanceof Set<?> s) {
        sequence(SET, s, depth);
      } else if (v instanceof Map<?, ?> m) {
        EdnPrinter.checkDepth(depth);
        out.writeByte(MAP).writeVarInt(m.size());
        int n = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          form(e.getKey(), depth + 1);
          form(e.getValue(), depth + 1);
          n++;
        }
        checkSize(n, m.size());
      } else {
        throw EdnPrinter.noEdnForm(v);
      }
    }

    private void sequence(int tag, Collection<?> elements, int depth) {
      EdnPrinter.checkDepth(depth);
      int size = elements.size();
      out.writeByte(tag).writeVarInt(size);
      int n = 0;
      for (Object e : elements) {
        form(e, depth + 1);
        n++;
      }
      checkSize(n, size);
    }

    private static void checkSize(int written, int size) {
      if (written != size) {
        throw new IllegalArgumentException("a collection changed while it was written (" + size + " elements, then "
            + written + ")");
      }
    }

    private void keyword(Keyword k) {
      Integer number = keywords.get(k);
      if (number != null) {
        out.writeByte(KEYWORD_AGAIN).writeVarInt(number);
        return;
      }
      String problem = Tokens.symbolProblem(k.namespace(), k.name());
      if (problem != null) {
        throw new IllegalArgumentException("keyword " + k + " has no EDN form: " + problem);
      }
      keywords.put(k, keywords.size());
      out.writeByte(KEYWORD);
      name(k.namespace(), k.name());
    }

    /** A namespace (a byte: 0 none, 1 one follows) and a name. */
    private void name(String namespace, String name) {
      if (namespace == null) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        string(namespace);
      }
      string(name);
    }

    /**
     * A string as UTF-8 (a varint of twice its byte length, then the bytes) or, when it is not
     * well-formed UTF-16 (an unpaired surrogate, which has no UTF-8 form), as its chars (a varint
     * of twice their count plus one, then two bytes each): any Java string survives, as it does
     * through the text printer and reader, and the transactor judges it as it would in process.
     */
    private void string(String s) {
      int start = out.size();
      out.writeVarLong((long) s.length() << 1); // an ASCII string's byte length
      if (out.writeIfAscii(s)) {
        return;
      }
      out.truncate(start);
      ByteBuffer bytes;
      try {
        bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      } catch (CharacterCodingException e) {
        out.writeVarLong(((long) s.length() << 1) | 1);
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          out.writeByte(c >>> 8).writeByte(c & 0xFF);
        }
        return;
      }
      out.writeVarLong((long) bytes.remaining() << 1);
      out.writeBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }

    private void decimal(BigDecimal d) {
      BigInteger unscaled = d.unscaledValue();
      if (unscaled.bitLength() < 64) {
        out.writeByte(DECIMAL_LONG).writeZigZag(d.scale()).writeZigZag(unscaled.longValue());
      } else {
        byte[] bytes = unscaled.toByteArray();
        checkNumber(bytes.length, d);
        out.writeByte(DECIMAL).writeZigZag(d.scale()).writeVarInt(bytes.length).writeBytes(bytes);
      }
    }

    private static void checkNumber(int bytes, Number n) {
      if (bytes > MAX_NUMBER_BYTES) {
        throw new IllegalArgumentException("a number of " + bytes + " bytes (" + n.toString().length()
            + " characters) is longer than EDN readers take; expected at most " + MAX_NUMBER_BYTES + " bytes");
      }
    }
  }

  private static final class Reader {
    private final ByteReader in;
    private final List<Keyword> keywords = new ArrayList<>();
    /** Strings, decimals and instants read before, for a form large enough to repeat them (a batch of rows). */
    private final RecentScalars recent;

    Reader(ByteReader in) {
      this.in = in;
      this.recent = in.remaining() >= RecentScalars.MIN_FORM_BYTES ? new RecentScalars(in.array()) : null;
    }

    /** The value made from the bytes {@code [at, end)} before, or {@code null} (then {@link #kept} stores it). */
    private Object again(int at, int end) {
      return recent == null ? null : recent.find(at, end);
    }

    /** {@code value}, kept for the bytes {@link #again} just missed. */
    private Object kept(Object value) {
      return recent == null ? value : recent.keep(value);
    }

    Object form(int depth) {
      int at = in.position();
      int tag = in.readByte();
      switch (tag) {
        case NIL:
          return null;
        case FALSE:
          return Boolean.FALSE;
        case TRUE:
          return Boolean.TRUE;
        case LONG:
          return in.readZigZag();
        case BIG_INTEGER:
          return new BigInteger(numberBytes(at));
        case DOUBLE:
          return Double.longBitsToDouble(in.readLong());
        case DECIMAL_LONG: {
          int scale = scale(at);
          long unscaled = in.readZigZag();
          Object again = again(at, in.position());
          return again != null ? again : kept(BigDecimal.valueOf(unscaled, scale));
        }
        case DECIMAL: {
          int scale = scale(at);
          return new BigDecimal(new BigInteger(numberBytes(at)), scale);
        }
        case STRING: {
          long header = stringHeader();
          int end = in.position() + (int) ((header & 1) != 0 ? header & ~1L : header >>> 1);
          Object again = again(at, end);
          if (again != null) {
            in.skip(end - in.position());
            return again;
          }
          return kept(stringBody(header));
        }
        case CHARACTER:
          return (char) ((in.readByte() << 8) | in.readByte());
        case KEYWORD:
          return newKeyword(at);
        case KEYWORD_AGAIN: {
          int n = in.readVarInt();
          if (n >= keywords.size()) {
            throw new MalformedInputException("keyword number " + n + " at offset " + at + " before that many were"
                + " written; expected one below " + keywords.size());
          }
          return keywords.get(n);
        }
        case SYMBOL: {
          String[] parts = name();
          try {
            return Symbol.of(parts[0], parts[1]);
          } catch (IllegalArgumentException e) {
            throw new MalformedInputException("bad symbol at offset " + at + ": " + e.getMessage());
          }
        }
        case INSTANT: {
          long seconds = in.readZigZag();
          long nanos = in.readVarLong();
          if (nanos < 0 || nanos > 999_999_999) {
            throw new MalformedInputException("instant with " + nanos + " nanoseconds at offset " + at
                + "; expected 0 to 999999999");
          }
          Object again = again(at, in.position());
          if (again != null) {
            return again;
          }
          try {
            return kept(Instant.ofEpochSecond(seconds, nanos));
          } catch (DateTimeException e) {
            throw new MalformedInputException("instant of " + seconds + " seconds at offset " + at
                + " is outside the range of java.time.Instant");
          }
        }
        case UUID_TAG:
          return new UUID(in.readLong(), in.readLong());
        case URI_TAG: {
          String text = string();
          try {
            return new URI(text);
          } catch (URISyntaxException e) {
            throw new MalformedInputException("bad URI at offset " + at + ": " + e.getMessage());
          }
        }
        case BYTES:
          return in.readBytes(in.readLength());
        case LIST:
        case VECTOR: {
          Object[] items = new Object[count(at, depth)];
          for (int i = 0; i < items.length; i++) {
            items[i] = form(depth + 1);
          }
          return tag == LIST ? EdnList.of(FrozenVector.owning(items)) : FrozenVector.owning(items);
        }
        case SET: {
          int n = count(at, depth);
          LinkedHashSet<Object> set = new LinkedHashSet<>(capacity(n));
          for (int i = 0; i < n; i++) {
            Object e = form(depth + 1);
            if (!set.add(e)) {
              throw new EdnException(EdnErrorCode.DUPLICATE_ELEMENT, 0, 0, "duplicate set element "
                  + EdnPrinter.describe(e, 60) + " in the set at byte " + at + "; expected each element once");
            }
          }
          return new FrozenSet(set);
        }
        case MAP: {
          int n = count(at, depth);
          if (n <= FrozenArrayMap.MAX_ENTRIES) {
            return smallMap(n, at, depth);
          }
          LinkedHashMap<Object, Object> map = new LinkedHashMap<>(capacity(n));
          for (int i = 0; i < n; i++) {
            Object key = form(depth + 1);
            Object value = form(depth + 1);
            map.put(key, value);
            if (map.size() != i + 1) {
              throw new EdnException(EdnErrorCode.DUPLICATE_KEY, 0, 0, "duplicate map key "
                  + EdnPrinter.describe(key, 60) + " in the map at byte " + at + "; expected each key once");
            }
          }
          return new FrozenMap(map);
        }
        default:
          throw new MalformedInputException("unknown form tag " + tag + " at offset " + at + "; expected 0 to " + MAP);
      }
    }

    /** A map of at most {@link FrozenArrayMap#MAX_ENTRIES} entries: its keys told apart by hash, then by equals. */
    private Object smallMap(int n, int at, int depth) {
      Object[] entries = new Object[2 * n];
      int[] hashes = new int[n]; // its own: a key or value may be a map too
      for (int i = 0; i < n; i++) {
        Object key = form(depth + 1);
        Object value = form(depth + 1); // read first, as the larger maps' are: a malformed value fails as such
        int h = Objects.hashCode(key);
        for (int j = 0; j < i; j++) {
          if (hashes[j] == h && Objects.equals(entries[2 * j], key)) {
            throw new EdnException(EdnErrorCode.DUPLICATE_KEY, 0, 0, "duplicate map key "
                + EdnPrinter.describe(key, 60) + " in the map at byte " + at + "; expected each key once");
          }
        }
        hashes[i] = h;
        entries[2 * i] = key;
        entries[2 * i + 1] = value;
      }
      return new FrozenArrayMap(entries);
    }

    private static int capacity(int n) {
      return (int) Math.min(1 << 30, n * 4L / 3 + 1);
    }

    /** An element count: each element takes at least a byte, so no count exceeds what is left. */
    private int count(int at, int depth) {
      if (depth >= EdnReader.DEFAULT_MAX_DEPTH) {
        throw new MalformedInputException("collections nested deeper than " + EdnReader.DEFAULT_MAX_DEPTH
            + " at offset " + at + "; expected at most " + EdnReader.DEFAULT_MAX_DEPTH);
      }
      int n = in.readVarInt();
      if (n > in.remaining()) {
        throw new MalformedInputException("collection of " + n + " elements at offset " + at + " in the "
            + in.remaining() + " bytes left");
      }
      return n;
    }

    private int scale(int at) {
      long scale = in.readZigZag();
      if (scale != (int) scale) {
        throw new MalformedInputException("decimal scale " + scale + " at offset " + at + "; expected an int");
      }
      return (int) scale;
    }

    private byte[] numberBytes(int at) {
      int n = in.readLength();
      if (n == 0 || n > MAX_NUMBER_BYTES) {
        throw new MalformedInputException("number of " + n + " bytes at offset " + at + "; expected 1 to "
            + MAX_NUMBER_BYTES);
      }
      return in.readBytes(n);
    }

    private Keyword newKeyword(int at) {
      String[] parts = name();
      String problem = Tokens.symbolProblem(parts[0], parts[1]);
      if (problem != null) {
        throw new MalformedInputException("bad keyword at offset " + at + ": " + problem);
      }
      Keyword k;
      try {
        k = Keyword.of(parts[0], parts[1]);
      } catch (IllegalArgumentException e) {
        throw new MalformedInputException("bad keyword at offset " + at + ": " + e.getMessage());
      }
      keywords.add(k);
      return k;
    }

    /** {namespace or null, name}. */
    private String[] name() {
      int at = in.position();
      int flag = in.readByte();
      if (flag > 1) {
        throw new MalformedInputException("namespace flag " + flag + " at offset " + at + "; expected 0 or 1");
      }
      String namespace = flag == 0 ? null : string();
      return new String[] {namespace, string()};
    }

    /** A string as {@link Writer#string} writes it: strict UTF-8, or UTF-16 chars. */
    private String string() {
      return stringBody(stringHeader());
    }

    /** A string's header: its length (in bytes or in chars) shifted left, and whether it is chars. */
    private long stringHeader() {
      int at = in.position();
      long header = in.readVarLong();
      long n = header >>> 1;
      boolean chars = (header & 1) != 0;
      if (n > (chars ? in.remaining() / 2 : in.remaining())) {
        throw new MalformedInputException("string of " + n + (chars ? " chars" : " bytes") + " at offset " + at
            + " in the " + in.remaining() + " bytes left");
      }
      return header;
    }

    /** The string whose header {@link #stringHeader} read. */
    private String stringBody(long header) {
      long n = header >>> 1;
      boolean chars = (header & 1) != 0;
      if (!chars) {
        return in.readUtf8((int) n);
      }
      int start = in.skip((int) (2 * n));
      byte[] buf = in.array();
      char[] cs = new char[(int) n];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = (char) (((buf[start + 2 * i] & 0xFF) << 8) | (buf[start + 2 * i + 1] & 0xFF));
      }
      return new String(cs);
    }
  }
}

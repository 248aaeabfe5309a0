package org.datolite.storage.tree;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.datolite.datom.Index;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.MalformedInputException;

/**
 * The pointer to one persisted state of a database's indexes: the root of the current and of
 * the history tree of each {@link Index}, and the basis {@code t} they include. It is the value
 * of a mutable key, replaced by compare-and-set when an indexing job finishes.
 *
 * <h2>Layout</h2>
 * A {@link Frame} of kind {@code INDEX_ROOTS} (kind byte 0) around:
 * <pre>
 * zigzag  basisT             the last t whose datoms the trees include (-1: none)
 * varint  n                  number of indexes (4: EAVT, AEVT, AVET, VAET, in that order)
 * n × { 16 bytes current root id, 16 bytes history root id }
 * </pre>
 */
public record IndexRoots(long basisT, Map<Index, UUID> current, Map<Index, UUID> history) {

  public IndexRoots {
    current = Map.copyOf(current);
    history = Map.copyOf(history);
    for (Index index : Index.values()) {
      if (!current.containsKey(index) || !history.containsKey(index)) {
        throw new IllegalArgumentException("index roots lack " + index + "; expected all four indexes");
      }
    }
  }

  public byte[] encode() {
    ByteWriter out = new ByteWriter(160);
    out.writeZigZag(basisT);
    out.writeVarInt(Index.values().length);
    for (Index index : Index.values()) {
      writeId(out, current.get(index));
      writeId(out, history.get(index));
    }
    return Frame.encode(Frame.Kind.INDEX_ROOTS, 0, out);
  }

  /** Decodes roots stored under {@code key}; corrupt bytes are an error naming the key. */
  public static IndexRoots decode(byte[] bytes, String key) {
    Frame.Body body = Frame.decode(bytes, Frame.Kind.INDEX_ROOTS, key);
    try {
      ByteReader in = new ByteReader(body.bytes());
      long basisT = in.readZigZag();
      int n = in.readVarInt();
      if (n != Index.values().length) {
        throw new MalformedInputException(n + " indexes; expected " + Index.values().length);
      }
      Map<Index, UUID> current = new EnumMap<>(Index.class);
      Map<Index, UUID> history = new EnumMap<>(Index.class);
      for (Index index : Index.values()) {
        current.put(index, readId(in));
        history.put(index, readId(in));
      }
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the last index");
      }
      return new IndexRoots(basisT, current, history);
    } catch (MalformedInputException e) {
      throw Frame.corrupt(key, Frame.Kind.INDEX_ROOTS, e.getMessage());
    }
  }

  private static void writeId(ByteWriter out, UUID id) {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }

  private static UUID readId(ByteReader in) {
    return new UUID(in.readLong(), in.readLong());
  }
}

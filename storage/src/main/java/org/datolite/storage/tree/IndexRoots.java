package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.datolite.datom.Index;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.MalformedInputException;

/**
 * The pointer to one persisted state of a database's indexes: the levels ({@link IndexLevels}) of
 * the current and of the history index of each {@link Index}, each a list of tree root ids, and
 * the basis {@code t} they include. It is the value of a mutable key, replaced by compare-and-set
 * when an indexing job finishes.
 *
 * <h2>Layout</h2>
 * A {@link Frame} of kind {@code INDEX_ROOTS} whose kind byte says the layout. Kind byte 1:
 * <pre>
 * zigzag  basisT             the last t whose datoms the trees include (-1: none)
 * varint  n                  number of indexes (4: EAVT, AEVT, AVET, VAET, in that order)
 * n × { varint c, c × 16 bytes current level root ids (oldest first),
 *       varint h, h × 16 bytes history level root ids (oldest first) }     c, h ≥ 1
 * </pre>
 * Kind byte 0 (written before indexes had levels, still read): the same with exactly one current
 * and one history root id per index and no counts.
 */
public record IndexRoots(long basisT, Map<Index, List<UUID>> current, Map<Index, List<UUID>> history) {
  private static final int ONE_TREE_EACH = 0;
  private static final int LEVELS = 1;
  /** More levels than any index has (a bound on what a corrupt record may announce). */
  private static final int MAX_LEVELS_READ = 64;

  public IndexRoots {
    current = copy(current, "current");
    history = copy(history, "history");
  }

  private static Map<Index, List<UUID>> copy(Map<Index, List<UUID>> roots, String what) {
    Map<Index, List<UUID>> out = new EnumMap<>(Index.class);
    for (Index index : Index.values()) {
      List<UUID> ids = roots.get(index);
      if (ids == null || ids.isEmpty()) {
        throw new IllegalArgumentException("index roots lack the " + what + " " + index
            + "; expected at least one level of each of the four indexes");
      }
      out.put(index, List.copyOf(ids));
    }
    return Collections.unmodifiableMap(out);
  }

  public byte[] encode() {
    ByteWriter out = new ByteWriter(160);
    out.writeZigZag(basisT);
    out.writeVarInt(Index.values().length);
    for (Index index : Index.values()) {
      writeIds(out, current.get(index));
      writeIds(out, history.get(index));
    }
    return Frame.encode(Frame.Kind.INDEX_ROOTS, LEVELS, out);
  }

  /** Decodes roots stored under {@code key}; corrupt bytes are an error naming the key. */
  public static IndexRoots decode(byte[] bytes, String key) {
    Frame.Body body = Frame.decode(bytes, Frame.Kind.INDEX_ROOTS, key);
    try {
      if (body.kindByte() != ONE_TREE_EACH && body.kindByte() != LEVELS) {
        throw new MalformedInputException("layout " + body.kindByte() + "; expected 0 or 1");
      }
      boolean levels = body.kindByte() == LEVELS;
      ByteReader in = new ByteReader(body.bytes());
      long basisT = in.readZigZag();
      int n = in.readVarInt();
      if (n != Index.values().length) {
        throw new MalformedInputException(n + " indexes; expected " + Index.values().length);
      }
      Map<Index, List<UUID>> current = new EnumMap<>(Index.class);
      Map<Index, List<UUID>> history = new EnumMap<>(Index.class);
      for (Index index : Index.values()) {
        current.put(index, readIds(in, levels));
        history.put(index, readIds(in, levels));
      }
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the last index");
      }
      return new IndexRoots(basisT, current, history);
    } catch (MalformedInputException e) {
      throw Frame.corrupt(key, Frame.Kind.INDEX_ROOTS, e.getMessage());
    }
  }

  private static void writeIds(ByteWriter out, List<UUID> ids) {
    out.writeVarInt(ids.size());
    for (UUID id : ids) {
      out.writeLong(id.getMostSignificantBits());
      out.writeLong(id.getLeastSignificantBits());
    }
  }

  private static List<UUID> readIds(ByteReader in, boolean levels) {
    int n = levels ? in.readVarInt() : 1;
    if (n < 1 || n > MAX_LEVELS_READ) {
      throw new MalformedInputException(n + " levels; expected 1 to " + MAX_LEVELS_READ);
    }
    List<UUID> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(new UUID(in.readLong(), in.readLong()));
    }
    return ids;
  }
}

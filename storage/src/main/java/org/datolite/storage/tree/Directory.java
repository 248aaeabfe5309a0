package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.storage.codec.ValueCodec;

/**
 * An inner node of an index tree: for each child, its first datom, its id and how many datoms
 * lie under it. Level 1 directories list segments; the root (level 2) lists directories.
 *
 * <p>Cumulative counts are kept beside the counts, so that the number of datoms before any
 * child is one array read: with the root and a directory in cache, a range count costs two
 * binary searches per bound plus one in each boundary segment.
 *
 * <h2>Layout</h2>
 * A {@link Frame} of kind {@code DIRECTORY} (kind byte: the index code), format version 2, around:
 * <pre>
 * varint  level              1: children are segments; 2: children are directories
 * varint  n                  number of children (0 only for the root of an empty tree)
 * n × {
 *   zigzag e, zigzag a, tagged value, zigzag tx, byte added    the child's first datom
 *   8 bytes, 8 bytes                                          child id (UUID msb, lsb)
 *   varint count                                              datoms under the child (≥ 1)
 *   varint f, f bytes                                         the segment's {@link KeyFilter} (0: none)
 * }
 * </pre>
 * Version 1 (still read) has no filter field: its segments are always loaded for a lookup.
 */
final class Directory {
  static final int SEGMENTS = 1;
  static final int DIRECTORIES = 2;

  private final Index index;
  private final int level;
  private final Datom[] firstKeys;
  private final UUID[] children;
  private final long[] counts;
  private final long[] before;
  private final KeyFilter[] filters;
  private final int weight;

  Directory(Index index, int level, List<Entry> entries) {
    this.index = index;
    this.level = level;
    int n = entries.size();
    firstKeys = new Datom[n];
    children = new UUID[n];
    counts = new long[n];
    before = new long[n + 1];
    filters = new KeyFilter[n];
    long w = 96 + 88L * n;
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      firstKeys[i] = e.firstKey();
      children[i] = e.child();
      counts[i] = e.count();
      filters[i] = e.filter();
      w += e.filter() == null ? 0 : e.filter().sizeBytes();
      before[i + 1] = before[i] + e.count();
      w += ValueCodec.estimateSize(e.firstKey().v());
    }
    weight = (int) Math.min(Integer.MAX_VALUE, w);
  }

  /** One child: its first datom, its id, its datom count and, for a segment, its key filter (or null). */
  record Entry(Datom firstKey, UUID child, long count, KeyFilter filter) {
    Entry(Datom firstKey, UUID child, long count) {
      this(firstKey, child, count, null);
    }
  }

  Index index() {
    return index;
  }

  int level() {
    return level;
  }

  int size() {
    return children.length;
  }

  Datom firstKey(int i) {
    return firstKeys[i];
  }

  UUID child(int i) {
    return children[i];
  }

  long count(int i) {
    return counts[i];
  }

  /** Datoms under children {@code 0..i-1}. */
  long before(int i) {
    return before[i];
  }

  /** Datoms under this directory. */
  long total() {
    return before[children.length];
  }

  Entry entry(int i) {
    return new Entry(firstKeys[i], children[i], counts[i], filters[i]);
  }

  /** The key filter of child {@code i} (a segment), or null if it has none. */
  KeyFilter filter(int i) {
    return filters[i];
  }

  int weight() {
    return weight;
  }

  /**
   * The child whose range holds {@code key}: the last child whose first datom is at or below it,
   * or 0 when {@code key} precedes them all. Requires a non-empty directory.
   */
  int childFor(Datom key) {
    return Math.max(childrenAtOrBelow(key) - 1, 0);
  }

  /** The number of children whose first datom is at or below {@code key}. */
  int childrenAtOrBelow(Datom key) {
    return Segment.rank(firstKeys, firstKeys.length, key, true, index.comparator());
  }

  byte[] encode() {
    ByteWriter out = new ByteWriter(64 + 48 * children.length);
    out.writeVarInt(level);
    out.writeVarInt(children.length);
    for (int i = 0; i < children.length; i++) {
      writeDatom(out, firstKeys[i]);
      out.writeLong(children[i].getMostSignificantBits());
      out.writeLong(children[i].getLeastSignificantBits());
      out.writeVarLong(counts[i]);
      byte[] filter = filters[i] == null ? new byte[0] : filters[i].toBytes();
      out.writeVarInt(filter.length);
      out.writeBytes(filter);
    }
    return Frame.encode(Frame.Kind.DIRECTORY, index.ordinal(), out);
  }

  static Directory decode(byte[] bytes, String key) {
    Frame.Body frame = Frame.decode(bytes, Frame.Kind.DIRECTORY, key);
    try {
      Index index = Index.ofCode(frame.kindByte());
      ByteReader in = new ByteReader(frame.bytes());
      int level = in.readVarInt();
      if (level != SEGMENTS && level != DIRECTORIES) {
        throw new MalformedInputException("level " + level + "; expected 1 or 2");
      }
      int n = in.readLength();
      ArrayList<Entry> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Datom first = readDatom(in);
        UUID child = new UUID(in.readLong(), in.readLong());
        long count = in.readVarLong();
        if (count <= 0) {
          throw new MalformedInputException("child " + i + " has count " + count);
        }
        KeyFilter filter = null;
        if (frame.version() >= 2) {
          int length = in.readLength();
          if (length > 0) {
            if (level != SEGMENTS) {
              throw new MalformedInputException("child " + i + " is a directory with a key filter");
            }
            filter = KeyFilter.fromBytes(in.readBytes(length));
          }
        }
        if (i > 0 && index.comparator().compare(entries.get(i - 1).firstKey(), first) >= 0) {
          throw new MalformedInputException("first keys out of order at child " + i);
        }
        entries.add(new Entry(first, child, count, filter));
      }
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the last child");
      }
      return new Directory(index, level, entries);
    } catch (MalformedInputException | IllegalArgumentException e) {
      throw Frame.corrupt(key, Frame.Kind.DIRECTORY, e.getMessage());
    }
  }

  static void writeDatom(ByteWriter out, Datom d) {
    out.writeZigZag(d.e());
    out.writeZigZag(d.a());
    ValueCodec.writeTagged(out, d.v());
    out.writeZigZag(d.tx());
    out.writeByte(d.added() ? 1 : 0);
  }

  static Datom readDatom(ByteReader in) {
    long e = in.readZigZag();
    long a = in.readZigZag();
    Object v = ValueCodec.readTagged(in);
    if (v == null) {
      throw new MalformedInputException("a datom's value is nil");
    }
    long tx = in.readZigZag();
    int added = in.readByte();
    if (added > 1) {
      throw new MalformedInputException("added byte " + added + "; expected 0 or 1");
    }
    return new Datom(e, a, v, tx, added == 1);
  }

  @Override
  public String toString() {
    return "Directory[" + index + ", level " + level + ", " + children.length + " children, "
        + total() + " datoms" + (children.length > 0 ? ", first " + Edn.describe(firstKeys[0].v()) : "") + "]";
  }
}

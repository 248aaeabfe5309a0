package org.datolite.storage.tree;

/**
 * The shape of index trees: how many datoms a segment and how many children a directory aim
 * for. A node is cut when it reaches its target; a rewritten run of up to twice the target stays
 * one node, so that a few added datoms never split a full segment into a full one and a tiny
 * one.
 *
 * @param segmentDatoms target datoms per segment (Datomic uses 1k–20k)
 * @param segmentBytes target estimated heap bytes per segment, so that large values make
 *     shorter segments (a single larger datom gets a segment of its own)
 * @param directoryFanout target children per directory
 */
public record TreeConfig(int segmentDatoms, int segmentBytes, int directoryFanout) {

  /** 4096 datoms or about 256 KiB per segment, 1000 segments per directory. */
  public static final TreeConfig DEFAULT = new TreeConfig(4096, 256 << 10, 1000);

  public TreeConfig {
    if (segmentDatoms < 2 || segmentDatoms > 1 << 20) {
      throw new IllegalArgumentException("segmentDatoms " + segmentDatoms + "; expected 2..1048576");
    }
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException("segmentBytes " + segmentBytes + "; expected at least 1024");
    }
    if (directoryFanout < 2 || directoryFanout > 100_000) {
      throw new IllegalArgumentException("directoryFanout " + directoryFanout + "; expected 2..100000");
    }
  }
}
